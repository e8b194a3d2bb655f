//! Tables and field lists: rows of cells with borders. Rows never straddle a page break unless
//! a single row is taller than a page (it is then split between lines); a table's header row
//! is repeated at the top of every page it continues on.

use kinerja_core::document::{Block, Table};

use super::{Cursor, Op, widths};
use crate::font::Fonts;
use crate::style::{BODY, CONTENT_W, HAIRLINE, HEAD_BG, INK, LABEL_BG, MARGIN, RULE, Rgb, line_height};
use crate::wrap::{cap, wrap};

/// Vertical cell padding.
const PAD_Y: f32 = 2.0;

/// A column placed on the page.
struct Col {
    x: f32,
    w: f32,
    right: bool,
}

impl Col {
    /// Horizontal padding (less in very narrow columns).
    fn pad(&self) -> f32 {
        (self.w / 4.0).clamp(0.0, 4.0)
    }
    /// The width text may take.
    fn inner(&self) -> f32 {
        (self.w - 2.0 * self.pad()).max(0.0)
    }
}

/// A cell: its wrapped lines and how they are drawn.
struct Cell {
    lines: Vec<String>,
    bold: bool,
    bg: Option<Rgb>,
}

type Row = Vec<Cell>;

/// Columns (and an optional header row) of a grid.
struct Grid {
    cols: Vec<Col>,
    header: Option<Row>,
}

/// A table with a header row; numeric columns right-aligned.
pub(super) fn table(c: &mut Cursor<'_>, t: &Table) {
    if let Some(grid) = table_grid(c, t) {
        let rows = table_rows(c.fonts(), &grid, &t.rows);
        grid.flow(c, &rows);
    }
}

/// Label–value pairs: labels bold on a grey ground, 35 % of the width.
pub(super) fn fields(c: &mut Cursor<'_>, fields: &[(String, String)]) {
    let grid = fields_grid();
    let rows = field_rows(c.fonts(), &grid, fields);
    grid.flow(c, &rows);
}

/// The height a table or field list needs on the page it starts on (to keep a heading with it).
pub(super) fn start_height(c: &Cursor<'_>, block: &Block) -> Option<f32> {
    let fonts = c.fonts();
    let (grid, rows) = match block {
        Block::Table(t) => {
            let grid = table_grid(c, t)?;
            let rows = table_rows(fonts, &grid, t.rows.get(..1).unwrap_or_default());
            (grid, rows)
        }
        Block::Fields { fields } => {
            let grid = fields_grid();
            let rows = field_rows(fonts, &grid, fields.get(..1).unwrap_or_default());
            (grid, rows)
        }
        _ => return None,
    };
    Some(grid.start_height(c, rows.first()))
}

/// The columns and header row of a table (`None` without columns: nothing to draw).
fn table_grid(c: &Cursor<'_>, t: &Table) -> Option<Grid> {
    if t.columns.is_empty() {
        return None;
    }
    let fonts = c.fonts();
    let right: Vec<bool> = t.columns.iter().map(|col| col.numeric).collect();
    let cols = columns(widths::table_widths(fonts, t, CONTENT_W), &right);
    let max_head = ((c.page_height() / 3.0 - 2.0 * PAD_Y) / line_height(BODY)).floor().max(1.0) as usize;
    let header = t
        .columns
        .iter()
        .zip(&cols)
        .map(|(col, g)| Cell {
            lines: cap(lines(fonts, &col.title, g, true), max_head),
            bold: true,
            bg: Some(HEAD_BG),
        })
        .collect();
    Some(Grid { cols, header: Some(header) })
}

/// Body rows: one cell per column (missing cells empty, extra cells dropped).
fn table_rows(fonts: &Fonts, grid: &Grid, rows: &[Vec<String>]) -> Vec<Row> {
    rows.iter()
        .map(|r| {
            let text = |i: usize| r.get(i).map_or("", String::as_str);
            grid.cols.iter().enumerate().map(|(i, g)| plain(fonts, text(i), g)).collect()
        })
        .collect()
}

fn fields_grid() -> Grid {
    Grid { cols: columns(widths::share_widths(&[35, 65], CONTENT_W), &[false, false]), header: None }
}

fn field_rows(fonts: &Fonts, grid: &Grid, fields: &[(String, String)]) -> Vec<Row> {
    let (Some(key_col), Some(value_col)) = (grid.cols.first(), grid.cols.get(1)) else {
        return Vec::new();
    };
    fields
        .iter()
        .map(|(k, v)| {
            let label = Cell { lines: lines(fonts, k, key_col, true), bold: true, bg: Some(LABEL_BG) };
            vec![label, plain(fonts, v, value_col)]
        })
        .collect()
}

/// Columns of `widths` side by side from the left margin.
fn columns(widths: Vec<f32>, right: &[bool]) -> Vec<Col> {
    let mut x = MARGIN;
    widths
        .into_iter()
        .zip(right)
        .map(|(w, r)| {
            let col = Col { x, w, right: *r };
            x += w;
            col
        })
        .collect()
}

fn lines(fonts: &Fonts, text: &str, col: &Col, bold: bool) -> Vec<String> {
    wrap(fonts.face(bold), BODY, text, col.inner())
}

