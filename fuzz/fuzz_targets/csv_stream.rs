//! A CSV file streamed in blocks against the whole file (see `kinerja_fuzz::csv_stream`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kinerja_fuzz::csv_stream(data));
