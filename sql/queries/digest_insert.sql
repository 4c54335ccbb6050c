-- One digest: week, generated_at, language, n_entries, notes, body (JSON).
INSERT INTO digests VALUES (?, ?, ?, ?, ?, ?);
