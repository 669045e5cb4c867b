-- The periodic prune (ForgetIdleOriginsAsync) deletes in bounded batches; each batch finds its rows by index
-- rather than by a scan of the whole table: old keys by created_at, a key's parts (bulk:{key hash}/p{n}) by the
-- key, idle origins by updated_at.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
CREATE INDEX writer_progress_updated_at ON writer_progress (updated_at);
CREATE INDEX writer_progress_bulk_key ON writer_progress (substr(writer_id, 6, instr(writer_id, '/') - 6)) WHERE substr(writer_id, 1, 5) = 'bulk:';
