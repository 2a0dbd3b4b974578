-- The row-level security policies ask two questions of every statement on a guarded table
-- (is this a desk's session? which agency is its?). Both were SQL functions, SECURITY
-- DEFINER and so never inlined: PostgreSQL parses and plans such a function's body again
-- at every call, about 0.2 ms each. An idle pull (six feed queries) spent 2.4 ms of its
-- 3.2 ms there, and every statement of a push paid it too (bench/sync.py figures 2, 4).
-- PL/pgSQL keeps its plans for the session: the same answers, planned once.

SET search_path = counter, pg_temp;

CREATE OR REPLACE FUNCTION session_agency() RETURNS uuid LANGUAGE plpgsql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
BEGIN
  RETURN (SELECT agency_id FROM counter.desks WHERE role_name = session_user AND active);
END $$;

CREATE OR REPLACE FUNCTION session_desk() RETURNS uuid LANGUAGE plpgsql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
BEGIN
  RETURN (SELECT id FROM counter.desks WHERE role_name = session_user AND active);
END $$;

CREATE OR REPLACE FUNCTION is_desk_session() RETURNS boolean LANGUAGE plpgsql STABLE
  SECURITY DEFINER SET search_path = counter, pg_temp AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM counter.desks WHERE role_name = session_user);
END $$;

ALTER FUNCTION session_agency() OWNER TO counter_owner;
ALTER FUNCTION session_desk() OWNER TO counter_owner;
ALTER FUNCTION is_desk_session() OWNER TO counter_owner;
