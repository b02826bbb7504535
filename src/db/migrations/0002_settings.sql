-- 0002: user settings (设置), e.g. the font file for printed documents.
CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
