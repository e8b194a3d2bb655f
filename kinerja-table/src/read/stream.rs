//! A delimited UTF-8 file read block by block, for readers that score a file too large to
//! hold in batches (the command line's `kinerja score`). Each block is read by the same code
//! as a whole file ([`super::read_path`]): the same delimiter, blank cells and blank rows, and
//! every row numbered as the file's data row (blank lines counted), so a streamed file gives
//! the rows, problems and row numbers of the whole file.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};

use super::delimited::{detect, header_end, not_utf8, read_text, utf16_bom, utf16_file};
use super::{ReadError, ReadOptions};

/// One block of rows of a streamed file.
#[derive(Debug, Clone)]
pub struct TextBlock {
    /// The rows: one nullable UTF-8 column per header, named as written (a blank cell null).
    pub batch: RecordBatch,
    /// The data row of each row in the file: from 1, header excluded, blank lines counted (as
    /// [`super::ReadTable::source_rows`] numbers them).
    pub source_rows: Vec<u64>,
}

/// The blocks of a delimited UTF-8 file (a byte-order mark skipped), each of about
/// `block_bytes` bytes cut between records, read as [`super::read_path`] reads the whole file
/// with `options` (its `delimiter`, or the one told from the header line). A file with a header
/// and no rows gives one block of no rows. Other encodings are not streamed: read such a file
/// whole.
///
/// ```
/// use kinerja_table::read::{ReadOptions, csv_blocks};
/// let dir = std::env::temp_dir().join(format!("kinerja-doc-blocks-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("skp.csv");
/// // Excel's `;`, a blank line and a row of empty cells, as Indonesian exports have them
/// std::fs::write(&path, "NIP;Realisasi\n1;97,5\n\n2;80\n;\n3;70\n").unwrap();
/// let blocks: Vec<_> = csv_blocks(&path, &ReadOptions::default(), 8).unwrap().collect::<Result<_, _>>().unwrap();
/// let rows: Vec<u64> = blocks.iter().flat_map(|b| b.source_rows.clone()).collect();
/// assert_eq!(rows, [1, 3, 5]);
/// assert_eq!(blocks[0].batch.schema().field(1).name(), "Realisasi");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn csv_blocks(path: &Path, options: &ReadOptions, block_bytes: usize) -> Result<CsvBlocks, ReadError> {
    let shown = path.display().to_string();
    if options
        .encoding
        .as_deref()
        .is_some_and(|e| !matches!(e.trim().to_ascii_lowercase().as_str(), "utf-8" | "utf8"))
    {
        return Err(ReadError::Options(format!(
            "`{shown}`: only UTF-8 text is read in blocks; read the file whole"
        )));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| ReadError::Io { path: shown.clone(), reason: e.to_string() })?;
    let mut blocks = CsvBlocks {
        file,
        path: shown,
        options: options.clone(),
        block_bytes: block_bytes.max(1),
        buf: Vec::new(),
        cuts: Cuts::default(),
        header: String::new(),
        header_newlines: 0,
        offset: 0,
        newlines: 0,
        given: false,
        eof: false,
    };
    blocks.start()?;
    Ok(blocks)
}

/// Where a buffer may be cut: after its last newline outside double quotes.
#[derive(Debug, Default)]
struct Cuts {
    /// Bytes of the buffer scanned.
    scanned: usize,
    /// Inside a quoted field at `scanned`.
    quoted: bool,
    /// Just after the last newline outside quotes, in the scanned part.
    last: Option<usize>,
}

impl Cuts {
    /// Scans `buf` from where the last scan stopped.
    fn scan(&mut self, buf: &[u8]) {
        for (i, b) in buf.iter().enumerate().skip(self.scanned) {
            match b {
                b'"' => self.quoted = !self.quoted,
                b'\n' if !self.quoted => self.last = Some(i + 1),
                _ => {}
            }
        }
        self.scanned = buf.len();
    }

    /// The first `n` bytes of the buffer were taken.
    fn taken(&mut self, n: usize) {
        self.scanned -= n;
        self.last = self.last.and_then(|c| c.checked_sub(n)).filter(|c| *c > 0);
    }
}

/// The iterator of [`csv_blocks`].
#[derive(Debug)]
pub struct CsvBlocks {
    file: std::fs::File,
    path: String,
    options: ReadOptions,
    block_bytes: usize,
    /// Bytes read and not yet given.
    buf: Vec<u8>,
    cuts: Cuts,
    /// The header line with its line end.
    header: String,
    header_newlines: u64,
    /// The file offset of `buf[0]`, and the newlines before it after the header.
    offset: u64,
    newlines: u64,
    /// A block was given (a file of no rows gives one empty block).
    given: bool,
    eof: bool,
}

