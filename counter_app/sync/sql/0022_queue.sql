-- One office, one queue (issue 22, docs/queue.md). With an office server the tickets and
-- the calls are the server's: every desk, the kiosk and the hall's display are clients of
-- these functions, and two desks pressing F12 at the same moment never call the same
-- ticket (the next ticket is taken with FOR UPDATE SKIP LOCKED inside one UPDATE).
--
-- A desk's role calls the functions granted below and nothing else; each takes the desk
-- and its agency from the login (counter.me()), never from its arguments, and checks its
-- arguments as if the desk were hostile. Refusals a person reads are raised in Vietnamese
-- with SQLSTATE CQ001 (the desk shows them as they are, exit 2). The services are the
-- office's: only its administrator changes them (queue_service_put, not granted to desks).
--
-- (Numbered 0022 beside issue 21's 0021: renumbered, if need be, when both are merged.)

SET search_path = counter, pg_temp;

CREATE TABLE IF NOT EXISTS queue_services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  prefix varchar(3) NOT NULL CHECK (prefix ~ '^[A-Z]{1,3}$'),
  name varchar(100) NOT NULL,
  counters integer[] NOT NULL DEFAULT '{}',      -- empty: every counter calls from it
  open boolean NOT NULL DEFAULT true,            -- the kiosk gives tickets for it
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, prefix)
);
-- the day's last number of each service's letters (a row lock serialises one line's issues)
CREATE TABLE IF NOT EXISTS queue_numbers (
  agency_id uuid NOT NULL REFERENCES agencies(id),
  day date NOT NULL,
  prefix varchar(3) NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (agency_id, day, prefix)
);
-- `id` is the order of issue, the line's order; `prefix` and `number` make the label (A021),
-- kept when the ticket is transferred to another service
CREATE TABLE IF NOT EXISTS queue_tickets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  day date NOT NULL,
  prefix varchar(3) NOT NULL,
  number integer NOT NULL,
  service_id uuid NOT NULL REFERENCES queue_services(id),
  priority boolean NOT NULL DEFAULT false,
  ahead boolean NOT NULL DEFAULT false,          -- back at the head of its line
  state varchar(12) NOT NULL DEFAULT 'waiting'
    CHECK (state IN ('waiting', 'transferred', 'called', 'served', 'skipped', 'gone')),
  issued_at timestamptz NOT NULL DEFAULT now(),
  issued_by uuid REFERENCES desks(id),
  token varchar(64),                             -- the kiosk's retry key
  called_at timestamptz,                         -- its last call (not a recall)
  counter integer,
  officer varchar(60),
  called_by uuid REFERENCES desks(id),
  recalls integer NOT NULL DEFAULT 0,
  skipped_at timestamptz,
  from_service_id uuid REFERENCES queue_services(id),
  wanted_counter integer,                        -- transferred to one counter
  UNIQUE (agency_id, day, prefix, number)
);
CREATE UNIQUE INDEX IF NOT EXISTS queue_tickets_token ON queue_tickets (agency_id, token)
  WHERE token IS NOT NULL;
-- the line, in the order it is called
CREATE INDEX IF NOT EXISTS queue_tickets_line
  ON queue_tickets (agency_id, day, ahead DESC, priority DESC, id)
  WHERE state IN ('waiting', 'transferred');
-- a service's line: how many wait before a new ticket, and in each line (status)
CREATE INDEX IF NOT EXISTS queue_tickets_service ON queue_tickets (agency_id, day, service_id)
  WHERE state IN ('waiting', 'transferred');
CREATE INDEX IF NOT EXISTS queue_tickets_skipped ON queue_tickets (agency_id, day)
  WHERE state = 'skipped';
CREATE TABLE IF NOT EXISTS queue_calls (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  ticket_id bigint NOT NULL REFERENCES queue_tickets(id),
  counter integer NOT NULL,
  officer varchar(60) NOT NULL,
  desk_id uuid REFERENCES desks(id),
  at timestamptz NOT NULL DEFAULT now(),
  kind varchar(8) NOT NULL CHECK (kind IN ('call', 'recall')),
  token varchar(64)                              -- the desk's retry key
);
CREATE UNIQUE INDEX IF NOT EXISTS queue_calls_token ON queue_calls (agency_id, token)
  WHERE token IS NOT NULL;
