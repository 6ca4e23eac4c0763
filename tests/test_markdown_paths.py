"""No Markdown with data in it outside the one rendering path (components/say.py, core/text.py).

Streamlit renders the text of st.markdown, st.write, st.caption, the alert boxes, headers, toasts,
and every widget, tab and expander label as Markdown. A stored name put into such a text as it is
becomes a link, an image fetched from an outside server or a heading. So in app.py, app_pages/ and
components/ the text of such a call must be a plain literal, or come from the escaping path:
`md(value)` or `say.text("template {name}", name=value)` (values escaped); the display functions
of components/say.py take a literal template and escape the values themselves. Anything else (an
f-string holding a value, a %-format, a .format() call, a concatenation, a variable, any other
call) is a place where data could reach Markdown unescaped, and this test names it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RENDERING_PATH = {ROOT / "components" / "say.py"}

# calls whose first argument (or the keyword named) is rendered as Markdown
BODY = {"markdown", "write", "caption", "success", "info", "warning", "error", "toast", "subheader",
        "header", "title", "badge"}
LABEL = {"expander", "button", "download_button", "link_button", "form_submit_button", "popover", "status",
         "metric", "checkbox", "toggle", "radio", "selectbox", "multiselect", "text_input", "text_area",
         "number_input", "date_input", "time_input", "datetime_input", "file_uploader", "slider",
         "select_slider", "pills", "segmented_control", "color_picker", "camera_input", "chat_input",
         "feedback", "dialog", "page_link"}
SEQUENCE = {"tabs"}
TEXT_KEYWORDS = {"body", "label", "help", "title", "captions", "tabs"}
# receivers that are not Streamlit containers
NOT_STREAMLIT = {"logging", "logger", "log", "warnings", "pipeline", "buffer", "handle", "sys", "os", "re",
                 "path", "Path", "pd", "np", "date", "datetime", "json"}
SAY = "say"
SAY_ESCAPING = {"text", "join"}    # say.text(template, **values), say.join(separator, parts)


def _sources() -> list[Path]:
    files = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "components").glob("*.py"))]
    return [f for f in files if f not in RENDERING_PATH]


def _receiver(func: ast.Attribute) -> str:
    node = func.value
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.value if not isinstance(node, ast.Call) else node.func
    return node.id if isinstance(node, ast.Name) else ""


def _is_escaping_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id == "md"
    if isinstance(func, ast.Attribute):
        return (func.attr == "md" and _receiver(func) == "text") or \
               (func.attr in SAY_ESCAPING and _receiver(func) == SAY)
    return False


def _safe(node: ast.AST) -> bool:
    """A plain literal, a call of the escaping path, or a choice / list of those."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(v, ast.Constant) for v in node.values)
    if _is_escaping_call(node):
        return True
    if isinstance(node, ast.IfExp):
        return _safe(node.body) and _safe(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_safe(e) for e in node.elts)
    if isinstance(node, ast.ListComp):        # [md(label) for label in labels]
        return _safe(node.elt)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        # "a" "b" spread over lines with + : only literals
        return all(isinstance(side, ast.Constant) for side in (node.left, node.right)) or \
            (isinstance(node.left, ast.BinOp) and _safe(node.left) and isinstance(node.right, ast.Constant))
    return False


def _template(node: ast.AST) -> bool:
    """A say.* display function's template: a plain literal (the values are escaped by say)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    return _safe(node)


def _importers(tree: ast.AST) -> set[str]:
    """Names that hold an importer (core/importing/shape.py): taken from the registry
    (`IMPORTERS[kind]`, `importer(kind)`) or annotated `Importer`. Their `write` stores a file and
    renders nothing, so it is not Streamlit's `write`."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value
            if (isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name)
                    and value.value.id == "IMPORTERS") or \
                    (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "importer"):
                names.add(node.targets[0].id)
        elif isinstance(node, ast.arg) and isinstance(node.annotation, ast.Name) and node.annotation.id == "Importer":
            names.add(node.arg)
    return names


def _describe(node: ast.AST) -> str:
    if isinstance(node, ast.JoinedStr):
        return "f-string"
    if isinstance(node, ast.BinOp):
        return "%-format" if isinstance(node.op, ast.Mod) else "concatenation"
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return ".format()"
        return "call"
    if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)):
        return "variable"
    return type(node).__name__


def _text_arguments(call: ast.Call, name: str) -> list[ast.AST]:
    found = []
    if call.args and name != "page_link" and (name in BODY or name in LABEL or name in SEQUENCE):
        found.extend(call.args if name == "write" else call.args[:1])
    for keyword in call.keywords:
        if keyword.arg in TEXT_KEYWORDS:
            found.append(keyword.value)
    return found


def template_forwarders(paths: list[Path]) -> dict[str, int]:
    """Functions that hand one of their parameters to say as its template (such as a message kept
    for the next run: `later(kind, template, /, **values)`): name -> the parameter's position. Their
    callers must give a literal there, as if they called say themselves."""
    found = {}
    for path in paths:
        for func in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            params = [a.arg for a in func.args.posonlyargs + func.args.args]
            for call in ast.walk(func):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                        and _receiver(call.func) == SAY and call.args and isinstance(call.args[0], ast.Name) \
                        and call.args[0].id in params:
                    found[func.name] = params.index(call.args[0].id)
    return found


