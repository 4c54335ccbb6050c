-- Which of the topic ids (one list parameter) already appear in a digest before week ?.
-- Parameters: week, topic ids.
SELECT DISTINCT topic_id FROM topics WHERE week < ? AND list_contains(?, topic_id);
