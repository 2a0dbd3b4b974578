-- Offline reserves from a band of their own (docs/office-server.md, "Numbers").
--
-- Until now a desk's reserve for offline work came from the day's one counter: with two
-- desks online the day's first code was -0021 (1-20 sat in reserves), and every reserve
-- left at night voided ten numbers in the register, every day, per desk. Now the day's
-- numbers have two ends:
--   * online receptions take the next number of the counter, counting up from 1
--     (`lease`): on a day no desk goes offline the codes run 1, 2, 3… with no hole;
--   * reserves are leased from the top of the day's range, counting down from 9999
--     (`reserve`): a reserve number appears in the register only once a reception used it.
-- The two ends never cross: each refuses a number the other has given.
--
-- And a desk that worked alone before joining claims the numbers it gave (`claim`), so
-- that the counter never gives them again.

SET search_path = counter, pg_temp;

ALTER TABLE dossier_counters ADD COLUMN IF NOT EXISTS reserve_low integer NOT NULL DEFAULT 10000;
ALTER TABLE code_leases ADD COLUMN IF NOT EXISTS band boolean NOT NULL DEFAULT false;

CREATE OR REPLACE FUNCTION lease(p_day date, p_count integer) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_today date := (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
  v_day date := coalesce(p_day, v_today);
  hi integer;
  low integer;
BEGIN
  IF v_day < v_today OR v_day > v_today + 14 THEN
    RAISE EXCEPTION 'counter: numbers are leased for today up to two weeks ahead, not %', v_day
      USING ERRCODE = '22023';
  END IF;
  IF p_count IS NULL OR p_count < 1 OR p_count > 50 THEN
    RAISE EXCEPTION 'counter: lease 1 to 50 numbers at a time' USING ERRCODE = '22023';
  END IF;
  PERFORM set_config('lock_timeout', '2s', true);  -- another desk's wait: 2 s, then its reserve
  IF (SELECT count(*) FROM counter.code_leases WHERE agency_id = d.agency_id AND day = v_day
      AND desk_id = d.id) + p_count
     > coalesce((SELECT value::int FROM counter.meta WHERE key = 'max_numbers_a_day'), 200) THEN
    RAISE EXCEPTION 'counter: desk % has leased its numbers for % already', d.name, v_day
      USING ERRCODE = '22023';
  END IF;
  INSERT INTO counter.dossier_counters AS c (agency_id, day, last_seq)
    VALUES (d.agency_id, v_day, p_count)
    ON CONFLICT (agency_id, day) DO UPDATE SET last_seq = c.last_seq + p_count
    RETURNING c.last_seq, c.reserve_low INTO hi, low;
  IF hi >= low THEN
    RAISE EXCEPTION 'counter: no dossier number left for %', v_day USING ERRCODE = '22023';
  END IF;
  INSERT INTO counter.code_leases (agency_id, day, number, desk_id)
    SELECT d.agency_id, v_day, g, d.id FROM generate_series(hi - p_count + 1, hi) g;
  RETURN jsonb_build_object('day', v_day, 'first', hi - p_count + 1, 'last', hi,
                            'server_now', now());
END $$;

-- A desk's reserve for `p_day`: `p_count` numbers from the top of the day's range.
CREATE OR REPLACE FUNCTION reserve(p_day date, p_count integer) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_today date := (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
  hi integer;
  low integer;
BEGIN
  IF p_day IS NULL OR p_day < v_today OR p_day > v_today + 14 THEN
    RAISE EXCEPTION 'counter: numbers are leased for today up to two weeks ahead, not %', p_day
      USING ERRCODE = '22023';
  END IF;
  IF p_count IS NULL OR p_count < 1 OR p_count > 50 THEN
    RAISE EXCEPTION 'counter: lease 1 to 50 numbers at a time' USING ERRCODE = '22023';
  END IF;
  PERFORM set_config('lock_timeout', '2s', true);  -- another desk's wait: 2 s, then its reserve
  IF (SELECT count(*) FROM counter.code_leases WHERE agency_id = d.agency_id AND day = p_day
      AND desk_id = d.id) + p_count
     > coalesce((SELECT value::int FROM counter.meta WHERE key = 'max_numbers_a_day'), 200) THEN
    RAISE EXCEPTION 'counter: desk % has leased its numbers for % already', d.name, p_day
      USING ERRCODE = '22023';
  END IF;
  INSERT INTO counter.dossier_counters AS c (agency_id, day, last_seq, reserve_low)
    VALUES (d.agency_id, p_day, 0, 10000 - p_count)
    ON CONFLICT (agency_id, day) DO UPDATE SET reserve_low = c.reserve_low - p_count
    RETURNING c.last_seq, c.reserve_low INTO hi, low;
  IF low <= hi THEN
    RAISE EXCEPTION 'counter: no dossier number left for %', p_day USING ERRCODE = '22023';
  END IF;
  INSERT INTO counter.code_leases (agency_id, day, number, desk_id, band)
    SELECT d.agency_id, p_day, g, d.id, true FROM generate_series(low, low + p_count - 1) g;
  RETURN jsonb_build_object('day', p_day, 'first', low, 'last', low + p_count - 1,
                            'server_now', now(), 'band', true);
END $$;

-- Joining after working alone: the numbers this desk gave from its own counter, day by day
-- ({"YYYY-MM-DD": last, …}; past days too, so that its receptions carry numbers the server
-- knows as this desk's). Refused whole, naming the numbers, when another desk holds any of them (used or
-- leased and not void); otherwise they become this desk's (used) and the counter moves past
-- them. Only before the server holds anything of this desk, as `bind_desk`; `p_apply`
-- false only says what another desk holds (before `bind_desk`, so that a refused join
-- changes nothing).
CREATE OR REPLACE FUNCTION claim(p_days jsonb, p_apply boolean) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_today date := (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
  x record;
  v_day date;
  v_last integer;
  held jsonb := '[]';
BEGIN
  IF d.events_upto > 0 OR d.audit_upto > 0 THEN
    RAISE EXCEPTION 'counter: desk % has synced already; numbers are claimed at join', d.name
      USING ERRCODE = '55000';
  END IF;
  FOR x IN SELECT key, value FROM jsonb_each(coalesce(p_days, '{}')) LOOP
    v_day := x.key::date;
    v_last := (x.value #>> '{}')::int;
    CONTINUE WHEN v_last < 1;
    IF v_day > v_today + 14 OR v_last > 9999 THEN
      RAISE EXCEPTION 'counter: a claim for % up to % is out of range', v_day, v_last
        USING ERRCODE = '22023';
    END IF;
    PERFORM 1 FROM counter.dossier_counters
      WHERE agency_id = d.agency_id AND day = v_day FOR UPDATE;
    held := held || coalesce((SELECT jsonb_agg(jsonb_build_object('day', l.day, 'number', l.number)
                                               ORDER BY l.number)
      FROM counter.code_leases l WHERE l.agency_id = d.agency_id AND l.day = v_day
        AND l.number <= v_last AND l.desk_id <> d.id AND NOT l.void), '[]');
  END LOOP;
  IF jsonb_array_length(held) > 0 OR NOT p_apply THEN
    RETURN jsonb_build_object('claimed', false, 'held', held);
  END IF;
  FOR x IN SELECT key, value FROM jsonb_each(coalesce(p_days, '{}')) LOOP
    v_day := x.key::date;
    v_last := (x.value #>> '{}')::int;
    CONTINUE WHEN v_last < 1;
    INSERT INTO counter.dossier_counters AS c (agency_id, day, last_seq)
      VALUES (d.agency_id, v_day, v_last)
      ON CONFLICT (agency_id, day) DO UPDATE SET last_seq = greatest(c.last_seq, v_last);
    IF (SELECT reserve_low FROM counter.dossier_counters
        WHERE agency_id = d.agency_id AND day = v_day) <= v_last THEN
      RAISE EXCEPTION 'counter: claimed numbers of % reach the reserves', v_day
        USING ERRCODE = '22023';
    END IF;
    INSERT INTO counter.code_leases (agency_id, day, number, desk_id)
      SELECT d.agency_id, v_day, g, d.id FROM generate_series(1, v_last) g
      ON CONFLICT (agency_id, day, number) DO UPDATE SET desk_id = d.id, void = false
        WHERE code_leases.void;
  END LOOP;
  RETURN jsonb_build_object('claimed', true, 'held', '[]'::jsonb);
END $$;

DO $$ DECLARE f text; BEGIN
  FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'counter' AND p.proname IN ('lease', 'reserve', 'claim') LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO counter_owner', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION reserve(date, integer), claim(jsonb, boolean) TO counter_desk;
