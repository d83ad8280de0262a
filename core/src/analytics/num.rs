//! Exact arithmetic for mergeable results: fixed-point sums and
//! nearest-rank quantiles.
//!
//! Fractional quantities (values, scores, attribution credits, fitness) are
//! summed as `i128` counts of 10^-9, so that sums do not depend on the order
//! of addition: a log split in any way, on any number of threads, gives
//! bit-identical results.

/// Fixed-point scale: one unit is 10^-9.
pub(crate) const SCALE: i128 = 1_000_000_000;

/// `x` in units of 10^-9, rounded to nearest (saturating for huge `x`).
pub(crate) fn to_fixed(x: f64) -> i128 {
    (x * 1e9).round() as i128
}

/// A fixed-point amount back as a float.
pub(crate) fn from_fixed(x: i128) -> f64 {
    if x.unsigned_abs() < 1u128 << 53 {
        // Both exact in f64: the quotient is the double nearest the decimal.
        x as f64 / 1e9
    } else {
        let (q, r) = (x / SCALE, x % SCALE);
        q as f64 + r as f64 / 1e9
    }
}

/// Rounds a float to 9 decimals (the resolution of fixed-point sums).
pub(crate) fn round9(x: f64) -> f64 {
    if !x.is_finite() || x.abs() > 1e15 {
        return x;
    }
    (x * 1e9).round() / 1e9
}

/// Ratio of two counts, `None` when the denominator is zero.
pub(crate) fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Splits `total` units over `weights` (non-negative, not all zero) so that
/// the shares sum exactly to `total`: each gets the floor of its exact share,
/// the remainder goes one unit at a time to the largest fractional parts
/// (ties: the earlier position).
pub(crate) fn distribute(total: i128, weights: &[f64], out: &mut Vec<i128>) {
    out.clear();
    let m = weights.len();
    if m == 0 {
        return;
    }
    let negative = total < 0;
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 || !sum.is_finite() || weights.iter().all(|&w| w == weights[0]) {
        // Equal split, when the weights are equal or say nothing. The steps
        // below would compute every share alike: the same floor for all,
        // then one more unit to the first (ties) of them until the total
        // is reached; that is the quotient each and one more unit to the
        // first `remainder`, here in integers.
        let (t, mi) = (total.unsigned_abs() as i128, m as i128);
        let (each, remainder) = (t / mi, t % mi);
        let sign = if negative { -1 } else { 1 };
        out.extend((0..mi).map(|i| sign * (each + i128::from(i < remainder))));
        return;
    }
    let t = total.unsigned_abs() as i128;
    let tf = t as f64;
    let mut assigned: i128 = 0;
    for w in weights {
        let share = floor_share(tf * (w / sum)).1;
        out.push(share);
        assigned += share;
    }
    // Past 2^53 the floors may overshoot the total: a negative remainder
    // takes whole units back from every share first.
    let mut rem = t - assigned;
    let mi = m as i128;
    if rem < 0 || rem >= mi {
        let each = rem.div_euclid(mi);
        for s in out.iter_mut() {
            *s += each;
        }
        rem -= each * mi;
    }
    if rem > 0 {
        // One more unit to each of the `rem` largest fractional parts
        // (computed as above), ties to the earlier position.
        let frac = |i: usize| {
            let exact = tf * (weights[i] / sum);
            (exact - floor_share(exact).0, i)
        };
        let first = |a: (f64, usize), b: (f64, usize)| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)) == std::cmp::Ordering::Less
        };
        const FEW: usize = 4;
        if rem as usize <= FEW {
            // A few picks: scan for each (no allocation, no sort).
            let mut picked = [usize::MAX; FEW];
            for k in 0..rem as usize {
                let mut best: Option<(f64, usize)> = None;
                for i in (0..m).filter(|i| !picked[..k].contains(i)) {
                    let c = frac(i);
                    let better = match best {
                        None => true,
                        Some(b) => first(c, b),
                    };
                    if better {
                        best = Some(c);
                    }
                }
                if let Some((_, i)) = best {
                    picked[k] = i;
                    out[i] += 1;
                }
            }
        } else {
            let mut fracs: Vec<(f64, usize)> = (0..m).map(frac).collect();
            fracs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            for &(_, i) in fracs.iter().take(rem as usize) {
                out[i] += 1;
            }
        }
    }
    if negative {
        for s in out.iter_mut() {
            *s = -*s;
        }
    }
}

/// `x.floor().max(0.0)`, and it as an integer, for `x >= 0`: without a
/// call to `floor` in the usual range.
fn floor_share(x: f64) -> (f64, i128) {
    if (1.0..4.6e18).contains(&x) {
        // Truncation is the floor for positive numbers; below 2^63 it fits.
        let i = x as i64;
        (i as f64, i128::from(i))
    } else {
        let f = x.floor().max(0.0);
        (f, f as i128)
    }
}

