-- The Idempotency-Key of each bulk (its SHA-256) and the SHA-256 of the body first sent with it, so a resend with
-- another body is refused. What a bulk committed is recorded in writer_progress, one origin per partition.
CREATE TABLE idempotency_keys (
    key_hash   text        PRIMARY KEY,
    body_hash  text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
