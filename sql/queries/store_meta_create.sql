-- Facts about the store itself (the views' hash), created on first open.
CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
