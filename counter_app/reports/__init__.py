"""The leader's figures (README: figures): Biểu 06, on-time rates, the dashboard's series.

Qt-free. `facts` keeps the derived tables the figures are counted from; `periods` reads
the reporting periods; `bieu06`, `ontime` and `dashboard` are the one query layer, in
SQLAlchemy Core, the same on SQLite and PostgreSQL; `xlsx` writes the form as a workbook.
"""
