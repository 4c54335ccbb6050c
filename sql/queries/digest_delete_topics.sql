-- Forget week ?'s rows of topics (the week is being made again).
DELETE FROM topics WHERE week = ?;
