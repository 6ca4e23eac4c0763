"""What users read, on every page for every role of the demo town, in headless Chromium: words, not
the database's codes, and numbers as people write them.

Each role signs in once and opens every page of the registry it may open, through the menu, and
each tab of it; every closed expander is opened. Each view is read at 1400x900 and again at 390x844
(a phone); the first time a page is shown its charts are hovered point by point. What is read: the
page's visible text (material icons hidden), what select and text boxes show, the cells and headers
of every grid (their accessible table, select box columns by their option labels), the text drawn in
charts, their tick labels and their hover labels. It must hold:

- no snake_case identifier (a stored code such as `drug_activity`, a column name such as `org_type`);
- no stored code shown as it is stored: a grid cell that is exactly a stored code (the schema's CHECK
  lists, crime types, outcome measures, table names), or a line of text, a part of it in brackets or
  between " · ", that is exactly a code of a coded column; no grid header in lower case (`dba`);
- no "None", "nan", "NaN", "NaT", "null" or "<NA>" where a value is missing, in the text or in a grid
  (a grid with empty cells must draw them with a placeholder: Streamlit's own is the word "None");
- no username where a person's name belongs (usernames are for the Users page, the audit log and
  one's own account);
- no fraction among the tick labels of an axis of counts (unless its titles speak of hours, rates,
  averages or shares);
- no KPI title cut off with an ellipsis (a metric label whose text is wider than its box).

New pages, tabs and codes are covered as soon as they are registered or migrated.
"""

from __future__ import annotations

import re

import pytest

from components.navigation import PAGES, specs_for
from demo.accounts import DEMO_ACCOUNTS
from queries.db import connect
from tests.browser_support import (COUNT_RUNS, DRAWN, chromium, open_from_menu, open_tab, requires_chromium,
                                   sign_in, streamlit_server)
from tests.figures_report import report

pytestmark = [pytest.mark.browser, requires_chromium]

ROLES = ("admin", "command", "prevention", "officer")
ROLE_ACCOUNT = {}
for account in DEMO_ACCOUNTS:
    ROLE_ACCOUNT.setdefault(account.role, account)

# the pages where an administrator needs usernames (accounts, the audit trail)
ADMIN_PAGES = {"admin-users", "admin-audit", "account"}      # and one's own, to sign in with
USERNAMES = {account.username for account in DEMO_ACCOUNTS}
WIDE = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}

SNAKE = re.compile(r"(?<![\w.@/:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/-])")
FRACTION = re.compile(r"-?[\d,]*\.\d+")
# an axis of these may have fractions: hours, rates, averages, shares
NOT_COUNTS = re.compile(r"hour|per |rate|average|rating|share|%|\$", re.IGNORECASE)
PARENTHESISED = re.compile(r"\(([^()]+)\)")
MISSING_NAMES = {"None", "nan", "NaN", "NaT", "null", "<NA>"}
MISSING_WORDS = re.compile(r"(?<![\w-])(None|nan|NaN|NaT|null|<NA>)(?![\w-])")

# Everything the page shows, read as a user reads it. Material icons are text ligatures in the
# DOM ("logout", "check_circle"): they are drawn as pictures, so they are hidden while the text is read.
READ = """() => {
  const shown = e => !!(e.offsetParent || e.getClientRects().length);
  const icons = [...document.querySelectorAll('[data-testid="stIconMaterial"], span[role="img"][translate="no"]')];
  const display = icons.map(icon => icon.style.display);
  icons.forEach(icon => { icon.style.display = 'none'; });      // read without the icons' names
  const lines = document.body.innerText.split('\\n').map(l => l.trim()).filter(Boolean);
  icons.forEach((icon, i) => { icon.style.display = display[i]; });
  // what a text box or a select box shows is its value or, while empty, its placeholder: neither is
  // part of innerText
  for (const input of document.querySelectorAll('input, textarea')) {
    if (!shown(input) || ['hidden', 'checkbox', 'radio', 'file', 'password'].includes(input.type)) continue;
    const seen = (input.value || input.getAttribute('placeholder') || '').trim();
    if (seen) lines.push(seen);
  }
  const grids = [...document.querySelectorAll('table[role="grid"]')].filter(t => shown(t.closest('[data-testid]') || t));
  const headers = [], cells = [], placeholders = [];
  for (const grid of grids) {
    // the grid's own element (its message from the server) says what a missing value is drawn as:
    // null is Streamlit's default, the word "None" on the canvas (the accessible table leaves it empty)
    const frame = grid.closest('[data-testid="stDataFrame"]');
    const fiber = frame && frame[Object.keys(frame).find(k => k.startsWith('__reactFiber'))];
    let element = null;
    for (let f = fiber, i = 0; f && i < 40 && !element; f = f.return, i++) {
      const props = f.memoizedProps || {};
      if (props.element && 'placeholder' in props.element) element = props.element;
    }
    const names = [...grid.querySelectorAll('th')].map(th => th.textContent.trim());
    headers.push(...names);
    // a select box column draws each value by its option's label; the accessible table has the value
    const shownAs = {};
    for (const column of Object.values(JSON.parse((element && element.columns) || '{}'))) {
      const options = (column.type_config || {}).options || [];
      if (column.label && options.some(o => o && typeof o === 'object'))
        shownAs[column.label] = Object.fromEntries(options.map(o => [String(o.value), o.label]));
    }
    for (const td of grid.querySelectorAll('td')) {
      const column = names[Number(td.getAttribute('aria-colindex')) - 1] || '';
      const text = td.textContent.trim();
      cells.push([column, (shownAs[column] || {})[text] ?? text]);
    }
    const empty = [...grid.querySelectorAll('td')].filter(td => td.textContent.trim() === '').length;
    if (empty) placeholders.push([names.join(', ').slice(0, 80), element ? element.placeholder : 'unknown']);
  }
  const charts = [...document.querySelectorAll('.js-plotly-plot')].filter(shown)
      .flatMap(c => [...c.querySelectorAll('.main-svg text')].map(t => t.textContent.trim())).filter(Boolean);
  // each chart's tick labels with the titles that say what its axes count
  const axes = [...document.querySelectorAll('.js-plotly-plot')].filter(shown).map(c => ({
      ticks: [...c.querySelectorAll('.xtick text, .ytick text, .cbaxis text, .y2tick text')]
          .map(t => t.textContent.trim()),
      titles: [...c.querySelectorAll('.gtitle, .g-xtitle, .g-ytitle, .g-y2title, .cbtitle, .legendtext')]
          .map(t => t.textContent.trim()).join(' | ')}));
  const truncated = [...document.querySelectorAll('[data-testid="stMetricLabel"]')].filter(shown)
      .filter(label => [label, ...label.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1))
      .map(label => label.innerText.trim());
  return {lines, headers, cells, charts, truncated, placeholders, axes};
}"""


