//! What calamine reads of a workbook but does not give: each cell's number format (only
//! whether it is a date), and whether an empty cell holds a formula (a formula without a
//! stored value reads as empty). Read from the workbook's own parts with quick-xml, the way
//! calamine 0.35 finds them (`xl/styles.xml`, the sheet's part through `xl/workbook.xml` and
//! its relationships, part names matched without regard to case).
//!
//! A sheet's cells are read here in the same order as calamine's cell reader reads them (one
//! `<c>` element after another), so that the n-th cell calamine gives is the n-th cell read
//! here ([`CellScan::nth`]); nothing is kept per cell.

use std::collections::HashMap;
use std::io::{BufReader, Read, Seek};

use quick_xml::events::{BytesRef, Event};
use quick_xml::name::QName;
use zip::ZipArchive;

type Xml<R> = quick_xml::Reader<BufReader<R>>;

/// An XML reader of part `name` (matched as calamine matches it, without regard to case and
/// with `\` read as `/`), configured as calamine's; `None`: no such part.
fn part<'a, R: Read + Seek>(
    zip: &'a mut ZipArchive<R>,
    name: &str,
) -> Option<Result<Xml<zip::read::ZipFile<'a, R>>, String>> {
    let wanted = name.to_ascii_lowercase();
    let found = zip.file_names().find(|n| n.replace('\\', "/").to_ascii_lowercase() == wanted);
    let found = found.unwrap_or(name).to_string();
    match zip.by_name(&found) {
        Ok(f) => {
            let mut xml = quick_xml::Reader::from_reader(BufReader::new(f));
            let config = xml.config_mut();
            config.check_end_names = false;
            config.trim_text(false);
            config.check_comments = false;
            config.expand_empty_elements = true;
            Some(Ok(xml))
        }
        Err(zip::result::ZipError::FileNotFound) => None,
        Err(e) => Some(Err(e.to_string())),
    }
}

/// For each cell format of the workbook (`cellXfs`, by the index a cell's `s` names): whether
/// a number is shown as a percent (multiplied by 100), when it is positive or zero and when it
/// is negative ([`percent_sections`]). Empty when the workbook has no percent format at all.
pub(super) fn percent_styles<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Result<Vec<[bool; 2]>, String> {
    let Some(xml) = part(zip, "xl/styles.xml") else { return Ok(Vec::new()) };
    let mut xml = xml?;
    let err = |e: quick_xml::Error| format!("styles: {e}");
    let mut codes: HashMap<Vec<u8>, String> = HashMap::new();
    let mut styles = Vec::new();
    let (mut buf, mut in_xfs) = (Vec::new(), false);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(err)? {
            Event::Start(e) if e.local_name().as_ref() == b"numFmt" => {
                let (mut id, mut code) = (Vec::new(), String::new());
                for a in e.attributes() {
                    let a = a.map_err(|e| format!("styles: {e}"))?;
                    match a.key {
                        QName(b"numFmtId") => id = a.value.to_vec(),
                        QName(b"formatCode") => {
                            code = a.decode_and_unescape_value(xml.decoder()).map_err(err)?.into_owned()
                        }
                        _ => {}
                    }
                }
                if !code.is_empty() {
                    codes.insert(id, code);
                }
            }
            Event::Start(e) if e.local_name().as_ref() == b"cellXfs" => in_xfs = true,
            Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_xfs = false,
            Event::Start(e) if in_xfs && e.local_name().as_ref() == b"xf" => {
                let id = e.attributes().filter_map(Result::ok).find(|a| a.key == QName(b"numFmtId"));
                styles.push(id.map_or([false; 2], |a| match codes.get(a.value.as_ref()) {
                    Some(code) => percent_sections(code),
                    // the built-in formats `0%` and `0.00%`
                    None => [matches!(a.value.as_ref(), b"9" | b"10"); 2],
                }));
            }
            Event::End(e) if e.local_name().as_ref() == b"styleSheet" => break,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(if styles.iter().flatten().any(|p| *p) { styles } else { Vec::new() })
}

/// Whether number format `code` shows a number as a percent: its section for positive numbers
/// and zero, and its section for negative numbers (the second, when there is one), each holding
/// a `%` that is not literal text — not in quotes (`0.0"%"`), not escaped (`0.0\%`), not the
/// character after `_` or `*`, not inside brackets (`[$%-409]`). Excel multiplies the number
/// by 100 for such a `%`, and for no other. Conditions (`[<1]`) are not followed: the sections
/// are taken by sign.
///
/// ```ignore
/// assert_eq!(percent_sections("0.00%"), [true, true]);
/// assert_eq!(percent_sections("0.00\"%\""), [false, false]);
/// ```
pub(super) fn percent_sections(code: &str) -> [bool; 2] {
    let mut sections = vec![false];
    let (mut quoted, mut skip, mut bracket) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if skip => skip = false,
            '"' => quoted = !quoted,
            _ if quoted => {}
            ']' if bracket => bracket = false,
            _ if bracket => {}
            '[' => bracket = true,
            '\\' | '_' | '*' => skip = true,
            ';' => sections.push(false),
            '%' => {
                if let Some(s) = sections.last_mut() {
                    *s = true;
                }
            }
            _ => {}
        }
    }
    let first = sections.first().copied().unwrap_or(false);
    [first, sections.get(1).copied().unwrap_or(first)]
}

