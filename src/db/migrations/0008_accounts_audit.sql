-- Issue 14: accounts with roles, the changed fields of every audited write, and an audit trail
-- that SQL cannot edit.

CREATE TABLE account (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    role                TEXT    NOT NULL CHECK (role IN ('admin', 'cadre', 'viewer')),
    password_hash       TEXT    NOT NULL,              -- Argon2id, PHC string
    disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_count        INTEGER NOT NULL DEFAULT 0,    -- wrong passwords in a row
    locked_until        TEXT,                          -- 'YYYY-MM-DD HH:MM:SS' after 5 wrong ones
    created_at          TEXT    NOT NULL,
    last_sign_in_at     TEXT,
    password_changed_at TEXT    NOT NULL
);

-- One row per record a write touched: the table, the record's rowid, and its changed fields as
-- JSON [[field, old, new], …] (personal numbers masked, passwords and talk contents never).
CREATE TABLE audit_change (
    id        INTEGER PRIMARY KEY,
    audit_id  INTEGER NOT NULL REFERENCES audit_log (id),
    tbl       TEXT    NOT NULL,
    record_id INTEGER NOT NULL,
    op        TEXT    NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    fields    TEXT    NOT NULL
);
CREATE INDEX audit_change_by_audit ON audit_change (audit_id);
CREATE INDEX audit_change_by_record ON audit_change (tbl, record_id);
CREATE INDEX audit_log_by_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计记录不能修改或删除'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计记录不能修改或删除'); END;
CREATE TRIGGER audit_change_no_update BEFORE UPDATE ON audit_change
BEGIN SELECT RAISE(ABORT, '审计记录不能修改或删除'); END;
CREATE TRIGGER audit_change_no_delete BEFORE DELETE ON audit_change
BEGIN SELECT RAISE(ABORT, '审计记录不能修改或删除'); END;
