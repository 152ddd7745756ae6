//! Sparse vectors: `(term id, weight)` pairs sorted by term id.

/// A sparse vector, sorted by term id, each id once.
pub(crate) type Sparse = Vec<(u32, f32)>;

/// `Σ a_t · b_t · w(t)` over the terms both have (a merge join).
pub(crate) fn dot(a: &[(u32, f32)], b: &[(u32, f32)], w: impl Fn(u32) -> f32) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1 * w(a[i].0);
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// `Σ a_t · b_t · w_i²` where `w_i` is the weight of `a`'s `i`-th term (its IDF, computed
/// once per article instead of once per candidate).
pub(crate) fn dot_weighted(a: &[(u32, f32)], w: &[f32], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1 * w[i] * w[i];
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// `a + scale · b`; calls `new_term` for each term `b` brings that `a` lacked.
pub(crate) fn add_scaled(
    a: &[(u32, f32)],
    b: &[(u32, f32)],
    scale: f32,
    mut new_term: impl FnMut(u32),
) -> Sparse {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i == a.len() || b[j].0 < a[i].0 {
            new_term(b[j].0);
            out.push((b[j].0, b[j].1 * scale));
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1 * scale));
            i += 1;
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_and_add() {
        let a = vec![(1, 1.0), (3, 2.0)];
        let b = vec![(2, 5.0), (3, 4.0)];
        assert_eq!(dot(&a, &b, |_| 0.5), 4.0);
        assert_eq!(dot_weighted(&a, &[9.0, 0.5], &b), 2.0);
        let mut fresh = Vec::new();
        let sum = add_scaled(&a, &b, 2.0, |t| fresh.push(t));
        assert_eq!(sum, vec![(1, 1.0), (2, 10.0), (3, 10.0)]);
        assert_eq!(fresh, vec![2]);
    }
}