fn plain(fonts: &Fonts, text: &str, col: &Col) -> Cell {
    Cell { lines: lines(fonts, text, col, false), bold: false, bg: None }
}

/// The height of `n` lines of a row.
fn height(n: usize) -> f32 {
    2.0 * PAD_Y + n as f32 * line_height(BODY)
}

/// The number of lines of a row.
fn row_lines(r: &Row) -> usize {
    r.iter().map(|c| c.lines.len()).max().unwrap_or(1).max(1)
}

impl Grid {
    fn header_height(&self) -> f32 {
        self.header.as_ref().map_or(0.0, |h| height(row_lines(h)))
    }

    /// Lays out the grid's rows from the cursor on.
    /// The height needed where the grid starts: the header and the first row, or its first
    /// lines when the row is taller than a page anyway (it is then split).
    fn start_height(&self, c: &Cursor<'_>, first: Option<&Row>) -> f32 {
        let body = c.page_height() - self.header_height();
        let first = first.map_or(0.0, |r| height(row_lines(r)));
        self.header_height() + if first > body { height(3) } else { first }
    }

    fn flow(&self, c: &mut Cursor<'_>, rows: &[Row]) {
        c.ensure(self.start_height(c, rows.first()));
        let at_top = c.at_top();
        let under_header = self.start_page(c);
        let mut fresh = if at_top { under_header } else { f32::NEG_INFINITY };
        for r in rows {
            self.row(c, r, &mut fresh);
        }
    }

    /// Draws the header row; returns the position right under it (nothing of the body drawn).
    fn start_page(&self, c: &mut Cursor<'_>) -> f32 {
        if let Some(h) = &self.header {
            self.draw(c, h, 0, row_lines(h));
        }
        c.y()
    }

    fn break_page(&self, c: &mut Cursor<'_>) -> f32 {
        c.new_page();
        self.start_page(c)
    }

    /// One row: on this page if it fits, else on the next; split between lines when it is
    /// taller than a page. Every turn draws lines or moves to a fresh page, so this ends.
    fn row(&self, c: &mut Cursor<'_>, r: &Row, fresh: &mut f32) {
        let total = row_lines(r);
        let lh = line_height(BODY);
        let mut start = 0;
        while start < total {
            let rest = total - start;
            let fit = ((c.room() - 2.0 * PAD_Y) / lh).floor().max(0.0) as usize;
            let is_fresh = c.y() <= *fresh + 0.01;
            if rest <= fit {
                self.draw(c, r, start, rest);
                return;
            }
            let fits_a_page = height(rest) <= c.page_height() - self.header_height();
            if !is_fresh && (fits_a_page || fit < 2) {
                *fresh = self.break_page(c);
                continue;
            }
            let n = fit.max(1);
            self.draw(c, r, start, n);
            start += n;
            *fresh = self.break_page(c);
        }
    }

    /// Draws lines `start..start + n` of a row at the cursor and moves under it.
    fn draw(&self, c: &mut Cursor<'_>, r: &Row, start: usize, n: usize) {
        let top = c.y();
        let h = height(n);
        for (cell, col) in r.iter().zip(&self.cols) {
            if let Some(bg) = cell.bg {
                c.push(Op::Rect { x: col.x, y: top, w: col.w, h, color: bg });
            }
            cell_text(c, cell, col, top, start, n);
        }
        self.borders(c, top, h);
        c.advance(h);
    }

    /// Thin borders around every cell of a row.
    fn borders(&self, c: &mut Cursor<'_>, top: f32, h: f32) {
        let half = HAIRLINE / 2.0;
        for y in [top, top + h] {
            c.push(Op::Rect {
                x: MARGIN - half,
                y: y - half,
                w: CONTENT_W + HAIRLINE,
                h: HAIRLINE,
                color: RULE,
            });
        }
        let xs = self.cols.iter().map(|col| col.x).chain([MARGIN + CONTENT_W]);
        for x in xs {
            c.push(Op::Rect { x: x - half, y: top, w: HAIRLINE, h, color: RULE });
        }
    }
}

/// Lines `start..start + n` of a cell, clipped to the cell when a line is wider than it.
fn cell_text(c: &mut Cursor<'_>, cell: &Cell, col: &Col, top: f32, start: usize, n: usize) {
    let face = c.fonts().face(cell.bold);
    let shown: Vec<(&String, f32)> =
        cell.lines.iter().skip(start).take(n).map(|l| (l, face.width(l, BODY))).collect();
    let clip = shown.iter().any(|(_, w)| *w > col.inner() + 0.01);
    if clip {
        c.push(Op::Clip { x: col.x, y: top, w: col.w, h: height(n) });
    }
    for (i, (line, w)) in shown.iter().enumerate() {
        let x = if col.right { col.x + col.w - col.pad() - w } else { col.x + col.pad() };
        let line_top = top + PAD_Y + i as f32 * line_height(BODY);
        c.text_at(x, line_top, BODY, cell.bold, INK, line);
    }
    if clip {
        c.push(Op::Unclip);
    }
}
