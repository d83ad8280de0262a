#!/usr/bin/env python3
"""Benchmark (not a test) of journeymap on Spark and Dask: one generated
Parquet log (10M events of the coffee-maker map by default), each
contender a process of its own, from the Parquet file to its answer:

- journeymap, one process: `pyarrow.parquet.read_table` and
  `journeymap.analyze` (the full report);
- journeymap.dask on a `LocalCluster` of 2 worker processes (1 thread each):
  `dd.read_parquet` and `journeymap.dask.analyze`;
- journeymap.spark on Spark `local[2]`: `spark.read.parquet` and
  `journeymap.spark.analyze`;
- Spark SQL, `local[2]`: the DFG (consecutive repeats collapsed, window
  functions over customer and time) and the stage funnel, with the map's
  match rules as a CASE expression: what a data engineer would write
  instead;
- Dask DataFrame on the same LocalCluster: the same DFG and funnel with
  pandas code per partition after a shuffle by customer.

Peak memory is the peak of the summed resident memory of the contender's
whole process tree (the driver, the JVM, Python workers, Dask's scheduler,
nannies and workers), sampled every 50 ms with psutil. The journeymap
reports of Spark and Dask are checked to equal the one-process report byte
for byte, and the peers' DFG and funnel to agree with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bench import DFG_SQL, FUNNEL_SQL, load_map, resolve_pandas, resolve_sql  # noqa: E402

OPTIONS = {"conversion_window": "30d", "segment_by": "segment"}


def spark_ident(s: str) -> str:
    return "`" + s.replace("`", "``") + "`"


def spark_session():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("journeymap-bench-scale")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "4g")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def dask_client():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, memory_limit="8GiB")
    return cluster, Client(cluster)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# ------------------------------------------------------------------ workers

def worker_journeymap(path, doc):
    import pyarrow.parquet as pq

    import journeymap

    t0 = time.perf_counter()
    the_map = journeymap.JourneyMap.from_dict(doc)
    table = pq.read_table(path)
    t1 = time.perf_counter()
    report = journeymap.analyze(the_map, table, **OPTIONS)
    text = report.to_json()
    t2 = time.perf_counter()
    return {"read": t1 - t0, "tool": t2 - t1}, {"report": digest(text)}


def worker_journeymap_dask(path, doc):
    import dask.dataframe as dd

    import journeymap
    import journeymap.dask

    cluster, client = dask_client()
    try:
        t0 = time.perf_counter()
        report = journeymap.dask.analyze(journeymap.JourneyMap.from_dict(doc),
                                         dd.read_parquet(path, split_row_groups=True), **OPTIONS)
        text = report.to_json()
        t1 = time.perf_counter()
    finally:
        client.close()
        cluster.close()
    return {"tool": t1 - t0}, {"report": digest(text)}


def worker_journeymap_spark(path, doc):
    import journeymap
    import journeymap.spark

    spark = spark_session()
    try:
        t0 = time.perf_counter()
        df = spark.read.parquet(path)
        report = journeymap.spark.analyze(journeymap.JourneyMap.from_dict(doc), df, **OPTIONS)
        text = report.to_json()
        t1 = time.perf_counter()
    finally:
        spark.stop()
    return {"tool": t1 - t0}, {"report": digest(text)}


def worker_spark_sql(path, doc):
    spark = spark_session()
    try:
        t0 = time.perf_counter()
        raw = spark.read.parquet(path)
        raw.createOrReplaceTempView("raw")
        spark.createDataFrame([(tp["id"], tp["stage"]) for tp in doc["touchpoints"]],
                              "tp string, stage string").createOrReplaceTempView("tps")
        case = resolve_sql(doc, raw.columns, ident=spark_ident, starts_with="startswith")
        spark.sql(f"""
            SELECT customer_id AS c, `timestamp` AS ts, monotonically_increasing_id() AS rn,
                   {case} AS tp
            FROM raw""").createOrReplaceTempView("ev")
        dfg = spark.sql(DFG_SQL).collect()
        funnel = spark.sql(FUNNEL_SQL).collect()
        t1 = time.perf_counter()
    finally:
        spark.stop()
    return {"tool": t1 - t0}, {
        "dfg_pairs": len(dfg),
        "dfg_total": int(sum(r["n"] for r in dfg)),
        "funnel": {r["stage"]: int(r["customers"]) for r in funnel},
    }


def _dfg_partition(part, doc):
    """The directly-follows pairs of one partition (every customer's events
    in it): known events in time order (input order breaks ties), repeats
    collapsed, then each step and the customer's next step."""
    import pandas as pd

    part = part.assign(tp=resolve_pandas(part, doc))
    part = part[part["tp"] != ""].sort_values(["customer_id", "timestamp", "rn"], kind="stable")
    same = part["customer_id"].eq(part["customer_id"].shift())
    part = part[~(same & part["tp"].eq(part["tp"].shift()))]
    nxt = part["tp"].shift(-1)
    keep = part["customer_id"].eq(part["customer_id"].shift(-1))
    pairs = pd.DataFrame({"a": part["tp"][keep], "b": nxt[keep]})
    return pairs.groupby(["a", "b"]).size().rename("n").reset_index()


