"""The one way pages show text with data in it: a template written in the code, values escaped.

Streamlit renders messages, captions, headers and every widget, tab and expander label as
Markdown. A stored name put into such a text as it is (an f-string) turns `![](https://…)` into an
image the reader's browser fetches from an outside server, and `[text](https://…)` into a disguised
link. Here the template is Markdown the code wrote and each value is escaped (core.text.md), so it
shows exactly as typed:

    say.success("Saved {name}.", name=row["name"])
    say.caption("{count:,} businesses · last verified {day}", count=n, day=formatting.day(d))
    st.expander(say.text("{program}: {n} sessions", program=p["program"], n=p["events"]))

A value that is already `Markdown` (from `say.text` or `md`) is put in as it is, so texts compose.
Options of the Streamlit call (icon=, help=, divider=, ...) are the keywords the template does not
name. tests/test_markdown_paths.py finds any Markdown text built elsewhere (an f-string, a
concatenation, a variable handed to st.markdown and friends).
"""

from __future__ import annotations

import string
from typing import Any, Iterable

import streamlit as st

from core.text import Markdown, md


class _Escaping(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Markdown) and not format_spec:
            return value
        return md(format(value, format_spec))


_FORMATTER = _Escaping()


def _fields(template: str) -> set[str]:
    names = set()
    for _, field, _, _ in _FORMATTER.parse(template):
        if field:
            names.add(field.split(".", 1)[0].split("[", 1)[0])
    return names


def _split(template: str | Markdown, options: dict[str, Any]) -> tuple[Markdown, dict[str, Any]]:
    """(the text, the Streamlit options): the keywords the template names are its values."""
    if isinstance(template, Markdown):
        return template, options
    fields = _fields(template)
    values = {k: v for k, v in options.items() if k in fields}
    rest = {k: v for k, v in options.items() if k not in fields}
    return text(template, **values), rest


def text(template: str | Markdown, /, **values: Any) -> Markdown:
    """`template` (Markdown written in the code) with each `{name}` replaced by `values[name]`
    escaped; format specs work as in str.format (`{count:,}`); a date is written by core.formatting."""
    if isinstance(template, Markdown):
        if values:
            raise TypeError("an escaped text takes no values")
        return template
    return Markdown(_FORMATTER.vformat(template, (), values))


def join(separator: str, parts: Iterable[Any]) -> Markdown:
    """The parts (each escaped unless it is Markdown already) joined by `separator` (written in
    the code, such as "\\n" or " · "): lists and tables built from data."""
    return Markdown(separator.join(md(part) for part in parts))


def _show(render):
    def show(template: str | Markdown, /, **options: Any):
        body, rest = _split(template, options)
        return render(body, **rest)
    show.__name__ = render.__name__
    show.__doc__ = f"st.{render.__name__} of a template whose values are escaped (see the module)."
    return show


markdown = _show(st.markdown)
write = _show(st.markdown)      # st.write of a text is st.markdown
caption = _show(st.caption)
success = _show(st.success)
info = _show(st.info)
warning = _show(st.warning)
error = _show(st.error)
toast = _show(st.toast)
subheader = _show(st.subheader)
header = _show(st.header)
title = _show(st.title)

ALERTS = {"success": success, "info": info, "warning": warning, "error": error}


def alert(kind: str, message: str | Markdown, **options: Any) -> None:
    """An alert box of `kind` (success, info, warning, error) for a message kept from an earlier
    run (plain text is escaped whole; Markdown from `text` is shown as it is); `options` go to
    Streamlit (icon=)."""
    ALERTS[kind](md(message), **options)
