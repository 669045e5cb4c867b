-- Each transaction that records a status transition tells the relay at commit (folded to one notification per
-- transaction), so an idle relay need not poll. A row trigger, not a statement trigger: the lanes' write statement
-- inserts into status_outbox on every batch, almost always zero rows, and those must not notify.
CREATE FUNCTION notify_status_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ingest_status_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER status_outbox_notify AFTER INSERT ON status_outbox
    FOR EACH ROW EXECUTE FUNCTION notify_status_outbox();
