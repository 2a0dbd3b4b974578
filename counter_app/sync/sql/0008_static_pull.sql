-- The pull as one static statement instead of six built with EXECUTE: PL/pgSQL keeps the
-- plan for the session (the desk keeps its connection), where each EXECUTE was parsed and
-- planned again at every sync. The cursors are read into typed variables first so that
-- "(tx, gpos) > cursor" stays an index condition of each feed's (agency, tx, gpos) index
-- (as an expression over the jsonb it became a filter: every row of the agency read).
-- The same rows in the same order as 0006: only rows of transactions older than every
-- one still running, each stream in (tx, gpos) order, the office's void numbers too.
SET search_path = counter, pg_temp;

CREATE OR REPLACE FUNCTION pull(cursors jsonb, max_rows integer) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  safe xid8 := pg_snapshot_xmin(pg_current_snapshot());
  n integer := least(greatest(coalesce(max_rows, 500), 1), 5000);
  c jsonb := coalesce(cursors, '{}');
  ev_tx xid8 := coalesce(c->'events'->>'tx', '0')::xid8;
  ev_pos bigint := coalesce(c->'events'->>'gpos', '0')::bigint;
  do_tx xid8 := coalesce(c->'dossiers'->>'tx', '0')::xid8;
  do_pos bigint := coalesce(c->'dossiers'->>'gpos', '0')::bigint;
  au_tx xid8 := coalesce(c->'audit_entries'->>'tx', '0')::xid8;
  au_pos bigint := coalesce(c->'audit_entries'->>'gpos', '0')::bigint;
  of_tx xid8 := coalesce(c->'officers'->>'tx', '0')::xid8;
  of_pos bigint := coalesce(c->'officers'->>'gpos', '0')::bigint;
  de_tx xid8 := coalesce(c->'desks'->>'tx', '0')::xid8;
  de_pos bigint := coalesce(c->'desks'->>'gpos', '0')::bigint;
  le_tx xid8 := coalesce(c->'code_leases'->>'tx', '0')::xid8;
  le_pos bigint := coalesce(c->'code_leases'->>'gpos', '0')::bigint;
  result jsonb;
BEGIN
  SELECT jsonb_build_object(
    'epoch', (SELECT value FROM counter.meta WHERE key = 'feed_epoch'),
    'catalog_rev', (SELECT value FROM counter.meta WHERE key = 'catalog_rev'),
    'events', (SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.tx, r.gpos), '[]') FROM (
      SELECT * FROM counter.events t WHERE t.agency_id = d.agency_id AND t.tx < safe
        AND (t.tx, t.gpos) > (ev_tx, ev_pos) ORDER BY t.tx, t.gpos LIMIT n) r),
    'dossiers', (SELECT coalesce(jsonb_agg(to_jsonb(r) || jsonb_build_object('documents', (
        SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.position), '[]')
        FROM counter.dossier_documents x WHERE x.dossier_id = r.id)) ORDER BY r.tx, r.gpos), '[]') FROM (
      SELECT * FROM counter.dossiers t WHERE t.agency_id = d.agency_id AND t.tx < safe
        AND (t.tx, t.gpos) > (do_tx, do_pos) ORDER BY t.tx, t.gpos LIMIT n) r),
    'audit_entries', (SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.tx, r.gpos), '[]') FROM (
      SELECT * FROM counter.audit_entries t WHERE t.agency_id = d.agency_id AND t.tx < safe
        AND (t.tx, t.gpos) > (au_tx, au_pos) ORDER BY t.tx, t.gpos LIMIT n) r),
    'officers', (SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.tx, r.gpos), '[]') FROM (
      SELECT * FROM counter.officers t WHERE t.agency_id = d.agency_id AND t.tx < safe
        AND (t.tx, t.gpos) > (of_tx, of_pos) ORDER BY t.tx, t.gpos LIMIT n) r),
    'desks', (SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.tx, r.gpos), '[]') FROM (
      SELECT * FROM counter.desks t WHERE t.agency_id = d.agency_id AND t.tx < safe
        AND (t.tx, t.gpos) > (de_tx, de_pos) ORDER BY t.tx, t.gpos LIMIT n) r),
    'code_leases', (SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.tx, r.gpos), '[]') FROM (
      SELECT * FROM counter.code_leases t WHERE t.agency_id = d.agency_id AND t.tx < safe
        AND (t.tx, t.gpos) > (le_tx, le_pos) AND (t.desk_id = d.id OR t.void)
      ORDER BY t.tx, t.gpos LIMIT n) r))
  INTO result;
  IF coalesce(c->>'catalog_rev', '') IS DISTINCT FROM coalesce(result->>'catalog_rev', '') THEN
    result := result || jsonb_build_object('catalog', counter.catalog_of(d.agency_id));
  END IF;
  RETURN result;
END $$;

ALTER FUNCTION pull(jsonb, integer) OWNER TO counter_owner;
REVOKE ALL ON FUNCTION pull(jsonb, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pull(jsonb, integer) TO counter_desk;
