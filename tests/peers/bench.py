#!/usr/bin/env python3
"""Benchmark `journeymap analyze` against the tools a data scientist would
otherwise use, on the same generated log, in one run.

For each log size (default 1M and 10M events of the coffee-maker map) it
generates a CSV log with `journeymap generate`, then runs each contender as
its own process, from the CSV file to its answer, and measures wall time
and peak resident memory (ru_maxrss of the process, from wait4):

- journeymap: `journeymap analyze MAP LOG --format json` (the full report:
  funnel with time quantiles, touchpoints, transitions, variants,
  conformance, six attribution models, segments);
- DuckDB: load the CSV into a table, resolve events with the map's match
  rules as a SQL CASE, then SQL for the directly-follows graph (consecutive
  repeats collapsed, window functions) and the stage funnel;
- pandas: read the CSV, resolve events (numpy select over the rules),
  customers reaching each stage (the funnel);
- pm4py: pandas read + resolve + timestamps, then pm4py format_dataframe,
  discover_dfg and get_variants (repeats collapsed as journeymap does);
- ChannelAttribution: pandas read + resolve + paths per customer (cut at
  the first conversion), then markov_model (ncore = number of cores).

Each peer also reports how long its own library call took ("tool" column),
apart from reading and preparing the data; the ratios use the end-to-end
time, which is what a user waits for. Every peer's answer is checked
against journeymap's report (DFG total, number of variants, funnel reach,
attributable conversions), so the tools are timed doing the same work.

Columnar size: the bytes the log needs as columns: per event a timestamp
(8), customer index (4), touchpoint code (4), value (8), score (8) and
segment (4) = 36 bytes, plus each distinct customer id once (its bytes +
16). journeymap's peak memory is compared with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


# ------------------------------------------------------------------ helpers

def load_map(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def conversion_touchpoints(doc: dict) -> set[str]:
    stage_of = {tp["id"]: tp["stage"] for tp in doc["touchpoints"]}
    conv = {tp["id"] for tp in doc["touchpoints"] if tp.get("kind") == "conversion"}
    for obj in doc.get("objectives", []) or []:
        target = obj.get("conversion") or {}
        if "touchpoint" in target:
            conv.add(target["touchpoint"])
        elif "stage" in target:
            conv |= {t for t, s in stage_of.items() if s == target["stage"]}
    return conv


def rules(doc: dict):
    """(touchpoint id, rule) in tie-rule order: first touchpoint wins."""
    return [(tp["id"], r) for tp in doc["touchpoints"] for r in tp.get("match", []) or []]


def resolve_pandas(df, doc):
    """Touchpoint id per row ('' for unknown events), vectorised: the first
    matching rule in document order wins (numpy select over rule masks,
    choosing touchpoint codes)."""
    import numpy as np
    import pandas as pd

    ids = [tp["id"] for tp in doc["touchpoints"]]
    code_of = {t: i for i, t in enumerate(ids)}
    n = len(df)
    false = np.zeros(n, dtype=bool)

    def col(name):
        return df[name] if name in df.columns else None

    def mask(series):
        return series.fillna(False).to_numpy(dtype=bool)

    conds, choices = [], []
    if "touchpoint" in df.columns:
        given = pd.Categorical(df["touchpoint"], categories=ids).codes
        conds.append(given >= 0)
        choices.append(given)
    for tid, r in rules(doc):
        c = np.ones(n, dtype=bool)
        ev = col("event")
        if "event" in r:
            c &= mask(ev == r["event"]) if ev is not None else false
        if "event_prefix" in r:
            c &= mask(ev.str.startswith(r["event_prefix"])) if ev is not None else false
        if "channel" in r:
            ch = col("channel")
            c &= mask(ch == r["channel"]) if ch is not None else false
        for k, v in r.get("attributes", {}).items():
            a = col(k)
            c &= mask(a == v) if a is not None else false
        for k, p in r.get("attribute_prefixes", {}).items():
            a = col(k)
            c &= mask(a.str.startswith(p)) if a is not None else false
        conds.append(c)
        choices.append(code_of[tid])
    codes = np.select(conds, choices, default=len(ids))
    return np.array(ids + [""], dtype=object)[codes]


def sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def sql_ident(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def resolve_sql(doc, columns, ident=sql_ident, starts_with="starts_with") -> str:
    """The match rules as a SQL CASE expression over the log's columns
    (`ident` quotes a column name, `starts_with` names the prefix test: Spark
    SQL quotes with backticks and calls it `startswith`)."""
    cols = set(columns)
    whens = []
    if "touchpoint" in cols:
        whens.append("WHEN touchpoint IS NOT NULL AND touchpoint <> '' THEN touchpoint")
    for tid, r in rules(doc):
        parts = []
        if "event" in r:
            parts.append(f"event = {sql_str(r['event'])}" if "event" in cols else "FALSE")
        if "event_prefix" in r:
            parts.append(f"{starts_with}(event, {sql_str(r['event_prefix'])})"
                         if "event" in cols else "FALSE")
        if "channel" in r:
            parts.append(f"channel = {sql_str(r['channel'])}" if "channel" in cols else "FALSE")
        for k, v in r.get("attributes", {}).items():
            parts.append(f"{ident(k)} = {sql_str(v)}" if k in cols else "FALSE")
        for k, p in r.get("attribute_prefixes", {}).items():
            parts.append(f"{starts_with}({ident(k)}, {sql_str(p)})" if k in cols else "FALSE")
        whens.append(f"WHEN {' AND '.join(parts) or 'TRUE'} THEN {sql_str(tid)}")
    return "CASE " + " ".join(whens) + " END"


# Over a table ev(c customer, ts time, rn input order, tp touchpoint or NULL)
# and tps(tp, stage): the directly-follows graph, consecutive repeats
# collapsed (DuckDB and Spark SQL alike), and the customers of each stage.
DFG_SQL = """
    WITH known AS (
        SELECT c, ts, rn, tp, lag(tp) OVER (PARTITION BY c ORDER BY ts, rn) AS prev
        FROM ev WHERE tp IS NOT NULL),
    steps AS (
        SELECT c, ts, rn, tp FROM known WHERE prev IS NULL OR prev <> tp),
    pairs AS (
        SELECT tp AS a, lead(tp) OVER (PARTITION BY c ORDER BY ts, rn) AS b FROM steps)
    SELECT a, b, count(*) AS n FROM pairs WHERE b IS NOT NULL GROUP BY a, b"""
FUNNEL_SQL = """
    SELECT t.stage, count(DISTINCT e.c) AS customers
    FROM ev e JOIN tps t ON e.tp = t.tp GROUP BY t.stage"""


def read_csv_pandas(path):
    import pandas as pd

    # The pyarrow engine: multi-threaded, Arrow-backed strings (the fastest
    # way pandas offers).
    return pd.read_csv(path, dtype=str, engine="pyarrow")


def steps_frame(path, doc):
    """Known events ordered by (customer, timestamp, input order), consecutive
    repeats collapsed, with the time spent on each phase."""
    import numpy as np
    import pandas as pd

    t0 = time.perf_counter()
    df = read_csv_pandas(path)
    t1 = time.perf_counter()
    df["tp"] = resolve_pandas(df, doc)
    df["ts"] = pd.to_datetime(df["timestamp"], utc=True, format="ISO8601")
    df["row"] = np.arange(len(df))
    df = df[df["tp"] != ""]
    t2 = time.perf_counter()
    return df, {"read": t1 - t0, "prepare": t2 - t1}


# ------------------------------------------------------------------ workers

def worker_duckdb(path, doc):
    import duckdb

    phases = {}
    t0 = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"CREATE TABLE raw AS SELECT row_number() OVER () AS rn, * "
                f"FROM read_csv({sql_str(path)}, header = true, all_varchar = true)")
    columns = [r[0] for r in con.execute("DESCRIBE raw").fetchall()]
    t1 = time.perf_counter()
    phases["read"] = t1 - t0
    stages = ", ".join(f"({sql_str(tp['id'])}, {sql_str(tp['stage'])}, {i})"
                       for i, tp in enumerate(doc["touchpoints"]))
    con.execute(f"CREATE TABLE tps(tp VARCHAR, stage VARCHAR, pos INTEGER); "
                f"INSERT INTO tps VALUES {stages}")
    con.execute(f"""
        CREATE TABLE ev AS
        SELECT customer_id AS c, CAST("timestamp" AS TIMESTAMPTZ) AS ts, rn,
               {resolve_sql(doc, columns)} AS tp
        FROM raw""")
    t2 = time.perf_counter()
    phases["prepare"] = t2 - t1
    dfg = con.execute(DFG_SQL).fetchall()
    funnel = con.execute(FUNNEL_SQL).fetchall()
    t3 = time.perf_counter()
    phases["tool"] = t3 - t2
    return phases, {
        "dfg_pairs": len(dfg),
        "dfg_total": int(sum(r[2] for r in dfg)),
        "funnel": {s: int(n) for s, n in funnel},
    }


def worker_pandas(path, doc):
    t0 = time.perf_counter()
    df = read_csv_pandas(path)
    t1 = time.perf_counter()
    df["tp"] = resolve_pandas(df, doc)
    stage_of = {tp["id"]: tp["stage"] for tp in doc["touchpoints"]}
    t2 = time.perf_counter()
    known = df[df["tp"] != ""]
    funnel = known.assign(stage=known["tp"].map(stage_of)).groupby("stage")["customer_id"].nunique()
    t3 = time.perf_counter()
    return ({"read": t1 - t0, "prepare": t2 - t1, "tool": t3 - t2},
            {"funnel": {k: int(v) for k, v in funnel.items()}})


def worker_pm4py(path, doc):
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import pm4py
    df, phases = steps_frame(path, doc)
    t0 = time.perf_counter()
    log = df.rename(columns={"customer_id": "case:concept:name", "tp": "concept:name",
                             "ts": "time:timestamp"})[
        ["case:concept:name", "concept:name", "time:timestamp"]]
    log = pm4py.format_dataframe(log)
    case = log["case:concept:name"]
    act = log["concept:name"]
    repeat = (case.eq(case.shift()) & act.eq(act.shift())).fillna(False).to_numpy(dtype=bool)
    log = log[~repeat]
    dfg, _start, _end = pm4py.discover_dfg(log)
    variants = pm4py.get_variants(log)
    phases["tool"] = time.perf_counter() - t0
    return phases, {"dfg_pairs": len(dfg), "dfg_total": int(sum(dfg.values())),
                    "variants": len(variants)}


def worker_channelattribution(path, doc):
    import contextlib
    import io

    import pandas as pd

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import ChannelAttribution as ca
    df, phases = steps_frame(path, doc)
    t0 = time.perf_counter()
    df = df.sort_values(["customer_id", "ts", "row"], kind="stable")
    c, tp = df["customer_id"], df["tp"]
    df = df[~(c.eq(c.shift()) & tp.eq(tp.shift())).fillna(False).to_numpy(dtype=bool)]
    conv = df["tp"].isin(conversion_touchpoints(doc))
    seen = conv.groupby(df["customer_id"]).cumsum()
    converted = conv.groupby(df["customer_id"]).any()
    before = df[(seen == 0).to_numpy()]
    paths = before.groupby("customer_id", sort=False)["tp"].agg(" > ".join)
    frame = pd.DataFrame({"path": paths, "conv": converted.reindex(paths.index)})
    agg = frame.groupby("path").agg(total_conversions=("conv", "sum"),
                                    n=("conv", "size")).reset_index()
    agg["total_null"] = agg["n"] - agg["total_conversions"]
    phases["prepare"] += time.perf_counter() - t0
    t1 = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        result = ca.markov_model(agg, "path", "total_conversions", var_null="total_null",
                                 order=1, ncore=os.cpu_count() or 1, verbose=False,
                                 flg_pro=False)
    phases["tool"] = time.perf_counter() - t1
    return phases, {"attributable_conversions": int(agg["total_conversions"].sum()),
                    "paths": len(agg),
                    "markov_total": float(result["total_conversions"].sum())}


WORKERS = {
    "duckdb": worker_duckdb,
    "pandas": worker_pandas,
    "pm4py": worker_pm4py,
    "channelattribution": worker_channelattribution,
}


# ------------------------------------------------------------- orchestrator

def measure(cmd: list[str]) -> tuple[float, int, str, int]:
    """Runs a command; (wall seconds, peak RSS bytes, stdout, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Read the pipes while waiting, then collect the child's rusage.
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write(err.decode(errors="replace")[-3000:])
    return wall, usage.ru_maxrss * 1024, out.decode(), proc.returncode


def fmt_bytes(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("worker", help="run one peer on a log (internal)")
    w.add_argument("name", choices=sorted(WORKERS))
    w.add_argument("--map", required=True)
    w.add_argument("--events", required=True)
    b = sub.add_parser("run", help="run the whole benchmark")
    b.add_argument("--journeymap", required=True)
    b.add_argument("--map", required=True)
    b.add_argument("--sizes", default="1000000,10000000")
    b.add_argument("--seed", type=int, default=42)
    b.add_argument("--workdir", required=True)
    b.add_argument("--repeat", type=int, default=3,
                   help="runs of journeymap and DuckDB per size; the fastest counts")
    b.add_argument("--slow-peers-max-events", type=int, default=None,
                   help="run pm4py and ChannelAttribution only on logs up to this many events")
    args = ap.parse_args()

    if args.cmd == "worker":
        phases, check = WORKERS[args.name](args.events, load_map(args.map))
        print(json.dumps({"phases": phases, "check": check}))
        return 0

    doc = load_map(args.map)
    os.makedirs(args.workdir, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []  # (size, tool, wall, rss, tool_seconds, note)
    problems = []
    info = {}
    for n in sizes:
        log = os.path.join(args.workdir, f"events-{n}-{args.seed}.csv")
        if not os.path.exists(log):
            print(f"generating {n:,} events -> {log}", file=sys.stderr)
            subprocess.run([args.journeymap, "generate", args.map, "--events", str(n),
                            "--seed", str(args.seed), "-o", log], check=True)
        out = os.path.join(args.workdir, f"report-{n}.json")
        best = None
        for _ in range(args.repeat):
            wall, rss, _, code = measure([args.journeymap, "analyze", args.map, log,
                                          "--format", "json", "-o", out])
            if code != 0:
                raise SystemExit(f"journeymap analyze failed on {log}")
            best = (min(best[0], wall), max(best[1], rss)) if best else (wall, rss)
        with open(out, encoding="utf-8") as f:
            report = json.load(f)
        customers = report["totals"]["customers"]
        with open(log, encoding="utf-8") as f:
            f.readline()
            ids = [line.split(",", 1)[0] for _, line in zip(range(1000), f)]
        id_bytes = sum(len(i) for i in ids) / max(1, len(ids))
        columnar = n * 36 + customers * (id_bytes + 16)
        info[n] = {"customers": customers, "csv_bytes": os.path.getsize(log),
                   "columnar": columnar, "report": report}
        rows.append((n, "journeymap", best[0], best[1], None, "full report"))
        print(f"{n:>10,} journeymap  {best[0]:8.2f} s  {fmt_bytes(best[1])}", file=sys.stderr)

        expected = {
            "dfg_total": report["conformance"]["transitions"],
            "dfg_pairs": sum(1 for t in report["transitions"] if t["count"] > 0),
            "variants": report["variants"]["distinct"],
            "funnel": {s["stage"]: s["customers"] for s in report["funnel"]["stages"]
                       if s["customers"] > 0},
            "attributable_conversions": report["attribution"]["attributable_conversions"],
        }
        for name, label in (("duckdb", "DuckDB DFG + funnel"), ("pandas", "pandas funnel"),
                            ("pm4py", "pm4py DFG + variants"),
                            ("channelattribution", "ChannelAttribution markov_model")):
            slow = name in ("pm4py", "channelattribution")
            if slow and args.slow_peers_max_events is not None and n > args.slow_peers_max_events:
                rows.append((n, label, None, None, None, "not run (--slow-peers-max-events)"))
                continue
            repeat = args.repeat if name == "duckdb" else 1
            best = None
            for _ in range(repeat):
                wall, rss, stdout, code = measure(
                    [sys.executable, os.path.abspath(__file__), "worker", name,
                     "--map", args.map, "--events", log])
                if code != 0:
                    break
                result = json.loads(stdout.strip().splitlines()[-1])
                cand = (wall, rss, result["phases"].get("tool"))
                best = cand if best is None or cand[0] < best[0] else (best[0], max(best[1], rss), best[2])
            if best is None:
                rows.append((n, label, None, None, None, f"failed (exit {code})"))
                problems.append(f"{label} at {n:,}: exit {code}")
                continue
            for key, value in result["check"].items():
                if key in expected and expected[key] != value:
                    problems.append(f"{label} at {n:,}: {key} = {value}, journeymap {expected[key]}")
            rows.append((n, label, best[0], best[1], best[2], ""))
            print(f"{n:>10,} {label:32s} {best[0]:8.2f} s  {fmt_bytes(best[1])}",
                  file=sys.stderr)

    # ---- the table
    jm = {n: (w, r) for n, t, w, r, _, _ in rows if t == "journeymap"}
    print(f"journeymap benchmark, {dt.date.today().isoformat()}, {platform.machine()}, "
          f"{os.cpu_count()} cores, {platform.system()} {platform.release()}; "
          f"map {os.path.basename(args.map)}, seed {args.seed}")
    print()
    print("| events | tool | wall time | of which tool call | peak RSS | time vs journeymap "
          "| memory vs journeymap |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for n, tool, wall, rss, tool_s, note in rows:
        if wall is None:
            print(f"| {n:,} | {tool} | {note} | | | | |")
            continue
        jw, jr = jm[n]
        tcol = f"{tool_s:.2f} s" if tool_s is not None else note
        ratio = "1" if tool == "journeymap" else f"{wall / jw:.1f}x slower" if wall >= jw \
            else f"{jw / wall:.1f}x faster"
        print(f"| {n:,} | {tool} | {wall:.2f} s | {tcol} | {fmt_bytes(rss)} | {ratio} "
              f"| {rss / jr:.1f}x |")
    print()
    for n in sizes:
        i = info[n]
        jw, jr = jm[n]
        print(f"- {n:,} events, {i['customers']:,} customers: CSV {fmt_bytes(i['csv_bytes'])}, "
              f"columnar size {fmt_bytes(i['columnar'])}; journeymap peak RSS "
              f"{fmt_bytes(jr)} = {jr / i['columnar']:.2f}x columnar; "
              f"{n / jw / 1e6:.2f} M events/s")
    if len(sizes) >= 2:
        a, z = sizes[0], sizes[-1]
        factor = z / a
        print()
        print(f"Scaling {a:,} -> {z:,} events (x{factor:g}); 1.00 = linear:")
        for tool in dict.fromkeys(t for _, t, _, _, _, _ in rows):
            w = {n: wall for n, t, wall, _, _, _ in rows if t == tool}
            if w.get(a) and w.get(z):
                print(f"- {tool}: time x{w[z] / w[a]:.1f} ({w[z] / w[a] / factor:.2f} of linear)")
    if problems:
        print()
        print("Peers disagreeing with journeymap or failing:")
        for p in problems:
            print(f"- {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
