-- What a desk may call, and nothing else: hello, push, pull, lease. Each runs as the
-- schema's owner with a fixed search_path, takes the desk from the session's login role
-- (never from its arguments), and sees only the desk's agency (row-level security).

SET search_path = counter, pg_temp;

-- The one state machine, as the desks have it (services/workflow.py; a test compares):
-- which event may follow which status, and the status it leads to (NULL: back to the
-- status before the pause, or unchanged).
CREATE TABLE IF NOT EXISTS transitions (
  kind varchar(30) NOT NULL,
  from_status varchar(30) NOT NULL,
  to_status varchar(30),
  PRIMARY KEY (kind, from_status)
);
ALTER TABLE transitions OWNER TO counter_owner;
REVOKE ALL ON transitions FROM PUBLIC;
DELETE FROM transitions;
INSERT INTO transitions (kind, from_status, to_status) VALUES
  ('handed_over', 'received', 'in_progress'), ('handed_over', 'in_progress', 'in_progress'),
  ('supplement_requested', 'received', 'supplement_requested'),
  ('supplement_requested', 'in_progress', 'supplement_requested'),
  ('supplement_received', 'supplement_requested', NULL),
  ('extended', 'received', NULL), ('extended', 'in_progress', NULL),
  ('extended', 'supplement_requested', NULL),
  ('result_back', 'received', 'resolved'), ('result_back', 'in_progress', 'resolved'),
  ('returned', 'resolved', 'returned'),
  ('withdrawn', 'received', 'withdrawn'), ('withdrawn', 'in_progress', 'withdrawn'),
  ('withdrawn', 'supplement_requested', 'withdrawn'),
  ('stopped', 'received', 'stopped'), ('stopped', 'in_progress', 'stopped'),
  ('stopped', 'supplement_requested', 'stopped'),
  ('refused', 'received', 'refused');

CREATE TABLE IF NOT EXISTS status_labels (status varchar(30) PRIMARY KEY, label text NOT NULL);
ALTER TABLE status_labels OWNER TO counter_owner;
REVOKE ALL ON status_labels FROM PUBLIC;
DELETE FROM status_labels;
INSERT INTO status_labels VALUES ('received', 'Đã tiếp nhận'), ('in_progress', 'Đang giải quyết'),
  ('supplement_requested', 'Chờ bổ sung'), ('resolved', 'Đã có kết quả'),
  ('returned', 'Đã trả kết quả'), ('withdrawn', 'Công dân rút hồ sơ'),
  ('stopped', 'Dừng giải quyết'), ('refused', 'Từ chối tiếp nhận');

CREATE OR REPLACE FUNCTION me() RETURNS counter.desks LANGUAGE plpgsql STABLE
  SET search_path = counter, pg_temp AS $$
DECLARE d counter.desks;
BEGIN
  SELECT * INTO d FROM counter.desks WHERE role_name = session_user AND active;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'counter: this login is not an active desk' USING ERRCODE = '42501';
  END IF;
  RETURN d;
END $$;

-- A dossier's first event: the dossier as the desk recorded it, with its documents.
CREATE OR REPLACE FUNCTION receive(ev jsonb, desk counter.desks, OUT status text, OUT reason text)
  LANGUAGE plpgsql SET search_path = counter, pg_temp AS $$
