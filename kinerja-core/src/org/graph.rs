//! Cycle finding in functional graphs (every node has at most one successor: a unit's parent,
//! an RHK's parent link), iterative so that 10 000-deep chains cannot overflow the stack.

use std::ops::Range;

/// The cycles reachable from the nodes in `starts`, each as its members in walk order,
/// starting with the node where the walk closed the cycle. `next(i)` is node `i`'s successor.
pub(crate) fn functional_cycles(
    n: usize,
    starts: Range<usize>,
    next: impl Fn(usize) -> Option<usize>,
) -> Vec<Vec<usize>> {
    // 0 = unvisited, 1 = on the current walk, 2 = finished.
    let mut state = vec![0u8; n];
    let mut path: Vec<usize> = Vec::new();
    let mut cycles = Vec::new();
    for start in starts {
        if state.get(start) != Some(&0) {
            continue;
        }
        path.clear();
        let mut cur = Some(start);
        while let Some(c) = cur {
            match state.get(c).copied() {
                Some(0) => {
                    if let Some(s) = state.get_mut(c) {
                        *s = 1;
                    }
                    path.push(c);
                    cur = next(c);
                }
                Some(1) => {
                    let pos = path.iter().position(|&x| x == c).unwrap_or(0);
                    cycles.push(path.get(pos..).unwrap_or(&[]).to_vec());
                    break;
                }
                _ => break,
            }
        }
        for &p in &path {
            if let Some(s) = state.get_mut(p) {
                *s = 2;
            }
        }
    }
    cycles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_iteratively() {
        // 0 → 1 → 2 → 0, 3 → 4 → 4, 5 → 0, 6 (no successor)
        let next = [Some(1), Some(2), Some(0), Some(4), Some(4), Some(0), None];
        let c = functional_cycles(7, 0..7, |i| next.get(i).copied().flatten());
        assert_eq!(c, vec![vec![0, 1, 2], vec![4]]);
        let n = 100_000;
        let deep = functional_cycles(n, 0..n, |i| if i + 1 < n { Some(i + 1) } else { Some(0) });
        assert_eq!(deep.first().map(Vec::len), Some(n));
    }
}
