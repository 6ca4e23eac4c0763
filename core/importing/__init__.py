"""Imports of files, one shape for all (shape.py): an Upload read through core/tabular.py, an
Importer that maps, checks every row with nothing written and writes all or none, an Outcome.

registry.py lists every importer by kind; cli.py builds `import KIND` from it and the pages find
their importer there. adapters.py wraps the modules that do the work (businesses, incidents,
districts, the mappings); an entry kind is a spec (spec.py: its fields and how one row is written
in a unit of work) run by the pipeline (pipeline.py) and served by the Imports page's wizard.
"""
