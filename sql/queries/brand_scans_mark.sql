-- Entries (ids as one list parameter) scanned at ? with the [brand] settings hashed ?.
INSERT INTO mention_scans SELECT unnest(?::VARCHAR[]), ?, ? ON CONFLICT DO NOTHING;
