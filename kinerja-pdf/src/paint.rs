//! Painting laid-out pages with krilla.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;

use crate::PdfError;
use crate::font::Fonts;
use crate::layout::{Op, Page};
use crate::style::{PAGE_H, PAGE_W, Rgb};

/// The PDF of `pages`.
pub(crate) fn paint(fonts: &Fonts, pages: &[Page], metadata: Metadata) -> Result<Vec<u8>, PdfError> {
    let settings =
        PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| PdfError::Krilla("invalid page size".into()))?;
    let mut doc = krilla::Document::new();
    doc.set_metadata(metadata);
    for p in pages {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        let mut depth = 0;
        for op in &p.ops {
            draw(&mut surface, fonts, op, &mut depth);
        }
        for _ in 0..depth {
            surface.pop();
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| PdfError::Krilla(e.to_string()))
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

/// A rectangle path (`None` when it is empty or not finite).
fn rect(x: f32, y: f32, w: f32, h: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(Rect::from_xywh(x, y, w, h)?);
    pb.finish()
}

/// Draws `op`; `depth` counts the clips pushed and not yet popped (an unmatched
/// [`Op::Unclip`] is ignored, so krilla never pops what was not pushed).
fn draw(s: &mut Surface<'_>, fonts: &Fonts, op: &Op, depth: &mut usize) {
    match op {
        Op::Text { x, y, size, bold, color, text } => {
            let face = fonts.face(*bold);
            s.set_fill(Some(fill(*color)));
            s.draw_glyphs(Point::from_xy(*x, *y), &face.glyphs(text), face.font(), text, *size, false);
        }
        Op::Rect { x, y, w, h, color } => {
            if let Some(path) = rect(*x, *y, *w, *h) {
                s.set_fill(Some(fill(*color)));
                s.draw_path(&path);
            }
        }
        Op::Clip { x, y, w, h } => {
            // A degenerate clip still needs its push: clip to a speck.
            match rect(*x, *y, w.max(0.01), h.max(0.01)) {
                Some(path) => s.push_clip_path(&path, &FillRule::NonZero),
                None => s.push_transform(&Transform::identity()),
            }
            *depth += 1;
        }
        Op::Unclip => {
            if *depth > 0 {
                s.pop();
                *depth -= 1;
            }
        }
    }
}
