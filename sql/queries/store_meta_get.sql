-- One fact about the store, by key.
SELECT value FROM store_meta WHERE key = ?;
