"""Every import, by kind: the command line (`import KIND FILE`) and the pages find them here.

A new import is an Importer (core/importing/shape.py) added to IMPORTERS; it gets its
`import KIND` command with its --map and options from cli.py without new command-line code.
"""

from __future__ import annotations

from core.importing.adapters import (BusinessImporter, DistrictImporter, DistrictMappingImporter, EntryImporter,
                                     IncidentImporter, OffenseMappingImporter)
from core.importing.kinds import CONCERNS, EVENTS, ORGANIZATIONS, PARTICIPANTS, PROGRAMS
from core.importing.shape import Importer
from core.surveys.importer import SURVEYS
from queries.errors import DataError

IMPORTERS: dict[str, Importer] = {importer.kind: importer for importer in (
    EntryImporter(PROGRAMS), EntryImporter(EVENTS), EntryImporter(PARTICIPANTS), EntryImporter(ORGANIZATIONS),
    EntryImporter(CONCERNS),
    BusinessImporter(),
    IncidentImporter(),
    DistrictImporter(),
    OffenseMappingImporter(),
    DistrictMappingImporter(),
    SURVEYS,
)}

# the kinds the Imports page offers (its wizard: map, preview, check every row, import)
ENTRY_KINDS = ("programs", "events", "participants", "organizations", "concerns")


def importer(kind: str) -> Importer:
    try:
        return IMPORTERS[kind]
    except KeyError:
        raise DataError(f"There is no import of {kind!r}; the imports are {', '.join(IMPORTERS)}.") from None
