//! Apache Parquet files: Arrow columns as written, converted like any Arrow batch.

use std::sync::Arc;

use arrow_array::{ArrayRef, NullArray, RecordBatch, RecordBatchReader};
use bytes::Bytes;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::{RawTable, ReadError, ReadOptions, decoded, too_many_rows};
use crate::canonical::resolve_headers;
use crate::schema::TableKind;

/// Reads a Parquet file into raw columns (its own column types), decoding only the columns
/// that name a column of `kind`: the others (kept by name, for `ignored_columns`) are of the
/// null type and hold no memory. A file the decoder fails on is a [`ReadError::Format`] (see
/// [`decoded`]).
pub(crate) fn read(
    bytes: Bytes,
    path: &str,
    options: &ReadOptions,
    kind: TableKind,
) -> Result<RawTable, ReadError> {
    decoded(path, "Parquet", || read_decoded(bytes, path, options, kind))
}

fn read_decoded(
    bytes: Bytes,
    path: &str,
    options: &ReadOptions,
    kind: TableKind,
) -> Result<RawTable, ReadError> {
    let format = |e: parquet::errors::ParquetError| ReadError::Format {
        path: path.to_string(),
        reason: format!(
            "{e} (Parquet files are read uncompressed or compressed with snappy, zstd, gzip or lz4; write with one of them)"
        ),
    };
    let builder = ParquetRecordBatchReaderBuilder::try_new(bytes).map_err(format)?;
    let rows = usize::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(usize::MAX);
    if rows > options.max_rows {
        return Err(too_many_rows(path, options.max_rows));
    }
    let headers: Vec<String> = builder.schema().fields().iter().map(|f| f.name().clone()).collect();
    let names: Vec<&str> = headers.iter().map(String::as_str).collect();
    // headers that do not resolve read nothing: the reading of the table reports them
    let wanted: Vec<usize> = match resolve_headers(&names, options, kind) {
        Ok(r) => r.canonical.iter().enumerate().filter(|(_, c)| c.is_some()).map(|(i, _)| i).collect(),
        Err(_) => Vec::new(),
    };
    let (read, n) = if wanted.is_empty() {
        (Vec::new(), rows)
    } else {
        let mask = ProjectionMask::roots(builder.parquet_schema(), wanted.iter().copied());
        let reader = builder.with_projection(mask).with_batch_size(rows.max(1)).build().map_err(format)?;
        let schema = reader.schema();
        let batches: Vec<RecordBatch> = reader
            .collect::<Result<_, _>>()
            .map_err(|e| ReadError::Format { path: path.to_string(), reason: e.to_string() })?;
        let batch = arrow_select::concat::concat_batches(&schema, &batches)
            .map_err(|e| ReadError::Format { path: path.to_string(), reason: e.to_string() })?;
        let n = batch.num_rows();
        (batch.columns().to_vec(), n)
    };
    let mut read = wanted.iter().copied().zip(read).peekable();
    let columns = (0..headers.len())
        .map(|i| match read.next_if(|(w, _)| *w == i) {
            Some((_, column)) => column,
            None => Arc::new(NullArray::new(n)) as ArrayRef,
        })
        .collect();
    Ok(RawTable {
        plain: vec![None; headers.len()],
        headers,
        columns,
        source_rows: (1..=n as u64).collect(),
        unvalued: Vec::new(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use arrow_array::{Int32Array, StringArray};
    use arrow_schema::DataType;

    fn parquet(batch: &RecordBatch) -> Bytes {
        let mut out = Vec::new();
        let mut w = parquet::arrow::ArrowWriter::try_new(&mut out, batch.schema(), None).unwrap();
        w.write(batch).unwrap();
        w.close().unwrap();
        Bytes::from(out)
    }

    /// Only the columns of the table are decoded: 1 000 all-null columns of 2 million rows
    /// (a 4.5 MB file) once took 8 GB; the others keep their names and hold no memory.
    #[test]
    fn only_the_columns_of_the_table_are_decoded() {
        let text = |v: &[&str]| Arc::new(StringArray::from(v.to_vec())) as ArrayRef;
        let batch = RecordBatch::try_from_iter([
            ("No", Arc::new(Int32Array::from(vec![1, 2])) as ArrayRef),
            ("NIP", text(&["a", "b"])),
            ("Catatan", text(&["x", "y"])),
            ("Target", Arc::new(Int32Array::from(vec![100, 90])) as ArrayRef),
            ("pegawai_lain", text(&["p", "q"])),
            ("Realisasi", text(&["90", "80"])),
        ])
        .unwrap();
        let raw = read(parquet(&batch), "t.parquet", &ReadOptions::default(), TableKind::Indicators).unwrap();
        assert_eq!(raw.headers, ["No", "NIP", "Catatan", "Target", "pegawai_lain", "Realisasi"]);
        let types: Vec<&DataType> = raw.columns.iter().map(|c| c.data_type()).collect();
        let (null, text_, int) = (&DataType::Null, &DataType::Utf8, &DataType::Int32);
        assert_eq!(types, [null, text_, null, int, null, text_]);
        assert_eq!(raw.columns.iter().map(|c| c.len()).collect::<Vec<_>>(), [2; 6]);
        assert_eq!(raw.columns[3].as_ref(), batch.column(3).as_ref());
        assert_eq!(raw.source_rows, [1, 2]);
        // a mapping reads the column it names; headers that do not resolve decode nothing
        let mapped =
            ReadOptions { columns: vec![("Catatan".into(), "indicator".into())], ..ReadOptions::default() };
        let raw = read(parquet(&batch), "t.parquet", &mapped, TableKind::Indicators).unwrap();
        assert_eq!(raw.columns[2].data_type(), &DataType::Utf8);
        let typo = RecordBatch::try_from_iter([
            ("NIP", text(&["a"])),
            ("Targte", text(&["1"])),
            ("Realisasi", text(&["1"])),
        ])
        .unwrap();
        let raw = read(parquet(&typo), "t.parquet", &ReadOptions::default(), TableKind::Indicators).unwrap();
        assert!(raw.columns.iter().all(|c| c.data_type() == &DataType::Null && c.len() == 1));
        // the row limit, from the file's metadata: two rows are read under a limit of two
        let two = ReadOptions { max_rows: 2, ..ReadOptions::default() };
        assert!(read(parquet(&batch), "t.parquet", &two, TableKind::Indicators).is_ok());
        let one = ReadOptions { max_rows: 1, ..ReadOptions::default() };
        let e = read(parquet(&batch), "t.parquet", &one, TableKind::Indicators).unwrap_err();
        assert!(e.to_string().contains("more than 1 data rows"), "{e}");
    }
}