DECLARE d jsonb := ev->'data'->'dossier';
BEGIN
  IF d IS NULL OR (d->>'agency_id')::uuid IS DISTINCT FROM desk.agency_id THEN
    status := 'rejected'; reason := 'Hồ sơ không thuộc cơ quan của bàn này.'; RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM counter.dossiers WHERE code = d->>'code' OR id = (ev->>'dossier_id')::uuid) THEN
    status := 'rejected'; reason := 'Mã hồ sơ ' || (d->>'code') || ' đã được cấp cho hồ sơ khác.';
    RETURN;
  END IF;
  INSERT INTO counter.dossiers (id, code, agency_id, procedure_version_id, channel, status,
      applicant_name, name_key, id_type, id_number, phone, phone_key, address, email, sets, note,
      return_by_post, request_id, received_at, effective_received_at, original_due_at, due_at,
      received_by_id)
    VALUES ((ev->>'dossier_id')::uuid, d->>'code', desk.agency_id,
      (d->>'procedure_version_id')::uuid, d->>'channel', 'received', d->>'applicant_name',
      d->>'name_key', d->>'id_type', d->>'id_number', d->>'phone', d->>'phone_key',
      coalesce(d->>'address', ''), d->>'email', (d->>'sets')::int, d->>'note',
      (d->>'return_by_post')::boolean, d->>'request_id', (d->>'received_at')::timestamptz,
      (d->>'effective_received_at')::timestamptz, (d->>'original_due_at')::timestamptz,
      (d->>'original_due_at')::timestamptz, (ev->>'officer_id')::uuid);
  INSERT INTO counter.dossier_documents (id, dossier_id, position, name, kind, count)
    SELECT (x->>'id')::uuid, (ev->>'dossier_id')::uuid, (x->>'position')::int, x->>'name',
           x->>'kind', (x->>'count')::int
    FROM jsonb_array_elements(coalesce(ev->'data'->'documents', '[]')) x;
  status := 'applied';
END $$;

-- Any later event: through the state machine, against the dossier as the server has it,
-- under its row lock. The first to reach the server wins; the other is kept, refused.
CREATE OR REPLACE FUNCTION apply_event(ev jsonb, desk counter.desks, OUT status text,
                                       OUT reason text)
  LANGUAGE plpgsql SET search_path = counter, pg_temp AS $$
DECLARE
  v_kind text := ev->>'kind';
  data jsonb := coalesce(ev->'data', '{}');
  at timestamptz := (ev->>'at')::timestamptz;
  d counter.dossiers;
  next_status text;
  allowed boolean;
BEGIN
  IF v_kind = 'received' THEN
    SELECT r.status, r.reason INTO status, reason FROM counter.receive(ev, desk) r;
    RETURN;
  END IF;
  SELECT * INTO d FROM counter.dossiers WHERE id = (ev->>'dossier_id')::uuid FOR UPDATE;
  IF NOT FOUND THEN
    status := 'rejected'; reason := 'Máy chủ không có hồ sơ này (hoặc hồ sơ của cơ quan khác).';
    RETURN;
  END IF;
  IF v_kind IN ('note', 'printed') THEN  -- notes and prints never conflict
    status := 'applied'; RETURN;
  END IF;
  SELECT true, t.to_status INTO allowed, next_status FROM counter.transitions t
    WHERE t.kind = v_kind AND t.from_status = d.status;
  IF allowed IS NULL THEN
    -- the desk acted on what it had; the dossier goes out again so that it gets this state
    UPDATE counter.dossiers SET version = version WHERE id = d.id;
    status := 'rejected';
    reason := format('Không thể ghi "%s": theo máy chủ, hồ sơ đang ở trạng thái "%s".',
                     v_kind, (SELECT label FROM counter.status_labels WHERE status_labels.status = d.status));
    RETURN;
  END IF;
  UPDATE counter.dossiers SET
    status = CASE
      WHEN v_kind = 'supplement_received' THEN coalesce(d.status_before_pause, 'in_progress')
      ELSE coalesce(next_status, d.status) END,
    current_unit_id = CASE v_kind WHEN 'handed_over' THEN (ev->>'to_unit_id')::uuid
                                WHEN 'result_back' THEN NULL ELSE d.current_unit_id END,
    status_before_pause = CASE v_kind WHEN 'supplement_requested' THEN d.status
                                    WHEN 'supplement_received' THEN NULL
                                    WHEN 'withdrawn' THEN NULL WHEN 'stopped' THEN NULL
                                    WHEN 'refused' THEN NULL ELSE d.status_before_pause END,
    paused_at = CASE
      WHEN v_kind = 'supplement_requested' AND (data->>'clock_paused')::boolean THEN at
      WHEN v_kind IN ('supplement_requested', 'supplement_received', 'withdrawn', 'stopped',
                    'refused') THEN NULL
      ELSE d.paused_at END,
    due_at = CASE
      WHEN v_kind IN ('supplement_received', 'extended') AND data ? 'due_at'
        THEN (data->>'due_at')::timestamptz
      ELSE d.due_at END,
    resolved_at = CASE v_kind WHEN 'result_back' THEN at ELSE d.resolved_at END,
    outcome = CASE v_kind WHEN 'result_back' THEN data->>'outcome' ELSE d.outcome END,
    timeliness = CASE v_kind WHEN 'result_back' THEN data->>'timeliness' ELSE d.timeliness END,
    timeliness_original = CASE v_kind WHEN 'result_back' THEN data->>'timeliness_original'
                                    ELSE d.timeliness_original END,
    returned_at = CASE v_kind WHEN 'returned' THEN at ELSE d.returned_at END,
    receiver_name = CASE v_kind WHEN 'returned' THEN data->>'receiver' ELSE d.receiver_name END,
    receiver_id_number = CASE v_kind WHEN 'returned' THEN data->>'receiver_id'
                                   ELSE d.receiver_id_number END,
    post_tracking = CASE v_kind WHEN 'returned' THEN data->>'post_tracking' ELSE d.post_tracking END,
    version = d.version + 1
  WHERE id = d.id;
  status := 'applied';
