-- 0009 (issue 15): 党群沟通 — what staff say and how it was followed up. 群众诉求 with their
-- steps, 思想动态 / 舆情 entries, 领导班子联系点 with their visits and yearly plan, 谈心谈话
-- records, and the 职工思想动态分析报告 texts. Dates are 'YYYY-MM-DD', times
-- 'YYYY-MM-DD HH:MM:SS' (local), as everywhere else.

-- The categories a concern is filed under; users may add, rename, retire and change each
-- one's default deadline. A category in use is retired, never deleted.
CREATE TABLE concern_category (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    deadline_days INTEGER NOT NULL CHECK (deadline_days BETWEEN 1 AND 365),
    position      INTEGER NOT NULL,
    retired       INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
);
INSERT INTO concern_category (name, deadline_days, position) VALUES
    ('薪酬待遇', 15, 1), ('工作环境', 15, 2), ('安全生产', 7, 3), ('生活后勤', 10, 4),
    ('职业发展', 30, 5), ('劳动保护', 10, 6), ('政策咨询', 7, 7), ('思想情绪', 7, 8),
    ('其他', 15, 9);

-- 谈心谈话: one talk between `talker_id` (who talked) and `person_id` (with whom). The summary
-- is sensitive: only the account that recorded it, the account linked to the talker and an
-- administrator see it; it never reaches the audit trail (src/db/changes.rs NEVER).
CREATE TABLE talk (
    id          INTEGER PRIMARY KEY,
    uid         TEXT    NOT NULL UNIQUE,
    talked_on   TEXT    NOT NULL,
    talker_id   INTEGER NOT NULL REFERENCES person (id),
    person_id   INTEGER NOT NULL REFERENCES person (id),
    kind        TEXT    NOT NULL CHECK (kind IN
                    ('daily', 'reminder', 'hardship', 'newcomer', 'transfer', 'leaving', 'other')),
    topic       TEXT    NOT NULL,
    summary     TEXT,
    follow_up   INTEGER NOT NULL DEFAULT 0 CHECK (follow_up IN (0, 1)),
    recorded_by INTEGER REFERENCES account (id),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    CHECK (talker_id <> person_id)
);
CREATE INDEX talk_by_date ON talk (talked_on);
CREATE INDEX talk_by_person ON talk (person_id, talked_on);
CREATE INDEX talk_by_talker ON talk (talker_id, talked_on);

-- 领导班子联系点: a leader (a person) and the unit he keeps contact with.
CREATE TABLE contact_point (
    id        INTEGER PRIMARY KEY,
    leader_id INTEGER NOT NULL REFERENCES person (id),
    unit_id   INTEGER NOT NULL REFERENCES unit (id),
    since     TEXT    NOT NULL,
    note      TEXT,
    UNIQUE (leader_id, unit_id)
);

