-- What a desk pushes is checked as if the desk were hostile (docs/office-server.md, "What a
-- desk can and cannot do"). A desk PC is a shared office PC: its password in the wrong hands
-- must cost that desk, not the office. Until now the sync functions trusted what they got:
--   * a reception could carry any unused code of the agency, leased or not: the next online
--     reception at another desk printed that number, then every sync of that desk failed;
--   * a refused reception (its dossier never created) sat in every desk's feed, where no
--     desk could apply it: their event streams stopped at it for good;
--   * any size and any time: a 25 MB note, events dated 2076;
--   * catalog rows written into another agency's catalog;
--   * 9,999 numbers of a day leased in 2 s by one desk.
-- Each is refused now, and a refused record travels as refused to the desk that sent it.

SET search_path = counter, pg_temp;

-- The limits a pushed record must keep (stated in docs/office-server.md).
INSERT INTO meta (key, value) VALUES ('max_event_bytes', '65536'), ('clock_skew_s', '86400'),
  ('max_numbers_a_day', '200')
  ON CONFLICT (key) DO NOTHING;

CREATE OR REPLACE FUNCTION limit_of(p_key text, p_default integer) RETURNS integer
  LANGUAGE sql STABLE SET search_path = counter, pg_temp AS $$
  SELECT coalesce((SELECT value::int FROM counter.meta WHERE key = p_key), p_default)
$$;

-- A code as the agency's pattern renders it ({agency}, {yymmdd} or {yyyymmdd}, {seq} or
-- {seq:0Nd}); and back: the day's number a code carries for a given day, or NULL.
CREATE OR REPLACE FUNCTION render_code(p_pattern text, p_agency text, p_day date, p_seq text)
  RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT replace(replace(replace(regexp_replace(p_pattern, '\{seq(:0[1-9]d)?\}', '#SEQ#'),
                                 '{agency}', p_agency),
                         '{yymmdd}', to_char(p_day, 'YYMMDD')),
                 '{yyyymmdd}', to_char(p_day, 'YYYYMMDD'))
$$;

CREATE OR REPLACE FUNCTION code_number(p_pattern text, p_agency text, p_day date, p_code text)
  RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  shape text := counter.render_code(p_pattern, p_agency, p_day, '');
  head text := split_part(shape, '#SEQ#', 1);
  tail text := split_part(shape, '#SEQ#', 2);
  middle text;
  width integer := coalesce(substring(p_pattern from '\{seq:0([1-9])d\}')::int, 0);
BEGIN
  IF p_code IS NULL OR length(p_code) <= length(head) + length(tail)
     OR left(p_code, length(head)) <> head OR right(p_code, length(tail)) <> tail THEN
    RETURN NULL;
  END IF;
  middle := substr(p_code, length(head) + 1, length(p_code) - length(head) - length(tail));
  IF middle !~ '^[0-9]{1,4}$' OR length(middle) < width
     OR lpad(middle::int::text, greatest(width, 1), '0') <> middle THEN
    RETURN NULL;
  END IF;
  RETURN middle::int;
END $$;

-- A reception: the agency's, its code one this desk leased for the day of reception (or
-- claimed when it joined), nobody's yet, its time not ahead of the server's clock.
CREATE OR REPLACE FUNCTION receive(ev jsonb, desk counter.desks, OUT status text, OUT reason text)
  LANGUAGE plpgsql AS $$
DECLARE
  d jsonb := ev->'data'->'dossier';
  a counter.agencies;
  v_at timestamptz;
  v_day date;
  v_number integer;
BEGIN
  IF d IS NULL OR (d->>'agency_id')::uuid IS DISTINCT FROM desk.agency_id THEN
    status := 'rejected'; reason := 'Hồ sơ không thuộc cơ quan của bàn này.'; RETURN;
  END IF;
  SELECT * INTO a FROM counter.agencies WHERE id = desk.agency_id;
  v_at := (d->>'received_at')::timestamptz;
  IF v_at IS NULL OR v_at > now() + make_interval(secs => counter.limit_of('clock_skew_s', 86400))
     OR v_at < timestamptz '2000-01-01' THEN
    status := 'rejected';
    reason := 'Thời điểm tiếp nhận không hợp lệ (ở tương lai theo đồng hồ máy chủ?).';
    RETURN;
  END IF;
  v_day := (v_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
  v_number := counter.code_number(a.code_pattern, a.code, v_day, d->>'code');
  IF v_number IS NULL OR NOT EXISTS (
      SELECT 1 FROM counter.code_leases l WHERE l.agency_id = desk.agency_id
        AND l.day = v_day AND l.number = v_number AND l.desk_id = desk.id) THEN
    status := 'rejected';
    reason := 'Mã hồ sơ ' || left(coalesce(d->>'code', '?'), 60)
              || ' không phải số máy chủ đã cấp cho bàn này trong ngày tiếp nhận.';
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM counter.dossiers WHERE code = d->>'code')
     OR EXISTS (SELECT 1 FROM counter.dossiers WHERE id = (ev->>'dossier_id')::uuid) THEN
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
      (d->>'return_by_post')::boolean, d->>'request_id', v_at,
      (d->>'effective_received_at')::timestamptz, (d->>'original_due_at')::timestamptz,
      (d->>'original_due_at')::timestamptz, (ev->>'officer_id')::uuid);
  INSERT INTO counter.dossier_documents (id, dossier_id, position, name, kind, count)
    SELECT (x->>'id')::uuid, (ev->>'dossier_id')::uuid, (x->>'position')::int, x->>'name',
           x->>'kind', (x->>'count')::int
    FROM jsonb_array_elements(coalesce(ev->'data'->'documents', '[]')) x;
  status := 'applied';
END $$;

