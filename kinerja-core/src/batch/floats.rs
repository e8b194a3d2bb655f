//! Float columns read exactly: each `f64` as the decimal it was written as.
//!
//! A float64 column (what pandas reads from a CSV) holds `9.12` as the double nearest to
//! 9.12. The column is scanned once for the smallest scale `s ≤ 10` at which every value `x`
//! is exactly `round(x · 10^s) / 10^s` (the division correctly rounded, so the decimal with
//! `s` places rounds back to `x`) and `|x · 10^s| < 2^51` (so that decimal is the only one with
//! `s` places that does). The kernels then read `round(x · 10^s)` per row — the same
//! computation the scan checked — without a converted copy of the column. A column that
//! needs more places, or values too large for that, is not read this way (the caller then
//! converts each value through its shortest representation).

use super::*;

/// Powers of ten as doubles, exact up to 10^10.
const POW10_F: [f64; 11] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];
/// Largest |x·10^s| for which a decimal with `s` places is the unique one of its double.
const UNIQUE_LIMIT: f64 = 2_251_799_813_685_248.0; // 2^51
/// 1.5 · 2^52: adding and subtracting it rounds a double below 2^51 to an integer (ties to
/// even) with two additions instead of a library call.
const ROUNDER: f64 = 6_755_399_441_055_744.0;
/// Values per chunk of the parallel scan.
const SCAN_CHUNK: usize = 1 << 16;

/// `x · factor` rounded to an integer (valid for results below 2^51 in magnitude).
#[inline(always)]
pub(super) fn scaled(x: f64, factor: f64) -> f64 {
    (x * factor + ROUNDER) - ROUNDER
}

/// Whether `x` is exactly a decimal with the places of `factor` (10^s), below the limit
/// (both tests always made, without a branch, so blocks of values run on vector registers).
#[inline(always)]
fn holds(x: f64, factor: f64) -> bool {
    let y = scaled(x, factor);
    (y.abs() < UNIQUE_LIMIT) & (y / factor == x)
}

/// A float64 column whose values all hold exactly at one scale (see the module docs); made
/// by [`DecimalColumn::from_f64`] only.
#[derive(Debug, Clone, Copy)]
pub struct Floats<'a> {
    values: &'a [f64],
    factor: f64,
}

impl Floats<'_> {
    #[inline(always)]
    pub(super) fn get(&self, i: usize) -> Option<i128> {
        // `scaled` is below 2^51 here (checked by the scan), so the cast is exact (and one
        // instruction through i64, where a cast to i128 is a library call).
        self.get_i64(i).map(i128::from)
    }
    /// `get` as the `i64` it is.
    #[inline(always)]
    pub(super) fn get_i64(&self, i: usize) -> Option<i64> {
        self.values.get(i).map(|x| scaled(*x, self.factor) as i64)
    }
    pub(super) fn len(&self) -> usize {
        self.values.len()
    }
}

/// What the scan of one chunk found.
enum Scan {
    /// Every valid value holds at this scale (the smallest such).
    Scale(usize),
    /// A value needs more than 10 places or is too large: not readable this way.
    Unfit,
    /// The first row (absolute) that is NaN or infinite.
    NotFinite(usize),
}

/// Values per block that [`scan`] first checks at once, without a branch per value (so the
/// check runs on vector registers).
const BLOCK: usize = 64;

/// Whether every value of `xs` holds at `factor` (no early exit: one vectorised pass).
#[inline(always)]
fn all_hold(xs: &[f64], factor: f64) -> bool {
    xs.iter().fold(true, |ok, x| ok & holds(*x, factor))
}

/// Scans `values[lo..lo + len]` from `scale` upwards: block by block, value by value only in
/// a block that does not hold at the current scale.
fn scan(values: &[f64], validity: Option<Bits>, lo: usize, mut scale: usize) -> Scan {
    let rest = values.get(lo..).unwrap_or(&[]);
    let chunk = rest.get(..SCAN_CHUNK).unwrap_or(rest);
    let mut factor = POW10_F.get(scale).copied().unwrap_or(1.0);
    for (b, block) in chunk.chunks(BLOCK).enumerate() {
        if all_hold(block, factor) {
            continue;
        }
        for (j, x) in block.iter().enumerate() {
            let k = b * BLOCK + j;
            match scan_value(chunk, validity, lo, k, *x, (scale, factor)) {
                Ok(None) => {}
                Ok(Some(s)) => {
                    scale = s;
                    factor = POW10_F.get(s).copied().unwrap_or(1.0);
                }
                Err(found) => return found,
            }
        }
    }
    Scan::Scale(scale)
}

