-- The office's own messages give their bodies back a month after the office has had them
-- as sent, as a desk's do (docs/portal.md, "What the desk keeps"): the body becomes
-- [{"MaHoSo": code}] and the row stays, with its state, when it was sent and the answer:
-- all that portal_status() and the sender read. A pending, failed or held message keeps its
-- body whatever its age. Without it the office's table kept every body it ever sent, about
-- 1 KB a message and two a dossier's event.
--
-- Only through compact_portal(), which the office's sender calls (`portal send`): the
-- sender's role may still change no body itself (its grant covers the sending columns).
--
-- A message is the office's as sent from greatest(sent_at, taken_at): when its sender had
-- the gateway's answer, or, for one a desk had sent before it joined, when the server took
-- it. Its body is given back 30 days after that, by the server's clock. The messages are
-- gone through in that order (a partial index holds it), from where the last call of the
-- same agency stopped (portal_compacted, moved on in the same transaction): a message that
-- waited or failed for weeks, or that a desk pushed a month late, comes up by the time it
-- became sent here, not by when it was written. A call looks at up to `most` of them and
-- answers how many it looked at (0: nothing left) and how many bodies it gave back. The
-- rows are updated in place: PostgreSQL's vacuum frees the old bodies for the next rows,
-- which SQLite would not (portal/compaction.py writes a desk's rows again for that).

SET search_path = counter, pg_temp;

CREATE INDEX IF NOT EXISTS ix_portal_messages_sent_since
  ON portal_messages ((greatest(sent_at, taken_at)), id) WHERE state = 'sent';

-- where the last call stopped, for each agency (the nil uuid: the administrator's calls,
-- which see every agency's messages)
CREATE TABLE IF NOT EXISTS portal_compacted (
  scope uuid PRIMARY KEY,
  sent_since timestamptz NOT NULL,
  id uuid NOT NULL
);
ALTER TABLE portal_compacted OWNER TO counter_owner;
REVOKE ALL ON portal_compacted FROM PUBLIC;

CREATE OR REPLACE FUNCTION compact_portal(most integer) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  -- the row policy of portal_messages still applies (forced on the owner): a desk's
  -- sender sees its own agency's messages only
  v_scope uuid := coalesce(counter.session_agency(), '00000000-0000-0000-0000-000000000000');
  v_cutoff timestamptz := now() - interval '30 days';
  v_mark_at timestamptz;
  v_mark_id uuid;
  v_last_at timestamptz;
  v_last_id uuid;
  v_looked integer;
  v_given integer;
BEGIN
  IF most IS NULL OR most < 1 OR most > 10000 THEN
    RAISE EXCEPTION 'compact_portal: most must be between 1 and 10000' USING ERRCODE = '22023';
  END IF;
  SELECT c.sent_since, c.id INTO v_mark_at, v_mark_id
    FROM portal_compacted c WHERE c.scope = v_scope FOR UPDATE;
  -- the chunk: its size, and its last message (where the next call starts)
  SELECT count(*) OVER (), l.since, l.id INTO v_looked, v_last_at, v_last_id FROM (
    SELECT greatest(m.sent_at, m.taken_at) AS since, m.id FROM portal_messages m
     WHERE m.state = 'sent' AND greatest(m.sent_at, m.taken_at) <= v_cutoff
       AND (v_mark_at IS NULL OR (greatest(m.sent_at, m.taken_at), m.id) > (v_mark_at, v_mark_id))
     ORDER BY greatest(m.sent_at, m.taken_at), m.id LIMIT most) l
   ORDER BY l.since DESC, l.id DESC LIMIT 1;
  IF v_looked IS NULL THEN
    RETURN jsonb_build_object('looked', 0, 'given', 0);
  END IF;
  UPDATE portal_messages m
     SET body = jsonb_build_array(jsonb_build_object('MaHoSo', m.code))
   WHERE m.state = 'sent'
     AND (v_mark_at IS NULL OR (greatest(m.sent_at, m.taken_at), m.id) > (v_mark_at, v_mark_id))
     AND (greatest(m.sent_at, m.taken_at), m.id) <= (v_last_at, v_last_id)
     AND m.body <> jsonb_build_array(jsonb_build_object('MaHoSo', m.code));
  GET DIAGNOSTICS v_given = ROW_COUNT;
  INSERT INTO portal_compacted (scope, sent_since, id) VALUES (v_scope, v_last_at, v_last_id)
    ON CONFLICT (scope) DO UPDATE SET sent_since = excluded.sent_since, id = excluded.id;
  RETURN jsonb_build_object('looked', v_looked, 'given', v_given);
END $$;
ALTER FUNCTION compact_portal(integer) OWNER TO counter_owner;
REVOKE ALL ON FUNCTION compact_portal(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION compact_portal(integer) TO counter_portal_sender;
