-- 0007 (issue 12): each person's year of held activities as one compact row, so that the
-- statistics over a year (出勤率 by unit and by person, 按活动类型, 连续缺席, 未出勤名单) read
-- ~10,000 rows at city scale instead of the year's ~340,000 attendance rows.
--
-- attendance_timeline: one row per (year of the activity's start, person) with at least one
-- row at a held activity that year; `entries` is their list in order of the activities' start,
-- 12 bytes each (src/attendance/timeline.rs: activity id, start day, days to its last day,
-- kind, what the row adds to). Written only by Rust (timeline::refresh), never by the triggers.
--
-- attendance_timeline_dirty: the (person, year) whose timeline is out of date. The triggers
-- below add to it on every change that can alter a timeline; `Db::transact` makes those
-- timelines again before it commits, and readers compute any (person, year) still listed from
-- the attendance rows, so a figure is never read from an out-of-date timeline.
CREATE TABLE attendance_timeline (
    year       INTEGER NOT NULL,
    person_id  INTEGER NOT NULL,
    entries    BLOB    NOT NULL,
    PRIMARY KEY (year, person_id)
) WITHOUT ROWID;

CREATE TABLE attendance_timeline_dirty (
    person_id  INTEGER NOT NULL,
    year       INTEGER NOT NULL,
    PRIMARY KEY (person_id, year)
) WITHOUT ROWID;

CREATE TRIGGER attendance_timeline_insert AFTER INSERT ON attendance BEGIN
    INSERT OR IGNORE INTO attendance_timeline_dirty (person_id, year)
        SELECT new.person_id, CAST(substr(a.starts_at, 1, 4) AS INTEGER)
          FROM activity a WHERE a.id = new.activity_id;
END;

CREATE TRIGGER attendance_timeline_delete AFTER DELETE ON attendance BEGIN
    INSERT OR IGNORE INTO attendance_timeline_dirty (person_id, year)
        SELECT old.person_id, CAST(substr(a.starts_at, 1, 4) AS INTEGER)
          FROM activity a WHERE a.id = old.activity_id;
END;

-- checked_in_at and leave_reason are not in a timeline: a change to only those is no change.
CREATE TRIGGER attendance_timeline_update
AFTER UPDATE OF activity_id, person_id, invited, status ON attendance BEGIN
    INSERT OR IGNORE INTO attendance_timeline_dirty (person_id, year)
        SELECT old.person_id, CAST(substr(a.starts_at, 1, 4) AS INTEGER)
          FROM activity a WHERE a.id = old.activity_id;
    INSERT OR IGNORE INTO attendance_timeline_dirty (person_id, year)
        SELECT new.person_id, CAST(substr(a.starts_at, 1, 4) AS INTEGER)
          FROM activity a WHERE a.id = new.activity_id;
END;

-- Held or not, kind, start and end are in every entry of the activity's invitees.
CREATE TRIGGER activity_timeline_update
AFTER UPDATE OF status, kind, starts_at, ends_at ON activity BEGIN
    INSERT OR IGNORE INTO attendance_timeline_dirty (person_id, year)
        SELECT t.person_id, CAST(substr(old.starts_at, 1, 4) AS INTEGER)
          FROM attendance t WHERE t.activity_id = old.id;
    INSERT OR IGNORE INTO attendance_timeline_dirty (person_id, year)
        SELECT t.person_id, CAST(substr(new.starts_at, 1, 4) AS INTEGER)
          FROM attendance t WHERE t.activity_id = new.id;
END;

-- Before: once the activity is gone, its attendance rows (deleted by the cascade) can no
-- longer say which year they were in.
CREATE TRIGGER activity_timeline_delete BEFORE DELETE ON activity BEGIN
    INSERT OR IGNORE INTO attendance_timeline_dirty (person_id, year)
        SELECT t.person_id, CAST(substr(old.starts_at, 1, 4) AS INTEGER)
          FROM attendance t WHERE t.activity_id = old.id;
END;

-- Every existing (person, year) is out of date until the first open makes them (Db::open).
INSERT OR IGNORE INTO attendance_timeline_dirty (person_id, year)
    SELECT DISTINCT t.person_id, CAST(substr(a.starts_at, 1, 4) AS INTEGER)
      FROM attendance t JOIN activity a ON a.id = t.activity_id;
