-- The latest week that has ideas.
SELECT max(week) FROM ideas;
