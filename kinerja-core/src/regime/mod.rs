//! The law of each regime, one module per regime; every step cites its article.

pub mod permenpanrb_6_2022;
pub mod permenpanrb_8_2021;
pub mod pp46_2011;
