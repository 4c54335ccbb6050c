-- One fetch row per feed of a batch: every column one list parameter, in this order.
INSERT INTO fetches (
    run_id, feed_id, url, started_at, duration_s, status, outcome, error_kind, error, bytes, parser,
    entries_seen, entries_new, entries_known
)
SELECT
    unnest(?::VARCHAR[]) AS run_id,
    unnest(?::VARCHAR[]) AS feed_id,
    unnest(?::VARCHAR[]) AS url,
    timezone('UTC',
    make_timestamp(unnest(?::BIGINT[]))) AS started_at,
    unnest(?::DOUBLE[]) AS duration_s,
    unnest(?::BIGINT[]) AS status,
    unnest(?::VARCHAR[]) AS outcome,
    unnest(?::VARCHAR[]) AS error_kind,
    unnest(?::VARCHAR[]) AS error,
    unnest(?::BIGINT[]) AS bytes,
    unnest(?::VARCHAR[]) AS parser,
    unnest(?::BIGINT[]) AS entries_seen,
    unnest(?::BIGINT[]) AS entries_new,
    unnest(?::BIGINT[]) AS entries_known;
