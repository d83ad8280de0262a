//! Properties of the linter on random maps: it never panics, its output is
//! ordered and located inside the document, and the competing-paths rule
//! agrees with a brute-force reading of its definition.

use std::collections::BTreeSet;

use journeymap::lint::{Diagnostic, LintConfig};
use journeymap::{Date, JourneyMap};
use proptest::prelude::*;
use serde_json::{json, Value};

#[derive(Clone, Debug)]
struct Shape {
    stages: usize,
    /// (stage, kind: 0 step / 1 conversion / 2 exit, personas bitmask)
    tps: Vec<(usize, u8, u8)>,
    /// (from, to, loop, personas bitmask)
    edges: Vec<(usize, usize, bool, u8)>,
    personas: usize,
}

fn shape() -> impl Strategy<Value = Shape> {
    (1usize..5, 2usize..10, 0usize..3).prop_flat_map(|(stages, n, personas)| {
        let tps = prop::collection::vec(
            (
                0..stages,
                prop_oneof![4 => Just(0u8), 2 => Just(1u8), 1 => Just(2u8)],
                prop_oneof![3 => Just(0u8), 1 => 1u8..4],
            ),
            n,
        );
        // (x, y, backward, loop, personas, keep if both in one stage)
        let edges = prop::collection::vec(
            (
                0..n,
                0..n,
                prop::bool::weighted(0.04),
                prop::bool::weighted(0.1),
                prop_oneof![3 => Just(0u8), 1 => 1u8..4],
                prop::bool::weighted(0.3),
            ),
            0..(n * 3),
        );
        // Half the maps get a planted fork and join: e -> a, e -> b, a -> c,
        // b -> c with a and b in one stage and c a conversion. The random
        // edges around it may or may not break the competition.
        let diamond = prop::option::weighted(
            0.6,
            prop::sample::subsequence((0..n).collect::<Vec<_>>(), n.min(4)),
        );
        (tps, edges, diamond).prop_map(move |(mut tps, edges, diamond)| {
            let mut planted = Vec::new();
            if let Some(d) = diamond {
                if let [e, a, b, c] = d[..] {
                    tps[b].0 = tps[a].0;
                    tps[c].1 = 1;
                    planted = vec![
                        (e, a, false, 0),
                        (e, b, false, 0),
                        (a, c, false, 0),
                        (b, c, false, 0),
                    ];
                }
            }
            // Mostly forward through the stages, as in real maps, so routes
            // from entries to conversions are common; a few moves within a
            // stage, backward moves and loops.
            let key = |i: usize| (tps[i].0, i);
            let edges = planted
                .into_iter()
                .chain(
                    edges
                        .into_iter()
                        .filter(|&(x, y, _, _, _, keep_same)| tps[x].0 != tps[y].0 || keep_same)
                        .map(|(x, y, backward, is_loop, m, _)| {
                            let (lo, hi) = if key(x) <= key(y) { (x, y) } else { (y, x) };
                            if backward {
                                (hi, lo, is_loop, m)
                            } else {
                                (lo, hi, is_loop, m)
                            }
                        }),
                )
                .collect();
            Shape {
                stages,
                tps,
                edges,
                personas,
            }
        })
    })
}

fn persona_list(mask: u8, personas: usize) -> Vec<String> {
    (0..personas)
        .filter(|p| mask & (1 << p) != 0)
        .map(|p| format!("p{p}"))
        .collect()
}

/// The map JSON and the transitions kept (self-loops and duplicates dropped).
/// A kept transition: (from, to, loop, personas).
type Kept = (usize, usize, bool, Vec<String>);

fn build(s: &Shape) -> (Value, Vec<Kept>) {
    let mut seen = BTreeSet::new();
    let edges: Vec<_> = s
        .edges
        .iter()
        .filter(|(a, b, _, _)| a != b && seen.insert((*a, *b)))
        .map(|&(a, b, l, m)| (a, b, l, persona_list(m, s.personas)))
        .collect();
    let kinds = ["step", "conversion", "exit"];
    let v = json!({
        "name": "random",
        "personas": (0..s.personas).map(|p| json!({"id": format!("p{p}"), "name": format!("P{p}")})).collect::<Vec<_>>(),
        "stages": (0..s.stages).map(|k| json!({"id": format!("s{k}"), "name": format!("S{k}")})).collect::<Vec<_>>(),
        "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
        "touchpoints": s.tps.iter().enumerate().map(|(i, (st, kind, m))| json!({
            "id": format!("t{i}"), "name": format!("T{i}"), "stage": format!("s{st}"),
            "channel": "web", "kind": kinds[*kind as usize], "personas": persona_list(*m, s.personas)
        })).collect::<Vec<_>>(),
        "transitions": edges.iter().map(|(a, b, l, ps)| json!({
            "from": format!("t{a}"), "to": format!("t{b}"), "loop": l, "personas": ps
        })).collect::<Vec<_>>(),
    });
    (v, edges)
}

