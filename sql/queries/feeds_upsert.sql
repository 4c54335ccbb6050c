-- The configured feeds, added or refreshed (name, tags; language unless the config leaves it out)
-- and marked active. One list parameter per column, in this order, then the time they were added.
INSERT INTO feeds (feed_id, configured_url, url, name, language, tags, added_at, active)
SELECT
    unnest(?::VARCHAR[]) AS feed_id,
    unnest(?::VARCHAR[]) AS configured_url,
    unnest(?::VARCHAR[]) AS url,
    unnest(?::VARCHAR[]) AS name,
    unnest(?::VARCHAR[]) AS language,
    unnest(?::VARCHAR[][]) AS tags,
    ?::TIMESTAMPTZ AS added_at,
    true AS active
ON CONFLICT (feed_id) DO UPDATE SET
    name = excluded.name,
    language = coalesce(excluded.language, feeds.language),
    tags = excluded.tags,
    active = true;
