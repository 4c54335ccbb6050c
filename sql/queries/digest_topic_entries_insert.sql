-- One entry of a digest's topic: week, topic_id, entry_id, representative (shown in the digest).
INSERT INTO topic_entries VALUES (?, ?, ?, ?);
