-- Officers are the office's (docs/office-server.md, "Officers"): created and changed with its
-- administrator's credentials (`counter-app server officer …`), pulled by every desk. A
-- desk's push could write any officer of its agency — an administrator with a password its
-- pusher knows, another officer disabled — and so take the agency over with one desk's
-- password. A desk's session can no longer write an officer row: the push's officers are
-- passed over (they stay on the desk that made them).
--
-- And officers are unique by (agency, login name): two agencies on one server may each
-- have an officer called `hoa` (the server gives each its own id).

SET search_path = counter, pg_temp;

CREATE OR REPLACE FUNCTION officers_by_admin_only() RETURNS trigger LANGUAGE plpgsql
  SET search_path = counter, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM counter.desks WHERE role_name = session_user) THEN
    RETURN NULL;  -- a desk's session: passed over
  END IF;
  RETURN NEW;
END $$;
ALTER FUNCTION officers_by_admin_only() OWNER TO counter_owner;
REVOKE ALL ON FUNCTION officers_by_admin_only() FROM PUBLIC;

DROP TRIGGER IF EXISTS officers_by_admin_only ON officers;
CREATE TRIGGER officers_by_admin_only BEFORE INSERT OR UPDATE ON officers FOR EACH ROW
  EXECUTE FUNCTION officers_by_admin_only();

ALTER TABLE officers DROP CONSTRAINT IF EXISTS officers_username_key;
CREATE UNIQUE INDEX IF NOT EXISTS officers_agency_username ON officers (agency_id, username);
