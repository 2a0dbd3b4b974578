-- One sender per office (issue 21, docs/portal.md "One office, one sender"). Each desk
-- writes its national-portal messages in the transaction of their event (desk table
-- `portal_messages`); with an office server they reach it like the events, in the same
-- push, and one sender for the office drains this table, so no message is sent by two
-- desks.
--
-- * Same names and columns as the desk's table, so that the desk's sender (the ORM model
--   PortalMessage and portal/outbox.py's claim and settle) runs on it unchanged. Three
--   more: whose it is (agency_id for row-level security, desk_id) and when it came.
-- * `position` is the server's: its event's place in the server's order of events (gpos:
--   a desk acts on a dossier only once it has the dossier's earlier events, so the order
--   in which the server took a dossier's events is the order they happened), times two,
--   plus one for the step (CapNhatTienDoHoSoMC after its DongBoHoSoMC). A desk's own
--   positions (its desk_seq) do not compare across desks; a message that arrives late (a
--   desk upgraded with messages of events pushed before) still takes its event's place.
-- * push() takes the messages of the batch (`portal`) after its events, in the same
--   transaction: only messages of this desk's own events the server holds; idempotent by
--   id and by (event, service) (a push repeated after a lost answer stores nothing twice;
--   after a restore, the events the server lost come again with their messages). A
--   message whose event the server refused is kept `held` (never sent: the office's state
--   differs), unless the desk had sent it already; one that does not match its dossier on
--   the server (another code, a body naming another dossier, too big, an unknown service)
--   is kept `held` with its body dropped. The desk marks what the server took as handed to
--   the office.
-- * A desk's role may not read or change this table (it only syncs). The office's sender
--   is the server's administrator, or the one desk of an agency the administrator makes
--   a member of `counter_portal_sender` (`counter-app server portal-sender NAME`): it may
--   read its agency's messages and change only their sending columns. `portal_status()`
--   gives any desk the office's counts and failures (what the leader checks each day).

SET search_path = counter, pg_temp;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'counter_portal_sender') THEN
    CREATE ROLE counter_portal_sender NOLOGIN;  -- the office's sender to the portal
  END IF;
END $$;
GRANT USAGE ON SCHEMA counter TO counter_portal_sender;

CREATE TABLE IF NOT EXISTS portal_messages (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL,
  dossier_id uuid NOT NULL,
  code varchar(60) NOT NULL,
  position bigint NOT NULL,
  service varchar(30) NOT NULL,
  is_update boolean NOT NULL,
  body jsonb NOT NULL,
  state varchar(10) NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  error_code integer,
  reason varchar(500),
  next_at timestamptz NOT NULL,
  sent_at timestamptz,
  created_at timestamptz NOT NULL,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  desk_id uuid NOT NULL REFERENCES desks(id),
  taken_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, service)
);
CREATE INDEX IF NOT EXISTS ix_portal_messages_state_next ON portal_messages (state, next_at);
CREATE INDEX IF NOT EXISTS ix_portal_messages_dossier ON portal_messages (dossier_id, position);
CREATE INDEX IF NOT EXISTS ix_portal_messages_created ON portal_messages (created_at);
ALTER TABLE portal_messages OWNER TO counter_owner;
REVOKE ALL ON portal_messages FROM PUBLIC;
ALTER TABLE portal_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE portal_messages FORCE ROW LEVEL SECURITY;
-- The other tables' policy lets a session that is no desk of this database see every row
-- (an administrator); no desk reaches those tables but through the functions. This one a
-- sender reads directly, and the desks' roles are the cluster's, not the database's: a
-- desk of another office on the same cluster (a member of counter_desk, no desk here)
-- must see nothing, not everything.
DROP POLICY IF EXISTS same_agency ON portal_messages;
-- (Membership read from the catalog: pg_has_role counts a superuser a member of every role.)
CREATE POLICY same_agency ON portal_messages USING (
  (SELECT NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                      JOIN pg_roles s ON s.oid = m.member
                      WHERE s.rolname = session_user
                        AND g.rolname IN ('counter_desk', 'counter_portal_sender')))
  OR agency_id = (SELECT counter.session_agency()));
