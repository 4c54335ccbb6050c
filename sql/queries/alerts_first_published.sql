-- When the store's first entry was published (NULL when it has none).
SELECT min(published) FROM entries;