END $$;

CREATE OR REPLACE FUNCTION hello() RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = counter, pg_temp AS $$
DECLARE d counter.desks := counter.me();
BEGIN
  UPDATE counter.desks SET last_seen_at = now() WHERE id = d.id;
  RETURN jsonb_build_object(
    'desk', d.id, 'name', d.name, 'events_upto', d.events_upto, 'audit_upto', d.audit_upto,
    'agency', (SELECT code FROM counter.agencies WHERE id = d.agency_id),
    'epoch', (SELECT value FROM counter.meta WHERE key = 'feed_epoch'),
    'schema', (SELECT value FROM counter.meta WHERE key = 'schema_version'),
    'event_schemas', (SELECT value FROM counter.meta WHERE key = 'event_schemas'),
    'server_now', now());
END $$;

-- One push: the desk's officers changed, its events in its own order (each applied or
-- refused, a gap refused whole), its audit entries, and the numbers it leased and will
-- never use. Idempotent: what the server already has is skipped, so a push whose answer
-- was lost is simply sent again.
CREATE OR REPLACE FUNCTION push(batch jsonb) RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks;
  x jsonb;
  seq integer;
  result record;
  refused jsonb := '[]';
  accepted text := coalesce((SELECT value FROM counter.meta WHERE key = 'event_schemas'), '1');
