//! Delimited text (CSV, TSV): decoding, delimiter detection, quoted fields.

use super::{RawTable, ReadError, ReadOptions, TextRows, too_many_rows};

/// The delimiters detected from the header line.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// Reads delimited text into raw text columns.
pub(crate) fn read(bytes: &[u8], path: &str, options: &ReadOptions) -> Result<RawTable, ReadError> {
    let text = decode(bytes, path, options.encoding.as_deref())?;
    let delimiter = match options.delimiter {
        Some(d) => d,
        None => detect(&text, path)?,
    };
    read_text(&text, path, options, delimiter, 0)
}

/// Reads `text` (a header line, then rows) with `delimiter`. `lines_before` is how many lines
/// of the file lie between the header and the first row of `text` (a later block of a file
/// read in blocks, [`super::stream`]): the rows and the lines named are the file's.
pub(crate) fn read_text(
    text: &str,
    path: &str,
    options: &ReadOptions,
    delimiter: u8,
    lines_before: u64,
) -> Result<RawTable, ReadError> {
    let format = |reason: String| ReadError::Format { path: path.to_string(), reason };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> =
        reader.headers().map_err(|e| format(e.to_string()))?.iter().map(|h| h.trim().to_string()).collect();
    if headers.iter().all(String::is_empty) {
        return Err(format("the file has no header line".into()));
    }
    let mut rows = TextRows::new(headers.len());
    // (byte offset, newlines before it): line counting for the data rows
    let mut seen = (0usize, 0u64);
    let mut record = csv::StringRecord::new();
    let mut i = 0usize;
    while reader.read_record(&mut record).map_err(|e| format(csv_reason(&e, headers.len(), lines_before)))? {
        if i >= options.max_rows {
            return Err(too_many_rows(path, options.max_rows));
        }
        i += 1;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // the data row as the file shows it: the line the record starts on, less the header
        // line, so empty lines (which the reader skips) still count
        let row = match record.position() {
            Some(p) => {
                let mut at = usize::try_from(p.byte()).unwrap_or(usize::MAX).min(text.len());
                // the position may be at the previous line's terminator (after a `\r`)
                while matches!(text.as_bytes().get(at), Some(b'\n' | b'\r')) {
                    at += 1;
                }
                if at > seen.0 {
                    seen.1 += text.as_bytes()[seen.0..at].iter().filter(|b| **b == b'\n').count() as u64;
                    seen.0 = at;
                }
                seen.1.max(1) + lines_before
            }
            None => i as u64 + lines_before,
        };
        rows.push(row, record.iter().map(|c| (!c.trim().is_empty()).then_some(c)));
    }
    Ok(rows.finish(headers))
}

/// UTF-8 (byte-order mark dropped) or the given encoding; malformed text is an error naming
/// the byte offset.
fn decode<'a>(
    bytes: &'a [u8],
    path: &str,
    encoding: Option<&str>,
) -> Result<std::borrow::Cow<'a, str>, ReadError> {
    let label = encoding.map(|e| e.trim().to_ascii_lowercase());
    match label.as_deref() {
        None | Some("utf-8" | "utf8") => {
            if let Some(utf16) = utf16_bom(bytes) {
                return Err(utf16_file(path, utf16));
            }
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let bom = bytes.len() - body.len();
            std::str::from_utf8(body).map(std::borrow::Cow::Borrowed).map_err(|e| {
                let offset = e.valid_up_to() + bom;
                let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
                not_utf8(path, offset as u64, line as u64)
            })
        }
        Some(l) => {
            let enc = encoding_rs::Encoding::for_label(l.as_bytes()).ok_or_else(|| {
                ReadError::Options(format!(
                    "encoding `{l}` is not known; use a standard label such as utf-8, windows-1252, latin1, utf-16le"
                ))
            })?;
            let (body, enc) = match encoding_rs::Encoding::for_bom(bytes) {
                Some((bom_enc, len)) => (&bytes[len..], bom_enc),
                None => (bytes, enc),
            };
            enc.decode_without_bom_handling_and_without_replacement(body).ok_or_else(|| ReadError::Format {
                path: path.to_string(),
                reason: format!("the text is not valid {}; check the encoding option", enc.name()),
            })
        }
    }
}

