"""The catalog of procedures: its file format, import and export, the versions in force."""
