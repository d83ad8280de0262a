//! First-order Markov-chain attribution, computed exactly.
//!
//! States are the touchpoints (or channels) plus `start`, `conversion` and
//! `null`; transition probabilities are the observed transition counts
//! normalised per state (as ChannelAttribution's `markov_model` with
//! `order = 1`). Every path starts at `start` and ends in `conversion` or
//! `null`.
//!
//! `P` is the probability of being absorbed in `conversion` from `start`.
//! Removing state `s` re-routes every transition into `s` to `null`, so the
//! conversion probability without `s` is the probability of converting
//! without ever visiting `s`: `P - h_s x_s`, where `x_s` is the conversion
//! probability from `s` and `h_s` the probability of ever reaching `s` from
//! `start`. The removal effect is `RE_s = 1 - P_without_s / P = h_s x_s / P`.
//!
//! With `N = (I - Q)^-1` the fundamental matrix of the transient states,
//! `x = N r` (`r`: one-step conversion probabilities), the expected visits
//! from start are `g = p0 N`, and `h_s = g_s / N_ss`. One dense inversion:
//! `O(S^3)` time and `O(S^2)` memory for `S` observed states, exact up to
//! floating point (no simulation). Self-loops do not change absorption
//! probabilities, so collapsing repeats does not change removal effects.

use super::paths::PairTable;

/// Most observed states (touchpoints, or channels) a Markov chain is solved
/// for: the exact solution inverts a dense matrix, `O(S^2)` memory and
/// `O(S^3)` time (2,000 states: 72 MB and 2.9 s for the report, measured).
/// Above it the report's Markov figures are not computed and
/// `attribution.markov_skipped` says why.
///
/// ```
/// assert_eq!(journeymap::analytics::MAX_MARKOV_STATES, 2_000);
/// ```
pub const MAX_MARKOV_STATES: usize = 2_000;

/// Conversion probability from start and the removal effect of each state
/// `0..n` (zero for states never observed). `(None, zeros)` without data;
/// `Err(states)` when more than [`MAX_MARKOV_STATES`] states are observed
/// (checked before anything quadratic is allocated).
pub(crate) fn removal_effects(
    table: &PairTable<u64>,
    n: usize,
) -> Result<(Option<f64>, Vec<f64>), usize> {
    let mut effects = vec![0.0; n];
    let (start, conv) = (n as u32, n as u32 + 1);
    let entries = table.entries();
    // Observed transient states, in index order.
    let mut index = vec![usize::MAX; n];
    let mut states = Vec::new();
    for &(a, b, _) in &entries {
        for s in [a, b] {
            if (s as usize) < n && index[s as usize] == usize::MAX {
                index[s as usize] = 0;
                states.push(s as usize);
            }
        }
    }
    states.sort_unstable();
    for (i, &s) in states.iter().enumerate() {
        index[s] = i;
    }
    let m = states.len();
    if m > MAX_MARKOV_STATES {
        return Err(m);
    }
    let mut start_total = 0u64;
    let mut start_conv = 0u64;
    let mut p0 = vec![0.0; m];
    let mut row_total = vec![0u64; m];
    for &(a, b, c) in &entries {
        if a == start {
            start_total = start_total.saturating_add(c);
            if (b as usize) < n {
                p0[index[b as usize]] += c as f64;
            } else if b == conv {
                start_conv = start_conv.saturating_add(c);
            }
        } else if (a as usize) < n {
            let t = &mut row_total[index[a as usize]];
            *t = t.saturating_add(c);
        }
    }
    if start_total == 0 {
        return Ok((None, effects));
    }
    // A = I - Q, r = one-step conversion probabilities.
    let mut a = vec![0.0; m * m];
    let mut r = vec![0.0; m];
    for i in 0..m {
        a[i * m + i] = 1.0;
    }
    for &(from, to, c) in &entries {
        if (from as usize) >= n {
            continue;
        }
        let i = index[from as usize];
        let p = c as f64 / row_total[i] as f64;
        if (to as usize) < n {
            a[i * m + index[to as usize]] -= p;
        } else if to == conv {
            r[i] += p;
        }
    }
    for p in &mut p0 {
        *p /= start_total as f64;
    }
    let Some(inv) = invert(&mut a, m) else {
        return Ok((None, effects));
    };
    let x: Vec<f64> = (0..m)
        .map(|i| (0..m).map(|j| inv[i * m + j] * r[j]).sum())
        .collect();
    let p: f64 =
        start_conv as f64 / start_total as f64 + p0.iter().zip(&x).map(|(a, b)| a * b).sum::<f64>();
    if p > 0.0 {
        for (i, &s) in states.iter().enumerate() {
            let g: f64 = (0..m).map(|k| p0[k] * inv[k * m + i]).sum();
            let h = g / inv[i * m + i];
            effects[s] = (h * x[i] / p).clamp(0.0, 1.0);
        }
    }
    Ok((Some(p), effects))
}

