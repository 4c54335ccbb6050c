-- A topic (by its id or as the previous id of a later one) in the weeks (after, upto], oldest first.
-- Parameters: topic id, topic id, after (week), upto (week).
SELECT week, n_articles, label FROM topics WHERE (topic_id = ? OR previous_topic_id = ?)
AND week > ? AND week <= ? ORDER BY week;