/// Value `k` of `chunk` (row `lo + k`) at the current `(scale, factor)`: `Ok(None)` when it
/// holds or is null, `Ok(Some(s))` for the larger scale at which it and every earlier value
/// hold, `Err` when no scale does or the value is not finite.
fn scan_value(
    chunk: &[f64],
    validity: Option<Bits>,
    lo: usize,
    k: usize,
    x: f64,
    (scale, factor): (usize, f64),
) -> Result<Option<usize>, Scan> {
    if holds(x, factor) || validity.is_some_and(|v| !v.get(lo + k)) {
        return Ok(None);
    }
    if !x.is_finite() {
        return Err(Scan::NotFinite(lo + k));
    }
    let Some(s) = (scale + 1..POW10_F.len()).find(|s| POW10_F.get(*s).is_some_and(|f| holds(x, *f))) else {
        return Err(Scan::Unfit);
    };
    // A value before this one may not hold at the new scale (too large): rescan.
    let factor = POW10_F.get(s).copied().unwrap_or(1.0);
    let earlier = chunk.get(..k).unwrap_or(&[]);
    if !earlier.iter().enumerate().all(|(j, y)| holds(*y, factor) || validity.is_some_and(|v| !v.get(lo + j)))
    {
        return Err(Scan::Unfit);
    }
    Ok(Some(s))
}

