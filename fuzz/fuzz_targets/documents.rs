//! See `kinerja_fuzz::documents`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kinerja_fuzz::documents(data));
