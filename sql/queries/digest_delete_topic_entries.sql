-- Forget week ?'s rows of topic_entries (the week is being made again).
DELETE FROM topic_entries WHERE week = ?;
