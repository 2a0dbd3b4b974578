-- Documents' files (issue 20, docs/digitisation.md, docs/office-server.md "Documents"): the
-- PDF a desk digitised reaches the server after its `digitised` event, once per content
-- (named by its SHA-256), in chunks the server keeps as they come, so that a transfer cut
-- (a desk killed, a line dropped) goes on from the last chunk the server holds. The server
-- hashes the file when its last chunk arrives and only then marks it whole: a file not
-- whole is never handed out, a file whose bytes do not give its name is dropped.
--
-- Storage: bytea rows, one per chunk (1 MiB by default, meta 'document_chunk_bytes'), not
-- large objects. A chunk row is written in one short transaction (what a cut keeps), is
-- covered by the schema's row-level security and rights like every other row (large
-- objects have neither: their rights are per object, outside the schema), goes into
-- pg_dump and streaming replicas with the tables, and is removed with its file by a
-- foreign key. STORAGE EXTERNAL: PDF pages are compressed already; PostgreSQL does not
-- try again.
--
-- Who may do what: a desk sends a file only when an applied `digitised` event of its own
-- agency names that hash with that size, and reads one only on the same condition; the
-- same content named by two agencies is stored once. The functions check it, and the
-- policies below say it again for anything that runs under a desk's session.

SET search_path = counter, pg_temp;

INSERT INTO meta (key, value) VALUES ('document_chunk_bytes', '1048576')
  ON CONFLICT (key) DO NOTHING;

CREATE TABLE IF NOT EXISTS document_files (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size BETWEEN 1 AND 100000000),
  chunk_bytes integer NOT NULL CHECK (chunk_bytes BETWEEN 1024 AND 8388608),
  whole boolean NOT NULL DEFAULT false,
  started_at timestamptz NOT NULL DEFAULT now(),
  whole_at timestamptz,
  desk_id uuid REFERENCES desks(id)  -- the desk whose last chunk made it whole
);
CREATE TABLE IF NOT EXISTS document_chunks (
  sha256 text NOT NULL REFERENCES document_files(sha256) ON DELETE CASCADE,
  n integer NOT NULL CHECK (n >= 0),
  bytes bytea NOT NULL,
  PRIMARY KEY (sha256, n)
);
ALTER TABLE document_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;
CREATE INDEX IF NOT EXISTS events_digitised_sha ON events ((data->>'sha256'))
  WHERE kind = 'digitised';