BEGIN
  PERFORM counter.me();
  SELECT * INTO d FROM counter.desks WHERE role_name = session_user FOR UPDATE;
  IF NOT (coalesce(batch->>'schema', '0') = ANY (string_to_array(accepted, ','))) THEN
    RETURN jsonb_build_object('update_required', true, 'accepted', accepted,
                              'events_upto', d.events_upto, 'audit_upto', d.audit_upto);
  END IF;
  PERFORM counter.take_catalog(batch->'versions', d);
  FOR x IN SELECT value FROM jsonb_array_elements(coalesce(batch->'officers', '[]')) LOOP
    -- an officer named before login existed, at two desks, under two identities: the
    -- first one the server got keeps the name
    CONTINUE WHEN EXISTS (SELECT 1 FROM counter.officers WHERE username = x->>'username'
                          AND id <> (x->>'id')::uuid);
    INSERT INTO counter.officers AS o (id, username, full_name, active, role, password_hash,
                                      changed_at, agency_id)
      VALUES ((x->>'id')::uuid, x->>'username', x->>'full_name', (x->>'active')::boolean,
              x->>'role', x->>'password_hash', (x->>'changed_at')::timestamptz, d.agency_id)
      ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, active = excluded.active,
        role = excluded.role, password_hash = excluded.password_hash,
        changed_at = excluded.changed_at
      WHERE (o.full_name, o.active, o.role, o.password_hash)
            IS DISTINCT FROM (excluded.full_name, excluded.active, excluded.role,
                              excluded.password_hash);
  END LOOP;
  FOR x IN SELECT value FROM jsonb_array_elements(coalesce(batch->'events', '[]'))
           ORDER BY (value->>'desk_seq')::int LOOP
    seq := (x->>'desk_seq')::int;
    CONTINUE WHEN seq <= d.events_upto;
    IF seq <> d.events_upto + 1 THEN
      RAISE EXCEPTION 'counter: desk % sent event % after %: a gap', d.name, seq, d.events_upto
        USING ERRCODE = 'P0001', HINT = 'gap';
    END IF;
    SELECT * INTO result FROM counter.apply_event(x, d);
    INSERT INTO counter.events (id, dossier_id, agency_id, desk_id, desk_seq, kind, at,
        officer_id, from_unit_id, to_unit_id, note, data, schema_version, status, reason)
      VALUES ((x->>'id')::uuid, (x->>'dossier_id')::uuid, d.agency_id, d.id, seq, x->>'kind',
        (x->>'at')::timestamptz, (x->>'officer_id')::uuid, (x->>'from_unit_id')::uuid,
        (x->>'to_unit_id')::uuid, x->>'note', coalesce(x->'data', '{}'),
        (x->>'schema_version')::int, result.status, result.reason);
    IF result.status = 'rejected' THEN
      refused := refused || jsonb_build_object('id', x->>'id', 'reason', result.reason);
    END IF;
    d.events_upto := seq;
  END LOOP;
  FOR x IN SELECT value FROM jsonb_array_elements(coalesce(batch->'audit', '[]'))
           ORDER BY (value->>'desk_seq')::int LOOP
    seq := (x->>'desk_seq')::int;
    CONTINUE WHEN seq <= d.audit_upto;
    IF seq <> d.audit_upto + 1 THEN
      RAISE EXCEPTION 'counter: desk % sent audit entry % after %: a gap', d.name, seq,
        d.audit_upto USING ERRCODE = 'P0001', HINT = 'gap';
    END IF;
    INSERT INTO counter.audit_entries (id, agency_id, desk_id, desk_seq, at, officer_id,
        username, action, code, outcome, detail, prev_hash, hash)
      VALUES ((x->>'id')::uuid, d.agency_id, d.id, seq, (x->>'at')::timestamptz,
        (x->>'officer_id')::uuid, x->>'username', x->>'action', x->>'code', x->>'outcome',
        coalesce(x->'detail', '{}'), x->>'prev_hash', x->>'hash');
    d.audit_upto := seq;
  END LOOP;
  UPDATE counter.code_leases SET void = true
    WHERE desk_id = d.id AND NOT void AND (day, number) IN (
      SELECT (v->>'day')::date, (v->>'number')::int
      FROM jsonb_array_elements(coalesce(batch->'voids', '[]')) v);
  UPDATE counter.desks SET events_upto = d.events_upto, audit_upto = d.audit_upto,
                           last_seen_at = now() WHERE id = d.id;
  RETURN jsonb_build_object('events_upto', d.events_upto, 'audit_upto', d.audit_upto,
                            'rejected', refused);
END $$;

-- Catalog rows a desk's dossiers use and the server lacks (a desk that worked alone
-- before it joined): taken as they are, never changed.
CREATE OR REPLACE FUNCTION take_catalog(versions jsonb, desk counter.desks) RETURNS void
  LANGUAGE plpgsql SET search_path = counter, pg_temp AS $$
