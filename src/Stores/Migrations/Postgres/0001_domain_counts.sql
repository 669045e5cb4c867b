-- Per-domain counters: one row per domain, updated as count = count + delta.
CREATE TABLE domain_counts (
    domain    text   PRIMARY KEY,
    delivered bigint NOT NULL DEFAULT 0 CHECK (delivered >= 0),
    bounced   bigint NOT NULL DEFAULT 0 CHECK (bounced >= 0)
);

-- The last batch each writer committed, written in the same transaction as the counts,
-- so a batch retried after an ambiguous commit is recognised.
CREATE TABLE writer_progress (
    writer_id     text        PRIMARY KEY,
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
