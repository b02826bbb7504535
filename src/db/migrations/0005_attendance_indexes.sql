-- 0005 (issue 12): the did-not-attend list reads only the rows of invitees who did not come
-- (no status, 缺席 or 请假: about one in ten), not every row of the period's activities, and
-- holds the columns it shows, so the table itself is not visited.
-- Used by name (INDEXED BY) in attendance::absences_sql, whose WHERE repeats this condition.
CREATE INDEX attendance_missed ON attendance (activity_id, person_id, invited, status, leave_reason)
    WHERE invited = 1 AND (status IS NULL OR status IN ('absent', 'leave'));
