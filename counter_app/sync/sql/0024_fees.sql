-- Fees at the counter (issue 23, docs/fees.md). A procedure version's fee schedule (the
-- catalog file's `fees`: items of phí and lệ phí, exemptions with their legal basis, when
-- it is collected), kept with the version as the desk keeps it, so that the office's
-- catalog reaches every desk with it. NULL: the older single `fee` figure.

SET search_path = counter, pg_temp;

ALTER TABLE procedure_versions ADD COLUMN IF NOT EXISTS fee_schedule jsonb;

-- Fee events (paid, receipt_replaced, fee_exempted, payment_matched: a transfer found in
-- the bank statement) change no state of the dossier. A
-- desk records them as it works alone (a joined desk takes no payment until the server
-- numbers receipts); when it joins, they come up with its other events. Taken when they
-- name a dossier of the desk's own agency and carry a whole positive amount, a known
-- method and a receipt number; a receipt number (agency, template, series, number) is
-- taken once: a second desk that gave the same number while alone gets its event
-- refused, and the officer is told (two receipts with one number is for people to sort
-- out, never to be hidden). This push's own receipts are remembered as it goes, as 0023
-- does for ratings; the unique index holds the rule whatever else happens.

-- Receipt numbers of the office: one counter per agency, template and series, and each
-- number leased to the desk that asked for it, at the moment it takes a payment (as a
-- reception's dossier number is). A desk keeps a leased number until a payment uses it:
-- a payment refused or interrupted after the lease gives it to the desk's next payment,
-- so the numbers run with no hole. Numbers that desks gave while working alone come up
-- with their events, and the series goes on after the highest.
CREATE TABLE IF NOT EXISTS receipt_series (
  agency_id uuid NOT NULL REFERENCES agencies(id),
  template text NOT NULL CHECK (template ~ '^[A-Za-z0-9/-]{1,20}$'),
  series text NOT NULL CHECK (series ~ '^[A-Za-z0-9/-]{1,20}$'),
  last_number integer NOT NULL CHECK (last_number >= 0),
  PRIMARY KEY (agency_id, template, series)
);
CREATE TABLE IF NOT EXISTS receipt_leases (
  agency_id uuid NOT NULL REFERENCES agencies(id),
  template text NOT NULL,
  series text NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  desk_id uuid NOT NULL REFERENCES desks(id),
  leased_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, template, series, number)
);
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['receipt_series', 'receipt_leases'] LOOP
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

CREATE OR REPLACE FUNCTION fee_receipt_number(p_template text, p_series text)
  RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_number integer;
BEGIN
  IF coalesce(p_template, '') !~ '^[A-Za-z0-9/-]{1,20}$'
     OR coalesce(p_series, '') !~ '^[A-Za-z0-9/-]{1,20}$' THEN
    RAISE EXCEPTION 'Mẫu số hoặc ký hiệu biên lai không hợp lệ.' USING ERRCODE = 'CF001';
  END IF;
  INSERT INTO counter.receipt_series AS r (agency_id, template, series, last_number)
    VALUES (d.agency_id, p_template, p_series, 1)
    ON CONFLICT (agency_id, template, series) DO UPDATE SET last_number = r.last_number + 1
    RETURNING last_number INTO v_number;
  INSERT INTO counter.receipt_leases (agency_id, template, series, number, desk_id)
    VALUES (d.agency_id, p_template, p_series, v_number, d.id);
  RETURN v_number;
