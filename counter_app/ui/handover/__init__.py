"""Handing paper dossiers over in batches: to a unit, or results back from units."""
