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
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 || !sum.is_finite() {
        // Equal split when the weights say nothing.
        let w = vec![1.0; m];
        return distribute(total, &w, out);
    }
    let negative = total < 0;
    let t = total.unsigned_abs() as i128;
    let tf = t as f64;
    let mut assigned: i128 = 0;
    for w in weights {
        let exact = tf * (w / sum);
        let floor = exact.floor().max(0.0);
        let share = floor as i128;
        out.push(share);
        assigned += share;
    }
    let mut rem = t - assigned;
    let mi = m as i128;
    if rem.abs() >= mi {
        let each = rem.div_euclid(mi);
        for s in out.iter_mut() {
            *s += each;
        }
        rem -= each * mi;
    }
    if rem > 0 {
        // The fractional parts, computed as above.
        let mut fracs: Vec<(f64, usize)> = weights
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let exact = tf * (w / sum);
                (exact - exact.floor().max(0.0), i)
            })
            .collect();
        fracs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, i) in fracs.iter().take(rem as usize) {
            out[i] += 1;
        }
    }
    if negative {
        for s in out.iter_mut() {
            *s = -*s;
        }
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
