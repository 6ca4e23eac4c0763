"""User text shown inside markup: escaped so that it reads exactly as typed.

Streamlit renders the text of `st.write`, `st.markdown`, `st.caption`, `st.subheader`,
`st.error` and friends as Markdown (HTML is dropped), and plotly renders labels and hover
text as a small HTML subset. Text a user typed or a file imported (a program description,
a business address, a display name) must not turn into a link, an image that calls an
outside server (a tracking pixel), LaTeX, a colour directive or a heading there. Wrap it in
`md()` before putting it into Markdown (a bare address such as https://example.org still
becomes a link, showing its own address: nothing is hidden behind other words), and in `plotly_text()` before putting it into a chart.
"""

from __future__ import annotations

import html
import re
from typing import Any

# the characters Markdown, GFM (tables, strikethrough, autolinks such as https://...) and
# Streamlit (:colour[...], $LaTeX$, :emoji: / :material/icon:) give a meaning to anywhere in a
# line; all of them may be backslash-escaped in CommonMark. A colon means something only before a
# word, a slash or a bracket (a directive, a shortcode, an address), or at the end, where what
# follows is not known: "Saved: 3" stays as written
_INLINE = re.compile(r"([\\`*_\[\]<>!$~|&]|:(?=[\w+\-/\[]|\Z))")
# and those that mean something only at the start of a line (headings, lists, quotes, rules)
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+(?=[.)]))", re.MULTILINE)


MISSING = "–"      # a value not there (no end date, not applicable), as tables show it


class Markdown(str):
    """Markdown that is safe to render: every piece of data in it was escaped. Made only by `md()`
    and by the templates of components/say.py (tests/test_markdown_paths.py checks that nothing
    else makes one). Joining or formatting it into another string gives a plain `str` again."""

    __slots__ = ()


def md(value: Any) -> Markdown:
    """`value` as Markdown text that renders literally (no links, images, HTML, formatting).
    Text that is already `Markdown` (escaped before) is returned as it is, never escaped twice."""
    if isinstance(value, Markdown):
        return value
    if value is None:
        return Markdown("")
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _INLINE.sub(r"\\\1", text)
    return Markdown(_LINE_START.sub(_escape_line_start, text))


def _escape_line_start(match: re.Match) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():             # "1. item": escape the dot (or parenthesis) after it
        return indent + marker + "\\"
    return indent + "\\" + marker


def plotly_text(value: Any) -> str:
    """`value` for plotly labels and hover text: its HTML subset (links, <b>) shown literally."""
    return html.escape("" if value is None else str(value), quote=False)