DECLARE v jsonb;
BEGIN
  FOR v IN SELECT value FROM jsonb_array_elements(coalesce(versions, '[]')) LOOP
    CONTINUE WHEN EXISTS (SELECT 1 FROM counter.procedure_versions WHERE id = (v->>'id')::uuid);
    INSERT INTO counter.procedures (id, agency_id, code)
      VALUES ((v->>'procedure_id')::uuid, desk.agency_id, v->>'procedure_code')
      ON CONFLICT DO NOTHING;
    INSERT INTO counter.procedure_versions (id, procedure_id, imported_seq, content_hash, label,
        effective_from, name, field, duration_unit, duration_value, online_duration_unit,
        online_duration_value, cutoff, pauses_on_supplement, fee, unit_id, imported_at)
      SELECT (v->>'id')::uuid, (v->>'procedure_id')::uuid, (v->>'imported_seq')::int,
        v->>'content_hash', v->>'label', (v->>'effective_from')::date, v->>'name', v->>'field',
        v->>'duration_unit', (v->>'duration_value')::int, v->>'online_duration_unit',
        (v->>'online_duration_value')::int, v->>'cutoff', (v->>'pauses_on_supplement')::boolean,
        (v->>'fee')::int, u.id, (v->>'imported_at')::timestamptz
      FROM (SELECT 1) one LEFT JOIN counter.units u ON u.id = (v->>'unit_id')::uuid;
  END LOOP;
END $$;

-- The rows of the desk's agency written since the cursors, each stream in (tx, gpos)
-- order, only from transactions older than every one still running: a row committed
-- late is handed out late, never skipped.
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
      CASE stream WHEN 'code_leases' THEN 'AND t.desk_id = $6' ELSE '' END)
      INTO rows USING d.agency_id, safe, cur_tx, cur_pos, n, d.id;
    result := result || jsonb_build_object(stream, rows);
  END LOOP;
  IF coalesce(cursors->>'catalog_rev', '') IS DISTINCT FROM coalesce(result->>'catalog_rev', '')
  THEN
    result := result || jsonb_build_object('catalog', counter.catalog_of(d.agency_id));
  END IF;
  RETURN result;
END $$;

CREATE OR REPLACE FUNCTION catalog_of(agency uuid) RETURNS jsonb LANGUAGE sql STABLE
  SET search_path = counter, pg_temp AS $$
  SELECT jsonb_build_object(
    'agencies', (SELECT coalesce(jsonb_agg(to_jsonb(a)), '[]') FROM counter.agencies a
                 WHERE a.id = agency OR a.merged_into_id = agency),
    'agency_names', (SELECT coalesce(jsonb_agg(to_jsonb(n)), '[]') FROM counter.agency_names n
                     WHERE n.agency_id = agency),
    'units', (SELECT coalesce(jsonb_agg(to_jsonb(u)), '[]') FROM counter.units u
              WHERE u.agency_id = agency),
    'declared_days', (SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]') FROM counter.declared_days x
                      WHERE x.agency_id = agency),
    'procedures', (SELECT coalesce(jsonb_agg(to_jsonb(p)), '[]') FROM counter.procedures p
                   WHERE p.agency_id = agency),
    'procedure_versions', (SELECT coalesce(jsonb_agg(to_jsonb(v)), '[]')
                           FROM counter.procedure_versions v
                           JOIN counter.procedures p ON p.id = v.procedure_id
                           WHERE p.agency_id = agency),
    'version_documents', (SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]')
                          FROM counter.version_documents x
                          JOIN counter.procedure_versions v ON v.id = x.version_id
                          JOIN counter.procedures p ON p.id = v.procedure_id
                          WHERE p.agency_id = agency),
    'version_steps', (SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]') FROM counter.version_steps x
                      JOIN counter.procedure_versions v ON v.id = x.version_id
                      JOIN counter.procedures p ON p.id = v.procedure_id
                      WHERE p.agency_id = agency))
