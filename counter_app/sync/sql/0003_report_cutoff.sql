-- The agency's reporting cut-off day (desk migration 0006, spec/reports.md): the desks'
-- agencies table has it, so the server's, which keeps the desk's columns, has it too.

SET search_path = counter, pg_temp;

ALTER TABLE agencies ADD COLUMN IF NOT EXISTS report_cutoff_day integer NOT NULL DEFAULT 14;