impl<'a> DecimalColumn<'a> {
    /// A float64 column read exactly (each value as its decimal): `Ok(Some(column))` when every
    /// valid value is a decimal with at most 10 places that the double holds uniquely (the
    /// column's scale is the smallest such); `Ok(None)` when some value is not (convert
    /// those through their shortest representation instead). A NaN or infinite value (the
    /// first one) is an [`Error::Input`] naming its row and `field`, in either case.
    ///
    /// ```
    /// use kinerja_core::batch::DecimalColumn;
    /// let v = [9.12, 100.0, 0.5];
    /// let c = DecimalColumn::from_f64(&v, None, "actual").unwrap().unwrap();
    /// assert_eq!((c.raw(0), c.scale), (Some(912), 2));
    /// assert!(DecimalColumn::from_f64(&[0.1 + 0.2], None, "actual").unwrap().is_none());
    /// assert!(DecimalColumn::from_f64(&[f64::NAN], None, "actual").is_err());
    /// ```
    pub fn from_f64(
        values: &'a [f64],
        validity: Option<Bits<'a>>,
        field: &str,
    ) -> Result<Option<Self>, Error> {
        let starts: Vec<usize> = (0..values.len()).step_by(SCAN_CHUNK).collect();
        let found: Vec<Scan> = starts.par_iter().map(|lo| scan(values, validity, *lo, 0)).collect();
        let not_finite = |row: usize| {
            let x = values.get(row).copied().unwrap_or(f64::NAN);
            Error::Input {
                at: Location::row(row as u64),
                field: field.into(),
                reason: format!("{x} is not a number (NaN and infinities are not accepted)"),
            }
        };
        let mut scale = 0;
        for f in &found {
            match f {
                Scan::NotFinite(row) => return Err(not_finite(*row)),
                Scan::Unfit => {
                    scale = usize::MAX;
                    break;
                }
                Scan::Scale(s) => scale = scale.max(*s),
            }
        }
        if scale == usize::MAX {
            // A chunk stopped early: a NaN after that point is still refused.
            let valid = |i: usize| validity.is_none_or(|v| v.get(i));
            return match values.iter().enumerate().position(|(i, x)| valid(i) && !x.is_finite()) {
                Some(row) => Err(not_finite(row)),
                None => Ok(None),
            };
        }
        // Chunks that settled on a smaller scale are checked again at the column's.
        let again: Vec<Scan> = starts
            .par_iter()
            .zip(found.par_iter())
            .filter(|(_, f)| matches!(f, Scan::Scale(s) if *s < scale))
            .map(|(lo, _)| scan(values, validity, *lo, scale))
            .collect();
        if again.iter().any(|f| !matches!(f, Scan::Scale(s) if *s == scale)) {
            return Ok(None);
        }
        let factor = POW10_F.get(scale).copied().unwrap_or(1.0);
        Ok(Some(DecimalColumn {
            values: Mantissas::F64(Floats { values, factor }),
            scale: scale as u32,
            validity,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(v: &[f64]) -> Option<(Vec<Option<i128>>, u32)> {
        let c = DecimalColumn::from_f64(v, None, "x").ok()??;
        Some(((0..v.len()).map(|i| c.raw(i)).collect(), c.scale))
    }

    #[test]
    fn smallest_common_scale() {
        assert_eq!(read(&[1.0, 2.5, 9.12]), Some((vec![Some(100), Some(250), Some(912)], 2)));
        assert_eq!(read(&[3.0, -4.0]), Some((vec![Some(3), Some(-4)], 0)));
        assert_eq!(read(&[0.1234567891]), Some((vec![Some(1_234_567_891)], 10)));
        assert_eq!(read(&[]), Some((vec![], 0)));
    }

    #[test]
    fn values_the_scan_cannot_hold_are_refused() {
        assert_eq!(read(&[0.1 + 0.2]), None); // 0.30000000000000004
        assert_eq!(read(&[1e300]), None);
        assert_eq!(read(&[0.12345678912]), None); // 11 places
        // large value read first at scale 0, then a value that needs 6 places: 1e12 · 10^6
        // is past the limit, so the column cannot share a scale
        assert_eq!(read(&[1e12, 0.000001]), None);
    }

    #[test]
    fn a_scale_raised_late_in_a_later_chunk_is_applied_to_every_chunk() {
        let mut v = vec![1.0; SCAN_CHUNK * 2 + 5];
        if let Some(x) = v.last_mut() {
            *x = 0.125;
        }
        let (m, s) = read(&v).unwrap();
        assert_eq!(s, 3);
        assert_eq!(m.first(), Some(&Some(1000)));
        assert_eq!(m.last(), Some(&Some(125)));
        // and a chunk whose large value cannot take the raised scale makes the column unfit
        if let Some(x) = v.first_mut() {
            *x = 1e13;
        }
        assert_eq!(read(&v), None);
    }

    #[test]
    fn nulls_are_skipped_and_non_finite_values_named() {
        let v = [f64::NAN, 1.5];
        let bits = [0b10u8];
        let c = DecimalColumn::from_f64(&v, Some(Bits { bytes: &bits, offset: 0 }), "x").unwrap().unwrap();
        assert_eq!((c.raw(0), c.raw(1), c.scale), (None, Some(15), 1));
        let e = DecimalColumn::from_f64(&[1.0, f64::INFINITY], None, "actual").unwrap_err();
        assert!(e.to_string().contains("inf is not a number"), "{e}");
        assert_eq!(e.location().and_then(|l| l.row), Some(1));
        // after a value the scan cannot hold, a NaN is still found
        let e = DecimalColumn::from_f64(&[0.1 + 0.2, 1.0, f64::NAN], None, "target").unwrap_err();
        assert_eq!(e.location().and_then(|l| l.row), Some(2));
        // and the first NaN is named even when a later chunk met one before its scan stopped
        let mut v = vec![1.0; SCAN_CHUNK + 2];
        v[0] = 0.1 + 0.2;
        v[3] = f64::NAN;
        v[SCAN_CHUNK + 1] = f64::NAN;
        let e = DecimalColumn::from_f64(&v, None, "target").unwrap_err();
        assert_eq!(e.location().and_then(|l| l.row), Some(3));
    }

    proptest::proptest! {
        /// Whatever the column, a value read in place is the decimal of its shortest
        /// representation (what `repr` prints), and a refused column has a value the scan
        /// cannot hold.
        #[test]
        fn reads_the_shortest_representation(
            v in proptest::collection::vec(
                proptest::prop_oneof![
                    300 => (-10_000_000i64..10_000_000, 0u32..6).prop_map(|(m, s)| m as f64 / 10f64.powi(s as i32)),
                    1 => proptest::num::f64::NORMAL,
                ],
                0..200, // several blocks of the scan
            )
        ) {
            let common = (0..=10).any(|s| v.iter().all(|x| holds(*x, 10f64.powi(s))));
            match DecimalColumn::from_f64(&v, None, "x").unwrap() {
                Some(c) => {
                    prop_assert!(common);
                    for (i, x) in v.iter().enumerate() {
                        let text = format!("{x:?}");
                        let d = Decimal::from_str_exact(&text).or_else(|_| Decimal::from_scientific(&text)).unwrap();
                        let m = c.raw(i).unwrap();
                        prop_assert_eq!(Decimal::from_i128_with_scale(m, c.scale).normalize(), d.normalize());
                    }
                }
                None => prop_assert!(!common, "refused a column that holds at one scale"),
            }
        }
    }
}