/// Where the header line of `bytes` ends: just after its first newline outside double quotes,
/// or at the end when there is none.
pub(crate) fn header_end(bytes: &[u8]) -> usize {
    let mut quoted = false;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// The UTF-16 encoding whose byte-order mark `bytes` starts with (Excel's "Unicode Text"
/// saves UTF-16LE with one), if any.
pub(crate) fn utf16_bom(bytes: &[u8]) -> Option<&'static str> {
    match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some("utf-16le"),
        Some([0xFE, 0xFF]) => Some("utf-16be"),
        _ => None,
    }
}

/// A file read as UTF-8 that starts with the byte-order mark of `label` (a UTF-16 encoding).
pub(crate) fn utf16_file(path: &str, label: &str) -> ReadError {
    ReadError::Format {
        path: path.to_string(),
        reason: format!(
            "the text starts with the byte-order mark of {label} (Excel's \"Unicode Text\" is saved so), not \
             UTF-8: read it with encoding=\"{label}\" (CLI `--encoding {label}`), or save it as \"CSV UTF-8\""
        ),
    }
}

/// Text that is not UTF-8 at byte `offset` of the file, on line `line` (from 1).
pub(crate) fn not_utf8(path: &str, offset: u64, line: u64) -> ReadError {
    ReadError::Format {
        path: path.to_string(),
        reason: format!(
            "the text is not valid UTF-8 at byte offset {offset} (line {line}); the file is probably in another \
             encoding (older Excel saves CSV as Windows-1252): save it as \"CSV UTF-8\" or read it with \
             encoding=\"windows-1252\" (CLI `--encoding windows-1252`)"
        ),
    }
}

/// The delimiter of the header line: the most frequent of `,` `;` tab outside quotes. A tie
/// between two used delimiters is an error; a line with none is one column (`,`).
pub(crate) fn detect(text: &str, path: &str) -> Result<u8, ReadError> {
    let head = text.as_bytes();
    let head = head.get(..header_end(head)).unwrap_or(head);
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in head {
        match b {
            b'"' => quoted = !quoted,
            _ if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|d| d == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let max = counts.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return Ok(b',');
    }
    let best: Vec<usize> = (0..3).filter(|i| counts[*i] == max).collect();
    match best.as_slice() {
        [i] => Ok(DELIMITERS[*i]),
        _ => Err(ReadError::Format {
            path: path.to_string(),
            reason: "the header line has as many `,` as `;` (or tabs), so the delimiter cannot be told; set \
                     delimiter (CLI `--delimiter`)"
                .into(),
        }),
    }
}

fn csv_reason(e: &csv::Error, width: usize, lines_before: u64) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { pos, len, .. } => {
            let line = pos.as_ref().map_or(String::new(), |p| format!("line {}: ", p.line() + lines_before));
            format!(
                "{line}a row has {len} fields but the header has {width}; check the delimiter and quoting (a field \
                 holding the delimiter must be in double quotes)"
            )
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_header_delimiter() {
        assert_eq!(detect("a;b;c\n1,5;2;3", "x").ok(), Some(b';'));
        assert_eq!(detect("a,b\n", "x").ok(), Some(b','));
        assert_eq!(detect("a\tb\tc", "x").ok(), Some(b'\t'));
        assert_eq!(detect("\"a;b\",c\n", "x").ok(), Some(b','));
        assert_eq!(detect("single\n", "x").ok(), Some(b','));
        assert!(detect("a;b,c\n", "x").is_err());
    }

    #[test]
    fn decodes_and_names_the_offset() {
        assert_eq!(decode(b"\xEF\xBB\xBFNIP", "x", None).ok().as_deref(), Some("NIP"));
        let e = decode(b"NIP\nNama\xE9", "x", None).unwrap_err().to_string();
        assert!(e.contains("byte offset 8") && e.contains("line 2") && e.contains("windows-1252"), "{e}");
        assert_eq!(decode(b"Nama\xE9", "x", Some("windows-1252")).ok().as_deref(), Some("Namaé"));
        // a UTF-16 byte-order mark names its encoding; given, the file reads
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Nama".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let e = decode(&utf16, "x", None).unwrap_err().to_string();
        assert!(e.contains("encoding=\"utf-16le\"") && !e.contains("windows-1252"), "{e}");
        assert_eq!(decode(&utf16, "x", Some("utf-16le")).ok().as_deref(), Some("Nama"));
        assert!(matches!(decode(b"x", "x", Some("klingon")), Err(ReadError::Options(_))));
    }
}
