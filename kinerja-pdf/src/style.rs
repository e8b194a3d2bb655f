//! Page geometry, sizes and the colours of the HTML stylesheet (light mode).

/// An sRGB colour.
pub(crate) type Rgb = (u8, u8, u8);

/// Body text (`#1b1f24`).
pub(crate) const INK: Rgb = (0x1b, 0x1f, 0x24);
/// Subtitle, caption and footer text (`#57606a`).
pub(crate) const MUTED: Rgb = (0x57, 0x60, 0x6a);
/// Table borders and rules (`#d0d7de`).
pub(crate) const RULE: Rgb = (0xd0, 0xd7, 0xde);
/// Table header background (`#f3f5f7`).
pub(crate) const HEAD_BG: Rgb = (0xf3, 0xf5, 0xf7);
/// Field label background (`#f8f9fa`).
pub(crate) const LABEL_BG: Rgb = (0xf8, 0xf9, 0xfa);
/// A bar (`#2f6fb0`).
pub(crate) const BAR: Rgb = (0x2f, 0x6f, 0xb0);
/// A bar breaking a rule (`#c0392b`).
pub(crate) const ALERT: Rgb = (0xc0, 0x39, 0x2b);
/// The track behind a bar (`#eef1f4`).
pub(crate) const TRACK: Rgb = (0xee, 0xf1, 0xf4);

/// A4 width in points.
pub(crate) const PAGE_W: f32 = 595.28;
/// A4 height in points.
pub(crate) const PAGE_H: f32 = 841.89;
/// 1 mm in points.
pub(crate) const MM: f32 = 72.0 / 25.4;
/// The page margin (15 mm).
pub(crate) const MARGIN: f32 = 15.0 * MM;
/// The width of the text area.
pub(crate) const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;

/// Body text size.
pub(crate) const BODY: f32 = 10.5;
/// Title size.
pub(crate) const TITLE: f32 = 15.0;
/// Section heading size.
pub(crate) const HEADING: f32 = 11.5;
/// Footer size.
pub(crate) const SMALL: f32 = 8.5;
/// Line height as a multiple of the text size.
pub(crate) const LEADING: f32 = 1.35;
/// Width of borders and rules (1 CSS px).
pub(crate) const HAIRLINE: f32 = 0.75;
/// Space between blocks.
pub(crate) const BLOCK_GAP: f32 = 6.0;

/// The line height of text of `size`.
pub(crate) fn line_height(size: f32) -> f32 {
    size * LEADING
}
