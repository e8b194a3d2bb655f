//! Apache Parquet files: Arrow columns as written, converted like any Arrow batch.

use arrow_array::RecordBatch;
use bytes::Bytes;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::{RawTable, ReadError, ReadOptions, decoded, too_many_rows};

/// Reads a whole Parquet file into raw columns (its own column types); a file the decoder
/// fails on is a [`ReadError::Format`] (see [`decoded`]).
pub(crate) fn read(bytes: Bytes, path: &str, options: &ReadOptions) -> Result<RawTable, ReadError> {
    decoded(path, "Parquet", || read_decoded(bytes, path, options))
}

fn read_decoded(bytes: Bytes, path: &str, options: &ReadOptions) -> Result<RawTable, ReadError> {
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
    let schema = builder.schema().clone();
    let reader = builder.with_batch_size(rows.max(1)).build().map_err(format)?;
    let batches: Vec<RecordBatch> = reader
        .collect::<Result<_, _>>()
        .map_err(|e| ReadError::Format { path: path.to_string(), reason: e.to_string() })?;
    let batch = arrow_select::concat::concat_batches(&schema, &batches)
        .map_err(|e| ReadError::Format { path: path.to_string(), reason: e.to_string() })?;
    Ok(RawTable {
        headers: schema.fields().iter().map(|f| f.name().clone()).collect(),
        columns: batch.columns().to_vec(),
        plain: vec![None; batch.num_columns()],
        source_rows: (1..=batch.num_rows() as u64).collect(),
    })
}
