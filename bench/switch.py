"""One page switch in headless Chromium, timed from the click on a menu link to two moments:

- first content: the new page's title is drawn and, on a page that shows headline figures
  (st.metric), its first figure too: what a reader looks at first;
- complete page: the app is idle, every visible chart and data grid is drawn, and nothing on the
  page has changed for `quiet_ms` (the wait that outlasts a quick rerun; the quiet time is not
  counted: the figure is the last change).

Both are read in the page's own clock (performance.now()): a MutationObserver notes when each
condition is first met, and the next animation frame (the frame that paints it) is the moment. The
benchmark's process only polls for the end, so its own load does not enter the figures.

The app's session watch (components/session_watch.py) runs every 30 s; a run of it that falls
within a switch's quiet time adds to that switch's complete time: the figures are medians."""

from __future__ import annotations

from dataclasses import dataclass

from tests.browser_support import IDLE

MAIN = '[data-testid="stMain"]'
# Installed before the click. An element of the previous run that the new run has not replaced yet
# is marked data-stale: it is neither the new title nor the new page's figure.
WATCH = """(old) => {
  if (window.__switchWatch) window.__switchWatch.disconnect();
  const r = window.__switch = {old, click: null, title: null, metric: null, last: null,
                               titleSeen: false, metricSeen: false};
  window.addEventListener('click', () => { r.click = performance.now(); }, {capture: true, once: true});
  const fresh = e => e.closest('[data-stale="true"]') === null;
  const frame = key => requestAnimationFrame(() => { r[key] = performance.now(); });
  const observer = new MutationObserver(() => {
    if (r.click === null) return;
    frame('last');
    const heading = [...document.querySelectorAll('%(main)s h1')].find(fresh);
    if (!r.titleSeen && heading && heading.innerText !== old) { r.titleSeen = true; frame('title'); }
    if (r.titleSeen && !r.metricSeen
        && [...document.querySelectorAll('%(main)s [data-testid="stMetric"]')].some(fresh)) {
      r.metricSeen = true; frame('metric');
    }
  });
  observer.observe(document.body, {childList: true, subtree: true, attributes: true, characterData: true});
  window.__switchWatch = observer;
}""" % {"main": MAIN}
# true once the switched-to page is complete: idle, nothing stale left, every visible plotly chart
# has drawn its SVG and every visible data grid its canvas, and no change for `quiet` ms. A grid in
# a closed expander or an unopened tab is not drawn until it is opened: it is not waited for.
DONE = """(quiet) => {
  const r = window.__switch;
  if (!r || r.title === null || r.last === null) return false;
  if (r.metricSeen && r.metric === null) return false;
  const shown = e => e.offsetParent !== null && e.closest('details:not([open])') === null
      && (!e.checkVisibility || e.checkVisibility());
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(shown);
  const grids = [...document.querySelectorAll('[data-testid="stDataFrame"]')].filter(shown);
  return document.querySelector('%(idle)s') !== null
      && document.querySelector('%(main)s [data-stale="true"]') === null
      && charts.every(c => c.querySelector('.main-svg') !== null)
      && grids.every(g => g.querySelector('canvas') !== null)
      && performance.now() - r.last >= quiet;
}""" % {"idle": IDLE, "main": MAIN}
# what the complete page shows: whether it has headline figures (then they are part of its first content)
RESULT = """() => {
  const r = window.__switch;
  window.__switchWatch.disconnect();
  const metric = [...document.querySelectorAll('%(main)s [data-testid="stMetric"]')]
      .some(e => e.closest('[data-stale="true"]') === null);
  return {click: r.click, title: r.title, metric: metric ? r.metric : null, last: r.last};
}""" % {"main": MAIN}


@dataclass(frozen=True)
class Switch:
    first_s: float        # click -> title (and first headline figure, on a page with any) drawn
    complete_s: float     # click -> the last change of the complete page
    with_figure: bool     # the page shows headline figures, and its first content waited for one


def title(page) -> str:
    return page.locator(f"{MAIN} h1").first.inner_text()


def time_switch(page, link, quiet_ms: int = 300, timeout: float = 300_000) -> Switch:
    """Click a menu link to a page with another title; its first content and complete times."""
    page.evaluate(WATCH, title(page))
    link.click()
    page.wait_for_function(DONE, arg=quiet_ms, timeout=timeout, polling=50)
    r = page.evaluate(RESULT)
    first = r["metric"] if r["metric"] is not None else r["title"]
    return Switch(round((first - r["click"]) / 1000, 4), round((max(r["last"], first) - r["click"]) / 1000, 4),
                  r["metric"] is not None)
