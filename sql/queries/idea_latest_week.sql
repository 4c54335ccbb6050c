-- The week of the latest digest, else the latest week with ideas.
SELECT coalesce((SELECT max(week) FROM digests), (SELECT max(week) FROM ideas));
