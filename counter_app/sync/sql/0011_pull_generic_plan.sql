-- The pull's statement planned once a session, always. PL/pgSQL plans a statement for its
-- first five calls, then keeps one generic plan only if it looks no dearer than those; after
-- a big load the estimates can tip it into planning the six feed queries again at every
-- call: an idle sync then cost the server 2.7 ms instead of 1.5 ms (bench/sync.py figure 4,
-- two runs minutes apart). The generic plan reads each feed by its (agency, tx, gpos) index
-- with the cursor as an index condition, whatever the values.

SET search_path = counter, pg_temp;

ALTER FUNCTION pull(jsonb, integer) SET plan_cache_mode = force_generic_plan;
