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
        empty = f" (the empty app: {cold['empty_app_s']:.2f} s)" if "empty_app_s" in cold else ""
        rows.append(["cold start: server start to idle sign-in page", f"{cold['sign_in_page_s']:.2f} s{empty}{load}",
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
        children = memory.get("children_peak_rss_mb", 0)
        drawing = (f"; its {memory['children']} drawing processes {children:,} MB" if memory.get("children")
                   else "")
        rows.append([f"server peak memory (VmHWM), {memory['sessions']} sessions open",
                     f"{memory['peak_rss_mb']:,} MB (now {memory['rss_mb']:,} MB){drawing}", "< 1.5 GB",
                     _mark(memory["peak_rss_mb"] + children < TARGETS["peak_memory_mb"])])
    for naive in result.get("naive", []):
        rows.append([f"{naive['what']}: naive pandas / core.metrics",
                     f"{naive['ratio']:g}x ({naive['naive_s']:.3f} s / {naive['metrics_s']:.3f} s)",
                     f"≥ {TARGETS['naive_ratio']:g}x", _mark(naive["ratio"] >= TARGETS["naive_ratio"])])
    return rows


def server_run(result: dict) -> dict:
    """The run that measured server mode: this one, or one of its own joined to this file under
    "server_mode" (a run of `--only pages --only server`, its DuckDB pages measured beside)."""
    return result.get("server_mode") or result


def server_page_rows(result: dict) -> list[list[str]]:
    """Per page and role: the rerun on PostgreSQL beside the same rerun on DuckDB in the same run."""
    run = server_run(result)
    duckdb = {(r["page"], r["role"]): r for r in run.get("pages", [])}
    rows = []
    for row in run.get("server_pages", []):
        other = duckdb.get((row["page"], row["role"]), {})
        ok = row["median_ms"] < TARGETS["rerun_median_ms"] and row["p95_ms"] < TARGETS["rerun_p95_ms"]
        rows.append([row["page"], row["role"], _num(other.get("median_ms")), _num(other.get("p95_ms")),
                     _num(row["first_ms"]), _num(row["median_ms"]), _num(row["p95_ms"]),
                     "ERROR " + row["error"] if row.get("error") else _mark(ok)])
    return rows


def user_rows(result: dict) -> list[list[str]]:
    """Per server configuration: the most simulated users served within the rerun targets, and each
    step's per-interaction median / p95 with the load."""
    rows = []
    for config in server_run(result).get("users", []):
        steps = "; ".join(
            f"{s['users']}: {_num(s['median_ms'])}/{_num(s['p95_ms'])} ms"
            + (f" {s['errors']} errors" if s["errors"] else "") + f" (load {s['load_1m']:g})"
            for s in config["steps"])
        served = f"{config['served_users']}" + (" or more (the most tried)" if config["capped"] else "")
        rows.append([config["engine"], str(config["processes"]), served, steps])
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
    server, run = server_page_rows(result), server_run(result)
    if run is not result:
        parts.append(f"Server mode, measured in a run of its own ({run['started']}; load average "
                     f"{' '.join(map(str, run['load_average_start']))} at its start, "
                     f"{' '.join(map(str, run['load_average_end']))} at its end):")
    if server:
        copy = run.get("postgresql_copy", {})
        parts.append(f"Server mode: the same database copied into PostgreSQL ({_num(copy.get('rows'))} rows, "
                     f"{_num(copy.get('database_mb'))} MB, in {_num(copy.get('seconds'), 1)} s); each page's "
                     "reruns with AppTest as above, the app process reading PostgreSQL on this machine, "
                     "beside the same reruns on DuckDB in the same run.")
        parts.append(_markdown(["page", "role", "DuckDB median ms", "DuckDB p95 ms", "PostgreSQL first run ms",
                                "PostgreSQL median ms", "PostgreSQL p95 ms", "targets"], server))
    users = user_rows(result)
    if users:
        first = run["users"][0]
        parts.append(
            f"Simulated users over Streamlit's websocket (bench/simulated_users.py): each signs in, then "
            f"every {first['think_s']:g} s on average visits a page of its menu, reruns the page or saves "
            f"(contact, business verified, event); steps of 1, 2, 4, ... users, each measured for "
            f"{first['step_s']:g} s after the sign-ins. Served: the most users whose visits, reruns and saves "
            f"had a median < {TARGETS['rerun_median_ms']} ms and a p95 < {TARGETS['rerun_p95_ms']} ms, "
            f"without errors. Cores: {run.get('users_cores', 'not pinned')}.")
        parts.append(_markdown(["engine", "app processes", "users served", "users: median/p95 per interaction"],
                               users))
    return "\n\n".join(parts)
