"""counter-app: the one-stop reception desk (bộ phận một cửa) program."""

__version__ = "0.1.0"
