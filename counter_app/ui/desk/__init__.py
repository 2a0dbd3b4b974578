"""The desk's window: the worklists, the keys and the scanner that open the screens, the
lock and sign-in page, the office sync in the background."""