CREATE INDEX IF NOT EXISTS queue_calls_counter ON queue_calls (agency_id, counter, id);
CREATE INDEX IF NOT EXISTS queue_calls_ticket ON queue_calls (ticket_id);
CREATE TABLE IF NOT EXISTS queue_links (
  ticket_id bigint NOT NULL REFERENCES queue_tickets(id),
  dossier_id uuid NOT NULL,                      -- the desk's dossier (it may reach us later)
  action varchar(10) NOT NULL CHECK (action IN ('reception', 'return')),
  agency_id uuid NOT NULL REFERENCES agencies(id),
  desk_id uuid REFERENCES desks(id),
  ended_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, dossier_id, action)
);

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['queue_services', 'queue_numbers', 'queue_tickets', 'queue_calls',
                           'queue_links'] LOOP
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

-- helpers (not granted). Those that query are PL/pgSQL, not SQL: PostgreSQL plans a SQL
-- function's body again at every call it cannot inline (0.3 ms each here), PL/pgSQL keeps
-- its plans for the session (as 0007_policy_functions.sql found for the policies).

CREATE OR REPLACE FUNCTION queue_refuse(p_message text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', p_message USING ERRCODE = 'CQ001';
END $$;

CREATE OR REPLACE FUNCTION queue_today() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
$$;

CREATE OR REPLACE FUNCTION queue_label(p_prefix text, p_number integer) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT p_prefix || CASE WHEN p_number < 1000 THEN lpad(p_number::text, 3, '0')
                          ELSE p_number::text END
$$;

CREATE OR REPLACE FUNCTION queue_seconds(p_later timestamptz, p_earlier timestamptz)
  RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT greatest(0, round(extract(epoch FROM p_later - p_earlier)))::integer
$$;

CREATE OR REPLACE FUNCTION queue_checked_counter(p_counter integer) RETURNS integer
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF p_counter IS NULL OR p_counter < 1 OR p_counter > 99 THEN
    PERFORM counter.queue_refuse('Số quầy phải từ 1 đến 99.');
  END IF;
  RETURN p_counter;
END $$;

CREATE OR REPLACE FUNCTION queue_checked_token(p_token text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF p_token IS NOT NULL AND p_token !~ '^[A-Za-z0-9_.:-]{1,64}$' THEN
    PERFORM counter.queue_refuse(
      'Mã yêu cầu (token) gồm 1–64 chữ cái không dấu, chữ số, . _ : -');
  END IF;
  RETURN p_token;
END $$;

CREATE OR REPLACE FUNCTION queue_officer(p_officer text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF p_officer IS NULL OR btrim(p_officer) = '' THEN
    PERFORM counter.queue_refuse('Cần tên đăng nhập của cán bộ gọi số.');
  END IF;
  RETURN left(btrim(p_officer), 60);
END $$;

-- A ticket of today by its label (A021), locked for the caller's change.
CREATE OR REPLACE FUNCTION queue_find(p_agency uuid, p_ticket text) RETURNS counter.queue_tickets
  LANGUAGE plpgsql AS $$
DECLARE
  m text[] := regexp_match(upper(btrim(coalesce(p_ticket, ''))), '^([A-Z]{1,3})([0-9]{3,6})$');
  t counter.queue_tickets;
BEGIN
  IF m IS NULL THEN
    PERFORM counter.queue_refuse('Số thứ tự viết dạng chữ của hàng chờ và số, ví dụ A021.');
  END IF;
  SELECT * INTO t FROM counter.queue_tickets WHERE agency_id = p_agency
    AND day = counter.queue_today() AND prefix = m[1] AND number = m[2]::integer FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM counter.queue_refuse('Hôm nay không có số ' || counter.queue_label(m[1], m[2]::int)
                                 || '.');
  END IF;
  RETURN t;
END $$;

CREATE OR REPLACE FUNCTION queue_service_row(p_agency uuid, p_prefix text)
  RETURNS counter.queue_services LANGUAGE plpgsql AS $$
DECLARE s counter.queue_services;
BEGIN
  SELECT * INTO s FROM counter.queue_services WHERE agency_id = p_agency
    AND prefix = upper(btrim(coalesce(p_prefix, '')));
  IF NOT FOUND THEN
    PERFORM counter.queue_refuse('Không có hàng chờ ' || left(upper(btrim(coalesce(p_prefix, ''))), 3)
                                 || ': xem các hàng chờ bằng queue service list.');
  END IF;
  RETURN s;
END $$;

-- The services a counter calls from (open or not); refused when there is none.
CREATE OR REPLACE FUNCTION queue_served_by(p_agency uuid, p_counter integer) RETURNS uuid[]
  LANGUAGE plpgsql STABLE AS $$
DECLARE v uuid[];
BEGIN
  SELECT array_agg(id) INTO v FROM counter.queue_services WHERE agency_id = p_agency
    AND (cardinality(counters) = 0 OR p_counter = ANY (counters));
  IF v IS NULL THEN
    PERFORM counter.queue_refuse(format('Quầy %s không gọi hàng chờ nào: khai báo quầy cho '
                                        'hàng chờ (queue service add|set … --counters).', p_counter));
  END IF;
  RETURN v;
END $$;

-- Today's skipped tickets past the skip window (30 minutes) are gone.
CREATE OR REPLACE FUNCTION queue_expire(p_agency uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE counter.queue_tickets SET state = 'gone' WHERE agency_id = p_agency
    AND day = counter.queue_today() AND state = 'skipped'
    AND skipped_at < now() - interval '30 minutes';
END $$;

-- The ticket a counter has called and still has: its latest call's, if still called there.
CREATE OR REPLACE FUNCTION queue_current(p_agency uuid, p_counter integer)
  RETURNS counter.queue_tickets LANGUAGE plpgsql AS $$
DECLARE t counter.queue_tickets;
BEGIN
  SELECT * INTO t FROM counter.queue_tickets WHERE id = (
    SELECT c.ticket_id FROM counter.queue_calls c WHERE c.agency_id = p_agency
      AND c.counter = p_counter ORDER BY c.id DESC LIMIT 1) FOR UPDATE;
  IF NOT FOUND OR t.day <> counter.queue_today() OR t.state <> 'called'
     OR t.counter IS DISTINCT FROM p_counter THEN
    RETURN NULL;
  END IF;
  RETURN t;
END $$;

CREATE OR REPLACE FUNCTION queue_ticket_json(t counter.queue_tickets) RETURNS jsonb
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT jsonb_build_object('ticket', counter.queue_label(t.prefix, t.number),
    'service', (SELECT prefix FROM counter.queue_services WHERE id = t.service_id),
    'state', CASE WHEN t.state = 'skipped' AND t.skipped_at < now() - interval '30 minutes'
                  THEN 'gone' ELSE t.state END,
    'priority', t.priority, 'issued_at', t.issued_at,
    'called_at', t.called_at, 'counter', t.counter, 'wanted_counter', t.wanted_counter,
    'recalls', t.recalls));
END $$;

CREATE OR REPLACE FUNCTION queue_called_json(t counter.queue_tickets, p_kind text) RETURNS jsonb
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT jsonb_build_object('ticket', counter.queue_label(t.prefix, t.number),
    'service', (SELECT prefix FROM counter.queue_services WHERE id = t.service_id),
    'counter', t.counter, 'called_at', t.called_at,
    'waited_s', counter.queue_seconds(t.called_at, t.issued_at), 'priority', t.priority,
    'recalls', t.recalls, 'kind', p_kind));
END $$;

CREATE OR REPLACE FUNCTION queue_issued_json(t counter.queue_tickets) RETURNS jsonb
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT jsonb_build_object('ticket', counter.queue_label(t.prefix, t.number),
    'service', s.prefix, 'service_name', s.name, 'priority', t.priority,
    'issued_at', t.issued_at,
    'waiting_before', (SELECT count(*) FROM counter.queue_tickets w
      WHERE w.agency_id = t.agency_id AND w.day = t.day AND w.service_id = t.service_id
        AND w.state IN ('waiting', 'transferred') AND w.id <> t.id
        AND (w.ahead, w.priority, -w.id) > (t.ahead, t.priority, -t.id)))
  FROM counter.queue_services s WHERE s.id = t.service_id);
END $$;

CREATE OR REPLACE FUNCTION queue_services_json(p_agency uuid) RETURNS jsonb
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT coalesce(jsonb_agg(jsonb_build_object('prefix', s.prefix, 'name', s.name,
    'counters', to_jsonb(s.counters), 'open', s.open,
    'waiting', (SELECT count(*) FROM counter.queue_tickets w WHERE w.agency_id = p_agency
      AND w.day = counter.queue_today() AND w.service_id = s.id
      AND w.state IN ('waiting', 'transferred'))) ORDER BY s.prefix), '[]')
  FROM counter.queue_services s WHERE s.agency_id = p_agency);
