-- The citizen's side of the counter (issue 22, docs/citizen.md). 0023 is a placeholder
-- number: issue 21's portal and issue 22's queue add 0021 and 0022 beside it.
--
-- 1. Ratings of visits. A desk records a `rated` event when the citizen rates a visit of a
-- dossier at the counter (data: visit reception|return, score 1-3, criteria codes,
-- counter). It changes no state. It is taken when it names a dossier of the desk's own
-- agency, a known visit and score, criteria as short codes, a counter 1-999 or none, a
-- return visit only once the server has the dossier returned, and only when that visit
-- has no applied rating yet: two desks that each rated the same visit while apart get the
-- first one pushed kept and the other refused (it comes back to its desk as a conflict,
-- told to the officer, never counted twice). The dossier's row lock orders two pushes; the
-- unique index below holds the rule whatever else happens.

SET search_path = counter, pg_temp;

ALTER FUNCTION apply_checked_event(jsonb, counter.desks) RENAME TO apply_unrated_event;

CREATE FUNCTION apply_checked_event(ev jsonb, desk counter.desks, OUT status text,
                                    OUT reason text)
  LANGUAGE plpgsql AS $$
DECLARE
  v_data jsonb := coalesce(ev->'data', '{}');
  crit jsonb := coalesce(ev->'data'->'criteria', '[]');
  d counter.dossiers;
  v_key text;
  v_seen text := coalesce(current_setting('counter.rated_in_push', true), '');
