//! A csv file scored whole in both error modes (see `kinerja_fuzz::table`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kinerja_fuzz::table(data, kinerja_table::read::FileFormat::Csv));
