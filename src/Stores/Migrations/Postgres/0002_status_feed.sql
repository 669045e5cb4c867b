-- Status transitions, written in the same transaction as the counts that caused them; a relay actor
-- moves them into the Akka.Persistence journal and deletes them.
CREATE TABLE status_outbox (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    domain      text        NOT NULL,
    from_status text        NOT NULL,
    to_status   text        NOT NULL,
    delivered   bigint      NOT NULL,
    bounced     bigint      NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);

-- The current status of every domain that has left "unknown" (at most two writes per domain), so
-- listings by status are an index range scan instead of a scan of every counter.
CREATE TABLE domain_status (
    domain     text        PRIMARY KEY,
    status     text        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domain_status_by_status ON domain_status (status, domain);
