"""Demo data: the sample catalog and a year of a commune's made-up work."""