-- The event's own bounds first (its size, its time), then the state machine as before.
ALTER FUNCTION apply_event(jsonb, counter.desks) RENAME TO apply_checked_event;
CREATE FUNCTION apply_event(ev jsonb, desk counter.desks, OUT status text, OUT reason text)
  LANGUAGE plpgsql AS $$
DECLARE v_at timestamptz;
BEGIN
  IF octet_length(ev::text) > counter.limit_of('max_event_bytes', 65536) THEN
    status := 'rejected';
    reason := format('Bản ghi quá lớn (%s byte; tối đa %s).', octet_length(ev::text),
                     counter.limit_of('max_event_bytes', 65536));
  END IF;
  BEGIN
    v_at := (ev->>'at')::timestamptz;
  EXCEPTION WHEN others THEN
    v_at := NULL;
  END;
  IF status IS NULL AND (v_at IS NULL
      OR v_at > now() + make_interval(secs => counter.limit_of('clock_skew_s', 86400))
      OR v_at < timestamptz '2000-01-01') THEN
    status := 'rejected';
    reason := 'Thời điểm của việc này không hợp lệ (ở tương lai theo đồng hồ máy chủ?).';
  END IF;
  IF status = 'rejected' THEN  -- the dossier goes out again, so that the desk gets its state
    UPDATE counter.dossiers SET version = version WHERE id = (ev->>'dossier_id')::uuid;
    RETURN;
  END IF;
  SELECT r.status, r.reason INTO status, reason FROM counter.apply_checked_event(ev, desk) r;
END $$;

-- A refused record travels as refused to the desk that sent it (push's answer, and its own
-- feed), never as a row every desk must apply: a refused reception has no dossier on the
-- server, so no other desk could. Its size is trimmed to what tells the refusal.
CREATE TABLE IF NOT EXISTS refused_receptions (
  id uuid PRIMARY KEY,
  desk_id uuid NOT NULL REFERENCES desks(id),
  desk_seq integer NOT NULL,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  at timestamptz,
  reason text NOT NULL,
  refused_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE refused_receptions OWNER TO counter_owner;

CREATE OR REPLACE FUNCTION events_kept() RETURNS trigger LANGUAGE plpgsql
  SET search_path = counter, pg_temp AS $$
BEGIN
  IF NEW.status = 'rejected' AND NEW.kind = 'received' THEN
    INSERT INTO counter.refused_receptions (id, desk_id, desk_seq, agency_id, at, reason)
      VALUES (NEW.id, NEW.desk_id, NEW.desk_seq, NEW.agency_id, NEW.at, NEW.reason)
      ON CONFLICT (id) DO NOTHING;
    RETURN NULL;
  END IF;
  IF NEW.status = 'rejected' AND octet_length(NEW.data::text) > 4096 THEN
    NEW.data := '{}';
  END IF;
  NEW.note := left(NEW.note, 1000);
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS events_kept ON events;
CREATE TRIGGER events_kept BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_kept();

-- Catalog rows a desk that worked alone pushes: only its own agency's procedures, never
-- changed, their import order never ahead of the agency's published catalog.
CREATE OR REPLACE FUNCTION take_catalog(versions jsonb, desk counter.desks) RETURNS void
  LANGUAGE plpgsql SET search_path = counter, pg_temp AS $$
DECLARE
  v jsonb;
  last_seq integer := coalesce((SELECT max(pv.imported_seq) FROM counter.procedure_versions pv
    JOIN counter.procedures p ON p.id = pv.procedure_id WHERE p.agency_id = desk.agency_id), 0);
BEGIN
  FOR v IN SELECT value FROM jsonb_array_elements(coalesce(versions, '[]')) LOOP
    CONTINUE WHEN EXISTS (SELECT 1 FROM counter.procedure_versions WHERE id = (v->>'id')::uuid);
    CONTINUE WHEN EXISTS (SELECT 1 FROM counter.procedures WHERE id = (v->>'procedure_id')::uuid
                          AND agency_id <> desk.agency_id);
    CONTINUE WHEN octet_length(v::text) > 16384;
    INSERT INTO counter.procedures (id, agency_id, code)
      VALUES ((v->>'procedure_id')::uuid, desk.agency_id, left(v->>'procedure_code', 40))
      ON CONFLICT DO NOTHING;
    CONTINUE WHEN NOT EXISTS (SELECT 1 FROM counter.procedures
                              WHERE id = (v->>'procedure_id')::uuid
                                AND agency_id = desk.agency_id);
    INSERT INTO counter.procedure_versions (id, procedure_id, imported_seq, content_hash, label,
        effective_from, name, field, duration_unit, duration_value, online_duration_unit,
        online_duration_value, cutoff, pauses_on_supplement, fee, unit_id, imported_at)
      SELECT (v->>'id')::uuid, (v->>'procedure_id')::uuid,
        least(greatest((v->>'imported_seq')::int, 0), last_seq),
        v->>'content_hash', v->>'label', (v->>'effective_from')::date, v->>'name', v->>'field',
        v->>'duration_unit', (v->>'duration_value')::int, v->>'online_duration_unit',
        (v->>'online_duration_value')::int, v->>'cutoff', (v->>'pauses_on_supplement')::boolean,
        (v->>'fee')::int, u.id, (v->>'imported_at')::timestamptz
      FROM (SELECT 1) one LEFT JOIN counter.units u ON u.id = (v->>'unit_id')::uuid
        AND u.agency_id = desk.agency_id;
  END LOOP;
END $$;

DO $$ DECLARE f text; BEGIN
  FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'counter' AND p.proname IN ('limit_of', 'render_code',
             'code_number', 'receive', 'apply_event', 'apply_checked_event', 'events_kept',
             'take_catalog') LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO counter_owner', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
