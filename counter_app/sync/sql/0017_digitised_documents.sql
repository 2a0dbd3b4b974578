-- Digitised documents (issue 20, docs/digitisation.md): a desk records a `digitised` event
-- when it stores a dossier's paper as a PDF (data: item, name, sha256, pages, bytes, source,
-- signed, reason). Until now the server took an unknown kind to the state machine, found no
-- transition and refused it. A digitised event changes no state: it is taken when it names
-- a dossier of the desk's own agency (a desk adds documents to its agency's dossiers only),
-- a line number or "result" (the result once it is back: resolved or returned), a known
-- source, and a well-formed hash and size (none for an exemption, which gives a reason).
-- Other desks get it through the feed like every event and list the document; its file
-- follows separately (content by hash).

SET search_path = counter, pg_temp;

ALTER FUNCTION apply_checked_event(jsonb, counter.desks) RENAME TO apply_state_event;

CREATE FUNCTION apply_checked_event(ev jsonb, desk counter.desks, OUT status text,
                                    OUT reason text)
  LANGUAGE plpgsql AS $$
DECLARE
  data jsonb := coalesce(ev->'data', '{}');
  item jsonb := coalesce(ev->'data'->'item', 'null');
  d counter.dossiers;
  lines integer;
BEGIN
  IF ev->>'kind' IS DISTINCT FROM 'digitised' THEN
    SELECT r.status, r.reason INTO status, reason FROM counter.apply_state_event(ev, desk) r;
    RETURN;
  END IF;
  SELECT * INTO d FROM counter.dossiers WHERE id = (ev->>'dossier_id')::uuid;
  IF NOT FOUND OR d.agency_id IS DISTINCT FROM desk.agency_id THEN
    status := 'rejected'; reason := 'Máy chủ không có hồ sơ này (hoặc hồ sơ của cơ quan khác).';
    RETURN;
  END IF;
  status := 'rejected';
  IF item = '"result"'::jsonb THEN
    IF d.status NOT IN ('resolved', 'returned') THEN
      reason := 'Số hóa kết quả: theo máy chủ, hồ sơ chưa có kết quả trả về.'; RETURN;
    END IF;
  ELSIF jsonb_typeof(item) IS DISTINCT FROM 'number' OR item::text !~ '^[1-9][0-9]{0,3}$' THEN
    reason := 'Số hóa: số dòng giấy tờ không hợp lệ.'; RETURN;
  ELSE
    SELECT count(*) INTO lines FROM counter.version_documents
      WHERE version_id = d.procedure_version_id;
    IF lines > 0 AND item::text::int > lines THEN
      reason := 'Số hóa: thủ tục của hồ sơ không có dòng giấy tờ này.'; RETURN;
    END IF;
  END IF;
  IF coalesce(data->>'source', '') NOT IN ('scanner', 'file', 'folder', 'reuse', 'exempt')
     OR jsonb_typeof(data->'signed') IS DISTINCT FROM 'boolean' THEN
    reason := 'Số hóa: nguồn giấy tờ không hợp lệ.'; RETURN;
  END IF;
  IF data->>'source' = 'exempt' THEN
    IF data->>'sha256' IS NOT NULL OR length(btrim(coalesce(data->>'reason', ''))) NOT
       BETWEEN 1 AND 500 THEN
      reason := 'Miễn số hóa: cần lý do (tối đa 500 ký tự) và không có tệp.'; RETURN;
    END IF;
  ELSIF coalesce(data->>'sha256', '') !~ '^[0-9a-f]{64}$'
     OR jsonb_typeof(data->'pages') IS DISTINCT FROM 'number'
     OR jsonb_typeof(data->'bytes') IS DISTINCT FROM 'number'
     OR (data->>'pages')::numeric NOT BETWEEN 1 AND 200
     OR (data->>'bytes')::numeric NOT BETWEEN 1 AND 100000000 THEN
    reason := 'Số hóa: mã SHA-256, số trang hoặc dung lượng không hợp lệ.'; RETURN;
  END IF;
  status := 'applied'; reason := NULL;
END $$;

DO $$ DECLARE f text; BEGIN
  FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'counter'
             AND p.proname IN ('apply_checked_event', 'apply_state_event') LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO counter_owner', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
