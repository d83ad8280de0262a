#!/usr/bin/env python3
"""Cross-check `journeymap analyze` against independent tools on one event log.

The same CSV log goes to `journeymap analyze --format json` and to:

- pm4py: directly-follows graph (with start activities) and path variants;
- ChannelAttribution: first-touch, last-touch and linear attribution
  (heuristic_models) and the simulated first-order Markov model
  (markov_model);
- numpy: the exact first-order Markov removal effects, by solving the
  absorbing chain once per removed state;
- pandas: the stage funnel (customers reaching each stage) and conversions.

The peers never see journeymap's resolution of events: this script resolves
raw events to touchpoints itself from the map's `match` rules (first
touchpoint in document order wins), orders each customer's events by
(timestamp, input order), leaves out events no rule matches, and builds the
journeys ("steps", consecutive repeats collapsed as journeymap does by
default) from there.

Definitions the comparisons rely on (journeymap's documented semantics):

- a customer converts at their first event at a conversion touchpoint (the
  map's `conversion` touchpoints and objectives' targets); the touches
  credited are the steps before that step; a customer who does not convert
  contributes a path of all their steps ending in `null`;
- paths for ChannelAttribution are "a > b > c" with `total_conversions`,
  `total_null` and `total_conversion_value` per distinct path;
- channel-level attribution uses the same paths with each touch replaced by
  its touchpoint's channel.

Tolerances:

- DFG counts, start activities, variant counts, funnel counts: exact.
- Heuristic models: |a - b| <= 1e-6 * max(1, |b|) (journeymap sums credit in
  fixed point to 1e-9, ChannelAttribution in floating point).
- Exact Markov (numpy vs journeymap): relative 1e-6 (|a - b| <= 1e-6 * |b| +
  1e-9; journeymap rounds reported numbers to 1e-9).
- ChannelAttribution.markov_model simulates paths through the estimated
  chain (at least nsim_start = 10^5) and stops once nfold repeated estimates
  vary by less than conv_par = 0.05, i.e. 5 %. That bounds the spread
  between repetitions, not the distance to the exact value, so its Markov
  credit is compared with a relative tolerance of 2 * conv_par (10 %) for
  states holding at least 5 % of the attributable conversions (observed
  gaps: up to about 3 %); for smaller states the relative simulation noise
  is larger (few simulated paths visit them), so the tolerance is absolute:
  1 % of all attributable conversions. Its removal effects are compared
  with an absolute tolerance of 0.02 (the standard error of a conversion
  probability estimated from 10^5 paths is about 0.0015; removal effects
  are ratios of two such estimates). Consecutive repeats (channel
  self-loops) are collapsed in the paths given to markov_model: they do not
  change the exact removal effects, and the simulation cuts paths at
  max_step. Its value credit is not compared: ChannelAttribution
  splits value by value-weighted removal effects, journeymap by conversion
  removal effects (documented).

Prints one line per failed check, then "peers: N checks passed, M failed";
exits 1 on any failure, 2 on a usage or setup problem.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
from collections import Counter, defaultdict

import numpy as np
import pandas as pd


@contextlib.contextmanager
def quiet():
    """Silences the banners and progress lines the peer libraries print."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


with quiet():
    import ChannelAttribution as ca
    import pm4py


# ------------------------------------------------------------------ checks

