-- One migration applied: version, name, when.
INSERT INTO schema_version VALUES (?, ?, ?);
