//! Adjacency lists of the touchpoint graph and breadth-first reachability,
//! in time linear in the size of the map.

use std::collections::VecDeque;

use crate::JourneyMap;

/// One transition, by touchpoint positions.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    pub from: usize,
    pub to: usize,
    /// Position of the transition in the document.
    pub transition: usize,
    pub is_loop: bool,
}

/// The transitions of a map as adjacency lists over touchpoint positions.
pub(crate) struct Graph {
    pub edges: Vec<Edge>,
    /// Edge positions leaving each touchpoint.
    pub out: Vec<Vec<usize>>,
    /// Edge positions entering each touchpoint.
    pub inc: Vec<Vec<usize>>,
}

impl Graph {
    pub fn new(map: &JourneyMap) -> Self {
        let n = map.touchpoints().len();
        let mut edges = Vec::with_capacity(map.transitions().len());
        let mut out = vec![Vec::new(); n];
        let mut inc = vec![Vec::new(); n];
        for (j, t) in map.transitions().iter().enumerate() {
            // Both ends resolve in a valid map.
            if let (Some(from), Some(to)) = (
                map.touchpoint_position(t.from.as_str()),
                map.touchpoint_position(t.to.as_str()),
            ) {
                out[from].push(edges.len());
                inc[to].push(edges.len());
                edges.push(Edge {
                    from,
                    to,
                    transition: j,
                    is_loop: t.is_loop,
                });
            }
        }
        Graph { edges, out, inc }
    }

    /// Touchpoints reachable from `starts` (themselves included), following
    /// transitions forwards (or backwards when `backwards`) that `keep`
    /// accepts.
    pub fn reach(
        &self,
        starts: impl IntoIterator<Item = usize>,
        backwards: bool,
        keep: impl Fn(&Edge) -> bool,
    ) -> Vec<bool> {
        let n = self.out.len();
        let mut seen = vec![false; n];
        let mut queue = VecDeque::new();
        for s in starts {
            if s < n && !seen[s] {
                seen[s] = true;
                queue.push_back(s);
            }
        }
        let adj = if backwards { &self.inc } else { &self.out };
        while let Some(u) = queue.pop_front() {
            for &e in &adj[u] {
                let edge = &self.edges[e];
                if !keep(edge) {
                    continue;
                }
                let v = if backwards { edge.from } else { edge.to };
                if !seen[v] {
                    seen[v] = true;
                    queue.push_back(v);
                }
            }
        }
        seen
    }
}