END $$;
ALTER FUNCTION fee_receipt_number(text, text) OWNER TO counter_owner;
REVOKE ALL ON FUNCTION fee_receipt_number(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fee_receipt_number(text, text) TO counter_desk;

ALTER FUNCTION apply_checked_event(jsonb, counter.desks) RENAME TO apply_feeless_event;

CREATE FUNCTION apply_checked_event(ev jsonb, desk counter.desks, OUT status text,
                                    OUT reason text)
  LANGUAGE plpgsql AS $$
DECLARE
  v_kind text := ev->>'kind';
  v_data jsonb := coalesce(ev->'data', '{}');
  v_receipt jsonb := ev->'data'->'receipt';
  d counter.dossiers;
  v_key text;
  v_seen text := coalesce(current_setting('counter.receipts_in_push', true), '');
BEGIN
  IF v_kind NOT IN ('paid', 'receipt_replaced', 'fee_exempted', 'payment_matched') THEN
    SELECT r.status, r.reason INTO status, reason FROM counter.apply_feeless_event(ev, desk) r;
    RETURN;
  END IF;
  SELECT * INTO d FROM counter.dossiers WHERE id = (ev->>'dossier_id')::uuid FOR UPDATE;
  IF NOT FOUND OR d.agency_id IS DISTINCT FROM desk.agency_id THEN
    status := 'rejected'; reason := 'Máy chủ không có hồ sơ này (hoặc hồ sơ của cơ quan khác).';
    RETURN;
  END IF;
  status := 'rejected';
  IF v_kind = 'payment_matched' THEN
    IF jsonb_typeof(v_receipt) IS DISTINCT FROM 'object'
       OR coalesce(v_receipt->>'number', '') !~ '^[1-9][0-9]{0,9}$'
       OR length(coalesce(v_data->>'reference', '')) > 100 THEN
      reason := 'Đối chiếu sao kê: biên lai hoặc số tham chiếu không hợp lệ.'; RETURN;
    END IF;
    status := 'applied'; reason := NULL; RETURN;
  END IF;
  IF v_kind = 'fee_exempted' THEN
    IF coalesce(v_data->>'exemption', '') !~ '^[a-z0-9_]{1,30}$' THEN
      reason := 'Miễn phí, lệ phí: mã trường hợp miễn không hợp lệ.'; RETURN;
    END IF;
    status := 'applied'; reason := NULL; RETURN;
  END IF;
  IF jsonb_typeof(v_data->'amount') IS DISTINCT FROM 'number'
     OR v_data->>'amount' !~ '^[1-9][0-9]{0,12}$'
     OR coalesce(v_data->>'method', '') NOT IN ('cash', 'transfer', 'qr')
     OR jsonb_typeof(v_receipt) IS DISTINCT FROM 'object'
     OR coalesce(v_receipt->>'number', '') !~ '^[1-9][0-9]{0,9}$'
     OR length(coalesce(v_receipt->>'series', '')) NOT BETWEEN 1 AND 20
     OR length(coalesce(v_receipt->>'template', '')) NOT BETWEEN 1 AND 20 THEN
    reason := 'Thu phí: số tiền, hình thức thu hoặc biên lai không hợp lệ.'; RETURN;
  END IF;
  v_key := format('[%s|%s|%s]', v_receipt->>'template', v_receipt->>'series',
                  v_receipt->>'number');
  IF position(v_key IN v_seen) > 0 OR EXISTS (
      SELECT 1 FROM counter.events e
      WHERE e.agency_id = d.agency_id AND e.kind IN ('paid', 'receipt_replaced')
        AND e.status = 'applied'
        AND e.data->'receipt'->>'template' = v_receipt->>'template'
        AND e.data->'receipt'->>'series' = v_receipt->>'series'
        AND e.data->'receipt'->>'number' = v_receipt->>'number') THEN
    reason := format('Biên lai mẫu số %s, ký hiệu %s, số %s đã được cấp ở bàn khác: một số '
                     'biên lai chỉ được cấp một lần, cần kiểm tra và thay thế biên lai này.',
                     v_receipt->>'template', v_receipt->>'series', v_receipt->>'number');
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM counter.receipt_leases l
             WHERE l.agency_id = d.agency_id AND l.template = v_receipt->>'template'
               AND l.series = v_receipt->>'series'
               AND l.number = (v_receipt->>'number')::integer AND l.desk_id <> desk.id) THEN
    reason := format('Số biên lai %s (ký hiệu %s) máy chủ đã cấp cho bàn khác: biên lai này '
                     'không được tính, cần thay thế.', v_receipt->>'number', v_receipt->>'series');
    RETURN;
  END IF;
  -- a number given alone before the join: the series goes on after it
  INSERT INTO counter.receipt_series AS r (agency_id, template, series, last_number)
    VALUES (d.agency_id, v_receipt->>'template', v_receipt->>'series',
            (v_receipt->>'number')::integer)
    ON CONFLICT (agency_id, template, series)
    DO UPDATE SET last_number = greatest(r.last_number, excluded.last_number);
  PERFORM set_config('counter.receipts_in_push', v_seen || v_key, true);
  status := 'applied'; reason := NULL;
END $$;

CREATE UNIQUE INDEX IF NOT EXISTS events_one_receipt_a_number ON events
  (agency_id, (data->'receipt'->>'template'), (data->'receipt'->>'series'),
   (data->'receipt'->>'number'))
  WHERE kind IN ('paid', 'receipt_replaced') AND status = 'applied';

DO $$ DECLARE f text; BEGIN
  FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'counter'
             AND p.proname IN ('apply_checked_event', 'apply_feeless_event') LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO counter_owner', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
