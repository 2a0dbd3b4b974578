"""The national portal (issue 21, docs/portal.md): the sender that drains the outbox
(counter_app/facts/portal_outbox.py writes it in each event's transaction) to the
province's gateway, what the leader sees of it, the export for a gateway without a live
endpoint, and online dossiers in (inbound.py)."""
