"""The benchmark's table (Markdown, so the README can carry it as printed) and its targets."""

from __future__ import annotations

TARGETS = {"rerun_median_ms": 150, "rerun_p95_ms": 400, "browser_ratio": 2.0, "cold_start_s": 5.0,
           "pdf_s": 3.0, "docx_s": 2.0, "xlsx_s": 2.0, "import_rows_per_s": 100_000, "peak_memory_mb": 1536,
           "naive_ratio_overview": 10.0}


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
            checks.append(b["ratio"] <= TARGETS["browser_ratio"])
        error = a.get("error") or b.get("error")
        rows.append([key[0], key[1], _num(a.get("first_ms")), _num(a.get("median_ms")), _num(a.get("p95_ms")),
                     _num(b.get("browser_ms")), _num(b.get("ratio"), 2),
                     "ERROR " + error if error else _mark(all(checks) if checks else None)])
    return rows


def other_rows(result: dict) -> list[list[str]]:
    rows = []
    cold = result.get("cold_start")
    if cold:
        rows.append(["cold start: server start to idle sign-in page", f"{cold['sign_in_page_s']:.2f} s",
                     "< 5 s", _mark(cold["sign_in_page_s"] < TARGETS["cold_start_s"])])
        rows.append(["cold start: sign in to the first page (" + cold["first_page"] + ")",
                     f"{cold['first_page_after_sign_in_s']:.2f} s", "< 5 s",
                     _mark(cold["first_page_after_sign_in_s"] < TARGETS["cold_start_s"])])
    for doc in result.get("documents", []):
        limit = TARGETS.get(f"{doc['format']}_s")
        if doc.get("seconds") is None:
            rows.append([doc["what"], "–", "", doc.get("note", "")])
            continue
        figure = f"{doc['seconds']:.2f} s (assemble {doc['assemble_s']:.2f}, render {doc['render_s']:.2f})"
        is_report = doc["what"].startswith("monthly")
        rows.append([doc["what"], figure, f"< {limit:g} s" if is_report else "",
                     _mark(doc["seconds"] < limit) if is_report else ""])
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
        overview = naive["what"].startswith("overview")
        rows.append([f"{naive['what']}: naive pandas / core.metrics",
                     f"{naive['ratio']:g}x ({naive['naive_s']:.3f} s / {naive['metrics_s']:.3f} s)",
                     "≥ 10x" if overview else "",
                     _mark(naive["ratio"] >= TARGETS["naive_ratio_overview"]) if overview else ""])
    return rows


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def render_table(result: dict) -> str:
    m = result["machine"]
    parts = [f"Scale {result['scale']} ({result['database_mb']:,} MB database), {result['started']}; "
             f"{m['cores']} cores {m['cpu']}, {m['memory_gb']} GB; load average "
             f"{' '.join(map(str, result['load_average_start']))} at the start, "
             f"{' '.join(map(str, result['load_average_end']))} at the end."]
    pages = page_rows(result)
    if pages:
        empty = result.get("empty_page", {}).get("empty_ms")
        parts.append(_markdown(["page", "role", "first run ms", "rerun median ms", "rerun p95 ms",
                                f"menu switch ms (empty page {_num(empty)})", "× empty", "targets"], pages))
    others = other_rows(result)
    if others:
        parts.append(_markdown(["measure", "figure", "target", ""], others))
    return "\n\n".join(parts)
