-- The dashboard's charts name the specialist units ("overdue by unit"): a reading role
-- (SQL 0025) reads its own agency's units, and only those, through this function.
-- `units` itself stays without row-level security: the desks' functions read it as they
-- always have, and a reader is given no right on the table.

SET search_path = counter, pg_temp;

CREATE OR REPLACE FUNCTION reader_units()
  RETURNS TABLE (id uuid, agency_id uuid, code varchar, name varchar)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = counter, pg_temp AS $$
  SELECT u.id, u.agency_id, u.code, u.name FROM counter.units u
   WHERE u.agency_id = (SELECT counter.session_agency())
$$;
ALTER FUNCTION reader_units() OWNER TO counter_owner;
REVOKE ALL ON FUNCTION reader_units() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reader_units() TO counter_reader;