END $$;

-- The desks' functions (granted to counter_desk). Each is one transaction of the desk's.

CREATE OR REPLACE FUNCTION queue_services_list() RETURNS jsonb LANGUAGE plpgsql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE d counter.desks := counter.me();
BEGIN
  RETURN counter.queue_services_json(d.agency_id);
END $$;

-- A ticket (the kiosk's action). The same token again gives back the same ticket: a retry
-- after a lost answer never prints two.
CREATE OR REPLACE FUNCTION queue_issue_ticket(p_service text, p_priority boolean, p_token text)
  RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_token text := counter.queue_checked_token(p_token);
  s counter.queue_services;
  t counter.queue_tickets;
  v_number integer;
BEGIN
  s := counter.queue_service_row(d.agency_id, p_service);
  IF v_token IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('counter.queue_token:' || d.agency_id::text
                                                   || ':' || v_token, 0));
    SELECT * INTO t FROM counter.queue_tickets WHERE agency_id = d.agency_id AND token = v_token;
    IF FOUND THEN
      IF t.prefix <> s.prefix OR t.priority <> coalesce(p_priority, false) THEN
        PERFORM counter.queue_refuse('Mã yêu cầu này đã cấp số '
          || counter.queue_label(t.prefix, t.number) || ' cho một yêu cầu khác.');
      END IF;
      RETURN counter.queue_issued_json(t);
    END IF;
  END IF;
  IF NOT s.open THEN
    PERFORM counter.queue_refuse(format('Hàng chờ %s (%s) đang ngừng cấp số.', s.prefix, s.name));
  END IF;
  INSERT INTO counter.queue_numbers AS n (agency_id, day, prefix, last)
    VALUES (d.agency_id, counter.queue_today(), s.prefix, 1)
    ON CONFLICT (agency_id, day, prefix) DO UPDATE SET last = n.last + 1
    RETURNING n.last INTO v_number;
  INSERT INTO counter.queue_tickets (agency_id, day, prefix, number, service_id, priority,
                                     issued_by, token)
    VALUES (d.agency_id, counter.queue_today(), s.prefix, v_number, s.id,
            coalesce(p_priority, false), d.id, v_token)
    RETURNING * INTO t;
  RETURN counter.queue_issued_json(t);