-- The yearly plan: visits per quarter for a point in a year (no row: 1).
CREATE TABLE contact_plan (
    point_id    INTEGER NOT NULL REFERENCES contact_point (id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    per_quarter INTEGER NOT NULL CHECK (per_quarter BETWEEN 0 AND 12),
    PRIMARY KEY (point_id, year)
) WITHOUT ROWID;

-- A leader's visit to a unit (his contact point, or another one).
CREATE TABLE contact_visit (
    id           INTEGER PRIMARY KEY,
    uid          TEXT    NOT NULL UNIQUE,
    visited_on   TEXT    NOT NULL,
    leader_id    INTEGER NOT NULL REFERENCES person (id),
    unit_id      INTEGER NOT NULL REFERENCES unit (id),
    participants TEXT,
    findings     TEXT,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
CREATE INDEX contact_visit_by_date ON contact_visit (visited_on);
CREATE INDEX contact_visit_by_point ON contact_visit (leader_id, unit_id, visited_on);

-- 思想动态 / 舆情: what was observed, graded, judged and (较大 / 重大) reported up.
CREATE TABLE opinion (
    id          INTEGER PRIMARY KEY,
    uid         TEXT    NOT NULL UNIQUE,
    observed_at TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('internal', 'online')),
    channel     TEXT,
    title       TEXT    NOT NULL,
    detail      TEXT,
    level       TEXT    NOT NULL CHECK (level IN ('normal', 'major', 'grave')),
    trend       TEXT    NOT NULL CHECK (trend IN ('steady', 'rising', 'falling')),
    assessment  TEXT,
    measures    TEXT,
    reported_at TEXT,
    reported_to TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX opinion_by_time ON opinion (observed_at);

CREATE TABLE opinion_unit (
    opinion_id INTEGER NOT NULL REFERENCES opinion (id) ON DELETE CASCADE,
    unit_id    INTEGER NOT NULL REFERENCES unit (id),
    PRIMARY KEY (opinion_id, unit_id)
) WITHOUT ROWID;

-- 群众诉求: 已受理 (received) → 办理中 (in_progress) → 已答复 (replied) → 已办结 (closed).
CREATE TABLE concern (
    id                INTEGER PRIMARY KEY,
    uid               TEXT    NOT NULL UNIQUE,
    received_on       TEXT    NOT NULL,
    source            TEXT    NOT NULL CHECK (source IN
                          ('forum', 'talk', 'visit', 'mailbox', 'online', 'call', 'other')),
    activity_id       INTEGER REFERENCES activity (id),
    talk_id           INTEGER REFERENCES talk (id),
    visit_id          INTEGER REFERENCES contact_visit (id),
    opinion_id        INTEGER REFERENCES opinion (id),
    raiser_kind       TEXT    NOT NULL CHECK (raiser_kind IN ('person', 'anonymous', 'group')),
    raiser_id         INTEGER REFERENCES person (id),
    raiser_group      TEXT,
    unit_id           INTEGER REFERENCES unit (id),
    category_id       INTEGER NOT NULL REFERENCES concern_category (id),
    content           TEXT    NOT NULL,
    status            TEXT    NOT NULL DEFAULT 'received' CHECK (status IN
                          ('received', 'in_progress', 'replied', 'closed')),
    handler_unit_id   INTEGER REFERENCES unit (id),
    handler_person_id INTEGER REFERENCES person (id),
    deadline          TEXT    NOT NULL,
    reply             TEXT,
    replied_on        TEXT,
    closed_on         TEXT,
    satisfaction      TEXT CHECK (satisfaction IN ('satisfied', 'basically', 'unsatisfied')),
    escalated_on      TEXT,
    escalated_to      TEXT,
    escalation_note   TEXT,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    CHECK ((raiser_kind = 'person') = (raiser_id IS NOT NULL))
);
CREATE INDEX concern_by_date ON concern (received_on);
CREATE INDEX concern_by_status ON concern (status, deadline);
CREATE INDEX concern_by_activity ON concern (activity_id);

-- Every step of a concern: who, when, what, and the status after it.
CREATE TABLE concern_step (
    id         INTEGER PRIMARY KEY,
    concern_id INTEGER NOT NULL REFERENCES concern (id),
    at         TEXT    NOT NULL,
    actor      TEXT    NOT NULL,
    step       TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    note       TEXT
);
CREATE INDEX concern_step_by_concern ON concern_step (concern_id, id);

-- 职工思想动态分析报告: the period, the unit (none: the whole company) and the cadre's own
-- text for the four sections; the figures are computed whenever it is shown or printed.
CREATE TABLE opinion_report (
    id          INTEGER PRIMARY KEY,
    uid         TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    unit_id     INTEGER REFERENCES unit (id),
    period_from TEXT    NOT NULL,
    period_to   TEXT    NOT NULL,
    overall     TEXT,
    main_trends TEXT,
    causes      TEXT,
    next_steps  TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

-- An account may stand for a person (the talker of a 谈心谈话 sees his own summaries).
ALTER TABLE account ADD COLUMN person_id INTEGER REFERENCES person (id);
