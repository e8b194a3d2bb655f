//! Evaluates the bundled Dinas Kesehatan Kota Kupang roster under PermenPANRB 6/2022 with the
//! example Kupang policy and prints, per employee, the achievements, ratings, predicate and the
//! explanation (Bahasa Indonesia by default; pass `en` for English).
//!
//! Run: `cargo run -p kinerja-core --example kupang [-- en [ROSTER.json]]`; the adapted rosters
//! `kupang_dinas_kesehatan_2020_pp46.json` and `kupang_dinas_kesehatan_2021s2_permenpanrb_8_2021.json`
//! in `examples/data/` evaluate under the regime they name.

use kinerja_core::explain::Lang;
use kinerja_core::model::Plan;
use kinerja_core::period::Period;
use kinerja_core::regime::evaluate_all;
use kinerja_core::rules::{Policy, Ruleset};

#[derive(serde::Deserialize)]
struct Roster {
    name: String,
    period: Period,
    #[serde(default)]
    regime: Option<String>,
    plans: Vec<Plan>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lang = match std::env::args().nth(1).as_deref() {
        Some(l) => l.parse::<Lang>()?,
        None => Lang::Id,
    };
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let file = std::env::args().nth(2).unwrap_or_else(|| "kupang_dinas_kesehatan.json".into());
    let roster: Roster =
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/examples/data/{file}"))?)?;
    let policy =
        Policy::from_toml(&std::fs::read_to_string(format!("{root}/policies/kupang-2024.example.toml"))?)?;
    let rules =
        Ruleset::builtin(roster.regime.as_deref().unwrap_or("permenpanrb-6-2022"))?.with_policy(policy)?;
    println!("{} — {} — {}\n", roster.name, roster.period, rules.id());
    for (plan, res) in roster.plans.iter().zip(evaluate_all(&roster.plans, roster.period, &rules)) {
        match res {
            Ok(ev) => {
                println!("== {} — {} ({})", ev.name, plan.employee.position, ev.predicate_label(lang));
                for i in &ev.indicators {
                    println!(
                        "   {:<22} T {:>8}  R {:>10}  capaian {:>8}%",
                        i.indicator,
                        i.target.to_string(),
                        i.actual.normalize().to_string(),
                        i.achievement
                    );
                }
                for n in &ev.notes {
                    println!("   ! {}", n.get(lang));
                }
                println!("{}", ev.explain(lang));
            }
            Err(e) => println!("== {}: ERROR {e}\n", plan.employee.name),
        }
    }
    Ok(())
}