/// Inverse of the `m x m` matrix `a` (row-major; destroyed) by Gauss-Jordan
/// elimination with partial pivoting; `None` if singular.
fn invert(a: &mut [f64], m: usize) -> Option<Vec<f64>> {
    let mut inv = vec![0.0; m * m];
    for i in 0..m {
        inv[i * m + i] = 1.0;
    }
    for col in 0..m {
        let pivot =
            (col..m).max_by(|&x, &y| a[x * m + col].abs().total_cmp(&a[y * m + col].abs()))?;
        if a[pivot * m + col].abs() < 1e-12 {
            return None;
        }
        if pivot != col {
            for k in 0..m {
                a.swap(pivot * m + k, col * m + k);
                inv.swap(pivot * m + k, col * m + k);
            }
        }
        let d = a[col * m + col];
        for k in 0..m {
            a[col * m + k] /= d;
            inv[col * m + k] /= d;
        }
        for row in 0..m {
            if row == col {
                continue;
            }
            let f = a[row * m + col];
            if f == 0.0 {
                continue;
            }
            for k in 0..m {
                a[row * m + k] -= f * a[col * m + k];
                inv[row * m + k] -= f * inv[col * m + k];
            }
        }
    }
    Some(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds the count table of paths over `n` states.
    fn table(n: u32, paths: &[(&[u32], bool)]) -> PairTable<u64> {
        let mut t = PairTable::new(n + 3);
        for (path, converted) in paths {
            *t.cell(n, path[0]) += 1;
            for w in path.windows(2) {
                *t.cell(w[0], w[1]) += 1;
            }
            *t.cell(path[path.len() - 1], if *converted { n + 1 } else { n + 2 }) += 1;
        }
        t
    }

    #[test]
    fn textbook_example() {
        // Paths: A>B conv, A null, B conv... states A=0, B=1, C=2.
        // c1: A > B > conv ; c2: A > C > null ; c3: B > conv ; c4: C > null
        let t = table(
            3,
            &[
                (&[0, 1], true),
                (&[0, 2], false),
                (&[1], true),
                (&[2], false),
            ],
        );
        let (p, re) = removal_effects(&t, 3).unwrap();
        // start: A 1/2, B 1/4, C 1/4. A: B 1/2, C 1/2. B: conv. C: null.
        // x_A = 1/2, x_B = 1, x_C = 0; P = 1/2*1/2 + 1/4 = 1/2.
        assert!((p.unwrap() - 0.5).abs() < 1e-12);
        // Without A: only start>B>conv: 1/4 -> RE_A = 1/2.
        // Without B: 0 -> RE_B = 1. Without C: P unchanged -> 0.
        assert!((re[0] - 0.5).abs() < 1e-12);
        assert!((re[1] - 1.0).abs() < 1e-12);
        assert!(re[2].abs() < 1e-12);
    }

    #[test]
    fn loops_and_self_loops() {
        // A > B > A > conv ; A > A > null
        let t = table(2, &[(&[0, 1, 0], true), (&[0, 0], false)]);
        let (p, re) = removal_effects(&t, 2).unwrap();
        // From A (4 exits): B 1/4, A 1/4, conv 1/4, null 1/4; from B: A.
        // x_A = 1/4 x_B + 1/4 x_A + 1/4, x_B = x_A -> x_A = 1/2 x_A + 1/4 -> 1/2.
        assert!((p.unwrap() - 0.5).abs() < 1e-12);
        assert!((re[0] - 1.0).abs() < 1e-12);
        // Without B: x_A = 1/4 x_A + 1/4 -> 1/3; RE_B = 1 - (1/3)/(1/2) = 1/3.
        assert!((re[1] - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn empty_and_singular() {
        let t = PairTable::<u64>::new(5);
        assert_eq!(removal_effects(&t, 2), Ok((None, vec![0.0, 0.0])));
        let mut t = PairTable::<u64>::new(4);
        *t.cell(1, 0) += 1; // start > A, A > A forever
        *t.cell(0, 0) += 1;
        assert_eq!(removal_effects(&t, 1).unwrap().0, None);
    }

    #[test]
    fn too_many_states_are_refused_before_the_matrix() {
        // A chain through MAX_MARKOV_STATES + 1 states.
        let n = MAX_MARKOV_STATES as u32 + 1;
        let path: Vec<u32> = (0..n).collect();
        let t = table(n, &[(&path, true)]);
        assert_eq!(removal_effects(&t, n as usize), Err(n as usize));
        let path: Vec<u32> = (0..n - 1).collect();
        let t = table(n - 1, &[(&path, true)]);
        let (p, re) = removal_effects(&t, n as usize - 1).unwrap();
        assert_eq!(p, Some(1.0));
        assert!(re.iter().all(|&r| (r - 1.0).abs() < 1e-9));
    }
}
