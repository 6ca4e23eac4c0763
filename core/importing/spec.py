"""What an importer is: fields, required fields, and how one row is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from core.vocabulary import heading
from queries.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ImporterSpec:
    kind: str                                   # CLI name and saved-mapping key: "events"
    title: str                                  # "Program events"
    table: str                                  # the main table written (permission check)
    fields: tuple[str, ...]                     # field names, in the order the wizard shows them
    required: frozenset[str]
    write_row: Callable[[UnitOfWork, dict], int]   # validate and insert one row; raises ValidationError
    help: dict[str, str] = field(default_factory=dict)   # field -> what to put there
    key_fields: tuple[str, ...] = ()            # fields that identify a duplicate row in a file
    merge_repeats: bool = False                 # a row equal in every field to an earlier row of the
                                                # file is kept once and counted, not refused
    problem_fields: dict[str, str] = field(default_factory=dict)   # a form's problem name -> field
    labels: dict[str, str] = field(default_factory=dict)           # field -> its name in words, where
                                                                   # core.vocabulary's heading is not it

    def describe(self, name: str) -> str:
        """The field as a file names it (the command line's help)."""
        star = " (required)" if name in self.required else ""
        return f"{name}{star}: {self.help.get(name, '')}".rstrip(": ")

    def label(self, name: str) -> str:
        """The field in words, as the import page shows it."""
        return self.labels.get(name) or heading(name)

    def explain(self, name: str) -> str:
        """The field in words with what to put there, as the import page lists it."""
        star = " (required)" if name in self.required else ""
        return f"{self.label(name)}{star}: {self.help.get(name, '')}".rstrip(": ")


def split_list(value) -> list[str]:
    """A cell holding several codes: "D1; D2", "D1,D2" or "D1 | D2"."""
    if value is None:
        return []
    text = str(value)
    for sep in (",", "|"):
        text = text.replace(sep, ";")
    return [part.strip() for part in text.split(";") if part.strip()]
