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
