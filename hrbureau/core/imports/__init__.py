"""The generic spreadsheet import (DESIGN.md mechanism 5): xlsx, xls, ods or csv in; every row accounted
for; all-or-nothing. Registries plug in an ``ImportSpec`` (see spec.py)."""
