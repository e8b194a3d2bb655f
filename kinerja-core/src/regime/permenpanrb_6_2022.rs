//! PermenPANRB 6/2022: categorical ratings and the 3×3 predicate matrix (kuadran kinerja).

use crate::model::{Predicate, Rating};

/// The 3×3 matrix of PermenPANRB 6/2022 (Lampiran, kuadran kinerja; SE BKN 11/2023):
/// rows are the work-result rating, columns the behaviour rating.
///
/// * behaviour below: work result below → Sangat Kurang, else Kurang/Misconduct;
/// * work result below (behaviour meets or above) → Butuh Perbaikan;
/// * both above → Sangat Baik; otherwise Baik.
pub const fn predicate(work_result: Rating, behaviour: Rating) -> Predicate {
    match (work_result, behaviour) {
        (Rating::Below, Rating::Below) => Predicate::VeryPoor,
        (_, Rating::Below) => Predicate::PoorMisconduct,
        (Rating::Below, _) => Predicate::NeedsImprovement,
        (Rating::Above, Rating::Above) => Predicate::VeryGood,
        _ => Predicate::Good,
    }
}
