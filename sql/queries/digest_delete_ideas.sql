-- Forget week ?'s rows of ideas (the week is being made again).
DELETE FROM ideas WHERE week = ?;
