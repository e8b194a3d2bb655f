//! Column widths: the shares the document asks for, widened where a header word, a word of a
//! cell or a number (numbers are never broken) would not fit, as far as the page allows.

use kinerja_core::document::Table;

use crate::font::Fonts;
use crate::style::BODY;

/// Padding on both sides of a cell's text, when the column is wide enough.
const PADDING: f32 = 8.0;
/// No column asks for more than this share of the table as its minimum.
const MAX_MIN_SHARE: f32 = 0.4;

/// The widths of `t`'s columns across `total` points.
pub(super) fn table_widths(fonts: &Fonts, t: &Table, total: f32) -> Vec<f32> {
    let shares: Vec<u8> = t.columns.iter().map(|c| c.width).collect();
    let wanted = share_widths(&shares, total);
    let mins: Vec<f32> =
        (0..t.columns.len()).map(|i| min_width(fonts, t, i).min(total * MAX_MIN_SHARE)).collect();
    widen(wanted, &mins, total)
}

/// Widths proportional to `shares` (a share of 0 counts as 1).
pub(super) fn share_widths(shares: &[u8], total: f32) -> Vec<f32> {
    let sum: f32 = shares.iter().map(|s| f32::from((*s).max(1))).sum();
    shares.iter().map(|s| total * f32::from((*s).max(1)) / sum.max(1.0)).collect()
}

/// The narrowest width column `i` should have: its widest header word (bold), and its widest
/// cell word — or whole cell for a numeric column.
fn min_width(fonts: &Fonts, t: &Table, i: usize) -> f32 {
    let (regular, bold) = (fonts.face(false), fonts.face(true));
    let numeric = t.columns.get(i).is_some_and(|c| c.numeric);
    let title = t.columns.get(i).map_or("", |c| c.title.as_str());
    let head = widest_word(title, |w| bold.width(w, BODY));
    let cells = t.rows.iter().filter_map(|r| r.get(i)).map(|cell| {
        if numeric { regular.width(cell, BODY) } else { widest_word(cell, |w| regular.width(w, BODY)) }
    });
    cells.fold(head, f32::max) + PADDING
}

fn widest_word(text: &str, width: impl Fn(&str) -> f32) -> f32 {
    text.split_whitespace().map(width).fold(0.0, f32::max)
}

/// `wanted` with every column at least its minimum, the room taken from the columns wider than
/// theirs; unchanged when the minimums do not fit in `total`.
fn widen(wanted: Vec<f32>, mins: &[f32], total: f32) -> Vec<f32> {
    let deficit: f32 = wanted.iter().zip(mins).map(|(w, m)| (m - w).max(0.0)).sum();
    let slack: f32 = wanted.iter().zip(mins).map(|(w, m)| (w - m).max(0.0)).sum();
    if deficit <= 0.0 || mins.iter().sum::<f32>() > total || slack <= 0.0 {
        return wanted;
    }
    let take = (deficit / slack).min(1.0);
    wanted.iter().zip(mins).map(|(w, m)| if w < m { *m } else { w - (w - m) * take }).collect()
}

#[cfg(test)]
mod tests {
    use super::widen;

    #[test]
    fn narrow_columns_take_room_from_wide_ones() {
        let w = widen(vec![10.0, 90.0], &[30.0, 20.0], 100.0);
        assert!((w[0] - 30.0).abs() < 1e-3 && (w[1] - 70.0).abs() < 1e-3, "{w:?}");
        assert_eq!(widen(vec![50.0, 50.0], &[80.0, 80.0], 100.0), vec![50.0, 50.0]);
    }
}