$$;

-- Dossier numbers for the desk: `count` of them for `day` (NULL: the server's today, for
-- a reception now, with the server's time to record it at). The server's counter of
-- (agency, day) is the only source: no two desks ever get one number.
CREATE OR REPLACE FUNCTION lease(p_day date, p_count integer) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_today date := (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
  v_day date := coalesce(p_day, v_today);
  hi integer;
BEGIN
  IF v_day < v_today OR v_day > v_today + 14 THEN
    RAISE EXCEPTION 'counter: numbers are leased for today up to two weeks ahead, not %', v_day
      USING ERRCODE = '22023';
  END IF;
  IF p_count IS NULL OR p_count < 1 OR p_count > 50 THEN
    RAISE EXCEPTION 'counter: lease 1 to 50 numbers at a time' USING ERRCODE = '22023';
  END IF;
  INSERT INTO counter.dossier_counters AS c (agency_id, day, last_seq)
    VALUES (d.agency_id, v_day, p_count)
    ON CONFLICT (agency_id, day) DO UPDATE SET last_seq = c.last_seq + p_count
    RETURNING c.last_seq INTO hi;
  IF hi > 9999 THEN
    RAISE EXCEPTION 'counter: no dossier number left for %', v_day USING ERRCODE = '22023';
  END IF;
  INSERT INTO counter.code_leases (agency_id, day, number, desk_id)
    SELECT d.agency_id, v_day, g, d.id FROM generate_series(hi - p_count + 1, hi) g;
  RETURN jsonb_build_object('day', v_day, 'first', hi - p_count + 1, 'last', hi,
                            'server_now', now());
END $$;

-- Joining: the server's desk takes the identity the desk already has (its records carry
-- it), once, before the server holds anything of it.
CREATE OR REPLACE FUNCTION bind_desk(p_id uuid, p_name text) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE d counter.desks := counter.me();
BEGIN
  IF d.id <> p_id THEN
    IF d.events_upto > 0 OR d.audit_upto > 0
       OR EXISTS (SELECT 1 FROM counter.code_leases WHERE desk_id = d.id) THEN
      RAISE EXCEPTION 'counter: desk % already holds records of another installation', d.name
        USING ERRCODE = '55000';
    END IF;
    IF EXISTS (SELECT 1 FROM counter.desks WHERE id = p_id) THEN
      RAISE EXCEPTION 'counter: another desk already has this identity' USING ERRCODE = '23505';
    END IF;
    UPDATE counter.desks SET id = p_id WHERE id = d.id;
  END IF;
  RETURN counter.hello();
END $$;

-- Dossiers again, by id: those a pull passed over while this desk still waited for the
-- server's answer to its own change of them.
CREATE OR REPLACE FUNCTION dossiers_by_id(p_ids uuid[]) RETURNS jsonb LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
  SELECT coalesce(jsonb_agg(to_jsonb(r) || jsonb_build_object('documents', (
           SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.position), '[]')
           FROM counter.dossier_documents x WHERE x.dossier_id = r.id))), '[]')
  FROM counter.dossiers r WHERE r.id = ANY (p_ids) AND r.agency_id = (counter.me()).agency_id
$$;

-- Which of these codes the server already gave (a desk that worked alone, joining).
CREATE OR REPLACE FUNCTION taken_codes(p_codes text[]) RETURNS text[] LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
  SELECT coalesce(array_agg(code ORDER BY code), '{}') FROM counter.dossiers
  WHERE code = ANY (p_codes) AND agency_id = (counter.me()).agency_id
$$;

DO $$ DECLARE f text; BEGIN
  FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'counter' LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO counter_owner', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION hello(), push(jsonb), pull(jsonb, integer), lease(date, integer),
  bind_desk(uuid, text), taken_codes(text[]), dossiers_by_id(uuid[]) TO counter_desk;
