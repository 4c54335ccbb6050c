-- The configured feeds the store knows as active: id, configured URL, name, language, tags.
SELECT feed_id, configured_url, name, language, tags FROM feeds WHERE active;
