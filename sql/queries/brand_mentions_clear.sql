-- Forget every brand mention (a rescan follows).
DELETE FROM mentions;
