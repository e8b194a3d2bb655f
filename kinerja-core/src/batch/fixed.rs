//! Fixed-point arithmetic of the fast path: powers of ten, division with remainder,
//! rounding of a fixed-point value with a safety margin, conversions from and to `Decimal`.

use super::*;

/// Decimal places of the fast path's fixed-point achievements (percent).
pub const FIXED_SCALE: u32 = 12;
/// Rows per parallel chunk.
pub(super) const CHUNK: usize = 1 << 14;
/// Employees per parallel chunk.
pub(super) const EMP_CHUNK: usize = 1 << 12;
/// Safety margin, in units of the last fixed place, kept from every rounding boundary.
pub(super) const MARGIN: i128 = 4;
/// Largest fixed-point achievement on the fast path (10⁷ percent): far inside the range in
/// which `rust_decimal` keeps more than 20 decimal places.
pub(super) const FIXED_MAX: i128 = 10_000_000 * POW10[FIXED_SCALE as usize];

pub(super) const POW10: [i128; 39] = {
    let mut t = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Powers of ten that fit a `u64` (10^0 … 10^19).
pub(super) const POW10_U64: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// `a × b`, on one 64 × 64 → 128-bit multiplication when both are non-negative 64-bit
/// values (a weight times a fixed-point achievement), else checked on 128 bits.
#[inline(always)]
pub(super) fn mul_wide(a: i128, b: i128) -> Option<i128> {
    match (u64::try_from(a), u64::try_from(b)) {
        (Ok(x), Ok(y)) => i128::try_from(u128::from(x) * u128::from(y)).ok(),
        _ => a.checked_mul(b),
    }
}

/// Quotient and remainder of `n / d` for `n >= 0`, `d > 0`, on one 64-bit division when
/// both fit (the common case), else on 128 bits.
#[inline(always)]
pub(super) fn divrem(n: i128, d: i128) -> (i128, i128) {
    if let (Ok(nu), Ok(du)) = (u64::try_from(n), u64::try_from(d)) {
        if let (Some(q), Some(r)) = (nu.checked_div(du), nu.checked_rem(du)) {
            return (i128::from(q), i128::from(r));
        }
    }
    if d == 0 {
        return (0, 0);
    }
    let q = n / d;
    (q, n - q * d)
}

/// `divrem` for a power-of-ten divisor: constant divisors compile to multiplications.
#[inline(always)]
pub(super) fn divrem_step(v: i128, step: i128) -> (i128, i128) {
    macro_rules! by {
        ($v:expr, $($d:literal),*) => {
            match step {
                $($d => (i128::from($v / $d), i128::from($v % $d)),)*
                _ => divrem(v, step),
            }
        };
    }
    match u64::try_from(v) {
        Ok(x) => by!(
            x,
            10,
            100,
            1_000,
            10_000,
            100_000,
            1_000_000,
            10_000_000,
            100_000_000,
            1_000_000_000,
            10_000_000_000,
            100_000_000_000,
            1_000_000_000_000
        ),
        Err(_) => divrem(v, step),
    }
}

/// `n / d` and `n % d` (`None` for `d` 0), on multiplications for the usual sums of weights
/// (100, or 2 to 10 rows of weight 1).
#[inline(always)]
pub(super) fn divrem_small(n: u64, d: u64) -> Option<(u64, u64)> {
    macro_rules! by {
        ($($d:literal),*) => {
            match d {
                $($d => (n / $d, n % $d),)*
                _ => (n.checked_div(d)?, n.checked_rem(d)?),
            }
        };
    }
    Some(by!(2, 3, 4, 5, 6, 7, 8, 9, 10, 100))
}

#[inline(always)]
pub(super) fn pow10(e: u32) -> Option<i128> {
    POW10.get(e as usize).copied()
}

/// The decimal of mantissa `m` at `scale` places; when `rust_decimal` cannot hold that many
/// places for so large a value, the same number with trailing zeros dropped (as
/// [`Rounding::apply`] gives it), `None` only when it cannot hold the number at all.
pub(super) fn decimal_of(mut m: i128, mut scale: u32) -> Option<Decimal> {
    loop {
        if let Ok(d) = Decimal::try_from_i128_with_scale(m, scale) {
            return Some(d);
        }
        if scale == 0 || m % 10 != 0 {
            return None;
        }
        m /= 10;
        scale -= 1;
    }
}

/// The mantissa of `d` at exactly `scale` places (`None` if it does not fit an `i128`).
/// [`Rounding::apply`] keeps a smaller scale when `rust_decimal` cannot hold the value at the
/// declared one (about 7.9e28 / 10^scale), so its mantissa alone is not at `scale`.
pub(super) fn mantissa_at(d: Decimal, scale: u32) -> Option<i128> {
    match scale.checked_sub(d.scale()) {
        Some(up) => d.mantissa().checked_mul(pow10(up)?),
        None => {
            let down = pow10(d.scale() - scale)?;
            (d.mantissa() % down == 0).then(|| d.mantissa() / down)
        }
    }
}
