//! A JSON rows body of `POST /v1/score` decoded and scored (see `kinerja_fuzz::json_rows`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kinerja_fuzz::json_rows(data));