END $$;

-- F12: the next ticket of the services this counter serves (or sent to this counter):
-- back at the head first, then priority, then the order of issue. One UPDATE whose row
-- comes from FOR UPDATE SKIP LOCKED: two desks at the same moment take two tickets, never
-- one twice. {"ticket": null} when nobody waits. The same token again gives back the same
-- call (a retry after a lost answer calls nobody else).
CREATE OR REPLACE FUNCTION queue_call_next(p_counter integer, p_officer text, p_token text)
  RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_counter integer := counter.queue_checked_counter(p_counter);
  v_officer text := counter.queue_officer(p_officer);
  v_token text := counter.queue_checked_token(p_token);
  v_served uuid[];
  t counter.queue_tickets;
BEGIN
  IF v_token IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('counter.queue_call:' || d.agency_id::text
                                                   || ':' || v_token, 0));
    SELECT q.* INTO t FROM counter.queue_calls c JOIN counter.queue_tickets q ON q.id = c.ticket_id
      WHERE c.agency_id = d.agency_id AND c.token = v_token;
    IF FOUND THEN
      RETURN counter.queue_called_json(t, 'call');
    END IF;
  END IF;
  v_served := counter.queue_served_by(d.agency_id, v_counter);
  PERFORM counter.queue_expire(d.agency_id);
  UPDATE counter.queue_tickets u SET state = 'called', called_at = now(), counter = v_counter,
      officer = v_officer, called_by = d.id, ahead = false, wanted_counter = NULL,
      skipped_at = NULL
    WHERE u.id = (
      SELECT w.id FROM counter.queue_tickets w
      WHERE w.agency_id = d.agency_id AND w.day = counter.queue_today()
        AND w.state IN ('waiting', 'transferred')
        AND (w.wanted_counter = v_counter
             OR (w.wanted_counter IS NULL AND w.service_id = ANY (v_served)))
      ORDER BY w.ahead DESC, w.priority DESC, w.id
      LIMIT 1 FOR UPDATE SKIP LOCKED)
      AND u.state IN ('waiting', 'transferred')
    RETURNING u.* INTO t;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('ticket', NULL, 'counter', v_counter);
  END IF;
  INSERT INTO counter.queue_calls (agency_id, ticket_id, counter, officer, desk_id, kind, token)
    VALUES (d.agency_id, t.id, v_counter, v_officer, d.id, 'call', v_token);
  RETURN counter.queue_called_json(t, 'call');
