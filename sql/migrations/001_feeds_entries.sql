-- Schema version 1: feeds, entries, the entry<->feed link and one row per fetch attempt.
-- Applied once by trendwatch.store (recorded in schema_version); safe to read as documentation.

CREATE TABLE IF NOT EXISTS feeds (
    feed_id              VARCHAR PRIMARY KEY,   -- stable: derived from the configured URL
    configured_url       VARCHAR NOT NULL,      -- as written in trendwatch.toml
    url                  VARCHAR NOT NULL,      -- where it is fetched now (permanent redirects update it)
    name                 VARCHAR,
    language             VARCHAR,               -- configured, else the feed's own
    tags                 VARCHAR[],
    title                VARCHAR,               -- the feed's own title
    site_link            VARCHAR,
    etag                 VARCHAR,               -- conditional GET state
    last_modified        VARCHAR,
    added_at             TIMESTAMPTZ NOT NULL,
    last_fetch_at        TIMESTAMPTZ,
    last_status          INTEGER,               -- HTTP status of the last attempt (NULL: no answer)
    last_outcome         VARCHAR,               -- ok | not_modified | failed | skipped
    last_ok_at           TIMESTAMPTZ,
    last_new_entry_at    TIMESTAMPTZ,
    last_error           VARCHAR,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    retry_after          TIMESTAMPTZ,           -- not fetched before this (Retry-After, back-off)
    gone                 BOOLEAN NOT NULL DEFAULT false,  -- answered 410 Gone
    active               BOOLEAN NOT NULL DEFAULT true    -- still in the config
);

CREATE TABLE IF NOT EXISTS entries (
    entry_id          VARCHAR PRIMARY KEY,     -- guid, else canonical link, else content hash
    guid              VARCHAR,
    link              VARCHAR,                 -- canonical: tracking parameters removed
    title             VARCHAR,
    summary           VARCHAR,                 -- plain text
    summary_html      VARCHAR,                 -- as the feed gave it
    content           VARCHAR,
    content_html      VARCHAR,
    author            VARCHAR,
    published         TIMESTAMPTZ NOT NULL,    -- UTC
    published_source  VARCHAR NOT NULL,        -- published | updated | fetched (see docs)
    updated           TIMESTAMPTZ,
    language          VARCHAR,
    language_source   VARCHAR,                 -- entry | feed | config | detected
    categories        VARCHAR[],
    feed_id           VARCHAR NOT NULL,        -- the first feed it was seen in
    first_seen        TIMESTAMPTZ NOT NULL,
    parser            VARCHAR,                 -- fast | feedparser
    raw               JSON                     -- the entry as parsed, to re-process without re-fetching
);

CREATE TABLE IF NOT EXISTS entry_feeds (
    entry_id   VARCHAR NOT NULL,
    feed_id    VARCHAR NOT NULL,
    first_seen TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (entry_id, feed_id)
);

CREATE SEQUENCE IF NOT EXISTS fetch_id_seq;

CREATE TABLE IF NOT EXISTS fetches (
    fetch_id       BIGINT PRIMARY KEY DEFAULT nextval('fetch_id_seq'),
    run_id         VARCHAR NOT NULL,
    feed_id        VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL,
    duration_s     DOUBLE,
    status         INTEGER,                  -- HTTP status (NULL: no answer, or a local file)
    outcome        VARCHAR NOT NULL,         -- ok | not_modified | failed | skipped
    error_kind     VARCHAR,                  -- timeout | unreachable | http | too_large | not_a_feed | ...
    error          VARCHAR,                  -- what went wrong and what to do
    bytes          BIGINT,
    parser         VARCHAR,
    entries_seen   INTEGER,
    entries_new    INTEGER,
    entries_known  INTEGER
);
