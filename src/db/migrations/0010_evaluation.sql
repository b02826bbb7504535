-- 0010 (issue 16): 考核评价 of political-work cadres and 推优评先 with the honours roll.
-- Dates are 'YYYY-MM-DD', times 'YYYY-MM-DD HH:MM:SS' (local), as everywhere else.

-- 考核指标体系. A system is versioned: every version of one system shares `family_uid`; a
-- version used by a round that has left 评分中 is never changed again (an edit makes the next
-- version, and the old one is marked `superseded`).
CREATE TABLE indicator_system (
    id                INTEGER PRIMARY KEY,
    uid               TEXT    NOT NULL UNIQUE,
    family_uid        TEXT    NOT NULL,
    version           INTEGER NOT NULL CHECK (version >= 1),
    name              TEXT    NOT NULL,
    note              TEXT,
    -- Evaluators' marks: with at least this many marks the highest and the lowest are dropped
    -- (0: never).
    drop_extremes_min INTEGER NOT NULL DEFAULT 5 CHECK (drop_extremes_min = 0 OR drop_extremes_min >= 3),
    -- 民主测评: the points of a ballot of each choice.
    points_excellent  REAL    NOT NULL DEFAULT 100 CHECK (points_excellent BETWEEN 0 AND 100),
    points_competent  REAL    NOT NULL DEFAULT 80 CHECK (points_competent BETWEEN 0 AND 100),
    points_basic      REAL    NOT NULL DEFAULT 60 CHECK (points_basic BETWEEN 0 AND 100),
    points_incompetent REAL   NOT NULL DEFAULT 0 CHECK (points_incompetent BETWEEN 0 AND 100),
    superseded        INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1)),
    retired           INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    UNIQUE (family_uid, version)
);

-- An indicator of a system version. Weights of a system sum to 100. `method`: 'auto' (from the
-- app's data: `source`, scored by `rule` against `target` or `bands`), 'marks' (evaluators'
-- 0–100 marks) or 'ballot' (民主测评 tally).
CREATE TABLE indicator (
    id        INTEGER PRIMARY KEY,
    system_id INTEGER NOT NULL REFERENCES indicator_system (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    category  TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    weight    REAL    NOT NULL CHECK (weight > 0 AND weight <= 100),
    method    TEXT    NOT NULL CHECK (method IN ('auto', 'marks', 'ballot')),
    source    TEXT,
    rule      TEXT    CHECK (rule IN ('proportional', 'bands')),
    target    REAL,
    -- Bands, best first: 'at least:score' pairs, e.g. '95:100,90:90,80:75,0:60'.
    bands     TEXT,
    note      TEXT,
    CHECK ((method = 'auto') = (source IS NOT NULL AND rule IS NOT NULL))
);
CREATE INDEX indicator_by_system ON indicator (system_id, position);

-- 考核: a round of evaluation with the system version it uses.
CREATE TABLE eval_round (
    id              INTEGER PRIMARY KEY,
    uid             TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('daily', 'regular', 'special')),
    period_from     TEXT    NOT NULL,
    period_to       TEXT    NOT NULL,
    system_id       INTEGER NOT NULL REFERENCES indicator_system (id),
    -- Grade bands: a total at least this is 优秀 / 称职 / 基本称职; below 基本称职 is 不称职.
    grade_excellent REAL    NOT NULL DEFAULT 90,
    grade_competent REAL    NOT NULL DEFAULT 75,
    grade_basic     REAL    NOT NULL DEFAULT 60,
    -- 优秀 quota as a percentage of those evaluated (NULL: none).
    excellent_quota REAL    CHECK (excellent_quota IS NULL OR (excellent_quota > 0 AND excellent_quota <= 100)),
    status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'feedback', 'published')),
    computed_at     TEXT,
    published_at    TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    CHECK (period_from <= period_to),
    CHECK (grade_basic <= grade_competent AND grade_competent <= grade_excellent)
);

