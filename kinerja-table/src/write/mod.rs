//! Writing result tables: CSV, Parquet and XLSX, always atomically and never over an input.
//!
//! * **Atomic.** Each file is written to a temporary file in the same folder
//!   (`.kinerja-*.tmp`), flushed, `fsync`ed and renamed over the output; the folder is
//!   `fsync`ed after the rename. On any error the temporary file is removed and the output is
//!   left as it was: never half-written. A temporary file left by a killed process has a
//!   name no output has, so it is never mistaken for a result.
//! * **Never over an input.** [`check_paths`] refuses an output that is the same file as an
//!   input — compared by canonical path and by device and inode, so symlinks and hard links
//!   count — and two outputs on one path. Call it before reading anything.
//! * **Symlinks.** An output path that is a symlink is written *through*: the link is kept and
//!   its target replaced atomically.

mod csv;
mod xlsx;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;

pub use self::csv::{CsvOptions, CsvWriter, write_csv, write_csv_to};
pub use self::xlsx::{Sheet, scored_sheets, scored_xlsx_bytes, write_scored_xlsx, write_xlsx};

/// A write that did not happen (the output is untouched).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The output is the same file as an input.
    #[error("refusing to write `{output}`: it is the input file `{input}`; choose another output path")]
    SameAsInput {
        /// The output path as given.
        output: PathBuf,
        /// The input path as given.
        input: PathBuf,
    },
    /// Two outputs name the same file.
    #[error(
        "refusing to write `{first}` and `{second}`: they are the same file; give each output its own path"
    )]
    SameOutput {
        /// The first output path.
        first: PathBuf,
        /// The second output path.
        second: PathBuf,
    },
    /// An I/O error on `path`.
    #[error("cannot write `{path}`: {source}")]
    Io {
        /// The path being written.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The format library refused the data.
    #[error("cannot write `{path}` as {format}: {reason}")]
    Format {
        /// The path being written.
        path: PathBuf,
        /// `parquet` or `xlsx`.
        format: &'static str,
        /// Why.
        reason: String,
    },
}

impl WriteError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: io::Error) -> Self {
        WriteError::Io { path: path.to_path_buf(), source }
    }
    pub(crate) fn format(path: &Path, format: &'static str, reason: impl ToString) -> Self {
        WriteError::Format { path: path.to_path_buf(), format, reason: reason.to_string() }
    }
}

/// What identifies a file: its canonical path, and device and inode when it exists.
#[derive(Debug, PartialEq, Eq)]
struct Identity {
    path: PathBuf,
    inode: Option<(u64, u64)>,
}

impl Identity {
    fn same(&self, other: &Identity) -> bool {
        self.path == other.path || (self.inode.is_some() && self.inode == other.inode)
    }
}

#[cfg(unix)]
fn inode(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

fn identity(p: &Path) -> Result<Identity, WriteError> {
    if let Ok(m) = std::fs::metadata(p) {
        let path = std::fs::canonicalize(p).map_err(|e| WriteError::io(p, e))?;
        return Ok(Identity { path, inode: inode(&m) });
    }
    let parent = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let dir = std::fs::canonicalize(parent).map_err(|e| WriteError::io(p, e))?;
    let name = p.file_name().ok_or_else(|| {
        WriteError::io(p, io::Error::new(io::ErrorKind::InvalidInput, "the output path names no file"))
    })?;
    Ok(Identity { path: dir.join(name), inode: None })
}

/// Refuses an output that is the same file as an input or as another output (see the module
/// docs). Inputs that do not exist are ignored.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let input = dir.path().join("in.csv");
/// std::fs::write(&input, "employee\n1\n").unwrap();
/// let out = dir.path().join("out.csv");
/// assert!(kinerja_table::write::check_paths(&[&input], &[&out]).is_ok());
/// assert!(kinerja_table::write::check_paths(&[&input], &[&input]).is_err());
/// assert!(kinerja_table::write::check_paths(&[], &[&out, &out]).is_err());
/// ```
pub fn check_paths(inputs: &[&Path], outputs: &[&Path]) -> Result<(), WriteError> {
    let ins: Vec<(&Path, Identity)> = inputs
        .iter()
        .filter(|p| p.exists())
        .map(|p| identity(p).map(|i| (*p, i)))
        .collect::<Result<_, _>>()?;
    let mut outs: Vec<(&Path, Identity)> = Vec::with_capacity(outputs.len());
    for o in outputs {
        let id = identity(o)?;
        if let Some((input, _)) = ins.iter().find(|(_, i)| i.same(&id)) {
            return Err(WriteError::SameAsInput { output: o.to_path_buf(), input: input.to_path_buf() });
        }
        if let Some((first, _)) = outs.iter().find(|(_, i)| i.same(&id)) {
            return Err(WriteError::SameOutput { first: first.to_path_buf(), second: o.to_path_buf() });
        }
        outs.push((o, id));
    }
    Ok(())
}

/// Writes `path` atomically: `fill` writes into a temporary file in the same folder, which is
/// then flushed, synced and renamed over `path` (a symlink's target). Nothing is left behind on
/// error.
pub fn atomic_write(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<&mut File>) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| WriteError::io(path, e))?
        }
        _ => path.to_path_buf(),
    };
    if target.is_dir() {
        return Err(WriteError::io(
            path,
            io::Error::new(io::ErrorKind::IsADirectory, "the output is a folder"),
        ));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".kinerja-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| WriteError::io(path, e))?;
    {
        let file = tmp.as_file_mut();
        let mut w = BufWriter::with_capacity(1 << 20, file);
        fill(&mut w)?;
        w.flush().map_err(|e| WriteError::io(path, e))?;
    }
    keep_permissions(&target, tmp.as_file()).map_err(|e| WriteError::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| WriteError::io(path, e))?;
    tmp.persist(&target).map_err(|e| WriteError::io(path, e.error))?;
    if let Ok(d) = File::open(&dir) {
        // Best effort: some file systems refuse to sync a folder.
        let _ = d.sync_all();
    }
    Ok(())
}

/// The new file gets the old file's permissions, or the usual `rw-r--r--` for a new file
/// (the temporary file is private).
fn keep_permissions(target: &Path, file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(target).map(|m| m.permissions().mode()).unwrap_or(0o644);
        file.set_permissions(std::fs::Permissions::from_mode(mode & 0o7777))?;
    }
    #[cfg(not(unix))]
    {
        let _ = (target, file);
    }
    Ok(())
}

/// Writes `batch` as Parquet (Snappy-compressed), atomically.
pub fn write_parquet(batch: &RecordBatch, path: &Path) -> Result<(), WriteError> {
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    atomic_write(path, |w| {
        let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
        let mut writer = ArrowWriter::try_new(w, batch.schema(), Some(props))
            .map_err(|e| WriteError::format(path, "parquet", e))?;
        writer.write(batch).map_err(|e| WriteError::format(path, "parquet", e))?;
        writer.close().map_err(|e| WriteError::format(path, "parquet", e))?;
        Ok(())
    })
}
