-- Whether a procedure gives a paper result (issue 20, point 5; docs/formats.md
-- `paper_result`): the result rate of `report digitisation` counts a resolved dossier of a
-- procedure without a paper result as digitised. The office's catalog (imported by its
-- admin) keeps the flag, and desks get it with the rest of the catalog; a version stored
-- before it has a paper result, as the catalog file's default says.

SET search_path = counter, pg_temp;

ALTER TABLE procedure_versions ADD COLUMN IF NOT EXISTS paper_result boolean NOT NULL DEFAULT true;
