//! The embedded fonts: glyph lookup and advances (to measure text exactly as it is drawn).

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider, charmap::Charmap};

use crate::PdfError;

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSansCondensed.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSansCondensed-Bold.ttf");

/// One font: the krilla font to draw with and the tables to measure with.
pub(crate) struct Face {
    font: Font,
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
    /// Ascender, in em.
    pub(crate) ascent: f32,
    /// Descender (positive), in em.
    pub(crate) descent: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Face, PdfError> {
        let bad = || PdfError::Krilla("cannot read the embedded font".into());
        let font_ref = FontRef::new(data).map_err(|_| bad())?;
        let font = Font::new(data.into(), 0).ok_or_else(bad)?;
        let m = font_ref.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(m.units_per_em.max(1));
        Ok(Face {
            font,
            charmap: font_ref.charmap(),
            metrics: font_ref.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
            ascent: m.ascent / units_per_em,
            descent: m.descent.abs() / units_per_em,
        })
    }

    /// The krilla font.
    pub(crate) fn font(&self) -> Font {
        self.font.clone()
    }

    /// The glyph of `c` (`.notdef` when the font has none) and its advance in em.
    fn glyph(&self, c: char) -> (u32, f32) {
        let id = self.charmap.map(c).unwrap_or_default();
        let advance = self.metrics.advance_width(id).unwrap_or(0.0) / self.units_per_em;
        (id.to_u32(), advance)
    }

    /// The advance of `c` at `size`.
    pub(crate) fn char_width(&self, c: char, size: f32) -> f32 {
        self.glyph(c).1 * size
    }

    /// The width of `text` at `size`.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(c, size)).sum()
    }

    /// The glyphs of `text`, one per character, with their ranges in `text`.
    pub(crate) fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(i, c)| {
                let (id, advance) = self.glyph(c);
                KrillaGlyph::new(GlyphId::new(id), advance, 0.0, 0.0, 0.0, i..i + c.len_utf8(), None)
            })
            .collect()
    }

    /// The baseline of a line of text of `size` whose box of height `line_h` starts at `top`.
    pub(crate) fn baseline(&self, top: f32, line_h: f32, size: f32) -> f32 {
        top + (line_h - (self.ascent + self.descent) * size) / 2.0 + self.ascent * size
    }
}

/// The regular and the bold face.
pub(crate) struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    /// Loads the embedded fonts.
    pub(crate) fn load() -> Result<Fonts, PdfError> {
        Ok(Fonts { regular: Face::load(REGULAR)?, bold: Face::load(BOLD)? })
    }

    /// The bold face if `bold`, else the regular one.
    pub(crate) fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }
}