impl CsvBlocks {
    /// Reads up to `block_bytes` more bytes; false at the end of the file.
    fn fill(&mut self) -> Result<bool, ReadError> {
        let want = u64::try_from(self.block_bytes).unwrap_or(u64::MAX);
        let got = (&mut self.file)
            .take(want)
            .read_to_end(&mut self.buf)
            .map_err(|e| ReadError::Io { path: self.path.clone(), reason: e.to_string() })?;
        self.cuts.scan(&self.buf);
        Ok(got > 0)
    }

    /// Reads the header line (a byte-order mark skipped) and tells the delimiter.
    fn start(&mut self) -> Result<(), ReadError> {
        while self.cuts.last.is_none() && self.fill()? {}
        if let Some(utf16) = utf16_bom(&self.buf) {
            return Err(utf16_file(&self.path, utf16));
        }
        let bom = if self.buf.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        let end = header_end(&self.buf);
        let head = self.utf8(bom, end)?.to_string();
        self.header_newlines = newlines(head.as_bytes());
        if self.options.delimiter.is_none() {
            self.options.delimiter = Some(detect(&head, &self.path)?);
        }
        self.header = head;
        self.buf.drain(..end);
        self.cuts.taken(end);
        self.offset = end as u64;
        Ok(())
    }

    /// `buf[from..to]` as text, or the error naming the file's byte offset and line.
    fn utf8(&self, from: usize, to: usize) -> Result<&str, ReadError> {
        let bytes = self.buf.get(from..to).unwrap_or_default();
        std::str::from_utf8(bytes).map_err(|e| {
            let bad = from + e.valid_up_to();
            let before = newlines(self.buf.get(..bad).unwrap_or_default());
            not_utf8(&self.path, self.offset + bad as u64, self.header_newlines + self.newlines + before + 1)
        })
    }

    /// The next `n` bytes of the buffer as a block.
    fn block(&mut self, n: usize) -> Result<TextBlock, ReadError> {
        let body = self.utf8(0, n)?;
        let text = format!("{}{body}", self.header);
        let delimiter = self.options.delimiter.unwrap_or(b',');
        let raw = read_text(&text, &self.path, &self.options, delimiter, self.newlines)?;
        let taken = newlines(self.buf.get(..n).unwrap_or_default());
        self.buf.drain(..n);
        self.cuts.taken(n);
        self.offset += n as u64;
        self.newlines += taken;
        let fields: Vec<Field> = raw.headers.iter().map(|h| Field::new(h, DataType::Utf8, true)).collect();
        let columns: Vec<ArrayRef> = raw.columns;
        let batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
            .map_err(|e| ReadError::Format { path: self.path.clone(), reason: e.to_string() })?;
        Ok(TextBlock { batch, source_rows: raw.source_rows })
    }

    fn next_block(&mut self) -> Result<Option<TextBlock>, ReadError> {
        loop {
            if let Some(cut) = self.cuts.last.filter(|_| self.buf.len() >= self.block_bytes) {
                let b = self.block(cut)?;
                if b.batch.num_rows() > 0 {
                    self.given = true;
                    return Ok(Some(b));
                }
                continue;
            }
            if !self.eof && self.fill()? {
                continue;
            }
            self.eof = true;
            if self.buf.is_empty() && self.given {
                return Ok(None);
            }
            let first = !self.given;
            self.given = true;
            let b = self.block(self.buf.len())?;
            return Ok((b.batch.num_rows() > 0 || first).then_some(b));
        }
    }
}

