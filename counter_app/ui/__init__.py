"""PySide6 desk: the only package (with main.py) that imports Qt."""
