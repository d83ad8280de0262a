//! Directly-follows transitions and path variants.

use hashbrown::HashMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::num::ratio;
use super::report::{TransitionStats, Variant, Variants};
use crate::JourneyMap;

/// A count that partial results add up.
pub(crate) trait Tally: Clone + Default + PartialEq {
    fn add(&mut self, other: &Self);
}

impl Tally for u64 {
    fn add(&mut self, other: &Self) {
        *self = self.saturating_add(*other);
    }
}

/// Counts of one observed transition.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PairCount {
    pub(crate) count: u64,
    pub(crate) customers: u64,
}

impl Tally for PairCount {
    fn add(&mut self, other: &Self) {
        self.count = self.count.saturating_add(other.count);
        self.customers = self.customers.saturating_add(other.customers);
    }
}

/// Up to this many states, pair counts are a dense matrix.
const DENSE_LIMIT: u32 = 256;

/// Counts per ordered pair of states `0..n`: dense for small `n`, a hash
/// map otherwise. Serialised as the sorted list of non-zero entries.
#[derive(Clone, Debug)]
pub(crate) enum PairTable<V> {
    Dense { n: u32, cells: Vec<V> },
    Sparse { n: u32, cells: HashMap<u64, V> },
}

fn key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

impl<V: Tally> PairTable<V> {
    pub(crate) fn new(n: u32) -> Self {
        if n <= DENSE_LIMIT {
            PairTable::Dense {
                n,
                cells: vec![V::default(); (n as usize) * (n as usize)],
            }
        } else {
            PairTable::Sparse {
                n,
                cells: HashMap::new(),
            }
        }
    }

    pub(crate) fn n(&self) -> u32 {
        match self {
            PairTable::Dense { n, .. } | PairTable::Sparse { n, .. } => *n,
        }
    }

    /// The cell of `(a, b)`; both must be below `n`.
    pub(crate) fn cell(&mut self, a: u32, b: u32) -> &mut V {
        match self {
            PairTable::Dense { n, cells } => &mut cells[a as usize * *n as usize + b as usize],
            PairTable::Sparse { cells, .. } => cells.entry(key(a, b)).or_default(),
        }
    }

    /// Adds another table of the same size.
    pub(crate) fn merge(&mut self, other: &PairTable<V>) {
        match (self, other) {
            (PairTable::Dense { cells: a, .. }, PairTable::Dense { cells: b, .. }) => {
                for (x, y) in a.iter_mut().zip(b) {
                    x.add(y);
                }
            }
            (me, other) => {
                for (a, b, v) in other.entries() {
                    me.cell(a, b).add(&v);
                }
            }
        }
    }

    /// Non-zero entries sorted by `(a, b)`.
    pub(crate) fn entries(&self) -> Vec<(u32, u32, V)> {
        let zero = V::default();
        let mut out: Vec<(u32, u32, V)> = match self {
            PairTable::Dense { n, cells } => cells
                .iter()
                .enumerate()
                .filter(|(_, v)| **v != zero)
                .map(|(i, v)| {
                    (
                        (i / *n as usize) as u32,
                        (i % *n as usize) as u32,
                        v.clone(),
                    )
                })
                .collect(),
            PairTable::Sparse { cells, .. } => cells
                .iter()
                .filter(|(_, v)| **v != zero)
                .map(|(k, v)| ((k >> 32) as u32, *k as u32, v.clone()))
                .collect(),
        };
        out.sort_by_key(|e| (e.0, e.1));
        out
    }
}

#[derive(Serialize, Deserialize)]
struct PairTableData<V> {
    n: u32,
    entries: Vec<(u32, u32, V)>,
}

impl<V: Tally + Serialize> Serialize for PairTable<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        PairTableData {
            n: self.n(),
            entries: self.entries(),
        }
        .serialize(s)
    }
}

impl<'de, V: Tally + Deserialize<'de>> Deserialize<'de> for PairTable<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let data = PairTableData::<V>::deserialize(d)?;
        let mut t: PairTable<V> = PairTable::new(data.n);
        for (a, b, v) in data.entries {
            if a >= data.n || b >= data.n {
                return Err(serde::de::Error::custom("pair table entry out of range"));
            }
            t.cell(a, b).add(&v);
        }
        Ok(t)
    }
}