def worker_dask_dataframe(path, doc):
    import dask.dataframe as dd
    import numpy as np
    import pandas as pd

    cluster, client = dask_client()
    try:
        t0 = time.perf_counter()
        ddf = dd.read_parquet(path, split_row_groups=True)
        # A global row number, so that input order breaks ties in time.
        lengths = ddf.map_partitions(len).compute().tolist()
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).tolist()
        ddf = ddf.map_partitions(
            lambda p, partition_info=None: p.assign(
                rn=np.arange(len(p)) + offsets[partition_info["number"]]),
            meta={**ddf.dtypes.to_dict(), "rn": "int64"})
        stage_of = {tp["id"]: tp["stage"] for tp in doc["touchpoints"]}
        tps = ddf.map_partitions(lambda p: p.assign(tp=resolve_pandas(p, doc))[["customer_id", "tp"]],
                                 meta={"customer_id": "string", "tp": "object"})
        known = tps[tps["tp"] != ""]
        funnel = (known.assign(stage=known["tp"].map(stage_of, meta=("tp", "object")))
                  .groupby("stage")["customer_id"].nunique())
        pairs = ddf.shuffle(on="customer_id").map_partitions(
            _dfg_partition, doc, meta={"a": "object", "b": "object", "n": "int64"})
        dfg = pairs.groupby(["a", "b"])["n"].sum()
        funnel, dfg = dd.compute(funnel, dfg)
        t1 = time.perf_counter()
    finally:
        client.close()
        cluster.close()
    assert isinstance(dfg, pd.Series)
    return {"tool": t1 - t0}, {
        "dfg_pairs": int((dfg > 0).sum()),
        "dfg_total": int(dfg.sum()),
        "funnel": {k: int(v) for k, v in funnel.items()},
    }


WORKERS = {
    "journeymap": worker_journeymap,
    "journeymap-dask": worker_journeymap_dask,
    "journeymap-spark": worker_journeymap_spark,
    "spark-sql": worker_spark_sql,
    "dask-dataframe": worker_dask_dataframe,
}
LABELS = {
    "journeymap": "journeymap, one process",
    "journeymap-dask": "journeymap.dask, LocalCluster(2)",
    "journeymap-spark": "journeymap.spark, local[2]",
    "spark-sql": "Spark SQL DFG + funnel, local[2]",
    "dask-dataframe": "Dask DataFrame DFG + funnel, LocalCluster(2)",
}


# ------------------------------------------------------------- orchestrator

