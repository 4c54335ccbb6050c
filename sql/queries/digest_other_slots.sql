-- Slots of other weeks' ideas (not dismissed) in [start, end).
-- Parameters: the week left out, start, end.
SELECT slot FROM ideas WHERE week <> ? AND status <> 'dismissed' AND slot >= ? AND slot < ?;
