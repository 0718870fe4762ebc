-- Runs once, when the postgresql volume is first initialised
-- (/docker-entrypoint-initdb.d). The Temporal databases (temporal,
-- temporal_visibility) are created by temporal-sql-tool in the
-- temporal-schema service; this creates the application's database.
CREATE DATABASE cases;
