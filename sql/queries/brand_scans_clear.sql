-- Forget which entries were scanned for mentions (a rescan follows).
DELETE FROM mention_scans;
