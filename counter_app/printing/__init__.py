"""Printed forms: one module per form, plain dataclasses in, PDF bytes out. No database."""
