-- Set one fact about the store: key, value.
INSERT OR REPLACE INTO store_meta VALUES (?, ?);