def unescaped_markdown(path: Path, root: Path = ROOT, forwarders: dict[str, int] | None = None) -> list[str]:
    """Every place in `path` where a Markdown text is built from something other than a literal or
    the escaping path: 'file:line st.<name>(<kind>)'."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    forwarders = forwarders or {}
    # inside a forwarder, say gets the forwarder's parameter; the template its callers give is checked
    forwarded = set()
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) and func.name in forwarders:
            params = [a.arg for a in func.args.posonlyargs + func.args.args]
            forwarded.update(id(c) for c in ast.walk(func) if isinstance(c, ast.Call) and c.args
                             and isinstance(c.args[0], ast.Name) and c.args[0].id in params)
    importers = _importers(tree)
    places = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        name = call.func.id if isinstance(call.func, ast.Name) else \
            call.func.attr if isinstance(call.func, ast.Attribute) else None
        index = forwarders.get(name)
        if index is not None and len(call.args) > index and not _template(call.args[index]):
            places.append(f"{path.relative_to(root)}:{call.lineno} {name}({_describe(call.args[index])})")
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            continue
        name, receiver = call.func.attr, _receiver(call.func)
        where = f"{path.relative_to(root)}:{call.lineno}"
        if receiver == SAY:
            if name in SAY_ESCAPING or name in BODY:
                if id(call) in forwarded:
                    continue
                if call.args and not _template(call.args[0]):
                    places.append(f"{where} say.{name}({_describe(call.args[0])})")
            continue
        if receiver in NOT_STREAMLIT | importers or name not in BODY | LABEL | SEQUENCE:
            continue
        for argument in _text_arguments(call, name):
            if name in SEQUENCE and isinstance(argument, (ast.List, ast.Tuple)):
                bad = [e for e in argument.elts if not _safe(e)]
            else:
                bad = [] if _safe(argument) else [argument]
            places.extend(f"{where} {receiver}.{name}({_describe(b)})" for b in bad)
    for node in ast.walk(tree):
        # st.<name chosen at run time>(text) escapes this scan
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" \
                and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == "st":
            places.append(f"{path.relative_to(root)}:{node.lineno} getattr(st, ...)")
        # the trusted kind of text is made only by the escaping path
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Markdown":
            places.append(f"{path.relative_to(root)}:{node.lineno} Markdown(...) made by hand")
        if isinstance(node, ast.keyword) and node.arg == "unsafe_allow_html":
            if not (isinstance(node.value, ast.Constant) and node.value.value is False):
                places.append(f"{path.relative_to(root)}:{node.value.lineno} unsafe_allow_html")
    return sorted(places, key=lambda p: int(p.split(" ", 1)[0].rsplit(":", 1)[1]))


def test_no_markdown_text_is_built_from_data_outside_the_rendering_path():
    sources = _sources()
    forwarders = template_forwarders(sources)
    places = [p for source in sources for p in unescaped_markdown(source, forwarders=forwarders)]
    assert not places, f"{len(places)} Markdown texts not made by components/say.py or md():\n" + "\n".join(places)


SAMPLE = '''
import streamlit as st
from components import say
from core.text import md
name = "x"
st.success(f"Saved {name}.")
st.caption("Saved " + name)
st.info("Saved %s" % name)
st.warning("Saved {}".format(name))
st.error(name)
left = st
left.caption(str(name))
st.expander(f"{name}: 3")
st.tabs(["A", name])
st.button(name)
st.markdown(f"**{md(name)}**")
say.success(f"Saved {name}.")
st.success("Saved.")
st.success(md(name))
st.caption(say.text("Saved {name}", name=name))
say.success("Saved {name}.", name=name)
st.tabs(["A", "B"])
st.markdown("x", unsafe_allow_html=True)
getattr(st, "success")(name)
say.join(name, [name])
st.markdown(say.join("\\n", [name]))
incidents = IMPORTERS["incidents"]
incidents.write(name)
other = st.container()
other.write(name)


def later(kind, template, /, **values):
    say.text(template, **values)


later("success", f"Saved {name}.")
later("success", "Saved {name}.", name=name)
'''


def test_the_scan_finds_each_kind_of_unescaped_text(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(SAMPLE)
    forwarders = template_forwarders([source])
    assert forwarders == {"later": 1}
    places = unescaped_markdown(source, tmp_path, forwarders)
    kinds = [p.split(" ", 1)[1] for p in places]
    assert kinds == ["st.success(f-string)", "st.caption(concatenation)", "st.info(%-format)",
                     "st.warning(.format())", "st.error(variable)", "left.caption(call)",
                     "st.expander(f-string)", "st.tabs(variable)", "st.button(variable)",
                     "st.markdown(f-string)", "say.success(f-string)", "unsafe_allow_html", "getattr(st, ...)",
                     "say.join(variable)", "other.write(variable)", "later(f-string)"]


def test_say_text_escapes_the_values_and_keeps_the_template():
    from datetime import date

    from components import say
    from core.text import Markdown, md

    shown = say.text("**Saved** {name} on {day:%d %b %Y}: {count:,} rows", name="![x](https://evil.invalid/p.png)",
                     day=date(2026, 3, 4), count=12345)
    assert isinstance(shown, Markdown)
    assert shown == r"**Saved** \!\[x\](https\://evil.invalid/p.png) on 04 Mar 2026: 12,345 rows"
    # texts compose without being escaped twice; a plain value is escaped once
    inner = say.text("*{a}*", a="[b](c)")
    assert say.text("{x} and {y}", x=inner, y="[b](c)") == r"*\[b\](c)* and \[b\](c)"
    assert md(inner) is inner
    # a colon is escaped only where it could start a directive, a shortcode or an address
    assert md("Saved: 3 :red[x] 12:30 end:") == r"Saved: 3 \:red\[x\] 12\:30 end\:"
    assert say.join("\n", ["- a", inner]) == "\\- a\n" + inner
    # the keywords a template names are its values, the others the Streamlit call's options
    assert say._split("{name} saved", {"name": "[x](y)", "icon": ":material/check:"}) == \
        (r"\[x\](y) saved", {"icon": ":material/check:"})
