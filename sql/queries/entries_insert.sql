-- New entries of a batch (ids already stored were filtered out by the caller). Every column
-- travels as one list parameter, in this order, and is unnested: bulk, never row by row.
INSERT INTO entries (
    entry_id, guid, link, title, summary, summary_html, content, content_html, author, published,
    published_source, updated, language, language_source, categories, feed_id, first_seen, parser,
    raw
)
SELECT
    unnest(?::VARCHAR[]) AS entry_id,
    unnest(?::VARCHAR[]) AS guid,
    unnest(?::VARCHAR[]) AS link,
    unnest(?::VARCHAR[]) AS title,
    unnest(?::VARCHAR[]) AS summary,
    unnest(?::VARCHAR[]) AS summary_html,
    unnest(?::VARCHAR[]) AS content,
    unnest(?::VARCHAR[]) AS content_html,
    unnest(?::VARCHAR[]) AS author,
    timezone('UTC', make_timestamp(unnest(?::BIGINT[]))) AS published,
    unnest(?::VARCHAR[]) AS published_source,
    timezone('UTC', make_timestamp(unnest(?::BIGINT[]))) AS updated,
    unnest(?::VARCHAR[]) AS language,
    unnest(?::VARCHAR[]) AS language_source,
    unnest(?::VARCHAR[][]) AS categories,
    unnest(?::VARCHAR[]) AS feed_id,
    timezone('UTC', make_timestamp(unnest(?::BIGINT[]))) AS first_seen,
    unnest(?::VARCHAR[]) AS parser,
    unnest(?::VARCHAR[])::JSON AS raw;