def stored_codes(path) -> tuple[set[str], set[str]]:
    """(every stored code, the codes of coded columns), read from the database itself: the CHECK
    lists of the schema, then also crime types, outcome measures and table names (the audit log
    names tables)."""
    connection = connect(path, read_only=True)
    try:
        checks = connection.sql("select constraint_text from duckdb_constraints() where constraint_type = 'CHECK' "
                                "and constraint_text ilike '% in (%'").fetchall()
        values = {code for (text,) in checks for code in re.findall(r"'([a-z_]+)'", text)}
        values |= {r[0] for r in connection.sql("select code from crime_types union all "
                                                "select code from outcome_measures").fetchall()}
        codes = set(values)
        codes |= {r[0] for r in connection.sql("select table_name from information_schema.tables "
                                               "where table_schema = 'main'").fetchall()}
    finally:
        connection.close()
    return codes, values


def _resize(page, size: dict) -> None:
    """A new size draws the same content again (no script runs): wait until it is drawn and still."""
    page.set_viewport_size(size)
    page.evaluate("window.__drawnSize = undefined")
    page.wait_for_function(DRAWN, timeout=60_000, polling=150)


OPEN_EXPANDERS = """() => {
  const closed = [...document.querySelectorAll('details:not([open]) > summary')].filter(s => s.offsetParent);
  closed.forEach(s => s.click());
  return closed.length;
}"""

