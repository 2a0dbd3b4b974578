"""The report facts: derived tables folded from each dossier's events (models/report.py),
kept in the transaction that writes the event and rebuilt from the stored events after a
migration or a pull. Below the services, which keep them; the reports read them."""
