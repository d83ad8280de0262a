//! `JM-L004` competing paths: "one path, not choose-your-own-adventure".
//!
//! Per persona scope (each persona, or everyone when the map has none;
//! personas that the same touchpoints and transitions apply to share one
//! scope, checked once), on
//! the scope's planned graph (touchpoints and transitions that apply to it,
//! loops left out), touchpoints A and B compete when they are in the same
//! stage, neither reaches the other, one entry reaches both and both reach
//! the same conversion touchpoint.
//!
//! Only touchpoints on some entry-to-conversion route can compete. On those,
//! strongly connected components are condensed and every component gets two
//! bitsets over the route touchpoints: what it reaches and what reaches it.
//! Time O((V + E) * R / 64 + sum over stages of k^2 * R / 64), memory
//! O(R^2 / 8) bytes, for R route touchpoints and k touchpoints per stage;
//! R is capped at [`MAX_ROUTE_TOUCHPOINTS`] per scope.

use std::collections::HashMap;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::error::EntityKind;
use crate::model::Persona;
use crate::JourneyMap;

use super::walk::Edge;
use super::{persona_named, stage_named, tp, tp_location, Ctx, Finding, Location};

/// Largest number of touchpoints on entry-to-conversion routes the check
/// analyses for one persona (about 25 MB of bitsets).
pub(crate) const MAX_ROUTE_TOUCHPOINTS: usize = 10_000;

/// A fixed-width bitset per row, in one allocation.
struct BitRows {
    words: usize,
    bits: Vec<u64>,
}

impl BitRows {
    fn new(rows: usize, width: usize) -> Self {
        let words = width.div_ceil(64);
        BitRows {
            words,
            bits: vec![0; rows * words],
        }
    }

    fn row(&self, r: usize) -> &[u64] {
        &self.bits[r * self.words..(r + 1) * self.words]
    }

    fn set(&mut self, r: usize, bit: usize) {
        self.bits[r * self.words + bit / 64] |= 1 << (bit % 64);
    }

