"""Printing from the desk: the preview, the printer, the dossier register (form 07)."""
