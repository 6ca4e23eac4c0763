"""The benchmark's table (Markdown, so the README can carry it as printed) and its targets."""

from __future__ import annotations

TARGETS = {"rerun_median_ms": 100, "rerun_p95_ms": 250, "first_content_ratio": 2.0, "complete_ms": 1000,
           "cold_start_s": 3.0, "first_page_s": 2.0, "pdf_s": 2.0, "docx_s": 1.5, "xlsx_s": 1.5,
           "import_rows_per_s": 100_000, "peak_memory_mb": 1536, "naive_ratio": 20.0}


def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "MISS")


def _num(value, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def page_rows(result: dict) -> list[list[str]]:
    browser = {(r["page"], r["role"]): r for r in result.get("browser", [])}
    reruns = {(r["page"], r["role"]): r for r in result.get("pages", [])}
    keys = list(reruns) + [k for k in browser if k not in reruns]
    rows = []
    for key in keys:
        a, b = reruns.get(key, {}), browser.get(key, {})
        checks = []
        if a:
            checks += [a["median_ms"] < TARGETS["rerun_median_ms"], a["p95_ms"] < TARGETS["rerun_p95_ms"]]
        if b and b.get("ratio") is not None:
            checks += [b["ratio"] <= TARGETS["first_content_ratio"], b["complete_ms"] < TARGETS["complete_ms"]]
        error = a.get("error") or b.get("error")
        rows.append([key[0], key[1], _num(a.get("first_ms")), _num(a.get("median_ms")), _num(a.get("p95_ms")),
                     _num(b.get("first_ms")), _num(b.get("ratio"), 2), _num(b.get("complete_ms")),
                     "ERROR " + error if error else _mark(all(checks) if checks else None)])
    return rows


def other_rows(result: dict) -> list[list[str]]:
    rows = []
    cold = result.get("cold_start")
    if cold:
        load = f" (load {cold['load_1m']:g})" if "load_1m" in cold else ""
        rows.append(["cold start: server start to idle sign-in page", f"{cold['sign_in_page_s']:.2f} s{load}",
                     f"< {TARGETS['cold_start_s']:g} s", _mark(cold["sign_in_page_s"] < TARGETS["cold_start_s"])])
        rows.append(["cold start: sign in to the first page (" + cold["first_page"] + ")",
                     f"{cold['first_page_after_sign_in_s']:.2f} s{load}", f"< {TARGETS['first_page_s']:g} s",
                     _mark(cold["first_page_after_sign_in_s"] < TARGETS["first_page_s"])])
    for doc in result.get("documents", []):
        limit = TARGETS.get(f"{doc['format']}_s")
        if doc.get("seconds") is None:
            rows.append([doc["what"], "–", "", doc.get("note", "")])
            continue
        runs = "/".join(f"{s:.2f}" for s in doc["runs_s"])
        figure = (f"{doc['seconds']:.2f} s, median of {runs} (assemble {doc['assemble_s']:.2f}, render "
                  f"{doc['render_s']:.2f}); load {_load(doc['load_1m'])}")
        rows.append([doc["what"], figure, f"< {limit:g} s", _mark(doc["seconds"] < limit)])
    for imp in result.get("imports", []):
        if imp.get("rows_per_s") is None:
            rows.append([imp["what"], "–", "≥ 100,000 rows/s", imp.get("note", "")])
        else:
            rows.append([imp["what"], f"{imp['rows_per_s']:,} rows/s ({imp['seconds']} s)", "≥ 100,000 rows/s",
                         _mark(imp["rows_per_s"] >= TARGETS["import_rows_per_s"])])
    for reload in result.get("empty_page", {}).get("reloads", []):
        rows.append([f"browser: reload of the home page by URL, signed in by cookie ({reload['role']})",
                     f"{reload['reload_ms']:,.0f} ms, {reload['ratio']:g}x the empty app's "
                     f"{reload['empty_reload_ms']:,.0f} ms", "", ""])
    memory = result.get("memory")
    if memory:
        rows.append([f"server peak memory (VmHWM), {memory['sessions']} sessions open",
                     f"{memory['peak_rss_mb']:,} MB (now {memory['rss_mb']:,} MB)", "< 1.5 GB",
                     _mark(memory["peak_rss_mb"] < TARGETS["peak_memory_mb"])])
    for naive in result.get("naive", []):
        rows.append([f"{naive['what']}: naive pandas / core.metrics",
                     f"{naive['ratio']:g}x ({naive['naive_s']:.3f} s / {naive['metrics_s']:.3f} s)",
                     f"≥ {TARGETS['naive_ratio']:g}x", _mark(naive["ratio"] >= TARGETS["naive_ratio"])])
    return rows


def _load(loads: list[float]) -> str:
    """The 1-minute load averages read after each run: one figure, or the lowest to the highest."""
    low, high = min(loads), max(loads)
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def render_table(result: dict) -> str:
    m = result["machine"]
    cores = result.get("cores")
    parts = [f"Scale {result['scale']} ({result['database_mb']:,} MB database), {result['started']}; "
             f"{m['cores']} cores {m['cpu']}, {m['memory_gb']} GB; load average "
             f"{' '.join(map(str, result['load_average_start']))} at the start, "
             f"{' '.join(map(str, result['load_average_end']))} at the end"
             + (f"; in the browser sections {cores['described']}." if cores else ".")]
    pages = page_rows(result)
    if pages:
        empty = result.get("empty_page", {})
        parts.append(
            f"Targets: rerun median < {TARGETS['rerun_median_ms']} ms and p95 < {TARGETS['rerun_p95_ms']} ms; "
            f"first content (title, and the first headline figure where the page has any) within "
            f"{TARGETS['first_content_ratio']:g}x the empty app's page switch ({_num(empty.get('first_ms'))} ms, "
            f"complete {_num(empty.get('complete_ms'))} ms); complete page < {TARGETS['complete_ms']:,} ms. "
            "Browser figures are medians of the menu switches to the page.")
        parts.append(_markdown(["page", "role", "first run ms", "rerun median ms", "rerun p95 ms",
                                "first content ms", "× empty", "complete ms", "targets"], pages))
    others = other_rows(result)
    if others:
        parts.append(_markdown(["measure", "figure", "target", ""], others))
    return "\n\n".join(parts)