-- Who is evaluated in a round, with the unit whose work the automatic indicators read, and
-- (once computed) the result, the 反馈 and the person's 确认.
CREATE TABLE eval_subject (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES eval_round (id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES person (id),
    unit_id      INTEGER NOT NULL REFERENCES unit (id),
    total        REAL,
    rank         INTEGER,
    grade        TEXT    CHECK (grade IN ('excellent', 'competent', 'basic', 'incompetent')),
    grade_note   TEXT,
    feedback     TEXT,
    reply        TEXT,
    confirmed_at TEXT,
    UNIQUE (round_id, person_id)
);
CREATE INDEX eval_subject_by_person ON eval_subject (person_id);

-- One evaluator's mark (0–100) of one subject on one 'marks' indicator.
CREATE TABLE eval_mark (
    id           INTEGER PRIMARY KEY,
    subject_id   INTEGER NOT NULL REFERENCES eval_subject (id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicator (id),
    evaluator    TEXT    NOT NULL,
    mark         REAL    NOT NULL CHECK (mark BETWEEN 0 AND 100),
    UNIQUE (subject_id, indicator_id, evaluator)
);

-- 民主测评: the paper ballots' counts for one subject on one 'ballot' indicator.
CREATE TABLE eval_ballot (
    id           INTEGER PRIMARY KEY,
    subject_id   INTEGER NOT NULL REFERENCES eval_subject (id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicator (id),
    excellent    INTEGER NOT NULL DEFAULT 0 CHECK (excellent >= 0),
    competent    INTEGER NOT NULL DEFAULT 0 CHECK (competent >= 0),
    basic        INTEGER NOT NULL DEFAULT 0 CHECK (basic >= 0),
    incompetent  INTEGER NOT NULL DEFAULT 0 CHECK (incompetent >= 0),
    UNIQUE (subject_id, indicator_id)
);

-- A computed indicator score: the figure (automatic indicators), the score 0–100 and how it
-- was reached, in words. Written when the round is computed; kept as it was once published.
CREATE TABLE eval_score (
    id           INTEGER PRIMARY KEY,
    subject_id   INTEGER NOT NULL REFERENCES eval_subject (id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicator (id),
    figure       REAL,
    score        REAL    NOT NULL,
    basis        TEXT    NOT NULL,
    UNIQUE (subject_id, indicator_id)
);

-- 推优评先: a round awarding `honour_title` to people or units, with its eligibility rules
-- (JSON, src/evaluation/recognition.rs), quota and 公示 period.
CREATE TABLE recognition_round (
    id            INTEGER PRIMARY KEY,
    uid           TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    honour_title  TEXT    NOT NULL,
    year          INTEGER NOT NULL,
    target        TEXT    NOT NULL CHECK (target IN ('person', 'unit')),
    quota         INTEGER NOT NULL CHECK (quota >= 1),
    rules         TEXT    NOT NULL DEFAULT '[]',
    granted_by    TEXT,
    status        TEXT    NOT NULL DEFAULT 'nominating'
                  CHECK (status IN ('nominating', 'voting', 'publicity', 'confirmed')),
    notice_from   TEXT,
    notice_to     TEXT,
    confirmed_on  TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

-- A nomination: a person (or a unit, for 先进班组) put forward by a unit, with the 事迹, the
-- votes and whether selected.
CREATE TABLE nomination (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES recognition_round (id) ON DELETE CASCADE,
    person_id     INTEGER REFERENCES person (id),
    unit_id       INTEGER REFERENCES unit (id),
    by_unit_id    INTEGER REFERENCES unit (id),
    deeds         TEXT    NOT NULL,
    votes         INTEGER CHECK (votes IS NULL OR votes >= 0),
    selected      INTEGER NOT NULL DEFAULT 0 CHECK (selected IN (0, 1)),
    withdrawn     TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    CHECK ((person_id IS NULL) <> (unit_id IS NULL))
);
CREATE UNIQUE INDEX nomination_person ON nomination (round_id, person_id) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX nomination_unit ON nomination (round_id, unit_id) WHERE unit_id IS NOT NULL;

-- 荣誉: an honour on a person or a unit, from a 推优评先 round or entered by hand.
CREATE TABLE honour (
    id          INTEGER PRIMARY KEY,
    uid         TEXT    NOT NULL UNIQUE,
    person_id   INTEGER REFERENCES person (id),
    unit_id     INTEGER REFERENCES unit (id),
    title       TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    awarded_on  TEXT    NOT NULL,
    granted_by  TEXT,
    round_id    INTEGER REFERENCES recognition_round (id),
    note        TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    CHECK ((person_id IS NULL) <> (unit_id IS NULL))
);
CREATE INDEX honour_by_person ON honour (person_id);
CREATE INDEX honour_by_unit ON honour (unit_id);
CREATE INDEX honour_by_year ON honour (year);