/// The shortest round-trip text of a number cell (as the reader reads every number cell) with
/// its decimal point moved two places to the right: the value a percent-formatted cell shows
/// (`0.975` → `97.5`, `1` → `100`, `-0.0005` → `-0.05`). Exact: digits are moved, nothing is
/// multiplied. `None` for a text that is not plain digits (`inf`, `NaN`).
pub(super) fn percent_text(number: &str) -> Option<String> {
    let (sign, digits) = number.strip_prefix('-').map_or(("", number), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits_only(int) || !digits_only(frac) {
        return None;
    }
    let frac = format!("{frac:0<2}");
    let (moved, rest) = frac.split_at(2);
    let whole = format!("{int}{moved}");
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        w => w,
    };
    Some(if rest.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}.{rest}") })
}

/// The part holding sheet `sheet`, found as calamine finds it: the sheet's relationship id in
/// `xl/workbook.xml`, its target in `xl/_rels/workbook.xml.rels`, under `xl/`.
pub(super) fn sheet_part<R: Read + Seek>(zip: &mut ZipArchive<R>, sheet: &str) -> Result<String, String> {
    let mut targets: HashMap<Vec<u8>, String> = HashMap::new();
    let mut buf = Vec::new();
    if let Some(xml) = part(zip, "xl/_rels/workbook.xml.rels") {
        let mut xml = xml?;
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
                Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                    let (mut id, mut target) = (Vec::new(), String::new());
                    for a in e.attributes().filter_map(Result::ok) {
                        match a.key {
                            QName(b"Id") => id = a.value.to_vec(),
                            QName(b"Target") => target = String::from_utf8_lossy(&a.value).into_owned(),
                            _ => {}
                        }
                    }
                    targets.insert(id, target);
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    let Some(xml) = part(zip, "xl/workbook.xml") else {
        return Err("the workbook has no xl/workbook.xml".into());
    };
    let mut xml = xml?;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(e) if e.local_name().as_ref() == b"sheet" => {
                let (mut name, mut path) = (None, None);
                for a in e.attributes().filter_map(Result::ok) {
                    if a.key == QName(b"name") {
                        name = a.decode_and_unescape_value(xml.decoder()).ok().map(|n| n.into_owned());
                    } else if a.key.local_name().as_ref() == b"id" {
                        path = targets.get(a.value.as_ref()).map(|r| match r {
                            r if r.starts_with("/xl/") => r[1..].to_string(),
                            r if r.starts_with("xl/") => r.clone(),
                            r => format!("xl/{r}"),
                        });
                    }
                }
                if let (Some(n), Some(p)) = (name, path)
                    && n == sheet
                {
                    return Ok(p);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Err(format!("the workbook names no part for sheet `{sheet}`"))
}

/// Whether the workbook asks to be calculated in full when opened (`<calcPr
/// fullCalcOnLoad="1">` in `xl/workbook.xml`): what programs that write formulas without
/// computing them set (XlsxWriter, rust_xlsxwriter, openpyxl), storing 0 as a formula's value
/// when they are given none. Excel and LibreOffice do not set it when they save.
pub(super) fn calculated_on_load<R: Read + Seek>(zip: &mut ZipArchive<R>) -> bool {
    let Some(Ok(mut xml)) = part(zip, "xl/workbook.xml") else { return false };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"calcPr" => {
                return e.attributes().filter_map(Result::ok).any(|a| {
                    a.key.local_name().as_ref() == b"fullCalcOnLoad"
                        && matches!(a.value.as_ref(), b"1" | b"true")
                });
            }
            Ok(Event::Eof) | Err(_) => return false,
            _ => {}
        }
    }
}

/// One `<c>` element of a sheet: its cell format (the `s` index) and its formula, when it
/// holds one (`Some("")`: a shared formula written once in another cell).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct ScannedCell {
    /// The `s` attribute (0 when absent or not a number, as calamine reads it).
    pub style: usize,
    /// The formula's text (without `=`), at most [`FORMULA_SHOWN`] characters.
    pub formula: Option<String>,
}

/// The most characters of a formula kept for a message (a longer one ends in `…`).
pub(super) const FORMULA_SHOWN: usize = 120;

/// A sheet's `<c>` elements, one after another, as calamine's cell reader meets them.
pub(super) struct CellScan<R: Read> {
    xml: Xml<R>,
    buf: Vec<u8>,
    inner: Vec<u8>,
    /// How many cells were read.
    read: u64,
}

impl<'a, R: Read + Seek> CellScan<zip::read::ZipFile<'a, R>> {
    /// The cells of part `name` of `zip`.
    pub(super) fn open(zip: &'a mut ZipArchive<R>, name: &str) -> Result<Self, String> {
        let xml = part(zip, name).ok_or_else(|| format!("the workbook has no part `{name}`"))??;
        Ok(CellScan { xml, buf: Vec::new(), inner: Vec::new(), read: 0 })
    }
}

