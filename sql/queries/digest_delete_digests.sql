-- Forget week ?'s rows of digests (the week is being made again).
DELETE FROM digests WHERE week = ?;
