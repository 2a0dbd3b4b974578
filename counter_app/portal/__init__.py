"""The national portal (docs/portal.md): the outbox and its sender, and online dossiers in."""
