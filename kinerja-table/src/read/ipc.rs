//! Arrow IPC streams (the server's `application/vnd.apache.arrow.stream` bodies).

use std::io::Cursor;

use arrow_array::RecordBatch;
use arrow_ipc::reader::StreamReader;

use super::{ReadError, decoded};

/// An Arrow IPC stream as one batch (its record batches concatenated), to be read like any
/// Arrow batch ([`super::canonicalise`]). A stream that is not well formed, one declaring a
/// message longer than the bytes that follow, or one the decoder panics on is a
/// [`ReadError::Format`] naming `name`.
///
/// ```
/// use kinerja_table::read::{ReadError, arrow_stream};
/// let e = arrow_stream(b"not arrow", "<body>").unwrap_err();
/// assert!(matches!(e, ReadError::Format { .. }), "{e}");
/// ```
pub fn arrow_stream(bytes: &[u8], name: &str) -> Result<RecordBatch, ReadError> {
    framing(bytes).map_err(|reason| ReadError::Format { path: name.to_string(), reason })?;
    decoded(name, "Arrow IPC", || {
        let bad =
            |e: arrow_schema::ArrowError| ReadError::Format { path: name.to_string(), reason: e.to_string() };
        let reader = StreamReader::try_new(Cursor::new(bytes), None).map_err(bad)?;
        let schema = reader.schema();
        let batches = reader.collect::<Result<Vec<_>, _>>().map_err(bad)?;
        arrow_select::concat::concat_batches(&schema, &batches).map_err(bad)
    })
}

/// The continuation marker before a message's metadata length.
const CONTINUATION: [u8; 4] = [0xff; 4];

/// Checks that every message of the stream fits the bytes that follow it, before the
/// decoder allocates what a message declares (`arrow-ipc` allocates a declared metadata or
/// body length up front: a body of a few bytes declaring terabytes aborted the process; found
/// by the fuzz target `arrow_stream`). Only lengths are checked here: whatever else is wrong
/// with a message the decoder reports.
fn framing(bytes: &[u8]) -> Result<(), String> {
    let word = |at: usize| bytes.get(at..at + 4).and_then(|w| <[u8; 4]>::try_from(w).ok());
    let mut at = 0;
    loop {
        let start = at;
        let Some(mut len) = word(at) else { return Ok(()) };
        at += 4;
        if len == CONTINUATION {
            let Some(l) = word(at) else { return Ok(()) };
            (len, at) = (l, at + 4);
        }
        let Ok(meta) = usize::try_from(i32::from_le_bytes(len)) else { return Ok(()) };
        if meta == 0 {
            return Ok(());
        }
        let rest = bytes.len() - at;
        if meta > rest {
            return Err(format!(
                "a message at byte {start} declares {meta} bytes of metadata but only {rest} follow; the stream is cut short or damaged"
            ));
        }
        let Ok(message) = arrow_ipc::root_as_message(&bytes[at..at + meta]) else { return Ok(()) };
        at += meta;
        let rest = bytes.len() - at;
        let body = message.bodyLength();
        match usize::try_from(body) {
            Ok(body) if body <= rest => at += body,
            _ => {
                return Err(format!(
                    "a message declares a body of {body} bytes but only {rest} follow; the stream is cut short or damaged"
                ));
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    /// One message: its continuation marker, metadata length, metadata and body.
    fn stream_of(batch: &RecordBatch) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = arrow_ipc::writer::StreamWriter::try_new(&mut out, batch.schema_ref()).unwrap();
        w.write(batch).unwrap();
        w.finish().unwrap();
        drop(w);
        out
    }

    #[test]
    fn declared_lengths_past_the_end_are_refused_before_decoding() {
        let batch = RecordBatch::try_from_iter([(
            "employee",
            std::sync::Arc::new(arrow_array::Int64Array::from(vec![1, 2, 3])) as arrow_array::ArrayRef,
        )])
        .unwrap();
        let good = stream_of(&batch);
        assert_eq!(framing(&good), Ok(()));
        assert_eq!(arrow_stream(&good, "<body>").unwrap(), batch);
        // the schema message's metadata length made huge
        let mut meta = good.clone();
        meta[4..8].copy_from_slice(&i32::MAX.to_le_bytes());
        let e = arrow_stream(&meta, "<body>").unwrap_err().to_string();
        assert!(e.contains("a message at byte 0 declares 2147483647 bytes of metadata but only"), "{e}");
        // cut short inside the record batch's body: its declared body no longer fits
        let cut = &good[..good.len() - 16];
        let e = framing(cut).unwrap_err();
        assert!(e.starts_with("a message declares a body of "), "{e}");
        assert!(e.ends_with("the stream is cut short or damaged"), "{e}");
        // no end-of-stream marker, a stray byte or two: the decoder's business
        assert_eq!(framing(&good[..good.len() - 8]), Ok(()));
        assert_eq!(framing(&[0xff, 0xff]), Ok(()));
        assert_eq!(framing(&[]), Ok(()));
    }
}