BEGIN
  IF ev->>'kind' IS DISTINCT FROM 'rated' THEN
    SELECT r.status, r.reason INTO status, reason FROM counter.apply_unrated_event(ev, desk) r;
    RETURN;
  END IF;
  SELECT * INTO d FROM counter.dossiers WHERE id = (ev->>'dossier_id')::uuid FOR UPDATE;
  IF NOT FOUND OR d.agency_id IS DISTINCT FROM desk.agency_id THEN
    status := 'rejected'; reason := 'Máy chủ không có hồ sơ này (hoặc hồ sơ của cơ quan khác).';
    RETURN;
  END IF;
  status := 'rejected';
  IF coalesce(v_data->>'visit', '') NOT IN ('reception', 'return')
     OR jsonb_typeof(v_data->'score') IS DISTINCT FROM 'number'
     OR v_data->>'score' NOT IN ('1', '2', '3')
     OR jsonb_typeof(crit) IS DISTINCT FROM 'array' OR jsonb_array_length(crit) > 10
     OR EXISTS (SELECT 1 FROM jsonb_array_elements(crit) c
                WHERE jsonb_typeof(c) IS DISTINCT FROM 'string'
                   OR c #>> '{}' !~ '^[a-z_]{1,20}$')
     OR coalesce(jsonb_typeof(v_data->'counter'), 'null') NOT IN ('null', 'number')
     OR (jsonb_typeof(v_data->'counter') = 'number'
         AND v_data->>'counter' !~ '^[1-9][0-9]{0,2}$') THEN
    reason := 'Đánh giá: lượt, mức, tiêu chí hoặc số quầy không hợp lệ.'; RETURN;
  END IF;
  IF v_data->>'visit' = 'return' AND d.status IS DISTINCT FROM 'returned' THEN
    reason := 'Đánh giá lượt trả kết quả: theo máy chủ, hồ sơ chưa trả kết quả.'; RETURN;
  END IF;
  -- this push's own ratings are written at its end: those taken so far are remembered here
  v_key := d.id::text || '/' || (v_data->>'visit');
  IF position(v_key IN v_seen) > 0 OR EXISTS (
      SELECT 1 FROM counter.events e WHERE e.dossier_id = d.id AND e.kind = 'rated'
        AND e.status = 'applied' AND e.data->>'visit' = v_data->>'visit') THEN
    reason := 'Lượt này đã được công dân đánh giá (ở bàn khác, gửi lên trước): mỗi lượt chỉ '
              'một đánh giá, đánh giá này không được tính.';
    RETURN;
  END IF;
  PERFORM set_config('counter.rated_in_push', v_seen || ' ' || v_key, true);
  status := 'applied'; reason := NULL;
END $$;

CREATE UNIQUE INDEX IF NOT EXISTS events_one_rating_a_visit ON events
  (dossier_id, (data->>'visit')) WHERE kind = 'rated' AND status = 'applied';

DO $$ DECLARE f text; BEGIN
  FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'counter'
             AND p.proname IN ('apply_checked_event', 'apply_unrated_event') LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO counter_owner', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;

-- 2. The complaints register (phản ánh, kiến nghị). With an office server the register is
-- the server's: one office, one register, which the leader reads from any desk, as the
-- queue's tickets are the server's. (Complaints are not a dossier's events: many name no
-- dossier, and each changes in place until it is closed.) A desk adds, replies, assigns,
-- closes and reads only its agency's complaints, through these functions; the person's
-- data is kept as a dossier's applicant's is, and is handed out only by complaint_detail.
-- The rules are the desk's: a closed complaint changes no more, a complaint is closed only
-- once replied; numbers PA-YYYY-NNNN run per agency and year. The working days to answer
-- (complaint_rules; 10 when none is set) are set with the administrator's URL.

CREATE TABLE IF NOT EXISTS complaints (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  year integer NOT NULL,
  seq integer NOT NULL,
  channel text NOT NULL CHECK (channel IN ('counter', 'phone', 'email', 'portal', 'letter')),
  person_name text NOT NULL CHECK (length(person_name) BETWEEN 1 AND 200),
  person_phone text CHECK (length(person_phone) <= 20),
  person_address text CHECK (length(person_address) <= 500),
  content text NOT NULL CHECK (length(content) BETWEEN 1 AND 5000),
  dossier_code text CHECK (length(dossier_code) <= 60),
  procedure_code text CHECK (length(procedure_code) <= 40),
  received_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL CHECK (due_at > received_at),
  received_by_id uuid,
  desk_id uuid NOT NULL REFERENCES desks(id),
  assignee text,
  reply text CHECK (length(reply) <= 5000),
  replied_at timestamptz,
  published_at timestamptz,
  closed_at timestamptz CHECK (closed_at IS NULL OR replied_at IS NOT NULL),
  UNIQUE (agency_id, year, seq)
);
CREATE TABLE IF NOT EXISTS complaint_rules (
  agency_id uuid PRIMARY KEY REFERENCES agencies(id),
  due_days integer NOT NULL CHECK (due_days BETWEEN 1 AND 60)
);

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['complaints', 'complaint_rules'] LOOP
    EXECUTE format('ALTER TABLE counter.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE counter.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS same_agency ON counter.%I', t);
    EXECUTE format('CREATE POLICY same_agency ON counter.%I USING ('
                   '(SELECT NOT counter.is_desk_session()) '
                   'OR agency_id = (SELECT counter.session_agency()))', t);
    EXECUTE format('ALTER TABLE counter.%I OWNER TO counter_owner', t);
    EXECUTE format('REVOKE ALL ON counter.%I FROM PUBLIC', t);
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION complaint_json(c counter.complaints) RETURNS jsonb
  LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('year', c.year, 'seq', c.seq, 'channel', c.channel,
    'received_at', c.received_at, 'due_at', c.due_at, 'code', c.dossier_code,
    'procedure', c.procedure_code, 'assignee', c.assignee, 'replied_at', c.replied_at,
    'published_at', c.published_at, 'closed_at', c.closed_at)
$$;

CREATE OR REPLACE FUNCTION complaint_refused(p_message text, p_code text DEFAULT '22023')
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', p_message USING ERRCODE = p_code;
END $$;

CREATE OR REPLACE FUNCTION complaint_due_days() RETURNS integer LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
  SELECT coalesce((SELECT due_days FROM counter.complaint_rules
                   WHERE agency_id = (SELECT (counter.me()).agency_id)), 10)
$$;

CREATE OR REPLACE FUNCTION complaint_add(c jsonb) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_at timestamptz := (c->>'received_at')::timestamptz;
  v_due timestamptz := (c->>'due_at')::timestamptz;
  v_year integer;
  v_procedure text;
  r counter.complaints;
BEGIN
  IF coalesce(c->>'channel', '') NOT IN ('counter', 'phone', 'email', 'portal', 'letter') THEN
    PERFORM counter.complaint_refused('Kênh tiếp nhận phản ánh không hợp lệ.');
  END IF;
  IF length(btrim(coalesce(c->>'name', ''))) NOT BETWEEN 1 AND 200
     OR (c->>'phone' IS NULL AND c->>'address' IS NULL) THEN
    PERFORM counter.complaint_refused(
      'Người phản ánh: cần họ tên và số điện thoại hoặc địa chỉ.');
  END IF;
  IF length(btrim(coalesce(c->>'content', ''))) NOT BETWEEN 1 AND 5000 THEN
    PERFORM counter.complaint_refused('Nội dung phản ánh: từ 1 đến 5000 ký tự.');
  END IF;
  IF c->>'code' IS NOT NULL THEN  -- the dossier's own procedure when none is named
    SELECT p.code INTO v_procedure FROM counter.dossiers x
      JOIN counter.procedure_versions v ON v.id = x.procedure_version_id
      JOIN counter.procedures p ON p.id = v.procedure_id
      WHERE x.code = c->>'code' AND x.agency_id = d.agency_id;
    IF NOT FOUND THEN
      PERFORM counter.complaint_refused('Máy chủ không có hồ sơ mã này của cơ quan.', 'P0002');
    END IF;
  END IF;
  v_procedure := coalesce(c->>'procedure', v_procedure);
  IF v_procedure IS NOT NULL AND NOT EXISTS (SELECT 1 FROM counter.procedures
      WHERE code = v_procedure AND agency_id = d.agency_id) THEN
    PERFORM counter.complaint_refused('Máy chủ không có thủ tục mã này của cơ quan.', 'P0002');
  END IF;
  IF v_at IS NULL OR abs(extract(epoch FROM v_at - now()))
       > counter.limit_of('clock_skew_s', 86400) THEN
    PERFORM counter.complaint_refused(
      'Thời điểm nhận phản ánh không hợp lệ (đồng hồ của bàn sai so với máy chủ?).');
  END IF;
  IF v_due IS NULL OR v_due <= v_at OR v_due > v_at + interval '120 days' THEN
    PERFORM counter.complaint_refused('Hạn trả lời phản ánh không hợp lệ.');
  END IF;
  v_year := extract(year FROM v_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int;
  PERFORM pg_advisory_xact_lock(hashtext('counter complaints ' || d.agency_id || v_year));
  INSERT INTO counter.complaints (id, agency_id, year, seq, channel, person_name, person_phone,
      person_address, content, dossier_code, procedure_code, received_at, due_at,
      received_by_id, desk_id)
    VALUES (gen_random_uuid(), d.agency_id, v_year,
      (SELECT coalesce(max(seq), 0) + 1 FROM counter.complaints
       WHERE agency_id = d.agency_id AND year = v_year),
      c->>'channel', btrim(c->>'name'), c->>'phone', c->>'address', c->>'content',
      c->>'code', v_procedure, v_at, v_due, (c->>'received_by_id')::uuid, d.id)
    RETURNING * INTO r;
  RETURN counter.complaint_json(r);
END $$;

-- reply ({"text", "publish"}), close, assign ({"officer": a login name of the agency})
CREATE OR REPLACE FUNCTION complaint_change(p_year integer, p_seq integer, p_action text,
                                            p_args jsonb) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_number text := format('PA-%s-%s', p_year, lpad(p_seq::text, 4, '0'));
  r counter.complaints;
BEGIN
  SELECT * INTO r FROM counter.complaints
    WHERE agency_id = d.agency_id AND year = p_year AND seq = p_seq FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM counter.complaint_refused(format('Không có phản ánh số %s.', v_number), 'P0002');
  END IF;
  IF r.closed_at IS NOT NULL THEN
    PERFORM counter.complaint_refused(
      format('Phản ánh %s đã đóng: không thay đổi được nữa.', v_number));
  END IF;
  IF p_action = 'reply' THEN
    IF length(btrim(coalesce(p_args->>'text', ''))) NOT BETWEEN 1 AND 5000 THEN
      PERFORM counter.complaint_refused('Nội dung trả lời: từ 1 đến 5000 ký tự.');
    END IF;
    UPDATE counter.complaints SET reply = p_args->>'text', replied_at = now(),
      published_at = CASE WHEN (p_args->>'publish')::boolean THEN now() END
      WHERE id = r.id RETURNING * INTO r;
  ELSIF p_action = 'close' THEN
    IF r.replied_at IS NULL THEN
      PERFORM counter.complaint_refused(format('Phản ánh %s chưa được trả lời: ghi trả lời '
        '(complaint reply) trước khi đóng.', v_number));
    END IF;
    UPDATE counter.complaints SET closed_at = now() WHERE id = r.id RETURNING * INTO r;
  ELSIF p_action = 'assign' THEN
    IF NOT EXISTS (SELECT 1 FROM counter.officers WHERE username = p_args->>'officer'
                   AND agency_id = d.agency_id AND active) THEN
      PERFORM counter.complaint_refused(
        '--to: không có cán bộ đang làm việc với tên đăng nhập này.');
    END IF;
    UPDATE counter.complaints SET assignee = p_args->>'officer' WHERE id = r.id
      RETURNING * INTO r;
  ELSE
    PERFORM counter.complaint_refused('Việc không có trong sổ phản ánh.');
  END IF;
  RETURN counter.complaint_json(r);
END $$;

CREATE OR REPLACE FUNCTION complaints_list() RETURNS jsonb LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
  SELECT coalesce(jsonb_agg(counter.complaint_json(c) ORDER BY c.received_at, c.seq), '[]')
  FROM counter.complaints c WHERE c.agency_id = (SELECT (counter.me()).agency_id)
$$;

CREATE OR REPLACE FUNCTION complaint_detail(p_year integer, p_seq integer) RETURNS jsonb
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  r counter.complaints;
BEGIN
  SELECT * INTO r FROM counter.complaints
    WHERE agency_id = d.agency_id AND year = p_year AND seq = p_seq;
  IF NOT FOUND THEN
    PERFORM counter.complaint_refused(format('Không có phản ánh số PA-%s-%s.', p_year,
      lpad(p_seq::text, 4, '0')), 'P0002');
  END IF;
  RETURN counter.complaint_json(r) || jsonb_build_object('name', r.person_name,
    'phone', r.person_phone, 'address', r.person_address, 'content', r.content,
    'reply', r.reply);
END $$;

DO $$ DECLARE f text; BEGIN
  FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'counter'
             AND p.proname IN ('complaint_json', 'complaint_refused', 'complaint_due_days',
                               'complaint_add', 'complaint_change', 'complaints_list',
                               'complaint_detail') LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO counter_owner', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION complaint_due_days(), complaint_add(jsonb),
  complaint_change(integer, integer, text, jsonb), complaints_list(),
  complaint_detail(integer, integer) TO counter_desk;
