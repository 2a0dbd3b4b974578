-- The office server: the schema `counter`, its tables, the feed's bookkeeping and the
-- row-level security that confines each desk to its agency.
--
-- Tables that desks also hold keep the desk's names and columns (agencies, units,
-- procedures, procedure_versions, dossiers, events, officers, audit_entries…), so that the
-- same queries (reports) run on both. Rows that desks pull carry `tx` (the transaction
-- that wrote them, xid8) and `gpos` (a position from one sequence): the pull feed hands
-- out only rows written by transactions older than the oldest one still running, in
-- (tx, gpos) order, so a row committed late is never skipped (research/sync.md §2).
--
-- Applied by `counter-app server init` as the database owner or a superuser; idempotent.

CREATE SCHEMA IF NOT EXISTS counter;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'counter_owner') THEN
    CREATE ROLE counter_owner NOLOGIN;  -- owns everything; the sync functions run as it
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'counter_desk') THEN
    CREATE ROLE counter_desk NOLOGIN;  -- every desk's login role is a member
  END IF;
END $$;

ALTER SCHEMA counter OWNER TO counter_owner;
REVOKE ALL ON SCHEMA counter FROM PUBLIC;
GRANT USAGE ON SCHEMA counter TO counter_desk;

SET search_path = counter, pg_temp;

CREATE SEQUENCE IF NOT EXISTS feed_position;

CREATE TABLE IF NOT EXISTS meta (
  key text PRIMARY KEY,
  value text NOT NULL
);

