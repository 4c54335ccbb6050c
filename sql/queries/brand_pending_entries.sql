-- Entries not yet scanned for brand mentions, by id.
SELECT e.entry_id FROM entries e
WHERE NOT EXISTS (SELECT 1 FROM mention_scans s WHERE s.entry_id = e.entry_id)
ORDER BY e.entry_id;