impl<R: Read> CellScan<R> {
    /// The cell at `index` (from 0, in file order), read past the cells before it; `None`
    /// past the last cell or for a cell already passed.
    pub(super) fn nth(&mut self, index: u64) -> Result<Option<ScannedCell>, String> {
        while self.read < index {
            if self.next()?.is_none() {
                return Ok(None);
            }
        }
        if self.read > index {
            return Ok(None);
        }
        self.next()
    }

    fn next(&mut self) -> Result<Option<ScannedCell>, String> {
        let err = |e: quick_xml::Error| e.to_string();
        loop {
            self.buf.clear();
            match self.xml.read_event_into(&mut self.buf).map_err(err)? {
                Event::Start(c) if c.local_name().as_ref() == b"c" => {
                    let style = c.attributes().filter_map(Result::ok).find(|a| a.key == QName(b"s"));
                    let style = style
                        .and_then(|a| std::str::from_utf8(&a.value).ok().and_then(|s| s.parse().ok()))
                        .unwrap_or(0);
                    let mut cell = ScannedCell { style, formula: None };
                    loop {
                        self.inner.clear();
                        match self.xml.read_event_into(&mut self.inner).map_err(err)? {
                            Event::Start(e) if e.local_name().as_ref() == b"f" => {
                                let name = e.name().as_ref().to_vec();
                                cell.formula = Some(formula(&mut self.xml, &name)?);
                            }
                            Event::Start(e) => {
                                let name = e.name().as_ref().to_vec();
                                self.xml.read_to_end_into(QName(&name), &mut Vec::new()).map_err(err)?;
                            }
                            Event::End(e) if e.local_name().as_ref() == b"c" => break,
                            Event::Eof => return Err("the sheet ends inside a cell".into()),
                            _ => {}
                        }
                    }
                    self.read += 1;
                    return Ok(Some(cell));
                }
                Event::End(e) if e.local_name().as_ref() == b"sheetData" => return Ok(None),
                Event::Eof => return Ok(None),
                _ => {}
            }
        }
    }
}

/// The text of the `<f>` element just opened (named `name`), up to its end.
fn formula<R: Read>(xml: &mut Xml<R>, name: &[u8]) -> Result<String, String> {
    let err = |e: quick_xml::Error| e.to_string();
    let (mut text, mut buf) = (String::new(), Vec::new());
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(err)? {
            Event::Text(t) if text.chars().count() <= FORMULA_SHOWN => {
                text.push_str(&t.xml10_content().map_err(|e| e.to_string())?);
            }
            Event::GeneralRef(r) if text.chars().count() <= FORMULA_SHOWN => entity(&r, &mut text),
            Event::End(e) if e.name().as_ref() == name => break,
            Event::Eof => return Err("the sheet ends inside a formula".into()),
            _ => {}
        }
    }
    if text.chars().count() > FORMULA_SHOWN {
        text = text.chars().take(FORMULA_SHOWN).chain(['…']).collect();
    }
    Ok(text)
}

/// Appends the character an entity reference stands for (`&amp;` → `&`), or the reference
/// itself when it is not one XML defines.
fn entity(r: &BytesRef<'_>, text: &mut String) {
    let name = r.decode().map(|n| n.into_owned()).unwrap_or_default();
    match (quick_xml::escape::resolve_xml_entity(&name), r.resolve_char_ref()) {
        (Some(s), _) => text.push_str(s),
        (None, Ok(Some(c))) => text.push(c),
        _ => text.push_str(&format!("&{name};")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats() {
        let cases = [
            ("0%", [true, true]),
            ("0.00%", [true, true]),
            ("#,##0.0%", [true, true]),
            ("0.00\"%\"", [false, false]),
            ("0.00\\%", [false, false]),
            ("0_%", [false, false]),
            ("0*%", [false, false]),
            ("[$%-409]0.00", [false, false]),
            ("0.00%;[Red]-0.00", [true, false]),
            ("0.00;-0.00%", [false, true]),
            ("General", [false, false]),
            ("\"%\"0%", [true, true]),
        ];
        for (code, want) in cases {
            assert_eq!(percent_sections(code), want, "{code}");
        }
    }

    #[test]
    fn percent_texts() {
        let cases = [
            ("0.975", "97.5"),
            ("1", "100"),
            ("0", "0"),
            ("-0", "-0"),
            ("0.5", "50"),
            ("0.0005", "0.05"),
            ("-0.25", "-25"),
            ("12.345678", "1234.5678"),
            ("0.30000000000000004", "30.000000000000004"),
            ("100000000000000000000", "10000000000000000000000"),
        ];
        for (n, want) in cases {
            assert_eq!(percent_text(n).as_deref(), Some(want), "{n}");
        }
        assert_eq!((percent_text("inf"), percent_text("NaN"), percent_text("")), (None, None, None));
    }
}
