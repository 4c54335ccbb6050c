-- Up to ? ids of ideas starting with ?, sorted. Parameters: prefix, limit.
SELECT idea_id FROM ideas WHERE starts_with(idea_id, ?) ORDER BY idea_id LIMIT ?;
