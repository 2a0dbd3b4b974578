-- No desk can hold the office's feed (docs/office-server.md, "What a desk can and cannot
-- do"). The feed hands out a row only once every transaction older than it has ended, so a
-- row committed late is never skipped. A desk's session that keeps a transaction open after
-- writing (`BEGIN; SELECT counter.push(…); SELECT pg_sleep(20)`) therefore held every desk
-- of every agency: nothing new reached any of them for 80 s while their syncs said all was
-- well, and the role can lift its own statement and idle timeouts (SET, ALTER ROLE).
--
-- Every pull that finds a writing transaction running now ends any desk session whose
-- transaction has been open for more than `held_feed_s` (15 s by default; no honest call of a
-- desk lasts that long: each is its own short transaction, and the desk gives up on a
-- statement after 20 s). Its work rolls back; the desk's next sync sends it again. Seeing and
-- ending other sessions needs pg_read_all_stats and pg_signal_backend for counter_owner,
-- granted here when `server init` runs as a superuser (otherwise said, and the timeouts of
-- the desk's role remain the only limit).

SET search_path = counter, pg_temp;

INSERT INTO meta (key, value) VALUES ('held_feed_s', '15') ON CONFLICT (key) DO NOTHING;

DO $$ BEGIN
  GRANT pg_read_all_stats, pg_signal_backend TO counter_owner;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'counter: run server init as a superuser so that no desk can hold the feed';
END $$;

CREATE OR REPLACE FUNCTION release_held_feed() RETURNS void LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
BEGIN
  PERFORM pg_terminate_backend(a.pid)
    FROM pg_stat_activity a
    WHERE a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
      AND a.xact_start < clock_timestamp()
                         - make_interval(secs => counter.limit_of('held_feed_s', 15))
      AND a.usename IN (SELECT role_name FROM counter.desks WHERE role_name IS NOT NULL);
END $$;

CREATE OR REPLACE FUNCTION pull(cursors jsonb, max_rows integer) RETURNS json
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp
  SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  d counter.desks := counter.me();
  snap pg_snapshot := pg_current_snapshot();
  safe xid8 := pg_snapshot_xmin(snap);
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
  result json;
BEGIN
  IF safe < pg_snapshot_xmax(snap) THEN  -- some transaction writes: is one of them held?
    PERFORM counter.release_held_feed();
  END IF;
  SELECT json_build_object(
    'epoch', (SELECT value FROM counter.meta WHERE key = 'feed_epoch'),
    'catalog_rev', (SELECT value FROM counter.meta WHERE key = 'catalog_rev'),
    'events', (SELECT coalesce(json_agg(to_json(r) ORDER BY r.tx, r.gpos), '[]') FROM (
      SELECT * FROM counter.events t WHERE t.agency_id = d.agency_id AND t.tx < safe
        AND (t.tx, t.gpos) > (ev_tx, ev_pos) ORDER BY t.tx, t.gpos LIMIT n) r),
    'dossiers', (SELECT coalesce(json_agg(to_json(r) ORDER BY r.tx, r.gpos), '[]') FROM (
      SELECT t.*, (SELECT coalesce(json_agg(to_json(x) ORDER BY x.position), '[]')
                   FROM counter.dossier_documents x WHERE x.dossier_id = t.id) AS documents
      FROM counter.dossiers t WHERE t.agency_id = d.agency_id AND t.tx < safe
        AND (t.tx, t.gpos) > (do_tx, do_pos) ORDER BY t.tx, t.gpos LIMIT n) r),
    'audit_entries', (SELECT coalesce(json_agg(to_json(r) ORDER BY r.tx, r.gpos), '[]') FROM (
      SELECT * FROM counter.audit_entries t WHERE t.agency_id = d.agency_id AND t.tx < safe
        AND (t.tx, t.gpos) > (au_tx, au_pos) ORDER BY t.tx, t.gpos LIMIT n) r),
    'officers', (SELECT coalesce(json_agg(to_json(r) ORDER BY r.tx, r.gpos), '[]') FROM (
      SELECT * FROM counter.officers t WHERE t.agency_id = d.agency_id AND t.tx < safe
        AND (t.tx, t.gpos) > (of_tx, of_pos) ORDER BY t.tx, t.gpos LIMIT n) r),
    'desks', (SELECT coalesce(json_agg(to_json(r) ORDER BY r.tx, r.gpos), '[]') FROM (
      SELECT * FROM counter.desks t WHERE t.agency_id = d.agency_id AND t.tx < safe
        AND (t.tx, t.gpos) > (de_tx, de_pos) ORDER BY t.tx, t.gpos LIMIT n) r),
    'code_leases', (SELECT coalesce(json_agg(to_json(r) ORDER BY r.tx, r.gpos), '[]') FROM (
      SELECT * FROM counter.code_leases t WHERE t.agency_id = d.agency_id AND t.tx < safe
        AND (t.tx, t.gpos) > (le_tx, le_pos) AND (t.desk_id = d.id OR t.void)
      ORDER BY t.tx, t.gpos LIMIT n) r))
  INTO result;
  IF coalesce(c->>'catalog_rev', '') IS DISTINCT FROM coalesce(result->>'catalog_rev', '') THEN
    result := (result::jsonb || jsonb_build_object('catalog', counter.catalog_of(d.agency_id)))::json;
  END IF;
  RETURN result;
END $$;


DO $$ DECLARE f text; BEGIN
  FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'counter' AND p.proname IN ('release_held_feed', 'pull') LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO counter_owner', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION pull(jsonb, integer) TO counter_desk;
