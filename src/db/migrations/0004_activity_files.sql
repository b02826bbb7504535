-- 0004: 活动记录 — photos and files (会议记录, the scan of the signed sheet) attached to an
-- activity. The bytes live in this database, not beside it: one file (and so one backup, one
-- copy to another PC) carries the records with everything they point to, a restore can never
-- leave a path dangling, and an attachment is written and audited in one transaction with its
-- row. The bytes sit in a table of their own so listing, counting and the thumbnails never read
-- them (SQLite stores a row's columns in order; a large BLOB spills into overflow pages that a
-- query touches only when it selects the column). `sha256` is checked whenever the bytes are
-- read back, and refuses attaching the same file twice to one activity.

CREATE TABLE activity_file (
    id          INTEGER PRIMARY KEY,
    uid         TEXT    NOT NULL UNIQUE,
    activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('photo', 'file')),
    name        TEXT    NOT NULL,                 -- the file name as chosen, e.g. 会议记录.docx
    mime        TEXT    NOT NULL,
    size        INTEGER NOT NULL CHECK (size > 0),
    sha256      TEXT    NOT NULL,                 -- lower-case hex of the bytes
    width       INTEGER,                          -- pictures: pixels, upright (EXIF applied)
    height      INTEGER,
    caption     TEXT,
    created_at  TEXT    NOT NULL,
    thumb       BLOB,                             -- pictures: a JPEG of at most 320 px
    UNIQUE (activity_id, sha256)
);

CREATE INDEX activity_file_by_activity ON activity_file (activity_id, kind, id);

CREATE TABLE activity_file_data (
    file_id INTEGER PRIMARY KEY REFERENCES activity_file (id) ON DELETE CASCADE,
    data    BLOB    NOT NULL                      -- the original, byte for byte
);
