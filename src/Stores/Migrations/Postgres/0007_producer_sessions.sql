-- Producer sessions (Producer-Id + Producer-Sequence): one row per producer, keyed by the SHA-256 of its id, with
-- the partition count its highest sequence was sent under, so a resend under another Ingest:Partitions is refused
-- rather than applied to other parts. What each request applied is recorded in writer_progress, one origin per
-- partition (producer:{hash}/p{n}); those rows are forgotten with the producer, by its updated_at.
CREATE TABLE producer_sessions (
    producer_hash text        PRIMARY KEY,
    partitions    integer     NOT NULL,
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX producer_sessions_updated_at ON producer_sessions (updated_at);
CREATE INDEX writer_progress_producer ON writer_progress (split_part(writer_id, '/', 1)) WHERE writer_id LIKE 'producer:%';
