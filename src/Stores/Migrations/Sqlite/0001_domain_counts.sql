CREATE TABLE domain_counts (
    domain    TEXT    PRIMARY KEY NOT NULL,
    delivered INTEGER NOT NULL DEFAULT 0 CHECK (delivered >= 0),
    bounced   INTEGER NOT NULL DEFAULT 0 CHECK (bounced >= 0)
) WITHOUT ROWID;

CREATE TABLE writer_progress (
    writer_id     TEXT    PRIMARY KEY NOT NULL,
    last_sequence INTEGER NOT NULL,
    updated_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) WITHOUT ROWID;
