"""What an incident import did (or a check would do): the counts, the sentences the Crime data page
and the command line print, and the warning about a file's UTC offsets."""

from __future__ import annotations

from dataclasses import dataclass, field

from core import coordinates, formatting
from core.district_codes import RULES

OFFSETS_LOCAL_CHOICE = "The file's time offsets are wrong: read its times as our local time"


@dataclass
class IncidentImportSummary:
    filename: str
    rows_read: int = 0
    imported: int = 0
    added: int = 0
    updated: int = 0
    no_number: int = 0
    bad_date: int = 0
    placeholder_date: int = 0              # a placeholder (1970-01-01, 1900-01-00, ...) where the date belongs
    duplicates_in_file: int = 0
    without_location: int = 0
    location_bad: int = 0
    district_from_column: int = 0
    located_by_point: int = 0
    no_district: int = 0
    no_district_no_location: int = 0       # no stated district and no location
    no_district_outside: int = 0           # no stated district; the point lies outside every district
    no_boundaries: bool = False            # no district boundaries are stored to place points with
    located_in_other_district: int = 0     # stated district, but the point lies in another district
    stated_outside_every_district: int = 0  # stated district, the point lies in no district at all
    district_rules: dict[str, int] = field(default_factory=dict)      # rule -> rows it matched
    unmatched_districts: list[dict] = field(default_factory=list)     # district_text, incidents
    district_mappings_saved: int = 0
    unmapped_rows: int = 0
    unmapped_offenses: int = 0
    coordinates: dict[str, int] = field(default_factory=dict)  # class of core/coordinates.py -> incidents
    problems: list[dict] = field(default_factory=list)   # first rows not imported: line, field, value, problem
    offsets_are_local: bool = False        # chosen: the file's offsets are wrong, its times are local
    hour_column: str | None = None         # the file's hour column, if it has one
    offset_hours: dict[str, int] = field(default_factory=dict)   # checked, as_written, as_stored

    @property
    def warnings(self) -> list[str]:
        """What the importer should look at, shown apart from the summary lines: the file's times carry
        a UTC offset, and its hour column equals the hour as written on (nearly) every row but not the
        hour as converted, so the offsets look wrong and the times look like local time."""
        checked = self.offset_hours.get("checked", 0)
        written, converted = self.offset_hours.get("as_written", 0), self.offset_hours.get("as_stored", 0)
        if not checked or written < 0.98 * checked or converted > checked / 2:
            return []
        return [f"The times carry a UTC offset, but the {self.hour_column} column equals the hour as written on "
                f"{written:,} of {checked:,} rows (the hour as converted on {converted:,}): the offsets look "
                "wrong, and the times look like local time. They were converted to the department's time zone. "
                "If they are the department's local time, import the file again with "
                f"\"{OFFSETS_LOCAL_CHOICE}\" ticked (on the command line: --offsets-are-local); "
                "the same incidents are updated."]

    def lines(self) -> list[str]:
        out = [f"{self.rows_read:,} rows read; {self.imported:,} incidents imported "
               f"({self.added:,} new, {self.updated:,} updated)."]
        skipped = self.no_number + self.bad_date
        if skipped:
            out.append(f"{skipped:,} rows not imported ({self.no_number:,} without an incident number, "
                       f"{self.bad_date:,} with a date/time that could not be read).")
        if self.placeholder_date:
            out.append(f"{formatting.plural(self.placeholder_date, 'row')} had a placeholder date "
                       "(such as 1970-01-01), not imported.")
        if self.duplicates_in_file:
            out.append(f"{self.duplicates_in_file:,} rows repeated an incident number of the file; the last was kept.")
        out.append(f"District: {self.district_from_column:,} from the district column, "
                   f"{self.located_by_point:,} by location, {self.no_district:,} in no district"
                   + (f" ({self.no_district_no_location:,} without a location, {self.no_district_outside:,} "
                      + ("with no district boundaries stored to place them)." if self.no_boundaries
                         else "outside every district).")
                      if self.no_district else "."))
        if self.district_mappings_saved:
            out.append(f"{self.district_mappings_saved:,} district texts saved to the district mapping.")
        if self.district_rules:
            out.append("District column matched by: " + ", ".join(
                f"{rule} {self.district_rules[rule]:,}" for rule in RULES if self.district_rules.get(rule)) + ".")
        if self.unmatched_districts:
            shown = ", ".join(f"'{u['district_text']}' {u['incidents']:,}" for u in self.unmatched_districts[:10])
            more = len(self.unmatched_districts) - 10
            out.append(f"Incidents stating a district that names none: "
                       f"{sum(u['incidents'] for u in self.unmatched_districts):,} "
                       f"({shown}{f', {more:,} more' if more > 0 else ''}), placed by their location. Map these "
                       "texts under Crime data > District mapping, or with --district-map.")
        if self.located_in_other_district or self.stated_outside_every_district:
            out.append("Data quality, incidents whose location lies in another district than the one their record "
                       f"states: {self.located_in_other_district:,}; outside every district: "
                       f"{self.stated_outside_every_district:,}. They are counted in the district their record states.")
        out.append(f"{self.without_location:,} incidents have no location (kept and counted)"
                   + (f"; {self.location_bad:,} had coordinates that are not numbers." if self.location_bad else "."))
        if any(n for k, n in self.coordinates.items() if k not in ("ok", "missing")):
            out.append(coordinates.counts_sentence(self.coordinates, "incidents"))
        if self.unmapped_rows:
            out.append(f"{self.unmapped_rows:,} incidents ({self.unmapped_offenses:,} offense descriptions) map to "
                       "no crime type yet: assign them under Crime data > Offense mapping.")
        return out
