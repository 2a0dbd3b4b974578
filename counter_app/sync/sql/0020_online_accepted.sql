-- Online dossiers accepted (issue 21, docs/portal.md): a desk records an `accepted` event
-- when its officer accepts a dossier submitted on the national portal (`portal accept`).
-- It changes no state (the dossier stays received, its clock runs from the submission):
-- it is taken when it names a received dossier of the desk's own agency; the state machine
-- (which knows no such kind and would refuse it) is not asked.

SET search_path = counter, pg_temp;

ALTER FUNCTION apply_checked_event(jsonb, counter.desks) RENAME TO apply_digitised_event;

CREATE FUNCTION apply_checked_event(ev jsonb, desk counter.desks, OUT status text,
                                    OUT reason text)
  LANGUAGE plpgsql AS $$
DECLARE
  d counter.dossiers;
BEGIN
  IF ev->>'kind' IS DISTINCT FROM 'accepted' THEN
    SELECT r.status, r.reason INTO status, reason
      FROM counter.apply_digitised_event(ev, desk) r;
    RETURN;
  END IF;
  SELECT * INTO d FROM counter.dossiers WHERE id = (ev->>'dossier_id')::uuid;
  IF NOT FOUND OR d.agency_id IS DISTINCT FROM desk.agency_id THEN
    status := 'rejected'; reason := 'Máy chủ không có hồ sơ này (hoặc hồ sơ của cơ quan khác).';
    RETURN;
  END IF;
  IF d.status IS DISTINCT FROM 'received' THEN
    status := 'rejected';
    reason := 'Tiếp nhận hồ sơ trực tuyến: theo máy chủ, hồ sơ không còn chờ tiếp nhận.';
    RETURN;
  END IF;
  status := 'applied'; reason := NULL;
END $$;

DO $$ DECLARE f text; BEGIN
  FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'counter'
             AND p.proname IN ('apply_checked_event', 'apply_digitised_event') LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO counter_owner', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
