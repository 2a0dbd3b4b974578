-- A desk session is one whose login role is a desk's (a row in desks), not any member of
-- counter_desk: an administrator who happens to be a member must still see every agency.
--
-- restamp(): after the database was restored (a dump into a new cluster, an older base
-- backup, a failover that lost transactions), rows may carry transaction ids the cluster
-- has not reached yet, and the feed would hold them back; `server init` calls this when
-- the cluster changed, and gives the feed a new epoch (desks then pull everything again,
-- keeping what they have).

SET search_path = counter, pg_temp;

CREATE OR REPLACE FUNCTION is_desk_session() RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM counter.desks WHERE role_name = session_user)
$$;

CREATE OR REPLACE FUNCTION restamp() RETURNS integer LANGUAGE plpgsql
  SET search_path = counter, pg_temp AS $$
DECLARE t text; n integer := 0; changed integer;
BEGIN
  FOREACH t IN ARRAY ARRAY['events', 'dossiers', 'audit_entries', 'officers', 'desks',
                           'code_leases'] LOOP
    EXECUTE format('ALTER TABLE counter.%I DISABLE TRIGGER USER', t);
    EXECUTE format('UPDATE counter.%I SET tx = pg_current_xact_id()', t);
    GET DIAGNOSTICS changed = ROW_COUNT;
    n := n + changed;
    EXECUTE format('ALTER TABLE counter.%I ENABLE TRIGGER USER', t);
  END LOOP;
  RETURN n;
END $$;

ALTER FUNCTION is_desk_session() OWNER TO counter_owner;
ALTER FUNCTION restamp() OWNER TO counter_owner;
REVOKE ALL ON FUNCTION restamp() FROM PUBLIC;
