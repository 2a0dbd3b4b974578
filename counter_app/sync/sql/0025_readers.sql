-- Reading roles for the leader's reports (Biểu 06, the dashboard), made by
-- `counter-app server add-reader NAME --agency CODE` and given to the desks as
-- COUNTER_APP_REPORT_URL, most often pointing at a replica (docs/province-cluster.md,
-- "Replicas for reports"). A reader is never a desk: it cannot sync, call the desks'
-- functions or write; it may SELECT the few tables the reports read, and row-level
-- security confines it to its agency exactly as it confines a desk (the policies ask
-- is_desk_session() and session_agency(), which now know readers too). Its rows live on
-- the primary and replicate with everything else.

SET search_path = counter, pg_temp;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'counter_reader') THEN
    CREATE ROLE counter_reader NOLOGIN;  -- the reporting roles' group
  END IF;
END $$;

CREATE TABLE IF NOT EXISTS readers (
  id uuid PRIMARY KEY,
  name varchar(60) NOT NULL UNIQUE,
  role_name varchar(63) NOT NULL UNIQUE,
  agency_id uuid NOT NULL REFERENCES agencies (id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE readers OWNER TO counter_owner;
REVOKE ALL ON readers FROM PUBLIC;

-- A confined session: a desk's, or a reader's (the policies' first question).
CREATE OR REPLACE FUNCTION is_desk_session() RETURNS boolean LANGUAGE plpgsql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM counter.desks WHERE role_name = session_user)
      OR EXISTS (SELECT 1 FROM counter.readers WHERE role_name = session_user);
END $$;

CREATE OR REPLACE FUNCTION session_agency() RETURNS uuid LANGUAGE plpgsql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
BEGIN
  RETURN coalesce(
    (SELECT agency_id FROM counter.desks WHERE role_name = session_user AND active),
    (SELECT agency_id FROM counter.readers WHERE role_name = session_user AND active));
END $$;

-- What the session is, for a program that must refuse to report through a desk's role:
-- {"kind": "desk" | "reader" | null, "agency": the code of its agency or null}.
CREATE OR REPLACE FUNCTION session_reader() RETURNS jsonb LANGUAGE plpgsql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM counter.desks WHERE role_name = session_user) THEN
    RETURN jsonb_build_object('kind', 'desk', 'agency', NULL);
  END IF;
  RETURN coalesce(
    (SELECT jsonb_build_object('kind', 'reader', 'agency', a.code)
       FROM counter.readers r JOIN counter.agencies a ON a.id = r.agency_id
      WHERE r.role_name = session_user AND r.active),
    jsonb_build_object('kind', NULL, 'agency', NULL));
END $$;

ALTER FUNCTION is_desk_session() OWNER TO counter_owner;
ALTER FUNCTION session_agency() OWNER TO counter_owner;
ALTER FUNCTION session_reader() OWNER TO counter_owner;

GRANT USAGE ON SCHEMA counter TO counter_reader;
GRANT SELECT ON agencies, procedures, procedure_versions, dossiers, events TO counter_reader;
GRANT EXECUTE ON FUNCTION is_desk_session(), session_agency(), session_reader()
  TO counter_reader;