    fn get(&self, r: usize, bit: usize) -> bool {
        self.bits[r * self.words + bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Row `dst` |= row `src`.
    fn or_into(&mut self, dst: usize, src: usize) {
        if dst == src {
            return;
        }
        let w = self.words;
        for k in 0..w {
            let v = self.bits[src * w + k];
            self.bits[dst * w + k] |= v;
        }
    }
}

/// First bit set in all of `a`, `b` and `mask`.
fn first_common(a: &[u64], b: &[u64], mask: &[u64]) -> Option<usize> {
    a.iter()
        .zip(b)
        .zip(mask)
        .enumerate()
        .find_map(|(k, ((x, y), m))| {
            let v = x & y & m;
            (v != 0).then(|| k * 64 + v.trailing_zeros() as usize)
        })
}

/// A competing pair: `b` competes with the earlier `a` on the way to
/// `conversion`, in persona scope `scope` (`None` = everyone).
#[derive(Clone, Copy)]
struct Pair {
    a: usize,
    conversion: usize,
    scope: Option<usize>,
}

enum ScopeResult {
    Done,
    TooLarge(usize),
}

/// `JM-L004`.
pub(crate) fn competing_paths(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let map = ctx.map;
    let n = map.touchpoints().len();
    let mut is_conversion = vec![false; n];
    for t in map.conversions() {
        if let Some(i) = map.touchpoint_position(t.id.as_str()) {
            is_conversion[i] = true;
        }
    }
    if n < 2 || !is_conversion.contains(&true) {
        return;
    }
    // Personas that the same touchpoints and transitions apply to have the
    // same routes: each such group is checked once, as its first persona (the
    // findings are those of checking every persona in order), so the check
    // is not repeated for thousands of personas that nothing sets apart.
    let scopes: Vec<(Option<usize>, usize)> = if map.personas().is_empty() {
        vec![(None, 0)]
    } else {
        persona_groups(map)
    };
    let mut found: Vec<Option<Pair>> = vec![None; n];
    for (scope, others) in scopes {
        let persona = scope.map(|p| &map.personas()[p]);
        if let ScopeResult::TooLarge(size) =
            check_scope(ctx, persona, scope, &is_conversion, &mut found)
        {
            let who = persona.map_or_else(
                || "the map".to_owned(),
                |p| match others {
                    0 => format!("persona {}", persona_named(p)),
                    k => format!(
                        "persona {} and {k} other(s) with the same touchpoints",
                        persona_named(p)
                    ),
                },
            );
            out.push(Finding {
                location: Location::new(EntityKind::Map, None, "/touchpoints"),
                message: format!(
                    "The competing-paths check was not run for {who}: {size} touchpoints lie on routes from an entry to a conversion, more than the {MAX_ROUTE_TOUCHPOINTS} it analyses."
                ),
                hint: "Split the map into smaller maps (for example one per persona), or disable JM-L004 for it.".to_owned(),
            });
        }
    }
    for (b, pair) in found.iter().enumerate() {
        let Some(pair) = pair else { continue };
        let tb = &map.touchpoints()[b];
        let ta = &map.touchpoints()[pair.a];
        let conversion = &map.touchpoints()[pair.conversion];
        let who = pair.scope.map_or_else(
            || "customers".to_owned(),
            |p| format!("customers of persona {}", persona_named(&map.personas()[p])),
        );
        out.push(Finding {
            location: tp_location(map, b),
            message: format!(
                "Touchpoints {} and {} in stage {} are alternative routes to the conversion {}: {who} have to choose their own path.",
                tp(tb),
                tp(ta),
                stage_named(map, tb.stage.as_str()),
                tp(conversion)
            ),
            hint: format!(
                "Keep one planned route per persona: merge {:?} and {:?}, restrict each to the personas it serves (\"personas\" on the touchpoints or transitions), or remove the transition that opens the detour.",
                tb.name, ta.name
            ),
        });
    }
}

/// The personas in groups that the same touchpoints and transitions apply
/// to: `(first persona, how many others)`, in persona order. Linear in the
/// size of the map: a persona's signature is the list of the touchpoints and
/// transitions that name it (those that name none apply to everyone).
fn persona_groups(map: &JourneyMap) -> Vec<(Option<usize>, usize)> {
    let personas = map.personas();
    let index: HashMap<&str, usize> = personas
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut signature: Vec<Vec<usize>> = vec![Vec::new(); personas.len()];
    let n = map.touchpoints().len();
    let lists = map
        .touchpoints()
        .iter()
        .map(|t| &t.personas)
        .chain(map.transitions().iter().map(|t| &t.personas));
    for (element, list) in lists.enumerate() {
        for id in list {
            if let Some(&p) = index.get(id.as_str()) {
                // A persona named twice in one list counts once.
                if signature[p].last() != Some(&element) {
                    signature[p].push(element);
                }
            }
        }
    }
    debug_assert!(signature
        .iter()
        .flatten()
        .all(|&e| e < n + map.transitions().len()));
    let mut group_of: HashMap<&[usize], usize> = HashMap::new();
    let mut groups: Vec<(Option<usize>, usize)> = Vec::new();
    for (p, sig) in signature.iter().enumerate() {
        match group_of.get(sig.as_slice()) {
            Some(&g) => groups[g].1 += 1,
            None => {
                group_of.insert(sig.as_slice(), groups.len());
                groups.push((Some(p), 0));
            }
        }
    }
    groups
}

fn check_scope(
    ctx: &Ctx<'_>,
    persona: Option<&Persona>,
    scope: Option<usize>,
    is_conversion: &[bool],
    found: &mut [Option<Pair>],
) -> ScopeResult {
    let map = ctx.map;
    let walk = &ctx.walk;
    let n = map.touchpoints().len();
    let pid = persona.map(|p| p.id.as_str());
    let in_scope: Vec<bool> = map
        .touchpoints()
        .iter()
        .map(|t| pid.is_none_or(|p| t.applies_to(p)))
        .collect();
    let keep = |e: &Edge| {
        !e.is_loop
            && in_scope[e.from]
            && in_scope[e.to]
            && pid.is_none_or(|p| map.transitions()[e.transition].applies_to(p))
    };
    let entries: Vec<usize> = (0..n)
        .filter(|&i| in_scope[i] && !walk.inc[i].iter().any(|&e| keep(&walk.edges[e])))
        .collect();
    let conversions = (0..n).filter(|&i| in_scope[i] && is_conversion[i]);
    let from_entry = walk.reach(entries.iter().copied(), false, keep);
    let to_conversion = walk.reach(conversions, true, keep);
    // Every touchpoint on an entry-to-conversion route, in document order.
    let route: Vec<usize> = (0..n)
        .filter(|&i| in_scope[i] && from_entry[i] && to_conversion[i])
        .collect();
    // Group them by stage; nothing to do unless a stage has two.
    let stage_of: Vec<usize> = route
        .iter()
        .map(|&i| {
            map.stage_position(map.touchpoints()[i].stage.as_str())
                .unwrap_or(usize::MAX)
        })
        .collect();
    let mut by_stage: Vec<Vec<usize>> = vec![Vec::new(); map.stages().len()];
    for (k, &s) in stage_of.iter().enumerate() {
        if let Some(group) = by_stage.get_mut(s) {
            group.push(k);
        }
    }
    if by_stage.iter().all(|g| g.len() < 2) {
        return ScopeResult::Done;
    }
    if route.len() > MAX_ROUTE_TOUCHPOINTS {
        return ScopeResult::TooLarge(route.len());
    }
    let r = route.len();
    let mut local = vec![usize::MAX; n];
    for (k, &i) in route.iter().enumerate() {
        local[i] = k;
    }
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(r, r);
    for _ in 0..r {
        graph.add_node(());
    }
    for e in &walk.edges {
        if keep(e) && local[e.from] != usize::MAX && local[e.to] != usize::MAX {
            graph.add_edge(
                NodeIndex::new(local[e.from]),
                NodeIndex::new(local[e.to]),
                (),
            );
        }
    }
    // Components in reverse topological order: successors come first.
    let sccs = tarjan_scc(&graph);
    let mut comp = vec![0; r];
    for (c, members) in sccs.iter().enumerate() {
        for m in members {
            comp[m.index()] = c;
        }
    }
    let mut reaches = BitRows::new(sccs.len(), r);
    let mut reached_by = BitRows::new(sccs.len(), r);
    for (c, members) in sccs.iter().enumerate() {
        for m in members {
            reaches.set(c, m.index());
            reached_by.set(c, m.index());
        }
    }
    for (c, members) in sccs.iter().enumerate() {
        for m in members {
            for next in graph.neighbors(*m) {
                reaches.or_into(c, comp[next.index()]);
            }
        }
    }
    for (c, members) in sccs.iter().enumerate().rev() {
        for m in members {
            for prev in graph.neighbors_directed(*m, petgraph::Direction::Incoming) {
                reached_by.or_into(c, comp[prev.index()]);
            }
        }
    }
    let mut entry_mask = BitRows::new(1, r);
    let mut conversion_mask = BitRows::new(1, r);
    for &e in &entries {
        if local[e] != usize::MAX {
            entry_mask.set(0, local[e]);
        }
    }
    for (k, &i) in route.iter().enumerate() {
        if is_conversion[i] {
            conversion_mask.set(0, k);
        }
    }
    for group in by_stage.iter().filter(|g| g.len() >= 2) {
        for (j, &b) in group.iter().enumerate().skip(1) {
            if found[route[b]].is_some() {
                continue;
            }
            let cb = comp[b];
            for &a in &group[..j] {
                let ca = comp[a];
                if ca == cb || reaches.get(ca, b) || reaches.get(cb, a) {
                    continue;
                }
                if first_common(reached_by.row(ca), reached_by.row(cb), entry_mask.row(0)).is_none()
                {
                    continue;
                }
                if let Some(c) =
                    first_common(reaches.row(ca), reaches.row(cb), conversion_mask.row(0))
                {
                    found[route[b]] = Some(Pair {
                        a: route[a],
                        conversion: route[c],
                        scope,
                    });
                    break;
                }
            }
        }
    }
    ScopeResult::Done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_rows_and_first_common() {
        let mut rows = BitRows::new(3, 130);
        rows.set(0, 129);
        rows.set(1, 129);
        rows.set(1, 3);
        rows.set(2, 3);
        assert!(rows.get(0, 129) && !rows.get(0, 3));
        let mut mask = BitRows::new(1, 130);
        mask.set(0, 3);
        mask.set(0, 129);
        assert_eq!(
            first_common(rows.row(0), rows.row(1), mask.row(0)),
            Some(129)
        );
        assert_eq!(first_common(rows.row(1), rows.row(2), mask.row(0)), Some(3));
        assert_eq!(first_common(rows.row(0), rows.row(2), mask.row(0)), None);
        rows.or_into(0, 2);
        assert!(rows.get(0, 3));
    }
}
