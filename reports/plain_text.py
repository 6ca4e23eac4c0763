"""Text fit for a document: what the writers cannot hold is taken out before any of them runs.

Stored text may carry control characters: Word puts a vertical tab in text copied from it (a line
break typed with Shift+Enter) and a form feed for a page break, and other programs leave NULs and
the like. Word documents and workbooks are XML, which cannot hold them at all (python-docx
refuses to write the whole report), and a PDF shows them as boxes or nothing. So every report and
evaluation goes through `for_documents` once, at the one entry point of its writers
(reports/documents.render, reports/evaluation.evaluation_document): line and page breaks become
line breaks, tabs stay, every other control character is dropped.
"""

from __future__ import annotations

import re
from typing import Any

_BREAKS = re.compile("\r\n|[\r\v\f]")
# C0 and C1 controls but tab and newline; lone surrogates and the two non-characters XML refuses
_UNFIT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def document_text(text: str) -> str:
    """`text` with its line and page breaks as newlines and the other control characters dropped."""
    return _UNFIT.sub("", _BREAKS.sub("\n", text))


def for_documents(value: Any) -> Any:
    """A copy of a report or evaluation (dicts, lists, tuples, text) with every text, keys included,
    made `document_text`; numbers, dates and None as they are."""
    if isinstance(value, str):
        return document_text(value)
    if isinstance(value, dict):
        return {for_documents(k): for_documents(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(for_documents(v) for v in value)
    return value
