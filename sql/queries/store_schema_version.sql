-- The store's schema version: the last migration applied.
SELECT max(version) FROM schema_version;
