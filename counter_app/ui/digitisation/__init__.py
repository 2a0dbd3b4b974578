"""Digitising at the counter (issue 20): the dossier window's checklist panel, the scan
dialog, the PIN asked once per officer session, the viewer."""