-- The size the session's agency's applied digitised events give this hash; NULL when none
-- names it (another agency's document, an event refused, a hash nobody recorded).
-- (PL/pgSQL, as in 0007: its plan is kept for the session, not made again at every row.)
CREATE OR REPLACE FUNCTION document_named(p_sha text) RETURNS bigint LANGUAGE plpgsql STABLE
  SET search_path = counter, pg_temp AS $$
BEGIN
  RETURN (SELECT max((e.data->>'bytes')::bigint) FROM counter.events e
          WHERE e.kind = 'digitised' AND e.data->>'sha256' = p_sha AND e.status = 'applied'
            AND e.agency_id = (SELECT counter.session_agency()));
END $$;

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['document_files', 'document_chunks'] LOOP
    EXECUTE format('ALTER TABLE counter.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE counter.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS named_by_agency ON counter.%I', t);
    EXECUTE format('CREATE POLICY named_by_agency ON counter.%I USING ('
                   '(SELECT NOT counter.is_desk_session()) '
                   'OR counter.document_named(sha256) IS NOT NULL)', t);
    EXECUTE format('ALTER TABLE counter.%I OWNER TO counter_owner', t);
    EXECUTE format('REVOKE ALL ON counter.%I FROM PUBLIC', t);
  END LOOP;
END $$;

-- Ask first: of these hashes, the ones the server wants from this desk (not whole yet:
-- {"held": chunks it has, "chunk": bytes a chunk, "size"}) and the ones it refuses (no
-- applied event of the agency names them); the others are whole here, sent by anyone.
CREATE OR REPLACE FUNCTION documents_wanted(p_shas text[]) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  s text;
  v_size bigint;
  f counter.document_files;
  wanted jsonb := '{}';
  refused jsonb := '[]';
BEGIN
  IF cardinality(p_shas) > 1000 THEN
    RAISE EXCEPTION 'Hỏi tối đa 1000 tệp một lần.' USING ERRCODE = '22023';
  END IF;
  FOREACH s IN ARRAY coalesce(p_shas, '{}') LOOP
    v_size := counter.document_named(s);
    IF v_size IS NULL THEN
      refused := refused || to_jsonb(s);
      CONTINUE;
    END IF;
    SELECT * INTO f FROM counter.document_files WHERE sha256 = s;
    IF FOUND AND f.whole THEN
      CONTINUE;
    END IF;
    wanted := wanted || jsonb_build_object(s, jsonb_build_object(
      'size', v_size,
      'chunk', CASE WHEN FOUND AND f.size = v_size THEN f.chunk_bytes
                    ELSE counter.limit_of('document_chunk_bytes', 1048576) END,
      'held', CASE WHEN FOUND AND f.size = v_size
                   THEN (SELECT count(*) FROM counter.document_chunks c WHERE c.sha256 = s)
                   ELSE 0 END));
  END LOOP;
  RETURN jsonb_build_object('wanted', wanted, 'refused', refused, 'desk', d.id);
END $$;

-- Chunk n of a file (0, 1, …; each `chunk` bytes but the last). Kept only when it is the
-- next one the server lacks; otherwise the answer says where to go on from. The last chunk
-- makes the file whole only when all its bytes give its SHA-256; otherwise every chunk of
-- it is dropped (one of them was wrong, which one nobody knows) and the desk starts again.
CREATE OR REPLACE FUNCTION document_put(p_sha text, p_n integer, p_bytes bytea) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v_size bigint := counter.document_named(p_sha);
  f counter.document_files;
  v_held integer;
  v_last integer;
  v_want bigint;
BEGIN
  IF v_size IS NULL THEN
    RAISE EXCEPTION 'Máy chủ không nhận tệp này: không việc số hóa nào của cơ quan của bàn nêu nó.'
      USING ERRCODE = '42501';
  END IF;
  INSERT INTO counter.document_files (sha256, size, chunk_bytes)
    VALUES (p_sha, v_size, counter.limit_of('document_chunk_bytes', 1048576))
    ON CONFLICT (sha256) DO NOTHING;
  SELECT * INTO f FROM counter.document_files WHERE sha256 = p_sha FOR UPDATE;
  v_last := ((f.size - 1) / f.chunk_bytes)::int;
  IF f.whole THEN
    RETURN jsonb_build_object('held', v_last + 1, 'whole', true);
  END IF;
  IF f.size <> v_size THEN  -- begun with another size (a hostile desk): begun again
    DELETE FROM counter.document_chunks WHERE sha256 = p_sha;
    UPDATE counter.document_files SET size = v_size, started_at = now(),
      chunk_bytes = counter.limit_of('document_chunk_bytes', 1048576)
      WHERE sha256 = p_sha RETURNING * INTO f;
    v_last := ((f.size - 1) / f.chunk_bytes)::int;
  END IF;
  SELECT count(*) INTO v_held FROM counter.document_chunks WHERE sha256 = p_sha;
  IF p_n IS DISTINCT FROM v_held THEN
    RETURN jsonb_build_object('held', v_held, 'whole', false);
  END IF;
  v_want := CASE WHEN p_n = v_last THEN f.size - v_last::bigint * f.chunk_bytes
                 ELSE f.chunk_bytes END;
  IF p_n > v_last OR octet_length(p_bytes) IS DISTINCT FROM v_want THEN
    RAISE EXCEPTION 'Phần % của tệp phải có % byte.', p_n + 1, v_want USING ERRCODE = '22023';
  END IF;
  INSERT INTO counter.document_chunks (sha256, n, bytes) VALUES (p_sha, p_n, p_bytes);
  IF p_n < v_last THEN
    RETURN jsonb_build_object('held', p_n + 1, 'whole', false);
  END IF;
  IF (SELECT encode(sha256(string_agg(c.bytes, ''::bytea ORDER BY c.n)), 'hex')
      FROM counter.document_chunks c WHERE c.sha256 = p_sha) IS DISTINCT FROM p_sha THEN
    DELETE FROM counter.document_chunks WHERE sha256 = p_sha;
    RETURN jsonb_build_object('held', 0, 'whole', false, 'refused',
      'Tệp nhận được không khớp mã SHA-256: máy chủ bỏ phần đã nhận; bàn gửi lại từ đầu.');
  END IF;
  UPDATE counter.document_files SET whole = true, whole_at = now(), desk_id = d.id
    WHERE sha256 = p_sha;
  RETURN jsonb_build_object('held', v_last + 1, 'whole', true);
END $$;

-- Reading a file: its size and chunks ({"size", "chunk", "chunks"}), then each chunk. Only a
-- whole file, only to a desk whose agency's applied events name it; anything else is told
-- the same (another agency's document looks like one the server does not have).
CREATE OR REPLACE FUNCTION document_info(p_sha text) RETURNS jsonb LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  f counter.document_files;
BEGIN
  IF counter.document_named(p_sha) IS NULL THEN
    RAISE EXCEPTION 'Máy chủ không có giấy tờ này cho cơ quan của bàn.' USING ERRCODE = '42501';
  END IF;
  SELECT * INTO f FROM counter.document_files WHERE sha256 = p_sha AND whole;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Tệp giấy tờ chưa lên máy chủ: bàn đã số hóa nó chưa gửi xong.'
      USING ERRCODE = 'P0002';
  END IF;
  RETURN jsonb_build_object('size', f.size, 'chunk', f.chunk_bytes,
                            'chunks', (f.size - 1) / f.chunk_bytes + 1, 'desk', d.id);
END $$;

CREATE OR REPLACE FUNCTION document_chunk(p_sha text, p_n integer) RETURNS bytea
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = counter, pg_temp AS $$
DECLARE
  d counter.desks := counter.me();
  v bytea;
BEGIN
  IF counter.document_named(p_sha) IS NULL THEN
    RAISE EXCEPTION 'Máy chủ không có giấy tờ này cho cơ quan của bàn.' USING ERRCODE = '42501';
  END IF;
  SELECT c.bytes INTO v FROM counter.document_chunks c JOIN counter.document_files f
    USING (sha256) WHERE c.sha256 = p_sha AND c.n = p_n AND f.whole;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Tệp giấy tờ chưa lên máy chủ.' USING ERRCODE = 'P0002';
  END IF;
  RETURN v;
END $$;

DO $$ DECLARE f text; BEGIN
  FOR f IN SELECT p.oid::regprocedure::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'counter'
             AND p.proname IN ('document_named', 'documents_wanted', 'document_put',
                               'document_info', 'document_chunk') LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO counter_owner', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION documents_wanted(text[]), document_put(text, integer, bytea),
  document_info(text), document_chunk(text, integer) TO counter_desk;
