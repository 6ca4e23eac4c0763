"""Imports of CSV/XLSX files, built on core/tabular.py: read -> map -> check every row -> write all or none.

An importer is a spec (see spec.py): its fields, which are required, and how
one mapped row is written inside a unit of work. The pipeline (pipeline.py)
does the rest for every kind the same way, so a new importer (businesses,
incidents) only writes its spec and gets the wizard (components/import_wizard.py),
the saved mappings and the CLI command for free.
"""
