//! The training section (`follow_up.training`): the topic for each kind of need and the
//! low-achievement threshold.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::pol;
use crate::error::Result;
use crate::explain::Labelled;
use crate::model::CoreValue;

/// A training topic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TrainingTopic {
    /// Stable code used for counting, e.g. `PEL`.
    pub code: String,
    /// Name in Bahasa Indonesia.
    pub id: String,
    /// Name in English.
    pub en: String,
}

impl TrainingTopic {
    fn new(code: &str, id: &str, en: &str) -> Self {
        TrainingTopic { code: code.into(), id: id.into(), en: en.into() }
    }
}

/// Training-needs policy. Legal status of every field: local choice (the law expects
/// competence development for low performers but gives no mapping).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct TrainingPolicy {
    /// Topic per BerAKHLAK core value rated below expectation. Every value must be present.
    pub core_value_topics: BTreeMap<CoreValue, TrainingTopic>,
    /// Topic when the overall behaviour is below expectation and no value-level rating is
    /// below expectation.
    pub behaviour_topic: TrainingTopic,
    /// Topic when the work result (hasil kerja) is below expectation.
    pub work_result_topic: TrainingTopic,
    /// Topic for an indicator with low achievement.
    pub low_achievement_topic: TrainingTopic,
    /// An indicator achievement strictly below this percent is low. Default 80.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub low_achievement_below: Decimal,
}

impl Default for TrainingPolicy {
    fn default() -> Self {
        use CoreValue as C;
        TrainingPolicy {
            core_value_topics: BTreeMap::from([
                (
                    C::ServiceOriented,
                    TrainingTopic::new("PEL", "Pelayanan publik prima", "Excellent public service"),
                ),
                (
                    C::Accountable,
                    TrainingTopic::new("AKT", "Akuntabilitas dan integritas", "Accountability and integrity"),
                ),
                (
                    C::Competent,
                    TrainingTopic::new(
                        "KOM",
                        "Pengembangan kompetensi teknis",
                        "Technical competence development",
                    ),
                ),
                (
                    C::Harmonious,
                    TrainingTopic::new(
                        "HAR",
                        "Komunikasi dan keharmonisan kerja",
                        "Workplace communication and harmony",
                    ),
                ),
                (
                    C::Loyal,
                    TrainingTopic::new(
                        "LOY",
                        "Wawasan kebangsaan dan etika ASN",
                        "National values and civil-service ethics",
                    ),
                ),
                (
                    C::Adaptive,
                    TrainingTopic::new(
                        "ADP",
                        "Inovasi dan adaptasi perubahan",
                        "Innovation and adapting to change",
                    ),
                ),
                (
                    C::Collaborative,
                    TrainingTopic::new("KOL", "Kolaborasi dan kerja tim", "Collaboration and teamwork"),
                ),
            ]),
            behaviour_topic: TrainingTopic::new(
                "BER",
                "Penguatan perilaku kerja BerAKHLAK",
                "Strengthening BerAKHLAK work behaviour",
            ),
            work_result_topic: TrainingTopic::new(
                "KIN",
                "Perencanaan dan manajemen kinerja",
                "Performance planning and management",
            ),
            low_achievement_topic: TrainingTopic::new(
                "IKI",
                "Pendampingan teknis pencapaian indikator",
                "Technical coaching on indicator achievement",
            ),
            low_achievement_below: Decimal::from(80),
        }
    }
}

impl TrainingPolicy {
    /// Checks every core value has a topic and codes are non-empty.
    pub fn validate(&self, path: &str) -> Result<()> {
        for v in CoreValue::ALL {
            match self.core_value_topics.get(v) {
                None => return Err(pol(format!("{path}.core_value_topics.{}", v.value()), "missing")),
                Some(t) if t.code.trim().is_empty() => {
                    return Err(pol(format!("{path}.core_value_topics.{}.code", v.value()), "is empty"));
                }
                Some(_) => {}
            }
        }
        for (f, t) in [
            ("behaviour_topic", &self.behaviour_topic),
            ("work_result_topic", &self.work_result_topic),
            ("low_achievement_topic", &self.low_achievement_topic),
        ] {
            if t.code.trim().is_empty() {
                return Err(pol(format!("{path}.{f}.code"), "is empty"));
            }
        }
        if crate::num::negative(self.low_achievement_below) {
            return Err(pol(format!("{path}.low_achievement_below"), "must not be negative"));
        }
        Ok(())
    }
}
