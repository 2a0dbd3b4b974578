"""The citizens' hall on screen (issue 22): the kiosk that gives tickets, the hall's call
display, and what both share with the desk's F12: one queue line per window, asked in the
thread pool only (docs/hall.md)."""