END $$;

-- A ticket called by its number: waiting, transferred, or skipped within the window.
CREATE OR REPLACE FUNCTION queue_call_ticket(p_ticket text, p_counter integer, p_officer text)
  RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_counter integer := counter.queue_checked_counter(p_counter);
  v_officer text := counter.queue_officer(p_officer);
  t counter.queue_tickets;
BEGIN
  PERFORM counter.queue_expire(d.agency_id);
  t := counter.queue_find(d.agency_id, p_ticket);
  IF t.state NOT IN ('waiting', 'transferred', 'skipped') THEN
    PERFORM counter.queue_refuse(counter.queue_cannot(t));
  END IF;
  UPDATE counter.queue_tickets SET state = 'called', called_at = now(), counter = v_counter,
      officer = v_officer, called_by = d.id, ahead = false, wanted_counter = NULL,
      skipped_at = NULL
    WHERE id = t.id RETURNING * INTO t;
  INSERT INTO counter.queue_calls (agency_id, ticket_id, counter, officer, desk_id, kind)
    VALUES (d.agency_id, t.id, v_counter, v_officer, d.id, 'call');
  RETURN counter.queue_called_json(t, 'call');
END $$;

CREATE OR REPLACE FUNCTION queue_cannot(t counter.queue_tickets) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE t.state
    WHEN 'called' THEN format('Số %s đang được gọi ở quầy %s.',
                              counter.queue_label(t.prefix, t.number), t.counter)
    WHEN 'served' THEN format('Số %s đã được phục vụ.', counter.queue_label(t.prefix, t.number))
    WHEN 'gone' THEN format('Số %s đã bị bỏ qua quá 30 phút: công dân cần lấy số mới.',
                            counter.queue_label(t.prefix, t.number))
    ELSE format('Số %s không ở trạng thái bỏ qua.', counter.queue_label(t.prefix, t.number))
  END
$$;

-- The counter's ticket called again (the display and the voice say it again), counted.
CREATE OR REPLACE FUNCTION queue_recall(p_counter integer, p_officer text) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_counter integer := counter.queue_checked_counter(p_counter);
  v_officer text := counter.queue_officer(p_officer);
  t counter.queue_tickets := counter.queue_current(d.agency_id, v_counter);
BEGIN
  IF t.id IS NULL THEN
    PERFORM counter.queue_refuse(format('Quầy %s không có số nào đang gọi để gọi lại.', v_counter));
  END IF;
  UPDATE counter.queue_tickets SET recalls = recalls + 1 WHERE id = t.id RETURNING * INTO t;
  INSERT INTO counter.queue_calls (agency_id, ticket_id, counter, officer, desk_id, kind)
    VALUES (d.agency_id, t.id, v_counter, v_officer, d.id, 'recall');
  RETURN counter.queue_called_json(t, 'recall');
