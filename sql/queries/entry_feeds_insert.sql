-- Which feeds each entry appeared in: entry ids, feed ids (two parallel lists), first seen at.
INSERT INTO entry_feeds SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), ?
ON CONFLICT DO NOTHING;