# every hover label drawn, collected as it appears (one read after the mouse has crossed the charts)
HOVER_LOG = """
window.__hovers = new Set(); window.__hovering = false;
new MutationObserver(() => {
  if (!window.__hovering) return;
  for (const t of document.querySelectorAll('.hoverlayer text')) {
    const text = t.textContent.trim();
    if (text) window.__hovers.add(text);
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""


def _hover_charts(page) -> tuple[list[str], int]:
    """Move the mouse across every visible chart; the hover labels drawn on the way."""
    charts = page.evaluate("""() => { window.__hovers.clear(); window.__hovering = true;
        return [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.offsetParent).length; }""")
    moves = 0
    for index in range(charts):
        box = page.evaluate("""index => {
            const plot = [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.offsetParent)[index];
            if (!plot) return null;
            plot.scrollIntoView({block: 'center'});
            const r = plot.getBoundingClientRect();
            return {x: r.x, y: r.y, width: r.width, height: r.height}; }""", index)
        for step in range(1, 6) if box else ():
            page.mouse.move(box["x"] + box["width"] * step / 6, box["y"] + box["height"] * 0.6)
            page.wait_for_timeout(30)
            moves += 1
    page.mouse.move(0, 0)
    return page.evaluate("window.__hovering = false; [...window.__hovers]"), moves


def findings(read: dict, hover: list[str], codes: tuple[set[str], set[str]],
             usernames: set[str] = frozenset()) -> list[str]:
    """What a view shows that a user should not read. codes: (every stored code, the codes of coded
    columns only); usernames: those the page may show, which may be spelt like a code ("admin")."""
    codes, values = codes
    found = []
    texts = [("text", line) for line in read["lines"]] + [("chart", t) for t in read["charts"]] \
        + [("hover", t) for t in hover] + [("header", h) for h in read["headers"]] \
        + [(f"cell in {column!r}", cell) for column, cell in read["cells"] if column != "Username"]
    for where, text in texts:
        for token in SNAKE.findall(text):
            found.append(f"identifier {token!r} ({where}: {text[:80]!r})")
        for token in MISSING_WORDS.findall(text):
            found.append(f"{token!r} for a missing value ({where}: {text[:80]!r})")
    for line in read["lines"]:
        parts = {*PARENTHESISED.findall(line), *(p.strip() for p in line.split(" · "))} - {line}
        # a line, or a part of one, that is a code of a coded column (a table's name, such as "concerns"
        # or "Crime type (incidents)", is a word in a sentence; in the audit log's cells it is a code)
        for part in ({line} | parts) & values:
            if not (usernames and part in usernames):
                found.append(f"stored code {part!r} in the text ({line[:80]!r})")
    if not usernames:                       # elsewhere people are shown by their names
        for where, text in texts:
            for token in set(re.findall(r"[\w.-]+", text)) & USERNAMES:
                found.append(f"username {token!r} where a name belongs ({where}: {text[:80]!r})")
    for column, cell in read["cells"]:
        if cell in codes and column != "Username":
            found.append(f"stored code {cell!r} in column {column!r}")
    for header in read["headers"]:
        if header[:1].islower():
            found.append(f"column header {header!r}")
    for columns, placeholder in read["placeholders"]:
        if placeholder is None or placeholder in MISSING_NAMES:
            found.append(f"missing values drawn as {placeholder or 'None'!r} in the grid of {columns}")
    for chart in read["axes"]:
        fractions = [t for t in chart["ticks"] if FRACTION.fullmatch(t)]
        if fractions and not NOT_COUNTS.search(chart["titles"]):
            found.append(f"ticks {fractions[:3]} on an axis of counts ({chart['titles'][:80]!r})")
    for label in read["truncated"]:
        found.append(f"KPI title cut off: {label!r}")
    return found


def test_users_read_words_not_codes(demo_path, request):
    codes = stored_codes(demo_path)
    problems: dict[str, set[str]] = {}
    visited, views, hovers, expanders, sizes = 0, 0, 0, 0, 0
    roles_seen = set()
    hovered: set[str] = set()
    with streamlit_server(demo_path) as url, chromium() as browser:
        for role in ROLES:
            account = ROLE_ACCOUNT[role]
            context = browser.new_context(viewport=WIDE)
            context.add_init_script(COUNT_RUNS)
            context.add_init_script(HOVER_LOG)
            page = context.new_page()
            page.set_default_timeout(120_000)
            sign_in(page, url, account.username, account.password, timeout=120_000)
            for spec in specs_for(role):
                if page.viewport_size != WIDE:         # the menu is in the sidebar, shown on a wide screen
                    _resize(page, WIDE)
                open_from_menu(page, url, spec.key, specs_for(role)[0].key == spec.key)
                tabs = page.get_by_role("tab").all()
                for tab in tabs or [None]:
                    name = spec.key if tab is None else f"{spec.key} > {tab.inner_text().strip()}"
                    if tab is not None:
                        open_tab(page, tab)
                    expanders += page.evaluate(OPEN_EXPANDERS)
                    # read at the size the page has, then at the other: one resize per view
                    for size in (WIDE, PHONE) if page.viewport_size == WIDE else (PHONE, WIDE):
                        if page.viewport_size != size:
                            _resize(page, size)
                        # hover labels are drawn by the same code for every role: read them once per page
                        hover, moves = _hover_charts(page) if size == WIDE and spec.key not in hovered else ([], 0)
                        hovers += moves
                        read = page.evaluate(READ)
                        for problem in findings(read, hover, codes, USERNAMES if spec.key in ADMIN_PAGES else set()):
                            problems.setdefault(problem, set()).add(
                                f"{name} as {role} at {size['width']}x{size['height']}")
                        sizes += 1
                    views += 1
                hovered.add(spec.key)
                visited += 1
                roles_seen.add(role)
            context.close()
    assert roles_seen == set(ROLES)
    pages = sum(len(spec.roles & set(ROLES)) for spec in PAGES)
    assert visited == pages
    assert not problems, f"{len(problems)} things users should not read:\n" + "\n".join(
        f"- {problem}: on {', '.join(sorted(where)[:4])}{' ...' if len(where) > 4 else ''}"
        for problem, where in sorted(problems.items()))
    report(request, f"{pages} role x page views ({len(PAGES)} pages, {len(ROLES)} roles), {views} with their tabs, "
                    f"each read at 1400x900 and 390x844 ({sizes} readings, {expanders} expanders opened, {hovers} "
                    f"chart hover positions): no snake_case identifier, none of {len(codes[0])} stored codes as "
                    "stored, no lower-case column header, no None/nan/NaT/null (grids draw a missing value as "
                    "'–'), no username where a name belongs, no fraction on an axis of counts, no KPI title "
                    "cut off")
