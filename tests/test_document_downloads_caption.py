"""The caption beside "Prepare the files": the button sits above the report on Submitted reports and in a
tab of its own on Monthly report, so the caption names the report rather than a place on the page."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _buttons() -> None:
    from components.document_downloads import Document, document_downloads

    document_downloads("k", {"report": 1}, [
        Document("Download PDF", "PDF", "r.pdf", "application/pdf", lambda: b"%PDF"),
        Document("Download Excel (XLSX)", "Excel (XLSX)", "r.xlsx", "application/octet-stream", lambda: b"x")])


def test_the_prepare_caption_names_the_report_not_a_place_on_the_page():
    at = AppTest.from_function(_buttons, default_timeout=30).run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert len(captions) == 1 and captions[0].startswith("Makes the PDF and Excel (XLSX) files of this report"), captions
    assert "above" not in captions[0] and "below" not in captions[0]


def test_once_prepared_only_the_download_buttons_are_shown():
    at = AppTest.from_function(_buttons, default_timeout=30).run()
    at.button(key="k-prepare").click().run()
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == ["Download PDF", "Download Excel (XLSX)"]
    assert not [b for b in at.button if b.key == "k-prepare"]       # nothing left to do
    assert not at.caption
    at.run()                                                        # and on the next run too
    assert [b.proto.label for b in at.get("download_button")] == ["Download PDF", "Download Excel (XLSX)"]
    assert not [b for b in at.button if b.key == "k-prepare"]
