//! Text ids (NIPs) numbered in order of first appearance, and the index from an id to its
//! number. A large index is split into partitions by a hash of the id, and the partitions are
//! built on all threads at once; a small one is a single hash map.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::FxBuildHasher;

/// Ids per partition of a large index.
const PER_PART: usize = 1 << 15;
/// At most `2^MAX_BITS` partitions.
const MAX_BITS: u32 = 8;
/// Rows per chunk split by partition on one thread.
const CHUNK: usize = 1 << 16;

/// One indexed id: its hash, the id, its number.
type Entry<'a> = (u64, &'a str, u32);

/// Text id → its number, in partitions (see the module docs).
pub(crate) struct IdIndex<'a> {
    parts: Vec<HashTable<Entry<'a>>>,
    bits: u32,
}

/// The number of partition bits for about `n` ids (0: one partition).
fn bits_for(n: usize) -> u32 {
    (n / PER_PART).next_power_of_two().trailing_zeros().min(MAX_BITS)
}

/// The hash of an id.
#[inline]
fn hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

/// The partition of hash `h` among `2^bits`: its top bits mixed once more, so that they are
/// not the bits the partition's own table uses.
#[inline]
fn part_of(h: u64, bits: u32) -> usize {
    if bits == 0 {
        return 0;
    }
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

impl<'a> IdIndex<'a> {
    /// An empty index sized for about `n` ids.
    pub(crate) fn with_capacity(n: usize) -> Self {
        let bits = bits_for(n);
        let per = (n >> bits) + (n >> bits) / 8;
        IdIndex { parts: (0..1usize << bits).map(|_| HashTable::with_capacity(per)).collect(), bits }
    }

    /// The number of `id`, if indexed.
    #[inline]
    pub(crate) fn get(&self, id: &str) -> Option<u32> {
        let h = hash(id);
        let part = self.parts.get(part_of(h, self.bits))?;
        part.find(h, |(hk, k, _)| *hk == h && *k == id).map(|(_, _, v)| *v)
    }

    /// Indexes `id` as number `v` (replacing an earlier number).
    pub(crate) fn insert(&mut self, id: &'a str, v: u32) {
        let h = hash(id);
        if let Some(part) = self.parts.get_mut(part_of(h, self.bits)) {
            let entry = part.entry(h, |(hk, k, _)| *hk == h && *k == id, |(hk, _, _)| *hk);
            entry.insert((h, id, v));
        }
    }

    /// Numbers the distinct ids of `rows` in order of first appearance: the index, and each
    /// number's first row. `rows` ascend and `id` gives each one's id; with many rows the
    /// partitions are built in parallel.
    pub(crate) fn first_appearances(rows: &[u32], id: impl Fn(u32) -> &'a str + Sync) -> (Self, Vec<u32>) {
        Self::first_appearances_in(rows, id, bits_for(rows.len()))
    }

    /// [`IdIndex::first_appearances`] into `2^bits` partitions.
    fn first_appearances_in(rows: &[u32], id: impl Fn(u32) -> &'a str + Sync, bits: u32) -> (Self, Vec<u32>) {
        let n_parts = 1usize << bits;
        // each chunk of rows split by partition, entries in row order (the id read once)
        let chunks: Vec<Vec<Vec<Entry>>> = rows
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, rows)| {
                let mut parts: Vec<Vec<Entry>> =
                    (0..n_parts).map(|_| Vec::with_capacity(rows.len() / n_parts + 16)).collect();
                for (k, r) in rows.iter().enumerate() {
                    let id = id(*r);
                    let h = hash(id);
                    if let Some(p) = parts.get_mut(part_of(h, bits)) {
                        p.push((h, id, (c * CHUNK + k) as u32));
                    }
                }
                parts
            })
            .collect();
        // each partition, chunk after chunk: its ids → the position of their first row
        let mut parts: Vec<(HashTable<Entry>, Vec<u32>)> = (0..n_parts)
            .into_par_iter()
            .map(|p| {
                let entries = chunks.iter().filter_map(|c| c.get(p)).flatten();
                let len = chunks.iter().filter_map(|c| c.get(p)).map(Vec::len).sum();
                let mut table = HashTable::with_capacity(len);
                let mut firsts = Vec::new();
                for &(h, k, pos) in entries {
                    let entry = table.entry(h, |(hk, x, _)| *hk == h && *x == k, |(hk, _, _)| *hk);
                    if let hashbrown::hash_table::Entry::Vacant(v) = entry {
                        v.insert((h, k, pos));
                        firsts.push(pos);
                    }
                }
                (table, firsts)
            })
            .collect();
        drop(chunks);
        if parts.iter().map(|(_, firsts)| firsts.len()).sum::<usize>() == rows.len() {
            // every row a first appearance (the usual employee table): positions are numbers
            return (IdIndex { parts: parts.into_iter().map(|(t, _)| t).collect(), bits }, rows.to_vec());
        }
        // numbers in order of first rows; the tables then hold numbers instead of positions
        let mut number = vec![u32::MAX; rows.len()];
        for (_, firsts) in &parts {
            for pos in firsts {
                if let Some(n) = number.get_mut(*pos as usize) {
                    *n = 0;
                }
            }
        }
        let mut first_rows = Vec::new();
        for (n, r) in number.iter_mut().zip(rows) {
            if *n == 0 {
                *n = first_rows.len() as u32;
                first_rows.push(*r);
            }
        }
        parts.par_iter_mut().for_each(|(table, _)| {
            for (_, _, v) in table.iter_mut() {
                *v = number.get(*v as usize).copied().unwrap_or(u32::MAX);
            }
        });
        (IdIndex { parts: parts.into_iter().map(|(t, _)| t).collect(), bits }, first_rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rustc_hash::FxHashMap;

    /// The numbering a single sequential pass gives.
    fn sequential<'a>(ids: &[&'a str]) -> (FxHashMap<&'a str, u32>, Vec<u32>) {
        let (mut index, mut firsts) = (FxHashMap::default(), Vec::new());
        for (r, id) in ids.iter().enumerate() {
            index.entry(*id).or_insert_with(|| {
                firsts.push(r as u32);
                firsts.len() as u32 - 1
            });
        }
        (index, firsts)
    }

    fn check(ids: &[&str], bits: u32) -> Result<(), TestCaseError> {
        let rows: Vec<u32> = (0..ids.len() as u32).collect();
        let id = |r: u32| ids.get(r as usize).copied().unwrap_or("");
        let (index, firsts) = IdIndex::first_appearances_in(&rows, id, bits);
        let (want, want_firsts) = sequential(ids);
        prop_assert_eq!(&firsts, &want_firsts);
        for (id, n) in &want {
            prop_assert_eq!(index.get(id), Some(*n));
        }
        prop_assert_eq!(index.get("not an id"), None);
        prop_assert_eq!(index.parts.iter().map(HashTable::len).sum::<usize>(), want.len());
        Ok(())
    }

    /// A large column: many partitions, each id repeated, in shuffled and in sorted order.
    #[test]
    fn many_partitions_number_ids_as_one_pass_does() -> Result<(), TestCaseError> {
        let n: usize = 300_000;
        let owned: Vec<String> = (0..n).map(|i| format!("1980{:014}", (i * 7919) % (n / 3))).collect();
        let ids: Vec<&str> = owned.iter().map(String::as_str).collect();
        let bits = bits_for(ids.len());
        assert!(bits > 2);
        check(&ids, bits)?;
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        check(&sorted, bits)?;
        // every id once (the usual employee table), in shuffled order
        let owned: Vec<String> = (0..n).map(|i| format!("1980{:014}", (i * 7919) % n)).collect();
        let distinct: Vec<&str> = owned.iter().map(String::as_str).collect();
        check(&distinct, bits)
    }

    proptest! {
        /// Any ids, with repeats, in one to eight partitions, numbered as one sequential pass
        /// numbers them.
        #[test]
        fn first_appearances_as_one_pass(ids in prop::collection::vec("[a-c]{0,3}", 0..200), bits in 0u32..4) {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            check(&ids, bits)?;
        }
    }

    /// An index sized for many ids finds what was inserted, across its partitions.
    #[test]
    fn inserted_ids_are_found() {
        let owned: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
        let mut index = IdIndex::with_capacity(owned.len());
        assert!(index.parts.len() > 1);
        for (k, id) in owned.iter().enumerate() {
            index.insert(id, k as u32);
        }
        assert!(owned.iter().enumerate().all(|(k, id)| index.get(id) == Some(k as u32)));
        assert_eq!(index.get("-1"), None);
        index.insert("7", 1);
        assert_eq!(index.get("7"), Some(1));
    }

    /// A small index is one table and a large one is split, one partition per `PER_PART` ids
    /// (rounded up to a power of two), at most `2^MAX_BITS` partitions.
    #[test]
    fn partition_bits_follow_the_number_of_ids() {
        let cases = [
            (0, 0),
            (1, 0),
            (PER_PART - 1, 0),
            (PER_PART, 0),
            (2 * PER_PART, 1),
            (3 * PER_PART, 2),
            (300_000, 4),
            (255 * PER_PART, 8),
            (usize::MAX, 8),
        ];
        for (n, bits) in cases {
            assert_eq!(bits_for(n), bits, "{n} ids");
        }
    }

    /// The ids are spread over every partition: none empty, none with more than twice its
    /// share (with one hash for every id they would all fall into one).
    #[test]
    fn ids_are_spread_over_the_partitions() {
        let owned: Vec<String> = (0..4_000).map(|i| format!("19800101{i:010}")).collect();
        let mut index = IdIndex::with_capacity(300_000);
        assert_eq!(index.parts.len(), 16);
        for (k, id) in owned.iter().enumerate() {
            index.insert(id, k as u32);
        }
        let share = 4_000 / 16;
        let sizes: Vec<usize> = index.parts.iter().map(HashTable::len).collect();
        assert!(sizes.iter().all(|n| *n > 0 && *n < 2 * share), "{sizes:?}");
        let rows: Vec<u32> = (0..owned.len() as u32).collect();
        let id = |r: u32| owned.get(r as usize).map_or("", String::as_str);
        let (numbered, _) = IdIndex::first_appearances_in(&rows, id, 4);
        let sizes: Vec<usize> = numbered.parts.iter().map(HashTable::len).collect();
        assert!(sizes.iter().all(|n| *n > 0 && *n < 2 * share), "{sizes:?}");
    }

    /// An index sized for `n` ids holds `n` distinct ids without any partition growing, and
    /// reserves at most twice what it needs.
    #[test]
    fn an_index_sized_for_n_ids_holds_them_without_growing() {
        for n in [0, 1_000, PER_PART, 7 * PER_PART / 2, 300_000] {
            let owned: Vec<String> = (0..n).map(|i| format!("1980{i:014}")).collect();
            let mut index = IdIndex::with_capacity(n);
            let before: Vec<usize> = index.parts.iter().map(HashTable::capacity).collect();
            assert!(before.iter().sum::<usize>() <= 2 * n, "{n} ids: {before:?}");
            for (k, id) in owned.iter().enumerate() {
                index.insert(id, k as u32);
            }
            let after: Vec<usize> = index.parts.iter().map(HashTable::capacity).collect();
            assert_eq!(before, after, "{n} ids");
        }
    }

    /// Two ids with one 64-bit hash (the hash of a 16-byte id is symmetric in its two halves,
    /// so these two collide): each is its own entry, inserted, found and numbered apart.
    #[test]
    fn ids_with_one_hash_are_told_apart() -> Result<(), TestCaseError> {
        let (a, b) = ("ÚA1aBkbÚA1aBkb", "TᒷǢMUTᒷǢMU");
        assert_eq!(hash(a), hash(b));
        let mut index = IdIndex::with_capacity(2);
        index.insert(a, 0);
        assert_eq!((index.get(a), index.get(b)), (Some(0), None));
        index.insert(b, 1);
        assert_eq!((index.get(a), index.get(b)), (Some(0), Some(1)));
        let ids = [a, b, a, b];
        for bits in 0..3 {
            check(&ids, bits)?;
        }
        Ok(())
    }
}
