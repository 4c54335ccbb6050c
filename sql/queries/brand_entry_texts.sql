-- The text of some entries (ids as one list parameter), to look for mentions in.
SELECT entry_id, title, summary, content, language, published FROM entries
WHERE entry_id IN (SELECT unnest(?::VARCHAR[]));
