"""The administrator's and inspector's windows: officers, catalog, settings, backup,
audit trail, sync conflicts."""
