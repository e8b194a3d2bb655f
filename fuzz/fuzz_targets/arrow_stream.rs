//! An Arrow IPC stream (a server body) read and scored (see `kinerja_fuzz::arrow_stream`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kinerja_fuzz::arrow_stream(data));
