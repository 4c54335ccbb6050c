-- One mention of a watched name in an entry (a rescan replaces it).
INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET
    kind = excluded.kind, matched = excluded.matched, hits = excluded.hits,
    in_title = excluded.in_title, tone = excluded.tone, language = excluded.language,
    published = excluded.published, tagged_at = excluded.tagged_at;