def measure(cmd: list[str]) -> tuple[float, int, str, int]:
    """Runs a command; (wall seconds, peak summed RSS of its process tree in
    bytes, stdout, exit code)."""
    import psutil

    start = time.perf_counter()
    out_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"bench-scale-{os.getpid()}.out")
    with open(out_path, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        root = psutil.Process(proc.pid)
        peak = 0
        while proc.poll() is None:
            total = 0
            try:
                procs = [root] + root.children(recursive=True)
            except psutil.NoSuchProcess:
                procs = []
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            peak = max(peak, total)
            time.sleep(0.05)
        err = proc.stderr.read()
    wall = time.perf_counter() - start
    with open(out_path, encoding="utf-8") as f:
        stdout = f.read()
    os.unlink(out_path)
    if proc.returncode != 0:
        sys.stderr.write(err.decode(errors="replace")[-3000:])
    return wall, peak, stdout, proc.returncode


def fmt_bytes(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("worker", help="run one contender on a log (internal)")
    w.add_argument("name", choices=sorted(WORKERS))
    w.add_argument("--map", required=True)
    w.add_argument("--events", required=True)
    b = sub.add_parser("run", help="run the whole benchmark")
    b.add_argument("--map", required=True)
    b.add_argument("--events", type=int, default=10_000_000)
    b.add_argument("--seed", type=int, default=42)
    b.add_argument("--row-group", type=int, default=500_000,
                   help="rows per Parquet row group (Spark and Dask read one partition per row group)")
    b.add_argument("--workdir", required=True)
    b.add_argument("--only", default=",".join(WORKERS), help="contenders to run, comma-separated")
    args = ap.parse_args()

    if args.cmd == "worker":
        phases, check = WORKERS[args.name](args.events, load_map(args.map))
        print(json.dumps({"phases": phases, "check": check}))
        return 0

    import pyarrow.parquet as pq

    import journeymap

    doc = load_map(args.map)
    os.makedirs(args.workdir, exist_ok=True)
    log = os.path.join(args.workdir, f"events-{args.events}-{args.seed}.parquet")
    if not os.path.exists(log):
        print(f"generating {args.events:,} events -> {log}", file=sys.stderr)
        table = journeymap.generate(journeymap.JourneyMap.from_dict(doc), events=args.events, seed=args.seed)
        pq.write_table(table, log + ".tmp", row_group_size=args.row_group)
        os.replace(log + ".tmp", log)
        del table
    meta = pq.ParquetFile(log).metadata

    rows, problems, expected = [], [], {}
    for name in args.only.split(","):
        wall, rss, stdout, code = measure([sys.executable, os.path.abspath(__file__), "worker", name,
                                           "--map", args.map, "--events", log])
        if code != 0:
            rows.append((name, None, None, None))
            problems.append(f"{LABELS[name]}: exit {code}")
            continue
        result = json.loads(stdout.strip().splitlines()[-1])
        check = result["check"]
        if name == "journeymap":
            expected["report"] = check["report"]
            report = journeymap.analyze(journeymap.JourneyMap.from_dict(doc), pq.read_table(log),
                                        **OPTIONS).to_dict()
            expected["customers"] = report["totals"]["customers"]
            # What bounds a cluster run: the size of the whole log's partial.
            expected["partial_bytes"] = len(bytes(journeymap.partial(
                journeymap.JourneyMap.from_dict(doc), pq.read_table(log), **OPTIONS)))
            expected["dfg_total"] = report["conformance"]["transitions"]
            expected["dfg_pairs"] = sum(1 for t in report["transitions"] if t["count"] > 0)
            expected["funnel"] = {s["stage"]: s["customers"] for s in report["funnel"]["stages"]
                                  if s["customers"] > 0}
        for key, value in check.items():
            if key in expected and expected[key] != value:
                problems.append(f"{LABELS[name]}: {key} = {value}, one process {expected[key]}")
        rows.append((name, wall, rss, result["phases"].get("tool")))
        print(f"{LABELS[name]:46s} {wall:8.2f} s  {fmt_bytes(rss)}", file=sys.stderr)

    base = {n: (w, r) for n, w, r, _ in rows}.get("journeymap")
    print(f"journeymap scale-out benchmark, {dt.date.today().isoformat()}, {platform.machine()}, "
          f"{os.cpu_count()} cores, {platform.system()} {platform.release()}; "
          f"map {os.path.basename(args.map)}, {args.events:,} events"
          + (f" of {expected['customers']:,} customers" if "customers" in expected else "")
          + f", Parquet {fmt_bytes(os.path.getsize(log))} in {meta.num_row_groups} row groups, seed {args.seed}")
    print()
    print("| contender | wall time | of which analysis | peak RSS (process tree) "
          "| time vs one process | memory vs one process |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, wall, rss, tool in rows:
        if wall is None:
            print(f"| {LABELS[name]} | failed | | | | |")
            continue
        tcol = f"{tool:.2f} s" if tool is not None else ""
        if base is None:
            ratio = mem = ""
        elif name == "journeymap":
            ratio = mem = "1"
        else:
            ratio = f"{wall / base[0]:.1f}x slower" if wall >= base[0] else f"{base[0] / wall:.1f}x faster"
            mem = f"{rss / base[1]:.1f}x"
        print(f"| {LABELS[name]} | {wall:.2f} s | {tcol} | {fmt_bytes(rss)} | {ratio} | {mem} |")
    if "partial_bytes" in expected:
        print()
        print(f"- The whole log's partial (`bytes(journeymap.partial(...))`, what a cluster moves "
              f"at most per merge) is {expected['partial_bytes']:,} bytes, "
              f"{expected['partial_bytes'] / expected['customers']:.1f} bytes per customer.")
    if problems:
        print()
        print("Contenders disagreeing with one process or failing:")
        for p in problems:
            print(f"- {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
