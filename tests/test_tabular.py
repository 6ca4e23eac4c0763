"""Reading CSV / XLSX files: good files as text, bad files refused with a reason."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from core.tabular import FileRefused, apply_mapping, parse_map_args, read_table


def xlsx(frame: pd.DataFrame) -> bytes:
    out = io.BytesIO()
    frame.to_excel(out, index=False)
    return out.getvalue()


def test_csv_cells_are_read_as_text_with_blanks_as_none():
    frame = read_table(b"Name , Zip,Count\nCafe,02134,\n", "list.csv")
    assert list(frame.columns) == ["Name", "Zip", "Count"]
    assert frame.iloc[0].tolist() == ["Cafe", "02134", None]   # leading zero kept, blank is None


def test_windows_1252_and_bom_encodings_are_understood():
    assert read_table("Name\nCaf\u00e9\n".encode("cp1252"), "a.csv").iloc[0, 0] == "Caf\u00e9"
    assert read_table("\ufeffName\nX\n".encode("utf-8"), "b.csv").columns[0] == "Name"


def test_xlsx_is_read_as_text():
    frame = read_table(xlsx(pd.DataFrame({"Name": ["A"], "Phone": ["6175551234"]})), "a.xlsx")
    assert frame.iloc[0].tolist() == ["A", "6175551234"]


@pytest.mark.parametrize("data, name, reason", [
    (b"a,b\n1,2\n", "list.txt", "not a CSV or XLSX"),
    (b"", "empty.csv", "empty"),
    (b"   \n\n", "blank.csv", "empty"),
    (b"a,b\n", "header_only.csv", "no data rows"),
    (b"a,a\n1,2\n", "dupe.csv", "more than one column named a"),
    (b"a,b\n1,2,3,4\n", "ragged.csv", "not a well-formed CSV"),
    (b"\x00\x01binary\x00", "bin.csv", "binary data"),
    (b"PK\x03\x04 not really a zip", "broken.xlsx", "not a readable XLSX"),
    (b"x" * 2000, "big.csv", "files over"),
])
def test_bad_files_are_refused_with_a_reason(data, name, reason):
    with pytest.raises(FileRefused, match=reason):
        read_table(data, name, max_bytes=1000)


def test_mapping_renames_columns_to_fields_and_checks_them():
    frame = read_table(b"Biz,Addr\nA,1 Main St\n", "a.csv")
    mapped = apply_mapping(frame, {"name": "Biz", "address": "Addr"}, {"name"}, {"name", "address", "phone"})
    assert mapped.to_dict("records") == [{"name": "A", "address": "1 Main St"}]
    with pytest.raises(FileRefused, match="no column Phone"):
        apply_mapping(frame, {"name": "Biz", "phone": "Phone"}, {"name"}, {"name", "phone"})
    with pytest.raises(FileRefused, match="Required field"):
        apply_mapping(frame, {"address": "Addr"}, {"name"}, {"name", "address"})
    with pytest.raises(FileRefused, match="Unknown field"):
        apply_mapping(frame, {"nmae": "Biz"}, set(), {"name"})


def test_cli_map_arguments():
    assert parse_map_args(["name=BusinessName", "phone = DAYPHN"]) == {"name": "BusinessName", "phone": "DAYPHN"}
    with pytest.raises(FileRefused):
        parse_map_args(["name"])
