-- Producer sessions: see the PostgreSQL migration of the same number (0006 is PostgreSQL's alone).
CREATE TABLE producer_sessions (
    producer_hash TEXT    PRIMARY KEY NOT NULL,
    partitions    INTEGER NOT NULL,
    last_sequence INTEGER NOT NULL,
    updated_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) WITHOUT ROWID;
CREATE INDEX producer_sessions_updated_at ON producer_sessions (updated_at);
CREATE INDEX writer_progress_producer ON writer_progress (substr(writer_id, 10, instr(writer_id, '/') - 10)) WHERE substr(writer_id, 1, 9) = 'producer:';
