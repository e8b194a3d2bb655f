//! An explanation in one language: the core's `Trace::to_json(lang)` shape, with the citation,
//! the input names and values, the formula and the values also as read in that language (as
//! the text explanation shows them, numbers in its notation: `97,5` in Bahasa Indonesia), so an
//! Indonesian page is wholly Indonesian.

use kinerja_core::explain::{Lang, Trace, input_in, input_name, number_in};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
    /// The formula or rule in words (numbers in the notation of the language: `1,76` in
    /// Bahasa Indonesia).
    pub formula: String,
    /// The value before rounding, when rounding applies, as printed in the language.
    #[schema(example = "102,2222")]
    pub unrounded: Option<String>,
    /// The resulting value as printed in the language (`102,22%` in Bahasa Indonesia, `102.22%`
    /// in English; the exact machine values are in `evaluation`).
    #[schema(example = "102,22%")]
    pub value: String,
    /// `law`, `local_policy`, `unconfirmed` or `input`.
    #[schema(example = "law")]
    pub authority: String,
    /// The article, policy field or person the step rests on, in the language of the response
    /// (a local-policy reference reads `kebijakan lokal …` in Indonesian).
    #[schema(example = "PermenPANRB 6/2022, Lampiran: kuadran kinerja")]
    pub citation: String,
}

/// A named input of a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NamedValue {
    /// Name as recorded (`actual`).
    pub name: String,
    /// The name as read in the language of the response (`realisasi`).
    pub name_label: String,
    /// Printed value as recorded (machine values such as `higher_is_better`, `above`; numbers
    /// with a decimal point: `97.5`).
    pub value: String,
    /// The value as read in the language of the response (`Di atas ekspektasi`, `97,5`).
    pub label: String,
}

impl TraceView {
    /// The trace in `lang`.
    pub fn of(trace: &Trace, lang: Lang) -> Self {
        let steps = trace
            .steps
            .iter()
            .map(|s| StepView {
                subject: s.subject.clone(),
                title: s.title.get(lang).to_string(),
                inputs: s
                    .inputs
                    .iter()
                    .map(|(k, v)| NamedValue {
                        name: k.clone(),
                        name_label: input_name(k, lang).into_owned(),
                        value: v.clone(),
                        label: number_in(&input_in(v, lang), lang).into_owned(),
                    })
                    .collect(),
                formula: number_in(s.formula.get(lang), lang).into_owned(),
                unrounded: s.unrounded.as_deref().map(|u| number_in(u, lang).into_owned()),
                value: number_in(s.value.get(lang), lang).into_owned(),
                authority: authority(s.citation.authority).to_string(),
                citation: s.citation.reference_in(lang),
            })
            .collect();
        TraceView { heading: trace.heading.get(lang).to_string(), steps }
    }
}

fn authority(a: kinerja_core::explain::Authority) -> &'static str {
    a.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kinerja_core::explain::{BiText, Citation, Step};

    #[test]
    fn steps_in_one_language_with_the_cores_json_shape() {
        let mut t = Trace::new(BiText::new("Pegawai A", "Employee A"));
        t.push(
            Step::new(
                "work_result",
                BiText::new("Rating hasil kerja", "Work-result rating"),
                BiText::new("saran", "advice"),
                BiText::same("above"),
                Citation::policy("kupang-2024", "rating.advisory_bands"),
            )
            .input("rating", "above")
            .input("actual", "97.5")
            .unrounded("102.2222"),
        );
        let id = TraceView::of(&t, Lang::Id);
        assert_eq!(id.heading, "Pegawai A");
        assert_eq!(id.steps[0].citation, "kebijakan lokal kupang-2024: rating.advisory_bands");
        assert_eq!(id.steps[0].authority, "local_policy");
        assert_eq!(id.steps[0].inputs[0].value, "above");
        assert_eq!(id.steps[0].inputs[0].label, "Di atas ekspektasi");
        // every number in the Indonesian view in Indonesian notation, as the text shows it
        let actual = &id.steps[0].inputs[1];
        assert_eq!((actual.name_label.as_str(), actual.value.as_str()), ("realisasi", "97.5"));
        assert_eq!(actual.label, "97,5");
        assert_eq!(id.steps[0].unrounded.as_deref(), Some("102,2222"));
        assert!(t.to_text(Lang::Id).contains("realisasi = 97,5"));
        let en = TraceView::of(&t, Lang::En);
        assert_eq!(en.steps[0].citation, "local policy kupang-2024: rating.advisory_bands");
        assert_eq!(
            (en.steps[0].inputs[0].value.as_str(), en.steps[0].inputs[0].label.as_str()),
            ("above", "Above expectation")
        );
        assert_eq!(
            (en.steps[0].inputs[1].label.as_str(), en.steps[0].unrounded.as_deref()),
            ("97.5", Some("102.2222"))
        );
        // The keys are those of the core's JSON form (plus `label`).
        let core: serde_json::Value = serde_json::from_str(&t.to_json(Lang::En)).unwrap();
        let ours = serde_json::to_value(&en).unwrap();
        let keys =
            |v: &serde_json::Value| v["steps"][0].as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&core), keys(&ours));
    }
}
