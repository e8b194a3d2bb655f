//! Layout: documents to pages of drawing operations (positions in points, origin at the top
//! left of the page). Painting them with krilla is a separate step ([`crate::paint`]), so the
//! page count is known before the footers ("page N of M") are written.

mod blocks;
mod cursor;
mod grid;
mod widths;

use kinerja_core::document::{Block, Document, Section};
use kinerja_core::explain::Lang;

pub(crate) use cursor::Cursor;

use crate::font::Fonts;
use crate::style::{
    BLOCK_GAP, BODY, CONTENT_W, HAIRLINE, HEADING, INK, MARGIN, MUTED, PAGE_H, RULE, Rgb, SMALL, TITLE,
    line_height,
};
use crate::wrap::{cap, wrap};

/// One drawing operation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// One line of text; `y` is the baseline.
    Text { x: f32, y: f32, size: f32, bold: bool, color: Rgb, text: String },
    /// A filled rectangle (also used for rules and borders).
    Rect { x: f32, y: f32, w: f32, h: f32, color: Rgb },
    /// Clips what follows, up to the matching [`Op::Unclip`], to a rectangle.
    Clip { x: f32, y: f32, w: f32, h: f32 },
    /// Ends the last [`Op::Clip`].
    Unclip,
}

/// The operations of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub(crate) ops: Vec<Op>,
}

impl Page {
    /// The texts on the page, in drawing order (for tests).
    #[cfg(test)]
    pub(crate) fn texts(&self) -> Vec<&str> {
        self.ops
            .iter()
            .filter_map(|o| match o {
                Op::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// Most lines of footer text; longer footers end in "…".
const FOOTER_LINES: usize = 3;
/// Space between the footer rule and the content above it.
const FOOTER_GAP: f32 = 6.0;

/// Lays out `docs`, each starting on a new page.
pub(crate) fn layout(fonts: &Fonts, docs: &[Document]) -> Vec<Page> {
    docs.iter().flat_map(|d| document(fonts, d)).collect()
}

/// The pages of one document, footers included.
fn document(fonts: &Fonts, doc: &Document) -> Vec<Page> {
    let footer = footer_lines(fonts, doc);
    let footer_h = FOOTER_GAP + 3.0 + footer.len() as f32 * line_height(SMALL);
    let mut c = Cursor::new(fonts, PAGE_H - MARGIN - footer_h);
    title(&mut c, doc);
    for s in &doc.sections {
        section(&mut c, s);
    }
    let mut pages = c.finish();
    let total = pages.len();
    for (i, p) in pages.iter_mut().enumerate() {
        footer_ops(fonts, p, &footer, &page_label(doc.lang, i + 1, total), footer_h);
    }
    pages
}

/// "Halaman 2 dari 5" / "Page 2 of 5".
pub(crate) fn page_label(lang: Lang, n: usize, total: usize) -> String {
    match lang {
        Lang::Id => format!("Halaman {n} dari {total}"),
        Lang::En => format!("Page {n} of {total}"),
    }
}

/// The footer text wrapped beside the widest page label.
fn footer_lines(fonts: &Fonts, doc: &Document) -> Vec<String> {
    let face = fonts.face(false);
    let label = face.width(&page_label(doc.lang, 8888, 8888), SMALL);
    cap(wrap(face, SMALL, &doc.footer, CONTENT_W - label - 12.0), FOOTER_LINES)
}

/// Draws the footer at the foot of `page`: a rule, the text at the left, the label at the right.
fn footer_ops(fonts: &Fonts, page: &mut Page, lines: &[String], label: &str, footer_h: f32) {
    let face = fonts.face(false);
    let top = PAGE_H - MARGIN - footer_h + FOOTER_GAP;
    page.ops.push(Op::Rect { x: MARGIN, y: top, w: CONTENT_W, h: HAIRLINE, color: RULE });
    let lh = line_height(SMALL);
    let first = face.baseline(top + 3.0, lh, SMALL);
    for (i, line) in lines.iter().enumerate() {
        let y = first + i as f32 * lh;
        page.ops.push(text_op(MARGIN, y, SMALL, false, MUTED, line));
    }
    let x = MARGIN + CONTENT_W - face.width(label, SMALL);
    page.ops.push(text_op(x, first, SMALL, false, MUTED, label));
}

/// A text operation.
pub(crate) fn text_op(x: f32, y: f32, size: f32, bold: bool, color: Rgb, text: &str) -> Op {
    Op::Text { x, y, size, bold, color, text: text.to_string() }
}

/// The title and the subtitle.
fn title(c: &mut Cursor<'_>, doc: &Document) {
    c.paragraph(&doc.title, TITLE, true, INK);
    c.space(2.0);
    c.paragraph(&doc.subtitle, BODY, false, MUTED);
    c.space(10.0);
}

/// A heading with a rule under it, kept with the first lines of what follows.
fn section(c: &mut Cursor<'_>, s: &Section) {
    c.space(14.0 - BLOCK_GAP);
    let lines = wrap(c.fonts().face(true), HEADING, &s.heading, CONTENT_W);
    let h = lines.len() as f32 * line_height(HEADING);
    c.ensure(h + 2.0 + 4.0 + keep_with_heading(c, s.blocks.first()));
    c.lines(&lines, MARGIN, HEADING, true, INK);
    c.space(2.0);
    c.rule(MARGIN, CONTENT_W, RULE);
    c.space(4.0);
    for b in &s.blocks {
        block(c, b);
        c.space(BLOCK_GAP);
    }
}

/// The height of the start of `first` that should stay on the page of its heading.
fn keep_with_heading(c: &Cursor<'_>, first: Option<&Block>) -> f32 {
    let lines = 3.0 * line_height(BODY);
    match first {
        Some(Block::Signatures { signers }) => blocks::signatures_height(c, signers),
        Some(b) => grid::start_height(c, b).unwrap_or(lines),
        None => 0.0,
    }
}

fn block(c: &mut Cursor<'_>, b: &Block) {
    match b {
        Block::Fields { fields } => grid::fields(c, fields),
        Block::Table(t) => grid::table(c, t),
        Block::Paragraph { text } => c.paragraph(text, BODY, false, INK),
        Block::List { items } => blocks::list(c, items),
        Block::Bars(bars) => blocks::bars(c, bars),
        Block::Signatures { signers } => blocks::signatures(c, signers),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