/// Nearest-rank quantile of sorted values: the smallest value with at least
/// `q` of the values at or below it.
#[cfg(test)]
pub(crate) fn nearest_rank(sorted: &[i64], q: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    Some(sorted[rank_index(sorted.len(), q)])
}

/// Index in `n > 0` sorted values of their nearest-rank quantile `q`.
pub(crate) fn rank_index(n: usize, q: f64) -> usize {
    ((q * n as f64).ceil() as usize).clamp(1, n) - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distribute_sums_exactly() {
        let mut out = Vec::new();
        distribute(SCALE, &[1.0, 1.0, 1.0], &mut out);
        assert_eq!(out, [333_333_334, 333_333_333, 333_333_333]);
        distribute(-10, &[0.5, 0.25, 0.25], &mut out);
        assert_eq!(out, [-5, -3, -2]);
        distribute(7, &[0.0, 0.0], &mut out);
        assert_eq!(out, [4, 3]);
        let big = 10i128.pow(24) + 7;
        distribute(big, &[1.0, 2.0, 3.0, 0.1], &mut out);
        assert_eq!(out.iter().sum::<i128>(), big);
        distribute(5, &[1.0], &mut out);
        assert_eq!(out, [5]);
    }

    /// The shares as first written (floor, sort of all fractional parts).
    fn distribute_reference(total: i128, weights: &[f64]) -> Vec<i128> {
        let m = weights.len();
        let sum: f64 = weights.iter().sum();
        if sum <= 0.0 || !sum.is_finite() {
            return distribute_reference(total, &vec![1.0; m]);
        }
        let t = total.unsigned_abs() as i128;
        let tf = t as f64;
        let mut out = Vec::new();
        let mut fracs = Vec::new();
        let mut assigned = 0;
        for (i, w) in weights.iter().enumerate() {
            let exact = tf * (w / sum);
            let floor = exact.floor().max(0.0);
            out.push(floor as i128);
            assigned += floor as i128;
            fracs.push((exact - floor, i));
        }
        let mut rem = t - assigned;
        let mi = m as i128;
        if rem < 0 || rem >= mi {
            let each = rem.div_euclid(mi);
            out.iter_mut().for_each(|s| *s += each);
            rem -= each * mi;
        }
        if rem > 0 {
            fracs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            for &(_, i) in fracs.iter().take(rem as usize) {
                out[i] += 1;
            }
        }
        if total < 0 {
            out.iter_mut().for_each(|s| *s = -*s);
        }
        out
    }

    #[test]
    fn distribute_is_the_reference_split() {
        let mut x = 99u64;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            x >> 11
        };
        let mut out = Vec::new();
        for round in 0..20_000 {
            let m = 1 + (next() % 12) as usize;
            let mut weights: Vec<f64> = (0..m)
                .map(|_| match next() % 5 {
                    0 => 0.0,
                    1 => 1.0,
                    2 => (next() % 1000) as f64 / 7.0,
                    3 => -((next() % 60) as f64).exp2(),
                    _ => (next() % 1_000_000) as f64 * 1e-9,
                })
                .map(f64::abs)
                .collect();
            if round % 3 == 0 {
                // Equal weights (the linear model), zero included.
                let w = weights[0];
                weights.fill(w);
            }
            let total = match round % 4 {
                0 => SCALE,
                1 => (next() % 10_000_000_000) as i128 - 5_000_000_000,
                2 => (next() as i128) << (next() % 60),
                _ => -((next() % 1000) as i128),
            };
            distribute(total, &weights, &mut out);
            assert_eq!(out.iter().sum::<i128>(), total, "{total} {weights:?}");
            assert_eq!(
                out,
                distribute_reference(total, &weights),
                "{total} {weights:?}"
            );
        }
    }

    #[test]
    fn quantiles_and_fixed() {
        let v = [1, 2, 3, 4];
        assert_eq!(nearest_rank(&v, 0.5), Some(2));
        assert_eq!(nearest_rank(&v, 0.9), Some(4));
        assert_eq!(nearest_rank(&[7], 0.9), Some(7));
        assert_eq!(nearest_rank(&[], 0.5), None);
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(nearest_rank(&ten, 0.9), Some(9));
        assert_eq!(from_fixed(to_fixed(12.34)), 12.34);
        assert_eq!(from_fixed(to_fixed(-0.5)), -0.5);
        assert_eq!(from_fixed(333_333_333), 0.333333333);
        assert_eq!(round9(1.0 / 3.0), 0.333333333);
    }
}