-- the catalog, as `counter-app server catalog import` publishes it (desks pull it whole)
CREATE TABLE IF NOT EXISTS agencies (
  id uuid PRIMARY KEY,
  code varchar(40) NOT NULL UNIQUE,
  name varchar(200) NOT NULL,
  level varchar(20) NOT NULL,
  address varchar(500) NOT NULL,
  phone varchar(40) NOT NULL,
  working_hours jsonb NOT NULL,
  code_pattern varchar(100) NOT NULL,
  merged_into_id uuid REFERENCES agencies(id)
);
CREATE TABLE IF NOT EXISTS agency_names (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  name varchar(200) NOT NULL,
  valid_from timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS units (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  code varchar(40) NOT NULL,
  name varchar(200) NOT NULL,
  UNIQUE (agency_id, code)
);
CREATE TABLE IF NOT EXISTS declared_days (
  agency_id uuid NOT NULL REFERENCES agencies(id),
  day date NOT NULL,
  kind varchar(10) NOT NULL,
  PRIMARY KEY (agency_id, day)
);
CREATE TABLE IF NOT EXISTS procedures (
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  code varchar(40) NOT NULL,
  UNIQUE (agency_id, code)
);
CREATE TABLE IF NOT EXISTS procedure_versions (
  id uuid PRIMARY KEY,
  procedure_id uuid NOT NULL REFERENCES procedures(id),
  imported_seq integer NOT NULL,
  content_hash varchar(64) NOT NULL,
  label varchar(200) NOT NULL,
  effective_from date NOT NULL,
  name varchar(500) NOT NULL,
  field varchar(200) NOT NULL,
  duration_unit varchar(20) NOT NULL,
  duration_value integer,
  online_duration_unit varchar(20),
  online_duration_value integer,
  cutoff varchar(5),
  pauses_on_supplement boolean NOT NULL,
  fee integer NOT NULL,
  unit_id uuid REFERENCES units(id),
  imported_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS version_documents (
  id uuid PRIMARY KEY,
  version_id uuid NOT NULL REFERENCES procedure_versions(id),
  position integer NOT NULL,
  name varchar(500) NOT NULL,
  kind varchar(20) NOT NULL,
  count integer NOT NULL,
  required boolean NOT NULL
);
CREATE TABLE IF NOT EXISTS version_steps (
  id uuid PRIMARY KEY,
  version_id uuid NOT NULL REFERENCES procedure_versions(id),
  position integer NOT NULL,
  unit_id uuid NOT NULL REFERENCES units(id),
  name varchar(200) NOT NULL,
  hours integer NOT NULL
);

-- desks, each with its own login role, and how far the server has their records
CREATE TABLE IF NOT EXISTS desks (
  id uuid PRIMARY KEY,
  name varchar(200) NOT NULL,
  role_name name UNIQUE,            -- NULL: known from its records only (a desk's own row)
  agency_id uuid NOT NULL REFERENCES agencies(id),
  active boolean NOT NULL DEFAULT true,
  events_upto integer NOT NULL DEFAULT 0,   -- the desk's events the server has, 1..n
  audit_upto integer NOT NULL DEFAULT 0,    -- the same for its audit entries
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  gpos bigint NOT NULL DEFAULT nextval('feed_position')
);

-- officers of the office: changes pushed by desks, the last one the server applies wins
CREATE TABLE IF NOT EXISTS officers (
  id uuid PRIMARY KEY,
  username varchar(60) NOT NULL UNIQUE,
  full_name varchar(200) NOT NULL,
  active boolean NOT NULL,
  role varchar(20),
  password_hash varchar(200),
  changed_at timestamptz,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  gpos bigint NOT NULL DEFAULT nextval('feed_position')
);

-- the dossiers as the server's order of events made them (desks copy these rows)
CREATE TABLE IF NOT EXISTS dossiers (
  id uuid PRIMARY KEY,
  code varchar(60) NOT NULL UNIQUE,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  procedure_version_id uuid NOT NULL REFERENCES procedure_versions(id),
  channel varchar(10) NOT NULL,
  status varchar(30) NOT NULL,
  applicant_name varchar(200) NOT NULL,
  name_key varchar(200) NOT NULL,
  id_type varchar(20),
  id_number varchar(20),
  phone varchar(20),
  phone_key varchar(20),
  address varchar(500) NOT NULL,
  email varchar(254),
  sets integer NOT NULL,
  note varchar(1000),
  return_by_post boolean NOT NULL,
  request_id varchar(36),
  received_at timestamptz NOT NULL,
  effective_received_at timestamptz NOT NULL,
  original_due_at timestamptz,
  due_at timestamptz,
  paused_at timestamptz,
  status_before_pause varchar(30),
  current_unit_id uuid REFERENCES units(id),
  resolved_at timestamptz,
  outcome varchar(20),
  timeliness varchar(10),
  timeliness_original varchar(10),
  returned_at timestamptz,
  receiver_name varchar(200),
  receiver_id_number varchar(20),
  post_tracking varchar(60),
  received_by_id uuid NOT NULL,
  version integer NOT NULL DEFAULT 1,        -- events applied to it
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  gpos bigint NOT NULL DEFAULT nextval('feed_position')
);
CREATE INDEX IF NOT EXISTS dossiers_id_number ON dossiers (id_number);
CREATE INDEX IF NOT EXISTS dossiers_received_at ON dossiers (received_at);

CREATE TABLE IF NOT EXISTS dossier_documents (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossiers(id),
  position integer NOT NULL,
  name varchar(500) NOT NULL,
  kind varchar(20) NOT NULL,
  count integer NOT NULL
);
CREATE INDEX IF NOT EXISTS dossier_documents_dossier ON dossier_documents (dossier_id);

-- the events of every desk, in the order the server took them; refused ones are kept
CREATE TABLE IF NOT EXISTS events (
  gpos bigint PRIMARY KEY DEFAULT nextval('feed_position'),
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  id uuid NOT NULL UNIQUE,
  dossier_id uuid NOT NULL,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  desk_id uuid NOT NULL REFERENCES desks(id),
  desk_seq integer NOT NULL,
  kind varchar(30) NOT NULL,
  at timestamptz NOT NULL,
  officer_id uuid NOT NULL,
  from_unit_id uuid,
  to_unit_id uuid,
  note varchar(1000),
  data jsonb NOT NULL,
  schema_version integer NOT NULL,
  status varchar(10) NOT NULL,        -- applied | rejected
  reason text,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (desk_id, desk_seq)
);
CREATE INDEX IF NOT EXISTS events_feed ON events (agency_id, tx, gpos);
CREATE INDEX IF NOT EXISTS events_dossier ON events (dossier_id, gpos);

CREATE TABLE IF NOT EXISTS audit_entries (
  gpos bigint NOT NULL DEFAULT nextval('feed_position'),
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  id uuid PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies(id),
  desk_id uuid NOT NULL REFERENCES desks(id),
  desk_seq integer NOT NULL,
  at timestamptz NOT NULL,
  officer_id uuid,
  username varchar(60) NOT NULL,
  action varchar(40) NOT NULL,
  code varchar(60),
  outcome varchar(10) NOT NULL,
  detail jsonb NOT NULL,
  prev_hash varchar(64) NOT NULL,
  hash varchar(64) NOT NULL,
  UNIQUE (desk_id, desk_seq)
);
CREATE INDEX IF NOT EXISTS audit_feed ON audit_entries (agency_id, tx, gpos);

-- dossier numbers: one counter per (agency, day), leases of it to desks, and the numbers
-- a desk leased and never used (void, shown as such in the register)
CREATE TABLE IF NOT EXISTS dossier_counters (
  agency_id uuid NOT NULL REFERENCES agencies(id),
  day date NOT NULL,
  last_seq integer NOT NULL,
  PRIMARY KEY (agency_id, day)
);
CREATE TABLE IF NOT EXISTS code_leases (
  agency_id uuid NOT NULL REFERENCES agencies(id),
  day date NOT NULL,
  number integer NOT NULL,
  desk_id uuid NOT NULL REFERENCES desks(id),
  leased_at timestamptz NOT NULL DEFAULT now(),
  void boolean NOT NULL DEFAULT false,
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  gpos bigint NOT NULL DEFAULT nextval('feed_position'),
  PRIMARY KEY (agency_id, day, number)
);
CREATE INDEX IF NOT EXISTS code_leases_feed ON code_leases (agency_id, tx, gpos);

-- a row changed is handed out again: it gets the writing transaction and a new position
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.tx := pg_current_xact_id();
  NEW.gpos := nextval('counter.feed_position');
  RETURN NEW;
END $$;

DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['officers', 'dossiers', 'code_leases'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I_touch ON counter.%I', t, t);
    EXECUTE format('CREATE TRIGGER %I_touch BEFORE UPDATE ON counter.%I '
                   'FOR EACH ROW EXECUTE FUNCTION counter.touch()', t, t);
  END LOOP;
END $$;
-- a desk's row changes at every push (how far the server has it): handed out again only
-- when what other desks show of it changes
DROP TRIGGER IF EXISTS desks_touch ON desks;
CREATE TRIGGER desks_touch BEFORE UPDATE ON desks FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.name IS DISTINCT FROM NEW.name
        OR OLD.active IS DISTINCT FROM NEW.active)
  EXECUTE FUNCTION touch();
CREATE INDEX IF NOT EXISTS desks_feed ON desks (agency_id, tx, gpos);
CREATE INDEX IF NOT EXISTS officers_feed ON officers (agency_id, tx, gpos);
CREATE INDEX IF NOT EXISTS dossiers_feed ON dossiers (agency_id, tx, gpos);

-- The desk this session is: its login role names it. NULL for anyone else (the owner,
-- an administrator, a reporting role).
CREATE OR REPLACE FUNCTION session_desk() RETURNS uuid LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
  SELECT id FROM counter.desks WHERE role_name = session_user AND active
$$;
CREATE OR REPLACE FUNCTION session_agency() RETURNS uuid LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
  SELECT agency_id FROM counter.desks WHERE role_name = session_user AND active
$$;
CREATE OR REPLACE FUNCTION is_desk_session() RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles d ON d.oid = m.roleid
                 JOIN pg_roles s ON s.oid = m.member
                 WHERE d.rolname = 'counter_desk' AND s.rolname = session_user)
$$;

-- Row-level security, forced on the owner too: inside the sync functions (which run as
-- the owner) a desk's session still sees and writes only its own agency's rows. The
-- session's facts are asked once per statement (a scalar subquery), not once per row.
-- (`desks` itself has none: the functions above read it to know the session's agency.)
DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['officers', 'dossiers', 'events', 'audit_entries', 'code_leases',
                           'dossier_counters'] LOOP
    EXECUTE format('ALTER TABLE counter.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE counter.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS same_agency ON counter.%I', t);
    EXECUTE format('CREATE POLICY same_agency ON counter.%I USING ('
                   '(SELECT NOT counter.is_desk_session()) '
                   'OR agency_id = (SELECT counter.session_agency()))', t);
  END LOOP;
END $$;
ALTER TABLE dossier_documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE dossier_documents FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS same_agency ON dossier_documents;
CREATE POLICY same_agency ON dossier_documents USING ((SELECT NOT counter.is_desk_session())
  OR EXISTS (SELECT 1 FROM counter.dossiers d WHERE d.id = dossier_id));

-- The owner owns every table; nobody else has any right on them (a desk calls functions).
DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'counter' LOOP
    EXECUTE format('ALTER TABLE counter.%I OWNER TO counter_owner', t);
    EXECUTE format('REVOKE ALL ON counter.%I FROM PUBLIC', t);
  END LOOP;
END $$;
ALTER SEQUENCE feed_position OWNER TO counter_owner;
ALTER FUNCTION touch() OWNER TO counter_owner;
ALTER FUNCTION session_desk() OWNER TO counter_owner;
ALTER FUNCTION session_agency() OWNER TO counter_owner;
ALTER FUNCTION is_desk_session() OWNER TO counter_owner;
