-- 0001: units, staff, activities, invitees/attendance, audit log.
-- Landed migrations are never edited; add 0002_… instead.

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,               -- local time, 'YYYY-MM-DD HH:MM:SS'
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,               -- stable code, e.g. 'person.add'
    detail    TEXT    NOT NULL DEFAULT ''     -- human summary; never ID numbers, phones or birth dates
);

CREATE TABLE unit (
    id         INTEGER PRIMARY KEY,
    uid        TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('company', 'department', 'station', 'team')),
    parent_id  INTEGER REFERENCES unit (id),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT    NOT NULL
);
CREATE INDEX unit_parent ON unit (parent_id);
-- Sibling names are unique so that a unit can be named on the command line.
CREATE UNIQUE INDEX unit_sibling_name ON unit (ifnull(parent_id, 0), name);

CREATE TABLE person (
    id                   INTEGER PRIMARY KEY,
    uid                  TEXT    NOT NULL UNIQUE,
    employee_no          TEXT    NOT NULL UNIQUE,
    name                 TEXT    NOT NULL,
    name_initials        TEXT    NOT NULL,     -- pinyin initials for search, e.g. 'zs' for 张三
    gender               TEXT    NOT NULL CHECK (gender IN ('1', '2')),   -- GB/T 2261.1
    birth_date           TEXT    NOT NULL,     -- 'YYYY-MM-DD'
    id_number            TEXT UNIQUE,          -- GB 11643, 18 characters, upper-case X
    ethnicity            TEXT,                 -- GB/T 3304 code
    political_status     TEXT,                 -- GB/T 4762 code
    education            TEXT,                 -- GB/T 4658 code
    professional_title   TEXT,
    skill_level          TEXT,
    position             TEXT,
    unit_id              INTEGER NOT NULL REFERENCES unit (id),
    work_start_date      TEXT,
    hire_date            TEXT,
    phone                TEXT,
    political_cadre      INTEGER NOT NULL DEFAULT 0 CHECK (political_cadre IN (0, 1)),
    reserve_talent       INTEGER NOT NULL DEFAULT 0 CHECK (reserve_talent IN (0, 1)),
    retirement_category  TEXT CHECK (retirement_category IN ('cadre', 'worker')),
    left_date            TEXT,                 -- NULL while in post
    leave_reason         TEXT,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL
);
CREATE INDEX person_unit ON person (unit_id);
CREATE INDEX person_name ON person (name);
CREATE INDEX person_initials ON person (name_initials);

CREATE TABLE activity (
    id                  INTEGER PRIMARY KEY,
    uid                 TEXT    NOT NULL UNIQUE,
    series_uid          TEXT,
    kind                TEXT    NOT NULL,
    mode                TEXT    NOT NULL CHECK (mode IN ('offline', 'online', 'hybrid')),
    title               TEXT    NOT NULL,
    starts_at           TEXT    NOT NULL,      -- local 'YYYY-MM-DD HH:MM:SS'
    ends_at             TEXT    NOT NULL,
    place               TEXT,
    online_meeting      TEXT,
    organizer_unit_id   INTEGER REFERENCES unit (id),
    host                TEXT,
    description         TEXT,
    status              TEXT    NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    summary             TEXT,
    late_grace_minutes  INTEGER NOT NULL DEFAULT 10 CHECK (late_grace_minutes >= 0),
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX activity_starts ON activity (starts_at);
CREATE INDEX activity_series ON activity (series_uid);
CREATE INDEX activity_organizer ON activity (organizer_unit_id);

-- One row per (activity, person): the frozen invitee list and what happened.
-- invited = 0 marks a walk-in (checked in without being on the list).
-- status NULL = not checked in yet; once the activity is held it counts as absent.
CREATE TABLE attendance (
    activity_id    INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES person (id),
    invited        INTEGER NOT NULL DEFAULT 1 CHECK (invited IN (0, 1)),
    status         TEXT CHECK (status IN ('present', 'late', 'leave', 'absent')),
    checked_in_at  TEXT,
    leave_reason   TEXT,
    PRIMARY KEY (activity_id, person_id)
) WITHOUT ROWID;
CREATE INDEX attendance_person ON attendance (person_id, activity_id);