END $$;

-- The counter's ticket is not there: skipped; it may come back within 30 minutes.
CREATE OR REPLACE FUNCTION queue_skip(p_counter integer, p_officer text) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_counter integer := counter.queue_checked_counter(p_counter);
  v_officer text := counter.queue_officer(p_officer);  -- checked: who skips is a desk's officer
  t counter.queue_tickets := counter.queue_current(d.agency_id, v_counter);
BEGIN
  IF t.id IS NULL THEN
    PERFORM counter.queue_refuse(format('Quầy %s không có số nào đang gọi để bỏ qua.', v_counter));
  END IF;
  UPDATE counter.queue_tickets SET state = 'skipped', skipped_at = now() WHERE id = t.id
    RETURNING * INTO t;
  RETURN counter.queue_ticket_json(t);
END $$;

-- A skipped ticket's citizen is back in the hall: the head of its line.
CREATE OR REPLACE FUNCTION queue_back(p_ticket text) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  t counter.queue_tickets;
BEGIN
  PERFORM counter.queue_expire(d.agency_id);
  t := counter.queue_find(d.agency_id, p_ticket);
  IF t.state <> 'skipped' THEN
    PERFORM counter.queue_refuse(counter.queue_cannot(t));
  END IF;
  UPDATE counter.queue_tickets SET state = 'waiting', ahead = true, skipped_at = NULL
    WHERE id = t.id RETURNING * INTO t;
  RETURN counter.queue_ticket_json(t);
END $$;

-- To another service (its line, keeping its place by the time it was printed) and/or to
-- one counter; the ticket keeps its number.
CREATE OR REPLACE FUNCTION queue_transfer(p_ticket text, p_to text, p_to_counter integer)
  RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  t counter.queue_tickets;
  s counter.queue_services;
  v_moved boolean := false;
BEGIN
  IF p_to IS NULL AND p_to_counter IS NULL THEN
    PERFORM counter.queue_refuse('Cho biết hàng chờ (--to) hoặc quầy (--to-counter) nhận số.');
  END IF;
  PERFORM counter.queue_expire(d.agency_id);
  t := counter.queue_find(d.agency_id, p_ticket);
  IF t.state IN ('served', 'gone') THEN
    PERFORM counter.queue_refuse(counter.queue_cannot(t));
  END IF;
  IF p_to IS NOT NULL THEN
    s := counter.queue_service_row(d.agency_id, p_to);
    v_moved := s.id <> t.service_id;
    IF NOT v_moved AND p_to_counter IS NULL THEN
      PERFORM counter.queue_refuse(format('Số %s đã ở hàng chờ %s.',
                                          counter.queue_label(t.prefix, t.number), s.prefix));
    END IF;
  END IF;
  IF p_to_counter IS NOT NULL THEN
    PERFORM counter.queue_served_by(d.agency_id, counter.queue_checked_counter(p_to_counter));
    IF NOT v_moved AND t.state = 'transferred' AND t.wanted_counter = p_to_counter THEN
      PERFORM counter.queue_refuse(format('Số %s đã được chuyển cho quầy %s.',
                                          counter.queue_label(t.prefix, t.number), p_to_counter));
    END IF;
  END IF;
  UPDATE counter.queue_tickets SET state = 'transferred', wanted_counter = p_to_counter,
      ahead = false, skipped_at = NULL,
      from_service_id = CASE WHEN v_moved THEN service_id ELSE from_service_id END,
      service_id = CASE WHEN v_moved THEN s.id ELSE service_id END
    WHERE id = t.id RETURNING * INTO t;
  RETURN counter.queue_ticket_json(t);
END $$;

CREATE OR REPLACE FUNCTION queue_ticket(p_ticket text) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE d counter.desks := counter.me();
BEGIN
  RETURN counter.queue_ticket_json(counter.queue_find(d.agency_id, p_ticket));
END $$;

