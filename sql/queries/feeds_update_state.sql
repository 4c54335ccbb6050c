-- Each feed's new state after a batch (validators kept only when the fetch succeeded); every
-- column of s is one list parameter, in this order.
UPDATE feeds SET
    url = coalesce(s.new_url, feeds.url),
    etag = CASE WHEN s.ok THEN s.etag ELSE feeds.etag END,
    last_modified = CASE WHEN s.ok THEN s.last_modified ELSE feeds.last_modified END,
    title = coalesce(s.title, feeds.title),
    site_link = coalesce(s.site_link, feeds.site_link),
    language = coalesce(feeds.language, s.feed_language),
    last_fetch_at = s.started_at,
    last_status = s.status,
    last_outcome = s.outcome,
    last_ok_at = CASE WHEN s.ok THEN s.started_at ELSE feeds.last_ok_at END,
    last_new_entry_at = CASE WHEN s.got_new THEN s.started_at ELSE feeds.last_new_entry_at END,
    last_error = CASE WHEN s.ok THEN NULL ELSE s.error END,
    consecutive_failures = s.failures,
    retry_after = s.retry_after,
    gone = s.gone
FROM (
    SELECT
        unnest(?::VARCHAR[]) AS feed_id,
        unnest(?::VARCHAR[]) AS new_url,
        unnest(?::BOOLEAN[]) AS ok,
        unnest(?::VARCHAR[]) AS etag,
        unnest(?::VARCHAR[]) AS last_modified,
        unnest(?::VARCHAR[]) AS title,
        unnest(?::VARCHAR[]) AS site_link,
        unnest(?::VARCHAR[]) AS feed_language,
        timezone('UTC',
        make_timestamp(unnest(?::BIGINT[]))) AS started_at,
        unnest(?::BIGINT[]) AS status,
        unnest(?::VARCHAR[]) AS outcome,
        unnest(?::VARCHAR[]) AS error,
        unnest(?::BIGINT[]) AS failures,
        timezone('UTC',
        make_timestamp(unnest(?::BIGINT[]))) AS retry_after,
        unnest(?::BOOLEAN[]) AS gone,
        unnest(?::BOOLEAN[]) AS got_new
) s
WHERE feeds.feed_id = s.feed_id;
