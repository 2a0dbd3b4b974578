-- The audit trail anchored outside the desk (docs/office-server.md, "The audit trail's
-- anchors"). A desk's trail is a hash chain in its own SQLite file: whoever holds the file
-- could drop its triggers, edit or delete entries and chain them again, and `audit verify`
-- at the desk would pass. The server's copy of what each desk pushed is the anchor:
--   * an entry the server takes must follow the one it holds before it (its prev_hash is
--     that entry's hash; the first entry follows ''): a desk whose pushed entries were
--     rewritten cannot push another entry, and the push says why;
--   * an entry naming an officer the server knows names them by their login name and
--     belongs to their agency (a desk cannot push entries naming another agency's officer,
--     or an officer's identity under another name);
--   * audit_head() tells a desk the number and hash of its newest entry held here, which
--     `audit verify` compares with the desk's own entry of that number.
-- A trigger rather than a check inside push(): push() is re-defined as it evolves, the
-- trigger holds whatever writes the table.

SET search_path = counter, pg_temp;

CREATE OR REPLACE FUNCTION audit_entry_checked() RETURNS trigger LANGUAGE plpgsql
  SET search_path = counter, pg_temp AS $$
DECLARE
  before_hash text;
  o counter.officers;
BEGIN
  IF NEW.desk_seq = 1 THEN
    before_hash := '';
  ELSE
    SELECT hash INTO before_hash FROM counter.audit_entries
      WHERE desk_id = NEW.desk_id AND desk_seq = NEW.desk_seq - 1;
  END IF;
  IF before_hash IS NULL OR NEW.prev_hash IS DISTINCT FROM before_hash THEN
    RAISE EXCEPTION 'counter: audit entry % of desk % does not follow entry % held by the server: the desk''s trail was rewritten',
      NEW.desk_seq, (SELECT name FROM counter.desks WHERE id = NEW.desk_id), NEW.desk_seq - 1
      USING ERRCODE = 'P0001', HINT = 'audit_chain';
  END IF;
  IF NEW.officer_id IS NOT NULL THEN
    SELECT * INTO o FROM counter.officers WHERE id = NEW.officer_id;
    -- the name as the desk keeps it: as is, or masked when it looks like a phone or ID
    -- number (counter_app/audit/trail.py, masked())
    IF FOUND AND (o.agency_id <> NEW.agency_id OR NEW.username NOT IN (o.username,
        '***' || left(encode(sha256(convert_to(E'counter-app audit mask\n' || o.username,
                                               'UTF8')), 'hex'), 6))) THEN
      RAISE EXCEPTION 'counter: audit entry % of desk % names an officer under another name or of another agency',
        NEW.desk_seq, (SELECT name FROM counter.desks WHERE id = NEW.desk_id)
        USING ERRCODE = 'P0001', HINT = 'audit_officer';
    END IF;
  END IF;
  RETURN NEW;
END $$;

ALTER FUNCTION audit_entry_checked() OWNER TO counter_owner;
REVOKE ALL ON FUNCTION audit_entry_checked() FROM PUBLIC;

DROP TRIGGER IF EXISTS audit_entries_chained ON audit_entries;
CREATE TRIGGER audit_entries_chained BEFORE INSERT ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION audit_entry_checked();

-- The calling desk's newest entry held here: {"seq": n, "hash": h} (seq 0, hash '' before
-- its first push).
CREATE OR REPLACE FUNCTION audit_head() RETURNS jsonb LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = counter, pg_temp AS $$
DECLARE d counter.desks := counter.me();
BEGIN
  RETURN jsonb_build_object('desk', d.id, 'seq', d.audit_upto, 'hash', coalesce(
    (SELECT hash FROM counter.audit_entries WHERE desk_id = d.id AND desk_seq = d.audit_upto),
    ''));
END $$;

ALTER FUNCTION audit_head() OWNER TO counter_owner;
REVOKE ALL ON FUNCTION audit_head() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_head() TO counter_desk;
