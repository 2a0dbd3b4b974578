"""Backup and restore of the desk's embedded SQLite database (README: officers, "Backup").

`service` is the one entry point (the CLI and the admin screen call it); `online` wraps
SQLite's online backup API, `verify` checks a copy, `manifest` describes one, `folder`
names the automatic copies and keeps 7 daily and 4 weekly, `files` writes private files
atomically. No Qt here.
"""