-- The dossier a called ticket led to (received or returned), and when that ended (between
-- the call and the server's now): the ticket's waiting and service times.
CREATE OR REPLACE FUNCTION queue_link(p_ticket text, p_dossier uuid, p_action text,
                                      p_ended_at timestamptz)
  RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  t counter.queue_tickets;
  v_ended timestamptz;
BEGIN
  IF p_action IS NULL OR p_action NOT IN ('reception', 'return') OR p_dossier IS NULL THEN
    PERFORM counter.queue_refuse(
      'Việc gắn với số thứ tự là reception (tiếp nhận) hoặc return (trả).');
  END IF;
  t := counter.queue_find(d.agency_id, p_ticket);
  IF t.state NOT IN ('called', 'served') OR t.called_at IS NULL THEN
    PERFORM counter.queue_refuse(format('Số %s chưa được gọi đến quầy: chưa gắn được với hồ sơ.',
                                        counter.queue_label(t.prefix, t.number)));
  END IF;
  v_ended := least(greatest(coalesce(p_ended_at, now()), t.called_at), now());
  INSERT INTO counter.queue_links (ticket_id, dossier_id, action, agency_id, desk_id, ended_at)
    VALUES (t.id, p_dossier, p_action, d.agency_id, d.id, v_ended)
    ON CONFLICT (ticket_id, dossier_id, action) DO NOTHING;
  UPDATE counter.queue_tickets SET state = 'served' WHERE id = t.id;
  SELECT ended_at INTO v_ended FROM counter.queue_links
    WHERE ticket_id = t.id AND dossier_id = p_dossier AND action = p_action;
  RETURN jsonb_build_object('ticket', counter.queue_label(t.prefix, t.number),
    'dossier_id', p_dossier, 'action', p_action,
    'waited_s', counter.queue_seconds(t.called_at, t.issued_at),
    'served_s', counter.queue_seconds(v_ended, t.called_at));
END $$;

-- The hall's picture: waiting per service, the last calls (newest first).
CREATE OR REPLACE FUNCTION queue_status(p_last integer) RETURNS jsonb LANGUAGE plpgsql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE d counter.desks := counter.me();
BEGIN
  RETURN jsonb_build_object('services', counter.queue_services_json(d.agency_id),
    'calls', (SELECT coalesce(jsonb_agg(x.j ORDER BY x.id DESC), '[]') FROM (
      SELECT c.id, jsonb_build_object('ticket', counter.queue_label(t.prefix, t.number),
        'service', s.prefix, 'counter', c.counter, 'at', c.at, 'kind', c.kind) j
      FROM counter.queue_calls c JOIN counter.queue_tickets t ON t.id = c.ticket_id
      JOIN counter.queue_services s ON s.id = t.service_id
      WHERE c.agency_id = d.agency_id AND t.day = counter.queue_today()
      ORDER BY c.id DESC LIMIT greatest(0, least(coalesce(p_last, 4), 50))) x));
END $$;

-- The called tickets of the days first..last (at most 400 days), one row per dossier a
-- ticket led to (or one without): the waiting and service times for the reports.
CREATE OR REPLACE FUNCTION queue_times(p_first date, p_last date) RETURNS jsonb
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE d counter.desks := counter.me();
BEGIN
  IF p_first IS NULL OR p_last IS NULL OR p_last < p_first OR p_last - p_first > 400 THEN
    PERFORM counter.queue_refuse('Khoảng ngày phải có đầu và cuối, không quá 400 ngày.');
  END IF;
  RETURN (SELECT coalesce(jsonb_agg(jsonb_build_object('day', t.day,
      'ticket', counter.queue_label(t.prefix, t.number), 'service', s.prefix,
      'counter', t.counter, 'officer', t.officer, 'issued_at', t.issued_at,
      'called_at', t.called_at, 'waited_s', counter.queue_seconds(t.called_at, t.issued_at),
      'dossier_id', l.dossier_id, 'action', l.action, 'ended_at', l.ended_at,
      'served_s', CASE WHEN l.ended_at IS NULL THEN NULL
                       ELSE counter.queue_seconds(l.ended_at, t.called_at) END)
      ORDER BY t.day, t.id, l.ended_at), '[]')
    FROM counter.queue_tickets t JOIN counter.queue_services s ON s.id = t.service_id
    LEFT JOIN counter.queue_links l ON l.ticket_id = t.id
    WHERE t.agency_id = d.agency_id AND t.day BETWEEN p_first AND p_last
      AND t.called_at IS NOT NULL);
END $$;

-- The office's administrator (not a desk) adds or changes a service of an agency: NULL
-- leaves a value as it is. `p_create`: a new service (refused when the letters exist).
CREATE OR REPLACE FUNCTION queue_service_put(p_agency text, p_prefix text, p_name text,
    p_counters integer[], p_open boolean, p_create boolean)
  RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  v_agency uuid;
  v_prefix text := upper(btrim(coalesce(p_prefix, '')));
  v_name text := btrim(regexp_replace(p_name, '\s+', ' ', 'g'));
  s counter.queue_services;
BEGIN
  IF counter.is_desk_session() THEN
    PERFORM counter.queue_refuse('Chỉ người quản trị của văn phòng mới đổi được hàng chờ.');
  END IF;
  SELECT id INTO v_agency FROM counter.agencies WHERE code = upper(btrim(p_agency));
  IF NOT FOUND THEN
    PERFORM counter.queue_refuse(format('Máy chủ chưa có cơ quan %s: công bố danh mục trước '
                                        '(server catalog import).', left(p_agency, 40)));
  END IF;
  IF v_prefix !~ '^[A-Z]{1,3}$' THEN
    PERFORM counter.queue_refuse(
      'Ký hiệu hàng chờ phải là 1 đến 3 chữ cái không dấu (A–Z), ví dụ A hoặc HT.');
  END IF;
  IF p_name IS NOT NULL AND (v_name = '' OR length(v_name) > 100) THEN
    PERFORM counter.queue_refuse('Tên hàng chờ phải có từ 1 đến 100 ký tự.');
  END IF;
  IF EXISTS (SELECT 1 FROM unnest(p_counters) c WHERE c IS NULL OR c < 1 OR c > 99) THEN
    PERFORM counter.queue_refuse('Số quầy phải từ 1 đến 99.');
  END IF;
  SELECT * INTO s FROM counter.queue_services WHERE agency_id = v_agency AND prefix = v_prefix
    FOR UPDATE;
  IF p_create AND FOUND THEN
    PERFORM counter.queue_refuse(format('Đã có hàng chờ %s: mỗi hàng chờ một ký hiệu riêng.',
                                        v_prefix));
  ELSIF NOT p_create AND NOT FOUND THEN
    PERFORM counter.queue_refuse(format('Không có hàng chờ %s: xem các hàng chờ bằng queue '
                                        'service list.', v_prefix));
  ELSIF p_create THEN
    IF p_name IS NULL THEN
      PERFORM counter.queue_refuse('Tên hàng chờ phải có từ 1 đến 100 ký tự.');
    END IF;
    INSERT INTO counter.queue_services (agency_id, prefix, name, counters, open)
      VALUES (v_agency, v_prefix, v_name,
              coalesce((SELECT array_agg(DISTINCT c ORDER BY c) FROM unnest(p_counters) c), '{}'),
              coalesce(p_open, true));
  ELSE
    UPDATE counter.queue_services SET name = coalesce(v_name, name),
        counters = CASE WHEN p_counters IS NULL THEN counters ELSE coalesce(
          (SELECT array_agg(DISTINCT c ORDER BY c) FROM unnest(p_counters) c), '{}') END,
        open = coalesce(p_open, open)
      WHERE id = s.id;
  END IF;
  RETURN (SELECT j FROM jsonb_array_elements(counter.queue_services_json(v_agency)) j
          WHERE j->>'prefix' = v_prefix);
END $$;

DO $$ DECLARE f text; BEGIN
  FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'counter' AND p.proname LIKE 'queue\_%' LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO counter_owner', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION queue_services_list(), queue_issue_ticket(text, boolean, text),
  queue_call_next(integer, text, text), queue_call_ticket(text, integer, text),
  queue_recall(integer, text), queue_skip(integer, text), queue_back(text),
  queue_transfer(text, text, integer), queue_ticket(text),
  queue_link(text, uuid, text, timestamptz), queue_status(integer),
  queue_times(date, date) TO counter_desk;
