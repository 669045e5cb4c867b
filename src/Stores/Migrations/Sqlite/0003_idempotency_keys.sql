CREATE TABLE idempotency_keys (
    key_hash   TEXT PRIMARY KEY NOT NULL,
    body_hash  TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) WITHOUT ROWID;
