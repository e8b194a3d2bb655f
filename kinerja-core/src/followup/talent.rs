//! Talent management nine-box (PermenPANRB 3/2020): performance (columns) against potential
//! (rows); boxes 7–9 form the talent pool (kelompok rencana suksesi).

use serde::{Deserialize, Serialize};

use super::pol;
use crate::error::Result;
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::labelled_enum;
use crate::model::{Predicate, Rating};
use crate::rules::Policy;

/// The nine-box matrix of talent management: (reference, topic in Bahasa Indonesia, in English).
const LAW: (&str, &str, &str) =
    ("PermenPANRB 3/2020", "manajemen talenta, matriks sembilan kotak", "talent management, nine-box matrix");
const PATH: &str = "follow_up.talent";

labelled_enum! {
    /// Potential level from competency assessment (potensial).
    pub enum Potential: "potential" {
        /// Rendah.
        Low = ("low", "Rendah", "Low", ["r"]),
        /// Menengah.
        Medium = ("medium", "Menengah", "Medium", ["m", "sedang"]),
        /// Tinggi.
        High = ("high", "Tinggi", "High", ["t"]),
    }
}

labelled_enum! {
    /// Grouping of the boxes (one public implementation: {7,8,9}, {2,4,5}, {1,3,6}).
    pub enum TalentGroup: "talent_group" {
        /// Boxes 1, 3, 6.
        Low = ("low", "Rendah", "Low"),
        /// Boxes 2, 4, 5.
        Middle = ("middle", "Menengah", "Middle"),
        /// Boxes 7, 8, 9.
        High = ("high", "Tinggi", "High"),
    }
}

pub use crate::rules::follow_up::talent::TalentPolicy;

/// The box number 1–9 for a performance rating and a potential (TV-35).
///
/// ```
/// use kinerja_core::followup::{nine_box, Potential};
/// use kinerja_core::model::Rating;
/// assert_eq!(nine_box(Rating::Above, Potential::High), 9);
/// assert_eq!(nine_box(Rating::Below, Potential::High), 4);
/// assert_eq!(nine_box(Rating::Meets, Potential::Low), 3);
/// ```
pub const fn nine_box(performance: Rating, potential: Potential) -> u8 {
    match (performance, potential) {
        (Rating::Below, Potential::Low) => 1,
        (Rating::Below, Potential::Medium) => 2,
        (Rating::Meets, Potential::Low) => 3,
        (Rating::Below, Potential::High) => 4,
        (Rating::Meets, Potential::Medium) => 5,
        (Rating::Above, Potential::Low) => 6,
        (Rating::Meets, Potential::High) => 7,
        (Rating::Above, Potential::Medium) => 8,
        (Rating::Above, Potential::High) => 9,
    }
}

/// The group of a box.
pub const fn group(b: u8) -> TalentGroup {
    match b {
        7..=9 => TalentGroup::High,
        2 | 4 | 5 => TalentGroup::Middle,
        _ => TalentGroup::Low,
    }
}

/// An employee's place in the nine-box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalentPlacement {
    /// Employee id.
    pub employee: String,
    /// The predicate used.
    pub predicate: Predicate,
    /// The performance axis.
    pub performance: Rating,
    /// The potential.
    pub potential: Potential,
    /// The box, 1–9.
    pub box_number: u8,
    /// The group.
    pub group: TalentGroup,
    /// In the talent pool.
    pub in_pool: bool,
    /// How it was reached.
    pub trace: Trace,
}

/// Places an employee: the predicate goes to the performance axis by policy, then the box.
pub fn talent_placement(
    employee: &str,
    predicate: Predicate,
    potential: Potential,
    policy: &Policy,
) -> Result<TalentPlacement> {
    let tp = &policy.follow_up.talent;
    let performance = *tp
        .predicate_axis
        .get(&predicate)
        .ok_or_else(|| pol(format!("{PATH}.predicate_axis.{}", predicate.value()), "missing"))?;
    let b = nine_box(performance, potential);
    let in_pool = tp.pool_boxes.contains(&b);
    let g = group(b);
    let mut trace = Trace::new(BiText::new(
        format!("Manajemen talenta pegawai {employee}"),
        format!("Talent placement of employee {employee}"),
    ));
    let axis_cite = if tp.predicate_axis == TalentPolicy::default().predicate_axis {
        Citation::unconfirmed(format!("{PATH}.predicate_axis")).with_topic(
            "pemetaan predikat ke sumbu kinerja belum diatur (C-18)",
            "mapping predicates to the performance axis is not regulated (C-18)",
        )
    } else {
        Citation::policy(&policy.id, &format!("{PATH}.predicate_axis"))
    };
    trace.push(Step::new(
        "performance_axis",
        BiText::new("Sumbu kinerja", "Performance axis"),
        BiText::new(
            format!("predikat {} → {}", predicate.label(Lang::Id), performance.label(Lang::Id)),
            format!("predicate {} → {}", predicate.label(Lang::En), performance.label(Lang::En)),
        ),
        BiText::new(performance.label(Lang::Id), performance.label(Lang::En)),
        axis_cite,
    ));
    trace.push(
        Step::new(
            "box",
            BiText::new("Kotak talenta", "Talent box"),
            BiText::new(
                format!("kinerja {} × potensial {}", performance.label(Lang::Id), potential.label(Lang::Id)),
                format!(
                    "performance {} × potential {}",
                    performance.label(Lang::En),
                    potential.label(Lang::En)
                ),
            ),
            BiText::same(b.to_string()),
            Citation::law_on(LAW.0, LAW.1, LAW.2),
        )
        .input("potensial", potential.value()),
    );
    trace.push(Step::new(
        "pool",
        BiText::new("Kelompok rencana suksesi", "Talent pool"),
        BiText::new(format!("kotak {b} ∈ {:?}?", tp.pool_boxes), format!("box {b} ∈ {:?}?", tp.pool_boxes)),
        BiText::new(if in_pool { "ya" } else { "tidak" }, if in_pool { "yes" } else { "no" }),
        if tp.pool_boxes == [7, 8, 9] {
            Citation::law_on(LAW.0, LAW.1, LAW.2)
        } else {
            Citation::policy(&policy.id, &format!("{PATH}.pool_boxes"))
        },
    ));
    Ok(TalentPlacement {
        employee: employee.into(),
        predicate,
        performance,
        potential,
        box_number: b,
        group: g,
        in_pool,
        trace,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for r in Rating::ALL {
            for p in Potential::ALL {
                assert!(seen.insert(nine_box(*r, *p)));
            }
        }
        assert_eq!(seen.len(), 9);
        let pl = talent_placement("e", Predicate::Good, Potential::High, &Policy::default()).unwrap();
        assert_eq!((pl.box_number, pl.in_pool, pl.group), (7, true, TalentGroup::High));
    }
}
