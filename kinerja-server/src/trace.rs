//! An explanation in one language, as the core's `Trace::to_json(lang)` writes it.

use kinerja_core::explain::{Lang, Trace};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::problem::{Kind, Problem};

/// An explanation: a heading and the ordered steps, each with its citation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TraceView {
    /// The heading (employee and period, or the unit).
    pub heading: String,
    /// The steps in the order they were taken.
    pub steps: Vec<StepView>,
}

/// One step of an explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StepView {
    /// What the step is about (an indicator id, `work_result`, `predicate`, …).
    pub subject: String,
    /// A short title.
    pub title: String,
    /// Named inputs with their printed values.
    pub inputs: Vec<NamedValue>,
    /// The formula or rule in words.
    pub formula: String,
    /// The value before rounding, when rounding applies.
    pub unrounded: Option<String>,
    /// The resulting value as printed.
    pub value: String,
    /// `law`, `local_policy`, `unconfirmed` or `input`.
    #[schema(example = "law")]
    pub authority: String,
    /// The article, policy field or person the step rests on.
    #[schema(example = "PermenPANRB 6/2022, Lampiran: kuadran kinerja")]
    pub citation: String,
}

/// A named input of a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NamedValue {
    /// Name.
    pub name: String,
    /// Printed value.
    pub value: String,
}

impl TraceView {
    /// The trace in `lang`.
    pub fn of(trace: &Trace, lang: Lang) -> Result<Self, Problem> {
        serde_json::from_str(&trace.to_json(lang))
            .map_err(|e| Problem::new(Kind::Internal, format!("explanation could not be rendered: {e}")))
    }
}
