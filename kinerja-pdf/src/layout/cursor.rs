//! The page cursor: where the next thing goes, opening a new page when it does not fit.

use super::{Op, Page, text_op};
use crate::font::Fonts;
use crate::style::{CONTENT_W, HAIRLINE, MARGIN, Rgb, line_height};
use crate::wrap::wrap;

/// The pages of a document being laid out and the position on the last one.
pub(crate) struct Cursor<'a> {
    fonts: &'a Fonts,
    pages: Vec<Page>,
    y: f32,
    bottom: f32,
}

impl<'a> Cursor<'a> {
    /// A cursor at the top of a first page whose content ends at `bottom`.
    pub(crate) fn new(fonts: &'a Fonts, bottom: f32) -> Self {
        Cursor { fonts, pages: vec![Page::default()], y: MARGIN, bottom }
    }

    /// The fonts.
    pub(crate) fn fonts(&self) -> &'a Fonts {
        self.fonts
    }

    /// The pages laid out.
    pub(crate) fn finish(self) -> Vec<Page> {
        self.pages
    }

    /// The vertical position.
    pub(crate) fn y(&self) -> f32 {
        self.y
    }

    /// The height left on the page.
    pub(crate) fn room(&self) -> f32 {
        self.bottom - self.y
    }

    /// The height of content a page holds.
    pub(crate) fn page_height(&self) -> f32 {
        self.bottom - MARGIN
    }

    /// Nothing has been drawn below the top margin of this page yet.
    pub(crate) fn at_top(&self) -> bool {
        self.y <= MARGIN + 0.01
    }

    /// Opens a new page.
    pub(crate) fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = MARGIN;
    }

    /// Opens a new page unless `h` fits on this one (or this one is still empty, where nothing
    /// would be gained). Returns whether a page was opened.
    pub(crate) fn ensure(&mut self, h: f32) -> bool {
        if h > self.room() && !self.at_top() {
            self.new_page();
            return true;
        }
        false
    }

    /// Moves down by `h` (not at the top of a page).
    pub(crate) fn space(&mut self, h: f32) {
        if !self.at_top() {
            self.y += h;
        }
    }

    /// Moves down by `h`, even at the top of a page.
    pub(crate) fn advance(&mut self, h: f32) {
        self.y += h;
    }

    /// Adds an operation to the current page.
    pub(crate) fn push(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.ops.push(op);
        }
    }

    /// A horizontal rule at the cursor.
    pub(crate) fn rule(&mut self, x: f32, w: f32, color: Rgb) {
        self.push(Op::Rect { x, y: self.y, w, h: HAIRLINE, color });
        self.y += HAIRLINE;
    }

    /// One line of text whose line box starts at `top`.
    pub(crate) fn text_at(&mut self, x: f32, top: f32, size: f32, bold: bool, color: Rgb, text: &str) {
        if text.is_empty() {
            return;
        }
        let y = self.fonts.face(bold).baseline(top, line_height(size), size);
        self.push(text_op(x, y, size, bold, color, text));
    }

    /// Lines of text at `x`, breaking pages between lines.
    pub(crate) fn lines(&mut self, lines: &[String], x: f32, size: f32, bold: bool, color: Rgb) {
        let lh = line_height(size);
        for line in lines {
            self.ensure(lh);
            self.text_at(x, self.y, size, bold, color, line);
            self.y += lh;
        }
    }

    /// Running text across the full width.
    pub(crate) fn paragraph(&mut self, text: &str, size: f32, bold: bool, color: Rgb) {
        let lines = wrap(self.fonts.face(bold), size, text, CONTENT_W);
        self.lines(&lines, MARGIN, size, bold, color);
    }
}