GRANT SELECT, UPDATE (state, attempts, error_code, reason, next_at, sent_at)
  ON portal_messages TO counter_portal_sender;
GRANT EXECUTE ON FUNCTION session_agency() TO counter_portal_sender;  -- the policy's question

-- The messages of a push, each judged against its event as the server took it; one
-- statement for the whole batch (a push's cost is its statements, SQL 0009).
CREATE OR REPLACE FUNCTION take_portal(messages jsonb, desk counter.desks) RETURNS jsonb
  LANGUAGE plpgsql SET search_path = counter, pg_temp AS $$
DECLARE
  answer jsonb;
  biggest integer := counter.limit_of('max_event_bytes', 65536);
BEGIN
  WITH given AS (
    SELECT m, (m->>'id')::uuid AS id, (m->>'event_id')::uuid AS event_id,
           CASE WHEN jsonb_typeof(m->'body') = 'array' THEN m->'body' ELSE '[]' END AS body
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(messages) = 'array' THEN messages
                                   ELSE '[]' END) m
  ), theirs AS (  -- this desk's events only; a refused reception is kept apart (SQL 0013)
    SELECT g.*, e.gpos, e.dossier_id AS e_dossier, e.status AS e_status, d.code AS e_code
      FROM given g JOIN counter.events e ON e.id = g.event_id AND e.desk_id = desk.id
      LEFT JOIN counter.dossiers d ON d.id = e.dossier_id
    UNION ALL
    SELECT g.*, 0::bigint, NULL::uuid, 'rejected', NULL
      FROM given g JOIN counter.refused_receptions r ON r.id = g.event_id
                                                    AND r.desk_id = desk.id
  ), judged AS (
    SELECT t.*, CASE
      WHEN t.m->>'service' IS NULL
        OR t.m->>'service' NOT IN ('DongBoHoSoMC', 'CapNhatTienDoHoSoMC')
        OR jsonb_array_length(t.body) = 0 OR octet_length(t.body::text) > biggest
        OR (t.e_status = 'applied' AND ((t.m->>'dossier_id')::uuid IS DISTINCT FROM t.e_dossier
                                        OR t.m->>'code' IS DISTINCT FROM t.e_code))
        OR EXISTS (SELECT 1 FROM jsonb_array_elements(t.body) x
                   WHERE jsonb_typeof(x) <> 'object' OR x->>'MaHoSo' IS DISTINCT FROM t.m->>'code')
        THEN 'mismatch'
      WHEN t.e_status = 'rejected' AND t.m->>'state' IS DISTINCT FROM 'sent' THEN 'refused'
      WHEN t.m->>'state' IN ('pending', 'sent', 'failed', 'held') THEN 'ok'
      ELSE 'mismatch' END AS verdict
    FROM theirs t
  ), stored AS (
    INSERT INTO counter.portal_messages (id, event_id, dossier_id, code, position, service,
        is_update, body, state, attempts, error_code, reason, next_at, sent_at, created_at,
        agency_id, desk_id)
      SELECT j.id, j.event_id, coalesce(j.e_dossier, (j.m->>'dossier_id')::uuid),
        left(coalesce(j.m->>'code', '?'), 60),
        j.gpos * 2 + CASE WHEN j.m->>'service' = 'CapNhatTienDoHoSoMC' THEN 1 ELSE 0 END,
        left(coalesce(j.m->>'service', '?'), 30), coalesce((j.m->>'is_update')::boolean, false),
        CASE WHEN j.verdict = 'mismatch' THEN '[]' ELSE j.body END,
        CASE WHEN j.verdict = 'ok' THEN j.m->>'state' ELSE 'held' END,
        least(greatest(coalesce((j.m->>'attempts')::int, 0), 0), 1000000),
        CASE WHEN j.verdict = 'ok' THEN (j.m->>'error_code')::int END,
        CASE j.verdict
          WHEN 'ok' THEN left(j.m->>'reason', 500)
          WHEN 'refused' THEN 'Máy chủ văn phòng không nhận việc này của bàn: tin không gửi lên Cổng.'
          ELSE 'Tin không khớp với hồ sơ trên máy chủ văn phòng: không gửi lên Cổng.' END,
        -- ready since its event (to the second: a sender's clock gives whole seconds)
        date_trunc('second', least(coalesce((j.m->>'created_at')::timestamptz, now()), now())),
        CASE WHEN j.verdict = 'ok' AND j.m->>'state' = 'sent'
             THEN coalesce((j.m->>'sent_at')::timestamptz, now()) END,
        least(coalesce((j.m->>'created_at')::timestamptz, now()), now()),
        desk.agency_id, desk.id
      FROM judged j ORDER BY j.gpos, j.m->>'service'
      ON CONFLICT DO NOTHING
      RETURNING 1
  )
  SELECT jsonb_build_object(
    'taken', (SELECT count(*) FROM judged),
    'stored', (SELECT count(*) FROM stored),
    'unknown', coalesce((SELECT jsonb_agg(g.id) FROM given g
                         WHERE NOT EXISTS (SELECT 1 FROM judged j WHERE j.id = g.id)), '[]'))
    INTO answer;
  RETURN answer;
END $$;

-- push() as before, then the batch's messages, in its transaction. The desk's grant moves
-- to the new push(): the former one is only called from it.
ALTER FUNCTION push(jsonb) RENAME TO push_records;
REVOKE ALL ON FUNCTION push_records(jsonb) FROM PUBLIC, counter_desk;

CREATE FUNCTION push(batch jsonb) RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = counter, pg_temp AS $$
DECLARE
  answer jsonb := counter.push_records(batch);
BEGIN
  IF answer ? 'update_required' THEN
    RETURN answer;
  END IF;
  RETURN answer || jsonb_build_object('portal', counter.take_portal(batch->'portal', counter.me()));
END $$;

-- What did not reach the portal, and why: the office's figures for `portal status` on any
-- desk of the agency (row-level security keeps each to its own agency).
CREATE OR REPLACE FUNCTION portal_status(p_from timestamptz, p_to timestamptz) RETURNS jsonb
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = counter, pg_temp AS $$
  WITH chosen AS MATERIALIZED (
    SELECT m.state, m.code, m.service, m.error_code, m.reason, m.created_at, m.position
      FROM counter.portal_messages m
      WHERE (p_from IS NULL OR m.created_at >= p_from) AND (p_to IS NULL OR m.created_at < p_to)
  )
  SELECT jsonb_build_object(
    'pending', (SELECT count(*) FROM chosen WHERE state = 'pending'),
    'sent', (SELECT count(*) FROM chosen WHERE state = 'sent'),
    'failed', (SELECT count(*) FROM chosen WHERE state = 'failed'),
    'oldest_pending_at', (SELECT min(created_at) FROM chosen WHERE state = 'pending'),
    'failures', coalesce((
      SELECT jsonb_agg(jsonb_build_object('code', f.code, 'kind', f.service,
                                          'error_code', f.error_code,
                                          'reason', coalesce(f.reason, ''), 'at', f.created_at)
                       ORDER BY f.created_at, f.position)
        FROM (SELECT * FROM chosen WHERE state = 'failed'
              ORDER BY created_at, position LIMIT 200) f), '[]'),
    'days', coalesce((
      SELECT jsonb_agg(jsonb_build_object('day', d.day, 'pending', d.pending, 'sent', d.sent,
                                          'failed', d.failed) ORDER BY d.day)
        FROM (SELECT (created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day,
                     count(*) FILTER (WHERE state = 'pending') AS pending,
                     count(*) FILTER (WHERE state = 'sent') AS sent,
                     count(*) FILTER (WHERE state = 'failed') AS failed
                FROM chosen WHERE state IN ('pending', 'sent', 'failed') GROUP BY 1) d), '[]'))
$$;

DO $$ DECLARE f text; BEGIN
  FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'counter'
             AND p.proname IN ('take_portal', 'push', 'push_records', 'portal_status') LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO counter_owner', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION push(jsonb) TO counter_desk;
GRANT EXECUTE ON FUNCTION portal_status(timestamptz, timestamptz)
  TO counter_desk, counter_portal_sender;
