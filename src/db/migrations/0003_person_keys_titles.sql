-- 0003: a person is known by 工号 or by 身份证号 (most branch rosters carry no 工号), and 职称 is
-- kept as written (高级工程师, 政工师 …); its level (正高级/副高级/中级/初级) is derived when read.
-- SQLite cannot drop NOT NULL in place, so the table is rebuilt (the runner turns foreign keys
-- off around migrations and checks them before committing).

CREATE TABLE person_new (
    id                   INTEGER PRIMARY KEY,
    uid                  TEXT    NOT NULL UNIQUE,
    employee_no          TEXT    UNIQUE,       -- 工号; NULL when the roster has none
    name                 TEXT    NOT NULL,
    name_initials        TEXT    NOT NULL,
    gender               TEXT    NOT NULL CHECK (gender IN ('1', '2')),
    birth_date           TEXT    NOT NULL,
    id_number            TEXT UNIQUE,
    ethnicity            TEXT,
    political_status     TEXT,
    education            TEXT,
    professional_title   TEXT,                 -- the title's name as written, e.g. '高级工程师'
    skill_level          TEXT,
    position             TEXT,
    unit_id              INTEGER NOT NULL REFERENCES unit (id),
    work_start_date      TEXT,
    hire_date            TEXT,
    phone                TEXT,
    political_cadre      INTEGER NOT NULL DEFAULT 0 CHECK (political_cadre IN (0, 1)),
    reserve_talent       INTEGER NOT NULL DEFAULT 0 CHECK (reserve_talent IN (0, 1)),
    retirement_category  TEXT CHECK (retirement_category IN ('cadre', 'worker')),
    left_date            TEXT,
    leave_reason         TEXT,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    CHECK (employee_no IS NOT NULL OR id_number IS NOT NULL)
);

-- Titles were stored as level codes; the level's name is the best title we still have.
INSERT INTO person_new
SELECT id, uid, employee_no, name, name_initials, gender, birth_date, id_number, ethnicity,
       political_status, education,
       CASE professional_title
           WHEN '1' THEN '正高级' WHEN '2' THEN '副高级' WHEN '3' THEN '中级'
           WHEN '4' THEN '初级' WHEN '9' THEN '无' ELSE professional_title END,
       skill_level, position, unit_id, work_start_date, hire_date, phone, political_cadre,
       reserve_talent, retirement_category, left_date, leave_reason, created_at, updated_at
  FROM person;

DROP TABLE person;
ALTER TABLE person_new RENAME TO person;
CREATE INDEX person_unit ON person (unit_id);
CREATE INDEX person_name ON person (name);
CREATE INDEX person_initials ON person (name_initials);
