-- The office's void numbers in every desk's feed (sync spec 3: "unused reserve numbers
-- recorded void and shown in the register"). Until now a desk pulled only its own leases,
-- so its register showed another desk's unused numbers as unexplained holes. A desk now
-- also receives the leases other desks gave up (void), never those they still hold: a
-- number of another desk's reserve must not look free here. Rows voided before this
-- version reach a desk that pulled past them when the feed's epoch changes.

SET search_path = counter, pg_temp;

CREATE OR REPLACE FUNCTION pull(cursors jsonb, max_rows integer) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  safe xid8 := pg_snapshot_xmin(pg_current_snapshot());
  n integer := least(greatest(coalesce(max_rows, 500), 1), 5000);
  result jsonb := jsonb_build_object(
    'epoch', (SELECT value FROM counter.meta WHERE key = 'feed_epoch'),
    'catalog_rev', (SELECT value FROM counter.meta WHERE key = 'catalog_rev'));
  stream text;
  cur_tx xid8;
  cur_pos bigint;
  rows jsonb;
BEGIN
  FOREACH stream IN ARRAY ARRAY['events', 'dossiers', 'audit_entries', 'officers', 'desks',
                                'code_leases'] LOOP
    cur_tx := coalesce(cursors->stream->>'tx', '0')::xid8;
    cur_pos := coalesce(cursors->stream->>'gpos', '0')::bigint;
    EXECUTE format(
      'SELECT coalesce(jsonb_agg(to_jsonb(r) %s ORDER BY r.tx, r.gpos), ''[]'') FROM ('
      '  SELECT * FROM counter.%I t WHERE t.agency_id = $1 AND t.tx < $2'
      '  AND (t.tx, t.gpos) > ($3, $4) %s ORDER BY t.tx, t.gpos LIMIT $5) r',
      CASE stream WHEN 'dossiers' THEN '|| jsonb_build_object(''documents'', (SELECT '
        'coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.position), ''[]'') FROM '
        'counter.dossier_documents x WHERE x.dossier_id = r.id))' ELSE '' END,
      stream,
      CASE stream WHEN 'code_leases' THEN 'AND (t.desk_id = $6 OR t.void)' ELSE '' END)
      INTO rows USING d.agency_id, safe, cur_tx, cur_pos, n, d.id;
    result := result || jsonb_build_object(stream, rows);
  END LOOP;
  IF coalesce(cursors->>'catalog_rev', '') IS DISTINCT FROM coalesce(result->>'catalog_rev', '')
  THEN
    result := result || jsonb_build_object('catalog', counter.catalog_of(d.agency_id));
  END IF;
  RETURN result;
END $$;