fn applies(list: &[String], persona: Option<&str>) -> bool {
    match persona {
        None => true,
        Some(p) => list.is_empty() || list.iter().any(|x| x == p),
    }
}

/// JM-L004 by its definition: per scope, plain reachability between every
/// pair of touchpoints. Returns (b, a, conversion) per reported b.
fn brute_force(s: &Shape, edges: &[Kept]) -> Vec<(usize, usize, usize)> {
    let n = s.tps.len();
    let tp_personas: Vec<Vec<String>> = s
        .tps
        .iter()
        .map(|t| persona_list(t.2, s.personas))
        .collect();
    let scopes: Vec<Option<String>> = if s.personas == 0 {
        vec![None]
    } else {
        (0..s.personas).map(|p| Some(format!("p{p}"))).collect()
    };
    let mut found: Vec<Option<(usize, usize)>> = vec![None; n];
    for scope in &scopes {
        let sc = scope.as_deref();
        let in_scope: Vec<bool> = (0..n).map(|i| applies(&tp_personas[i], sc)).collect();
        let kept: Vec<(usize, usize)> = edges
            .iter()
            .filter(|(a, b, l, ps)| !l && in_scope[*a] && in_scope[*b] && applies(ps, sc))
            .map(|(a, b, _, _)| (*a, *b))
            .collect();
        // reach[i][j]: j reachable from i (reflexive), Floyd-Warshall style.
        let mut reach = vec![vec![false; n]; n];
        for (i, row) in reach.iter_mut().enumerate() {
            row[i] = true;
        }
        for &(a, b) in &kept {
            reach[a][b] = true;
        }
        for k in 0..n {
            for i in 0..n {
                if reach[i][k] {
                    let via = reach[k].clone();
                    for (to, r) in reach[i].iter_mut().enumerate() {
                        *r |= via[to];
                    }
                }
            }
        }
        let entry: Vec<bool> = (0..n)
            .map(|i| in_scope[i] && !kept.iter().any(|&(_, b)| b == i))
            .collect();
        let conversion: Vec<bool> = (0..n).map(|i| in_scope[i] && s.tps[i].1 == 1).collect();
        for b in 0..n {
            if found[b].is_some() || !in_scope[b] {
                continue;
            }
            for a in 0..b {
                if !in_scope[a] || s.tps[a].0 != s.tps[b].0 || reach[a][b] || reach[b][a] {
                    continue;
                }
                if !(0..n).any(|e| entry[e] && reach[e][a] && reach[e][b]) {
                    continue;
                }
                if let Some(c) = (0..n).find(|&c| conversion[c] && reach[a][c] && reach[b][c]) {
                    found[b] = Some((a, c));
                    break;
                }
            }
        }
    }
    found
        .iter()
        .enumerate()
        .filter_map(|(b, f)| f.map(|(a, c)| (b, a, c)))
        .collect()
}

fn resolves(doc: &Value, path: &str) -> bool {
    doc.pointer(path).is_some()
}

fn config() -> LintConfig {
    LintConfig::new().with_today(Date::parse("2026-11-23").unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn competing_paths_matches_its_definition(s in shape()) {
        let (v, edges) = build(&s);
        let map = JourneyMap::from_json(&v.to_string()).expect("valid by construction");
        let got: Vec<Diagnostic> = map.lint(&config()).into_iter().filter(|d| d.code == "JM-L004").collect();
        let want = brute_force(&s, &edges);
        prop_assert_eq!(got.len(), want.len(), "got {:?} want {:?}", got, want);
        for (d, (b, a, c)) in got.iter().zip(&want) {
            prop_assert_eq!(&d.location.path, &format!("/touchpoints/{b}"));
            prop_assert!(d.message.contains(&format!("(t{a}) in stage")), "{}", d.message);
            prop_assert!(d.message.contains(&format!("conversion \"T{c}\" (t{c})")), "{}", d.message);
        }
    }

    #[test]
    fn output_is_ordered_located_and_deterministic(s in shape()) {
        let (v, _) = build(&s);
        let map = JourneyMap::from_json(&v.to_string()).expect("valid by construction");
        let diags = map.lint(&config());
        prop_assert_eq!(&diags, &map.lint(&config()));
        let doc = map.to_value();
        // Findings about something missing point where it belongs.
        let missing = ["/objectives", "/personas", "/metadata/last_reviewed"];
        for d in &diags {
            prop_assert!(
                resolves(&doc, &d.location.path) || missing.contains(&d.location.path.as_str()),
                "{} does not resolve", d.location.path
            );
            prop_assert!(!d.message.is_empty() && !d.hint.is_empty());
        }
        for pair in diags.windows(2) {
            prop_assert!(pair[0].code <= pair[1].code);
        }
    }
}
