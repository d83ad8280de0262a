"""Times ``journeymap.analyze`` on one event log given three ways, in one
process, alternating: the CSV path (streamed by the core reader), a
pyarrow Table of it (read from Arrow record batches), and a list of event
dicts (each read as its JSON Lines line would be). Prints the median and
fastest of the runs and checks the three reports are identical.

Usage (in the venv that ``run-tests`` builds, after
``journeymap generate MAP --events 200000 -o events.csv``)::

    python bindings-python/scripts/bench_inputs.py MAP.json events.csv [ROUNDS]
"""

from __future__ import annotations

import csv
import statistics
import sys
import time

import journeymap


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    map_path, csv_path = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    m = journeymap.JourneyMap.from_path(map_path)
    numeric = {"value", "score"}
    with open(csv_path, newline="", encoding="utf-8") as f:
        dicts = [
            {k: (float(v) if k in numeric else v) for k, v in row.items() if v != ""}
            for row in csv.DictReader(f)
        ]
    forms = {"CSV path": lambda: journeymap.analyze(m, csv_path)}
    try:
        import pyarrow.csv as pacsv

        table = pacsv.read_csv(csv_path)
        forms["pyarrow Table"] = lambda: journeymap.analyze(m, table)
    except ImportError:
        print("pyarrow not installed: no Table form", file=sys.stderr)
    forms["list of dicts"] = lambda: journeymap.analyze(m, dicts)
    times: dict[str, list[float]] = {name: [] for name in forms}
    reports = {}
    for _ in range(rounds):
        for name, run in forms.items():
            t = time.perf_counter()
            reports[name] = run()
            times[name].append(time.perf_counter() - t)
    print(f"{len(dicts)} events, {rounds} rounds")
    for name, ts in times.items():
        print(f"{name:<14} median {statistics.median(ts):.3f} s, fastest {min(ts):.3f} s")
    first = next(iter(reports.values()))
    same = all(r == first for r in reports.values())
    print(f"identical reports: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
