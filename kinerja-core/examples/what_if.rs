//! What-if: the Kupang roster under the example Kupang policy versus a stricter variant.
//!
//! Run: `cargo run -p kinerja-core --example what_if [-- en]`

use kinerja_core::compare::compare;
use kinerja_core::explain::Lang;
use kinerja_core::model::Plan;
use kinerja_core::rules::{Policy, Ruleset};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lang = match std::env::args().nth(1).as_deref() {
        Some(l) => l.parse::<Lang>()?,
        None => Lang::Id,
    };
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let roster: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(format!(
        "{root}/examples/data/kupang_dinas_kesehatan.json"
    ))?)?;
    let plans: Vec<Plan> = serde_json::from_value(roster["plans"].clone())?;
    let kupang =
        Policy::from_toml(&std::fs::read_to_string(format!("{root}/policies/kupang-2024.example.toml"))?)?;
    let mut strict = kupang.clone();
    strict.id = "kupang-2024-strict".into();
    strict.rating.advisory_bands[0].min = "130".parse()?;
    strict.rating.advisory_bands[1].min = "100".parse()?;
    let base = Ruleset::builtin("permenpanrb-6-2022")?;
    let report = compare(&plans, "2024".parse()?, &base.with_policy(kupang)?, &base.with_policy(strict)?);
    print!("{}", report.to_text(lang));
    Ok(())
}