class Checks:
    """Counts passed and failed comparisons, printing each failure."""

    def __init__(self, verbose: bool) -> None:
        self.passed = 0
        self.failed = 0
        self.verbose = verbose

    def check(self, ok: bool, name: str, detail: str = "") -> bool:
        if ok:
            self.passed += 1
            if self.verbose:
                print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}")
        return ok

    def equal_maps(self, name: str, ours: dict, theirs: dict) -> None:
        """Exact equality of two {key: count} dicts, naming the differences."""
        keys = set(ours) | set(theirs)
        diff = sorted(
            (str(k), ours.get(k, 0), theirs.get(k, 0))
            for k in keys
            if ours.get(k, 0) != theirs.get(k, 0)
        )
        self.check(
            not diff,
            f"{name} ({len(theirs)} entries)",
            f"{len(diff)} differ (key, journeymap, peer), first: {diff[:5]}",
        )

    def close_maps(self, name: str, ours: dict, theirs: dict, tol) -> None:
        """`tol(journeymap, peer)` says whether two numbers agree."""
        keys = set(ours) | set(theirs)
        diff = sorted(
            (str(k), ours.get(k, 0.0), theirs.get(k, 0.0))
            for k in keys
            if not tol(ours.get(k, 0.0), theirs.get(k, 0.0))
        )
        self.check(
            not diff,
            f"{name} ({len(keys)} entries)",
            f"{len(diff)} differ (key, journeymap, peer), first: {diff[:5]}",
        )