impl Iterator for CsvBlocks {
    type Item = Result<TextBlock, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_block() {
            Ok(b) => b.map(Ok),
            Err(e) => {
                // nothing more after an error
                self.eof = true;
                self.buf.clear();
                self.given = true;
                Some(Err(e))
            }
        }
    }
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    use proptest::prelude::*;

    use super::*;

    /// The rows of a file read whole, or of its blocks: headers, cells, source rows; or the
    /// error's text.
    type Rows = (Vec<String>, Vec<Vec<Option<String>>>, Vec<u64>);

    fn cells(columns: &[ArrayRef]) -> Vec<Vec<Option<String>>> {
        let n = columns.first().map_or(0, |c| c.len());
        (0..n)
            .map(|i| {
                columns
                    .iter()
                    .map(|c| {
                        let s = c.as_string::<i32>();
                        s.is_valid(i).then(|| s.value(i).to_string())
                    })
                    .collect()
            })
            .collect()
    }

    fn whole(bytes: &[u8]) -> Result<Rows, String> {
        let raw = super::super::delimited::read(bytes, "f.csv", &ReadOptions::default())
            .map_err(|e| e.to_string())?;
        Ok((raw.headers, cells(&raw.columns), raw.source_rows))
    }

    fn blocked(bytes: &[u8], block: usize) -> Result<Rows, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, bytes).unwrap();
        let shown = path.display().to_string();
        let fix = |e: ReadError| e.to_string().replace(&shown, "f.csv");
        let mut out: Rows = (Vec::new(), Vec::new(), Vec::new());
        for b in csv_blocks(&path, &ReadOptions::default(), block).map_err(fix)? {
            let b = b.map_err(fix)?;
            out.0 = b.batch.schema().fields().iter().map(|f| f.name().clone()).collect();
            out.1.extend(cells(b.batch.columns()));
            out.2.extend(b.source_rows);
        }
        Ok(out)
    }

    /// A line of a hostile export: cells (quoted with `;` `,` and newlines inside, blank,
    /// spaces only), or an empty line.
    fn line() -> impl Strategy<Value = String> {
        let cell = prop_oneof![
            Just(String::new()),
            Just("  ".to_string()),
            "[a-z0-9 .,]{1,6}".prop_map(|s| s),
            "[a-z;,\n]{0,5}".prop_map(|s| format!("\"{}\"", s.replace('"', "\"\""))),
            Just("Nama\u{e9}".to_string()),
        ];
        prop_oneof![Just(String::new()), proptest::collection::vec(cell, 3).prop_map(|c| c.join(";"))]
    }

    proptest! {
        /// Read in blocks of any size, a file gives the rows, cells, row numbers and errors
        /// of the file read whole.
        #[test]
        fn blocks_give_the_whole_files_rows(
            lines in proptest::collection::vec(line(), 0..12),
            crlf in any::<bool>(),
            bom in any::<bool>(),
            block in 1usize..40,
            bad in proptest::option::of(0usize..200),
        ) {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut bytes: Vec<u8> = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
            bytes.extend(format!("NIP;Target;Realisasi{end}{}", lines.join(end)).into_bytes());
            if let Some(at) = bad.filter(|at| *at < bytes.len()) {
                bytes.insert(at, 0xFF); // not UTF-8
            }
            prop_assert_eq!(blocked(&bytes, block), whole(&bytes));
        }
    }

    #[test]
    fn a_file_of_no_rows_gives_one_empty_block_and_an_empty_file_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, "NIP,Target\n\n").unwrap();
        let blocks: Vec<TextBlock> =
            csv_blocks(&path, &ReadOptions::default(), 4).unwrap().map(Result::unwrap).collect();
        assert_eq!(blocks.len(), 1);
        assert_eq!((blocks[0].batch.num_rows(), blocks[0].batch.num_columns()), (0, 2));
        std::fs::write(&path, "").unwrap();
        let e = csv_blocks(&path, &ReadOptions::default(), 4).unwrap().next().unwrap().unwrap_err();
        assert!(e.to_string().contains("no header line"), "{e}");
        let windows = ReadOptions { encoding: Some("windows-1252".into()), ..ReadOptions::default() };
        assert!(matches!(csv_blocks(&path, &windows, 4), Err(ReadError::Options(_))));
    }

    /// A UTF-16 file (Excel's "Unicode Text") is told by its byte-order mark, with the
    /// encoding to give, not as text that is not UTF-8 read as Windows-1252.
    #[test]
    fn a_utf16_file_is_named_by_its_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        for (bom, label) in [([0xFF, 0xFE], "utf-16le"), ([0xFE, 0xFF], "utf-16be")] {
            let mut bytes = bom.to_vec();
            bytes.extend("NIP\tTarget\n1\t2\n".encode_utf16().flat_map(u16::to_le_bytes));
            std::fs::write(&path, &bytes).unwrap();
            let e = csv_blocks(&path, &ReadOptions::default(), 4).err().unwrap();
            assert!(e.to_string().contains(&format!("encoding=\"{label}\"")), "{e}");
            assert!(!e.to_string().contains("windows-1252"), "{e}");
        }
    }
}
