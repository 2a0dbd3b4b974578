"""Starts the desk program: `python main.py` is the same as `counter-app`."""

from counter_app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