/// Customers and conversions of one path variant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct VariantCount {
    pub(crate) customers: u64,
    pub(crate) conversions: u64,
}

/// Path variants by sequence of touchpoint indices. Serialised as a sorted
/// list.
#[derive(Clone, Debug, Default)]
pub(crate) struct VariantTable {
    pub(crate) map: HashMap<Box<[u32]>, VariantCount>,
}

impl VariantTable {
    pub(crate) fn add(&mut self, path: &[u32], converted: bool) {
        let c = match self.map.get_mut(path) {
            Some(c) => c,
            None => self.map.entry(path.into()).or_default(),
        };
        c.customers = c.customers.saturating_add(1);
        c.conversions = c.conversions.saturating_add(u64::from(converted));
    }

    pub(crate) fn merge(&mut self, other: VariantTable) {
        for (k, v) in other.map {
            let c = self.map.entry(k).or_default();
            c.customers = c.customers.saturating_add(v.customers);
            c.conversions = c.conversions.saturating_add(v.conversions);
        }
    }

    fn sorted(&self) -> Vec<(&[u32], VariantCount)> {
        let mut v: Vec<(&[u32], VariantCount)> = self.map.iter().map(|(k, v)| (&**k, *v)).collect();
        v.sort_by(|a, b| {
            b.1.customers
                .cmp(&a.1.customers)
                .then(a.0.len().cmp(&b.0.len()))
                .then(a.0.cmp(b.0))
        });
        v
    }
}

impl Serialize for VariantTable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let list: Vec<(&[u32], VariantCount)> = self.sorted();
        list.serialize(s)
    }
}

impl<'de> Deserialize<'de> for VariantTable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list = Vec::<(Vec<u32>, VariantCount)>::deserialize(d)?;
        let mut t = VariantTable::default();
        for (k, v) in list {
            let c = t.map.entry(k.into_boxed_slice()).or_default();
            c.customers = c.customers.saturating_add(v.customers);
            c.conversions = c.conversions.saturating_add(v.conversions);
        }
        Ok(t)
    }
}

/// Transition rows: every observed pair, plus planned transitions never
/// observed (count 0). Sorted by count (descending), then by the
/// touchpoints' document order.
pub(crate) fn transitions(map: &JourneyMap, table: &PairTable<PairCount>) -> Vec<TransitionStats> {
    let tps = map.touchpoints();
    let stage = |i: usize| map.stage_position(tps[i].stage.as_str()).unwrap_or(0);
    let mut rows: Vec<(usize, usize, PairCount)> = table
        .entries()
        .into_iter()
        .map(|(a, b, v)| (a as usize, b as usize, v))
        .collect();
    let mut observed: hashbrown::HashSet<(usize, usize)> =
        rows.iter().map(|r| (r.0, r.1)).collect();
    for t in map.transitions() {
        if let (Some(a), Some(b)) = (
            map.touchpoint_position(t.from.as_str()),
            map.touchpoint_position(t.to.as_str()),
        ) {
            if observed.insert((a, b)) {
                rows.push((a, b, PairCount::default()));
            }
        }
    }
    rows.sort_by(|x, y| y.2.count.cmp(&x.2.count).then((x.0, x.1).cmp(&(y.0, y.1))));
    rows.into_iter()
        .map(|(a, b, v)| {
            let planned = map.transition(tps[a].id.as_str(), tps[b].id.as_str());
            TransitionStats {
                from: tps[a].id.to_string(),
                to: tps[b].id.to_string(),
                count: v.count,
                customers: v.customers,
                planned: planned.is_some(),
                is_loop: planned.is_some_and(|t| t.is_loop),
                backward: stage(b) < stage(a),
            }
        })
        .collect()
}

/// The top `k` variants.
pub(crate) fn variants(map: &JourneyMap, table: &VariantTable, k: usize) -> Variants {
    let tps = map.touchpoints();
    let top = table
        .sorted()
        .into_iter()
        .take(k)
        .map(|(path, c)| Variant {
            path: path
                .iter()
                .map(|&i| tps[i as usize].id.to_string())
                .collect(),
            customers: c.customers,
            conversions: c.conversions,
            conversion_rate: ratio(c.conversions, c.customers).unwrap_or(0.0),
        })
        .collect();
    Variants {
        distinct: table.map.len() as u64,
        top,
    }
}
