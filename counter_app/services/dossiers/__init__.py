"""A dossier after reception: the event log, the one state machine, each change and its
batches, and the read side (views, search)."""
