"""Dossier codes: the shape of an agency's codes, their allocation per agency and day, and
codes as people type or scan them."""
