-- Schema version 2: Google Trends (interest over time, related queries, trending searches),
-- the raw answers they were read from, and one row per Trends run with its failures.

CREATE TABLE IF NOT EXISTS trends_runs (
    run_id         VARCHAR PRIMARY KEY,
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ,
    observed_at    TIMESTAMPTZ,             -- when the data describes: started_at, or a replay's recording time
    geo            VARCHAR,
    keywords       VARCHAR[],
    anchor         VARCHAR,
    requests_made  INTEGER,                 -- HTTP requests sent to Google (or the replay folder)
    from_cache     INTEGER,                 -- answers reused from trends_responses (cache_hours)
    budget_left    INTEGER,
    outcome        VARCHAR,                 -- ok | partial | failed | disabled
    notes          VARCHAR[]                -- plain-language caveats (anchor at 0, low precision...)
);

CREATE TABLE IF NOT EXISTS trends_failures (
    run_id     VARCHAR NOT NULL,
    part       VARCHAR NOT NULL,            -- interest | related | trending
    subject    VARCHAR NOT NULL,            -- the keywords of the batch, or the geo
    kind       VARCHAR NOT NULL,            -- rate_limited | budget | http | network | malformed | empty
    message    VARCHAR NOT NULL,            -- what went wrong and what to do
    failed_at  TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS trends_response_seq;

CREATE TABLE IF NOT EXISTS trends_responses (
    response_id  BIGINT PRIMARY KEY DEFAULT nextval('trends_response_seq'),
    run_id       VARCHAR NOT NULL,
    fetched_at   TIMESTAMPTZ NOT NULL,
    method       VARCHAR NOT NULL,
    url          VARCHAR NOT NULL,          -- with its query string: the cache key
    status       INTEGER NOT NULL,
    headers      JSON,
    body         VARCHAR                    -- as Google sent it, ")]}'" prefix included
);

CREATE TABLE IF NOT EXISTS trends_interest (
    keyword        VARCHAR NOT NULL,
    geo            VARCHAR NOT NULL,
    date           DATE NOT NULL,           -- start of the period (day or Sunday-starting week)
    period_days    INTEGER NOT NULL,        -- 1 daily points, 7 weekly points
    raw_value      INTEGER NOT NULL,        -- 0-100 as Google scaled it within its batch
    batch          INTEGER NOT NULL,        -- batch number in the run (0 = reference batch)
    batch_terms    VARCHAR[],
    scaled_value   DOUBLE,                  -- on the common anchor scale (NULL: anchor was 0)
    is_partial     BOOLEAN NOT NULL,        -- the period was not over when fetched
    run_id         VARCHAR NOT NULL,
    fetched_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (keyword, geo, date)
);

CREATE TABLE IF NOT EXISTS trends_related_queries (
    run_id      VARCHAR NOT NULL,
    keyword     VARCHAR NOT NULL,
    geo         VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,           -- top | rising
    rank        INTEGER NOT NULL,
    query       VARCHAR NOT NULL,
    value       INTEGER NOT NULL,           -- top: 0-100; rising: growth in %
    label       VARCHAR NOT NULL,           -- "100", "+350 %", "Breakout"
    is_question BOOLEAN NOT NULL,
    fetched_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, keyword, kind, query)
);

CREATE TABLE IF NOT EXISTS trends_trending (
    run_id       VARCHAR NOT NULL,
    geo          VARCHAR NOT NULL,
    term         VARCHAR NOT NULL,
    traffic      VARCHAR,                   -- as Google gives it: "20 000+"
    traffic_min  INTEGER,                   -- the same as a number
    started      TIMESTAMPTZ,               -- the item's pubDate
    articles     JSON,                      -- [{"title", "url", "source"}]
    fetched_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, geo, term)
);
