"""Digitising at the counter: the dossier window's checklist panel, the scan dialog, the PIN and the viewer (issue 20)."""
