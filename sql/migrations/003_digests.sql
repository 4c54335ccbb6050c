-- Schema version 3: each weekly digest, its ranked topics, their entries and the content ideas.
-- Written by trendwatch.digest (re-making a week replaces its rows; idea statuses survive).

CREATE TABLE IF NOT EXISTS digests (
    week          VARCHAR PRIMARY KEY,       -- ISO week, e.g. 2022-W08
    generated_at  TIMESTAMPTZ,
    language      VARCHAR,                   -- fr | en
    n_entries     INTEGER,                   -- entries published in the week
    notes         VARCHAR[],                 -- plain-language caveats shown in the digest
    body          JSON                       -- the whole digest as `trendwatch digest --format json`
);

CREATE TABLE IF NOT EXISTS topics (
    week              VARCHAR NOT NULL,
    topic_id          VARCHAR NOT NULL,      -- stable across weeks while a topic continues
    rank              INTEGER,               -- 1 = the most emerging
    label             VARCHAR,
    keywords          VARCHAR[],
    score             DOUBLE,
    n_articles        INTEGER,
    n_sources         INTEGER,
    baseline_mean     DOUBLE,                -- mean weekly articles before
    weekly_counts     JSON,                  -- [{"week": ..., "articles": ...}] oldest first
    previous_topic_id VARCHAR,               -- same topic in an earlier digest, if any
    PRIMARY KEY (week, topic_id)
);

CREATE TABLE IF NOT EXISTS topic_entries (
    week           VARCHAR NOT NULL,
    topic_id       VARCHAR NOT NULL,
    entry_id       VARCHAR NOT NULL,
    representative BOOLEAN,                  -- shown as evidence in the digest
    PRIMARY KEY (week, topic_id, entry_id)
);

CREATE TABLE IF NOT EXISTS ideas (
    idea_id    VARCHAR PRIMARY KEY,          -- stable hash of week + topic_id + format
    week       VARCHAR NOT NULL,
    topic_id   VARCHAR NOT NULL,
    rank       INTEGER,                      -- 1 = the topic's best idea
    title      VARCHAR,
    format     VARCHAR,                      -- post | carousel | short_video | infographic | poll | ...
    why_now    VARCHAR,
    sources    VARCHAR[],
    slot       TIMESTAMPTZ,                  -- suggested publication time (NULL: no room left)
    caution    VARCHAR[],
    status     VARCHAR NOT NULL DEFAULT 'proposed',  -- proposed | used | dismissed
    status_at  TIMESTAMPTZ
);