def close_abs(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def close_rel(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * abs(b) + 1e-9


# ------------------------------------------------------------- resolution

KNOWN = ("customer_id", "timestamp", "touchpoint", "event", "channel", "value", "score", "segment")


def resolve(df: pd.DataFrame, doc: dict) -> pd.Series:
    """Touchpoint id of each row ('' for events no rule matches), from the
    map's `match` rules, resolving each distinct raw combination once."""
    tps = doc.get("touchpoints", [])
    rules = []
    keys = set()
    for tp in tps:
        for r in tp.get("match", []) or []:
            rules.append((tp["id"], r))
            keys |= set(r.get("attributes", {})) | set(r.get("attribute_prefixes", {}))
    cols = [c for c in ("touchpoint", "event", "channel") if c in df.columns]
    cols += sorted(k for k in keys if k in df.columns and k not in KNOWN)
    ids = {tp["id"] for tp in tps}

    def one(row: dict) -> str:
        tp = row.get("touchpoint", "")
        if tp:
            if tp not in ids:
                raise SystemExit(f"crosscheck: unknown touchpoint {tp!r} in the log")
            return tp
        event = row.get("event", "") or None
        channel = row.get("channel", "") or None
        for tid, r in rules:
            if "event" in r and event != r["event"]:
                continue
            if "event_prefix" in r and not (event or "").startswith(r["event_prefix"]) or (
                "event_prefix" in r and event is None
            ):
                continue
            if "channel" in r and channel != r["channel"]:
                continue
            if any(row.get(k, "") != v for k, v in r.get("attributes", {}).items()):
                continue
            if any(
                not row.get(k, "") or not row.get(k, "").startswith(p)
                for k, p in r.get("attribute_prefixes", {}).items()
            ):
                continue
            return tid
        return ""

    combos = df[cols].drop_duplicates()
    combos["_tp"] = [one(dict(zip(cols, vals))) for vals in combos[cols].itertuples(index=False)]
    return df[cols].merge(combos, on=cols, how="left")["_tp"].to_numpy()


def epoch_ms(ts: pd.Series) -> np.ndarray:
    """Epoch milliseconds of RFC 3339 strings or integer epoch milliseconds."""
    digits = ts.str.fullmatch(r"-?\d+")
    out = np.empty(len(ts), dtype=np.int64)
    if digits.any():
        out[digits.to_numpy()] = ts[digits].astype(np.int64).to_numpy()
    if (~digits).any():
        parsed = pd.to_datetime(ts[~digits], utc=True, format="ISO8601")
        ns = parsed.astype("int64").to_numpy()
        out[(~digits).to_numpy()] = np.floor_divide(ns, 1_000_000)
    return out


# ------------------------------------------------------------------ peers

def pm4py_dfg_and_variants(events: pd.DataFrame):
    """pm4py's DFG, start activities and variants of an event table with
    columns customer, tp, ts (input order = row order)."""
    df = pd.DataFrame(
        {
            "case:concept:name": events["customer"].to_numpy(),
            "concept:name": events["tp"].to_numpy(),
            "time:timestamp": pd.to_datetime(events["ts"].to_numpy(), unit="ms", utc=True),
        }
    )
    with quiet():
        # format_dataframe orders by (case, timestamp, input index).
        df = pm4py.format_dataframe(df)
        dfg, start, _end = pm4py.discover_dfg(df)
        variants = pm4py.get_variants(df)
    variants = {tuple(k): (v if isinstance(v, int) else len(v)) for k, v in variants.items()}
    return dict(dfg), dict(start), variants


def exact_markov(paths: list[tuple[tuple[str, ...], bool]]):
    """Exact first-order Markov chain from (touches, converted) paths:
    conversion probability and removal effect of every state, by solving
    (I - Q) x = r with numpy for the full chain and once per removed state."""
    states = sorted({s for p, _ in paths for s in p})
    idx = {s: i for i, s in enumerate(states)}
    m = len(states)
    counts = np.zeros((m + 1, m + 2))  # rows: states + start; cols: states + conv + null
    start = m
    for touches, converted in paths:
        prev = start
        for s in touches:
            counts[prev, idx[s]] += 1
            prev = idx[s]
        counts[prev, m if converted else m + 1] += 1
    probs = counts / counts.sum(axis=1, keepdims=True).clip(min=1)
    q = probs[:m, :m]
    r = probs[:m, m]
    p0 = probs[start, :m]

    def conv_probability(removed: int | None) -> float:
        keep = [i for i in range(m) if i != removed]
        qq = q[np.ix_(keep, keep)]
        x = np.linalg.solve(np.eye(len(keep)) - qq, r[keep])
        return float(p0[keep] @ x + probs[start, m])

    p = conv_probability(None)
    effects = {s: (1.0 - conv_probability(i) / p) if p > 0 else 0.0 for s, i in idx.items()}
    return p, effects


def channel_attribution_frame(paths, value_of):
    """Aggregates (touches, converted, value) paths per distinct path."""
    agg: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for (touches, converted), value in zip(paths, value_of):
        key = " > ".join(touches)
        a = agg[key]
        if converted:
            a[0] += 1
            a[2] += value
        else:
            a[1] += 1
    return pd.DataFrame(
        {
            "path": list(agg),
            "total_conversions": [a[0] for a in agg.values()],
            "total_null": [a[1] for a in agg.values()],
            "total_conversion_value": [a[2] for a in agg.values()],
        }
    )


# ------------------------------------------------------------------- main

def run_journeymap(jm: str, map_path: str, events: str, *extra: str) -> dict:
    cmd = [jm, "analyze", map_path, events, "--format", "json", "--top", "100000000", *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"crosscheck: {' '.join(cmd)} exited {proc.returncode}: {proc.stderr}")
    return json.loads(proc.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--journeymap", required=True, help="path of the journeymap binary")
    ap.add_argument("--map", required=True)
    ap.add_argument("--events", required=True, help="CSV event log")
    ap.add_argument("--seed", type=int, default=1, help="seed of ChannelAttribution's simulation")
    ap.add_argument("--verbose", action="store_true", help="also list passed checks")
    args = ap.parse_args()
    c = Checks(args.verbose)

    with open(args.map, encoding="utf-8") as f:
        doc = json.load(f)
    tp_stage = {tp["id"]: tp["stage"] for tp in doc["touchpoints"]}
    tp_channel = {tp["id"]: tp["channel"] for tp in doc["touchpoints"]}
    conversion_tps = {tp["id"] for tp in doc["touchpoints"] if tp.get("kind") == "conversion"}
    for obj in doc.get("objectives", []) or []:
        conv = obj.get("conversion") or {}
        if "touchpoint" in conv:
            conversion_tps.add(conv["touchpoint"])
        elif "stage" in conv:
            conversion_tps |= {t for t, s in tp_stage.items() if s == conv["stage"]}

    report = run_journeymap(args.journeymap, args.map, args.events)
    report_raw = run_journeymap(args.journeymap, args.map, args.events, "--keep-repeats")
    c.check(
        sorted(report["conversion_touchpoints"]) == sorted(conversion_tps),
        "conversion touchpoints",
        f"{report['conversion_touchpoints']} vs {sorted(conversion_tps)}",
    )

    # ---- the log, resolved and ordered independently
    raw = pd.read_csv(args.events, dtype=str, keep_default_na=False)
    raw["_tp"] = resolve(raw, doc)
    raw["_ts"] = epoch_ms(raw["timestamp"])
    raw["_row"] = np.arange(len(raw))
    raw["_value"] = pd.to_numeric(raw["value"], errors="raise") if "value" in raw else np.nan
    c.check(
        report["totals"]["events"] == len(raw)
        and report["totals"]["unknown_events"] == int((raw["_tp"] == "").sum()),
        "events and unknown events",
        f"journeymap {report['totals']['events']}/{report['totals']['unknown_events']}, "
        f"log {len(raw)}/{int((raw['_tp'] == '').sum())}",
    )
    ordered = raw.sort_values(["customer_id", "_ts", "_row"], kind="stable")
    known = ordered[ordered["_tp"] != ""]
    events = pd.DataFrame(
        {"customer": known["customer_id"], "tp": known["_tp"], "ts": known["_ts"],
         "value": known["_value"]}
    ).reset_index(drop=True)
    # Steps: consecutive repeats collapsed per customer.
    same = (events["customer"] == events["customer"].shift()) & (events["tp"] == events["tp"].shift())
    steps = events[~same.to_numpy()].reset_index(drop=True)

    # ---- pm4py: DFG, start activities, variants (raw events and steps)
    for label, rep, table in (("steps", report, steps), ("every event", report_raw, events)):
        dfg, start, variants = pm4py_dfg_and_variants(table)
        ours = {(t["from"], t["to"]): t["count"] for t in rep["transitions"] if t["count"] > 0}
        c.equal_maps(f"directly-follows counts vs pm4py DFG [{label}]", ours, dfg)
        ours_start = {t["touchpoint"]: t["starts"] for t in rep["touchpoints"] if t["starts"] > 0}
        c.equal_maps(f"journey starts vs pm4py start activities [{label}]", ours_start, start)
        ours_var = {tuple(v["path"]): v["customers"] for v in rep["variants"]["top"]}
        c.check(
            rep["variants"]["distinct"] == len(variants),
            f"distinct variants vs pm4py [{label}]",
            f"{rep['variants']['distinct']} vs {len(variants)}",
        )
        c.equal_maps(f"variant counts vs pm4py variants [{label}]", ours_var, variants)

    # ---- pandas: stage funnel and conversions
    ev_stage = events.assign(stage=events["tp"].map(tp_stage))
    reached = ev_stage.groupby("stage")["customer"].nunique().to_dict()
    ours = {s["stage"]: s["customers"] for s in report["funnel"]["stages"] if s["customers"] > 0}
    c.equal_maps("stage funnel customers vs pandas", ours, reached)
    converted_customers = events[events["tp"].isin(conversion_tps)]["customer"].nunique()
    c.check(
        report["totals"]["converted_customers"] == converted_customers,
        "converted customers vs pandas",
        f"{report['totals']['converted_customers']} vs {converted_customers}",
    )

    # ---- attribution paths, built from the steps
    paths: list[tuple[tuple[str, ...], bool]] = []
    values: list[float] = []
    unattributed = 0
    for _, g in steps.groupby("customer", sort=False):
        tps = g["tp"].tolist()
        conv_at = next((i for i, t in enumerate(tps) if t in conversion_tps), None)
        if conv_at is None:
            paths.append((tuple(tps), False))
            values.append(0.0)
        elif conv_at == 0:
            unattributed += 1
        else:
            paths.append((tuple(tps[:conv_at]), True))
            v = g["value"].iloc[conv_at]
            values.append(0.0 if pd.isna(v) else float(v))
    att = report["attribution"]
    c.check(
        att["attributable_conversions"] == sum(conv for _, conv in paths)
        and att["unattributed_conversions"] == unattributed,
        "attributable and unattributed conversions",
        f"{att['attributable_conversions']}/{att['unattributed_conversions']} vs "
        f"{sum(conv for _, conv in paths)}/{unattributed}",
    )

    levels = (
        ("touchpoint", att["touchpoints"], paths),
        ("channel", att["channels"],
         [(tuple(tp_channel[t] for t in p), conv) for p, conv in paths]),
    )
    for level, rows, level_paths in levels:
        frame = channel_attribution_frame(level_paths, values)
        with quiet():
            h = ca.heuristic_models(frame, "path", "total_conversions",
                                    var_value="total_conversion_value", flg_pro=False)
        h = h.set_index("channel_name")
        for model, ours_key in (("first_touch", "first_touch"), ("last_touch", "last_touch"),
                                ("linear_touch", "linear")):
            ours_conv = {r["id"]: r[ours_key]["conversions"] for r in rows}
            ours_val = {r["id"]: r[ours_key]["value"] for r in rows}
            theirs_conv = h[f"{model}_conversions"].to_dict()
            theirs_val = h[f"{model}_value"].to_dict()
            c.close_maps(f"{level} {model} conversions vs ChannelAttribution", ours_conv,
                         theirs_conv, close_abs)
            c.close_maps(f"{level} {model} value vs ChannelAttribution", ours_val, theirs_val,
                         close_abs)

        # Exact Markov, independently with numpy.
        p, effects = exact_markov(level_paths)
        ours_re = {r["id"]: r["removal_effect"] for r in rows if r["removal_effect"] > 0}
        c.close_maps(f"{level} Markov removal effects vs numpy (exact)", ours_re,
                     {k: v for k, v in effects.items() if v > 0}, close_rel)
        total_re = sum(effects.values())
        attributable = att["attributable_conversions"]
        exact_credit = {k: attributable * v / total_re for k, v in effects.items() if v > 0}
        ours_credit = {r["id"]: r["markov"]["conversions"] for r in rows
                       if r["markov"]["conversions"] > 0}
        c.close_maps(f"{level} Markov credit vs numpy (exact)", ours_credit, exact_credit,
                     close_rel)
        if level == "touchpoint":
            ours_p = att["markov_conversion_probability"]
            c.check(ours_p is not None and close_rel(ours_p, p),
                    "Markov conversion probability vs numpy (exact)", f"{ours_p} vs {p}")

        # Simulated Markov, ChannelAttribution. Consecutive repeats (channel
        # self-loops) are collapsed first: they do not change absorption
        # probabilities, and keep simulated paths within max_step.
        collapsed = [(tuple(s for i, s in enumerate(p) if i == 0 or p[i - 1] != s), conv)
                     for p, conv in level_paths]
        sim_frame = channel_attribution_frame(collapsed, values)
        with quiet():
            mm = ca.markov_model(sim_frame, "path", "total_conversions",
                                 var_value="total_conversion_value", var_null="total_null",
                                 order=1, out_more=True, seed=args.seed, conv_par=0.05,
                                 ncore=1, verbose=False, flg_pro=False)
        sim = mm["result"].set_index("channel_name")["total_conversions"].to_dict()

        def close_sim(a: float, b: float) -> bool:
            if max(a, b) >= 0.05 * attributable:
                return abs(a - b) <= 0.10 * b
            return abs(a - b) <= 0.01 * attributable

        big = [k for k, v in sim.items() if v >= 0.05 * attributable]
        worst = max((abs(ours_credit.get(k, 0.0) - sim[k]) / sim[k] for k in big), default=0.0)
        c.close_maps(f"{level} Markov credit vs ChannelAttribution (simulated; largest relative "
                     f"gap {worst:.1%} over {len(big)} states with >= 5% of conversions)",
                     ours_credit, sim, close_sim)
        sim_re = mm["removal_effects"].set_index("channel_name").iloc[:, 0].to_dict()
        ours_re_all = {r["id"]: r["removal_effect"] for r in rows}
        c.close_maps(f"{level} Markov removal effects vs ChannelAttribution (simulated)",
                     ours_re_all, sim_re, lambda a, b: abs(a - b) <= 0.02)

    print(f"peers: {c.passed} checks passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
