//! Lists, bar charts and signature lines.

use kinerja_core::document::{Bar, Bars, Signer};

use super::{Cursor, Op};
use crate::style::{ALERT, BAR, BODY, CONTENT_W, INK, MARGIN, MM, MUTED, Rgb, TRACK, line_height};
use crate::wrap::{cap, wrap};

/// Indent of list item text.
const INDENT: f32 = 14.0;
/// Height of a bar.
const BAR_H: f32 = 10.0;
/// Height of the mark at a bar's limit.
const LIMIT_H: f32 = 14.0;
/// Width of the mark at a bar's limit.
const LIMIT_W: f32 = 1.5;
/// Most lines of a bar's label or note.
const BAR_LINES: usize = 4;
/// Space between signature columns.
const SIGN_GAP: f32 = 16.0 * MM;
/// Space left for the signature.
const SIGN_SPACE: f32 = 20.0 * MM;
/// Most signature columns side by side; more signers continue on a new row.
const SIGNS_PER_ROW: usize = 3;

/// A bulleted list.
pub(super) fn list(c: &mut Cursor<'_>, items: &[String]) {
    let face = c.fonts().face(false);
    for item in items {
        let lines = wrap(face, BODY, item, CONTENT_W - INDENT);
        c.ensure(line_height(BODY));
        c.text_at(MARGIN + 4.0, c.y(), BODY, false, INK, "•");
        c.lines(&lines, MARGIN + INDENT, BODY, false, INK);
        c.space(1.5);
    }
}

/// Where the parts of a bar row go.
struct BarGeometry {
    label_w: f32,
    note_w: f32,
    track_x: f32,
    track_w: f32,
    /// The count drawn across the whole track.
    max: f64,
}

/// A horizontal bar chart: label, bar on its track with a mark at the limit, note; the caption
/// under the chart.
pub(super) fn bars(c: &mut Cursor<'_>, b: &Bars) {
    let max = b.bars.iter().map(|x| x.value.max(x.limit.unwrap_or(0))).max().unwrap_or(0).max(1);
    let label_w = CONTENT_W * 0.28;
    let note_w = CONTENT_W * 0.22;
    let g = BarGeometry {
        label_w,
        note_w,
        track_x: MARGIN + label_w + 4.0,
        track_w: CONTENT_W - label_w - note_w - 8.0,
        max: max as f64,
    };
    for x in &b.bars {
        bar_row(c, x, &g);
    }
    c.space(2.0);
    c.paragraph(&b.caption, BODY, false, MUTED);
}

/// The share of the track `value` takes (0 to 1).
fn share(value: u64, g: &BarGeometry) -> f32 {
    (value as f64 / g.max).clamp(0.0, 1.0) as f32
}

fn bar_row(c: &mut Cursor<'_>, x: &Bar, g: &BarGeometry) {
    let face = c.fonts().face(false);
    let lh = line_height(BODY);
    let label = cap(wrap(face, BODY, &x.label, g.label_w - 8.0), BAR_LINES);
    let note = cap(wrap(face, BODY, &x.note, g.note_w - 8.0), BAR_LINES);
    let h = (label.len().max(note.len()) as f32 * lh).max(LIMIT_H) + 2.0;
    c.ensure(h);
    let top = c.y() + 1.0;
    for (i, line) in label.iter().enumerate() {
        c.text_at(MARGIN + 4.0, top + i as f32 * lh, BODY, false, INK, line);
    }
    for (i, line) in note.iter().enumerate() {
        let w = face.width(line, BODY);
        c.text_at(MARGIN + CONTENT_W - 4.0 - w, top + i as f32 * lh, BODY, false, INK, line);
    }
    let bar_top = top + (lh - BAR_H) / 2.0;
    c.push(Op::Rect { x: g.track_x, y: bar_top, w: g.track_w, h: BAR_H, color: TRACK });
    let color: Rgb = if x.alert { ALERT } else { BAR };
    let w = g.track_w * share(x.value, g);
    if w > 0.0 {
        c.push(Op::Rect { x: g.track_x, y: bar_top, w, h: BAR_H, color });
    }
    if let Some(l) = x.limit {
        let lx = g.track_x + g.track_w * share(l, g) - LIMIT_W / 2.0;
        c.push(Op::Rect { x: lx, y: bar_top - 2.0, w: LIMIT_W, h: LIMIT_H, color: INK });
    }
    c.advance(h);
}

/// Signature columns side by side: role, space to sign, name in bold, id.
pub(super) fn signatures(c: &mut Cursor<'_>, signers: &[Signer]) {
    c.space(4.0);
    for group in signers.chunks(SIGNS_PER_ROW) {
        sign_row(c, group);
        c.space(8.0);
    }
}

/// The lines of one signature column.
struct SignColumn {
    role: Vec<String>,
    name: Vec<String>,
    id: Vec<String>,
}

/// The width of each of `n` signature columns side by side.
fn sign_width(n: usize) -> f32 {
    let n = n.max(1) as f32;
    (CONTENT_W - SIGN_GAP * (n - 1.0)) / n
}

fn sign_columns(c: &Cursor<'_>, group: &[Signer]) -> Vec<SignColumn> {
    let w = sign_width(group.len());
    let fonts = c.fonts();
    let (regular, bold) = (fonts.face(false), fonts.face(true));
    group
        .iter()
        .map(|s| SignColumn {
            role: cap(wrap(regular, BODY, &s.role, w), 4),
            name: cap(wrap(bold, BODY, &s.name, w), 3),
            id: cap(wrap(regular, BODY, &s.id, w), 3),
        })
        .collect()
}

fn sign_height(cols: &[SignColumn]) -> f32 {
    let lines = cols.iter().map(|s| s.role.len() + s.name.len() + s.id.len()).max().unwrap_or(0);
    lines as f32 * line_height(BODY) + SIGN_SPACE
}

/// The height of the first row of signatures (to keep a heading with it).
pub(super) fn signatures_height(c: &Cursor<'_>, signers: &[Signer]) -> f32 {
    let first = signers.get(..signers.len().min(SIGNS_PER_ROW)).unwrap_or_default();
    4.0 + sign_height(&sign_columns(c, first))
}

fn sign_row(c: &mut Cursor<'_>, group: &[Signer]) {
    let cols = sign_columns(c, group);
    let h = sign_height(&cols);
    c.ensure(h);
    let top = c.y();
    let w = sign_width(group.len());
    for (i, s) in cols.iter().enumerate() {
        let x = MARGIN + i as f32 * (w + SIGN_GAP);
        let below = stack(c, x, top, &s.role, false) + SIGN_SPACE;
        let below = stack(c, x, below, &s.name, true);
        stack(c, x, below, &s.id, false);
    }
    c.advance(h);
}

/// Lines drawn from `top` down without page breaks; returns the position under them.
fn stack(c: &mut Cursor<'_>, x: f32, top: f32, lines: &[String], bold: bool) -> f32 {
    let lh = line_height(BODY);
    for (i, line) in lines.iter().enumerate() {
        c.text_at(x, top + i as f32 * lh, BODY, bold, INK, line);
    }
    top + lines.len() as f32 * lh
}
