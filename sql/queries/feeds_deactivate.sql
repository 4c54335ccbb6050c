-- Every feed inactive, before the configured ones are marked active again (entries are kept).
UPDATE feeds SET active = false;
