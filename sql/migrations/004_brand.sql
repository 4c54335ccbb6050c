-- Schema version 4: brand mentions ([brand] names, aliases, products, competitors) and their tone.
-- Filled by trendwatch.cm.brand.tag_mentions after each ingest; only entries not yet scanned with
-- the current brand settings are read again (mention_scans remembers which were).

CREATE TABLE IF NOT EXISTS mentions (
    entry_id   VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,        -- the configured name (an alias counts for the first brand name)
    kind       VARCHAR NOT NULL,        -- brand | product | competitor
    matched    VARCHAR NOT NULL,        -- the text as written in the entry (first occurrence)
    hits       INTEGER NOT NULL,        -- occurrences in title + summary + content
    in_title   BOOLEAN NOT NULL,
    tone       DOUBLE NOT NULL,         -- rough lexicon score of the sentences around it, -1..1 (0 neutral)
    language   VARCHAR,                 -- lexicon used: fr | en | NULL (both)
    published  TIMESTAMPTZ NOT NULL,    -- copied from entries for fast daily/weekly counts
    tagged_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (entry_id, name)
);

CREATE TABLE IF NOT EXISTS mention_scans (
    entry_id    VARCHAR PRIMARY KEY,
    scanned_at  TIMESTAMPTZ NOT NULL,
    config_hash VARCHAR NOT NULL        -- brand settings used; a change rescans every entry
);
