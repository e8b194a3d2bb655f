//! See `kinerja_fuzz::numbers`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kinerja_fuzz::numbers(data));
