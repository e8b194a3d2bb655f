//! The enumerations of the domain, each with a stable English value and labels in
//! Bahasa Indonesia and English (see [`Labelled`](crate::explain::Labelled)).

use crate::labelled_enum;

labelled_enum! {
    /// A rating against expectation (di atas / sesuai / di bawah ekspektasi), used for work
    /// results (hasil kerja) and for behaviour (perilaku kerja). Ordered worst to best.
    pub enum Rating: "rating" {
        /// Di bawah ekspektasi (BAWAH).
        Below = ("below", "Di bawah ekspektasi", "Below expectation", ["bawah", "dibawah"]),
        /// Sesuai ekspektasi (SESUAI).
        Meets = ("meets", "Sesuai ekspektasi", "Meets expectation", ["sesuai", "meet"]),
        /// Di atas ekspektasi (ATAS).
        Above = ("above", "Di atas ekspektasi", "Above expectation", ["atas", "diatas"]),
    }
}

labelled_enum! {
    /// Predikat Kinerja Pegawai, the employee's performance predicate. Ordered worst to best,
    /// so `max`/`min` and comparisons follow merit.
    pub enum Predicate: "predicate" {
        /// Sangat Kurang.
        VeryPoor = ("very_poor", "Sangat Kurang", "Very poor", ["sk"]),
        /// Kurang / Misconduct.
        PoorMisconduct = ("poor_misconduct", "Kurang/Misconduct", "Poor/misconduct", ["kurang", "k", "misconduct", "poor"]),
        /// Butuh Perbaikan (also written "Cukup").
        NeedsImprovement = ("needs_improvement", "Butuh Perbaikan", "Needs improvement", ["cukup", "bp", "butuh perbaikan/cukup"]),
        /// Baik.
        Good = ("good", "Baik", "Good", ["b"]),
        /// Sangat Baik.
        VeryGood = ("very_good", "Sangat Baik", "Very good", ["sb"]),
    }
}

labelled_enum! {
    /// Predikat Kinerja Organisasi, set by the superior organisation's leader (an input).
    /// Ordered worst to best.
    pub enum OrgPredicate: "org_predicate" {
        /// Sangat Kurang.
        VeryPoor = ("very_poor", "Sangat Kurang", "Very poor", ["sk"]),
        /// Kurang.
        Poor = ("poor", "Kurang", "Poor", ["k"]),
        /// Butuh Perbaikan (also written "Cukup").
        NeedsImprovement = ("needs_improvement", "Butuh Perbaikan", "Needs improvement", ["cukup", "bp"]),
        /// Baik.
        Good = ("good", "Baik", "Good", ["b"]),
        /// Istimewa.
        Outstanding = ("outstanding", "Istimewa", "Outstanding", ["excellent"]),
    }
}

labelled_enum! {
    /// Polarity of an indicator (kondisi normal / kondisi khusus).
    pub enum Polarity: "polarity" {
        /// Higher realisation is better (kondisi normal).
        HigherIsBetter = ("higher_is_better", "Semakin tinggi semakin baik", "Higher is better", ["higher", "normal", "kondisi normal", "positive", "positif", "maximize", "naik", "meningkat", "semakin tinggi", "up"]),
        /// Lower realisation is better (kondisi khusus: time, cost, waiting time).
        LowerIsBetter = ("lower_is_better", "Semakin rendah semakin baik", "Lower is better", ["lower", "khusus", "kondisi khusus", "negative", "negatif", "minimize", "turun", "menurun", "semakin rendah", "down"]),
    }
}

labelled_enum! {
    /// Aspect of an individual indicator (aspek IKI).
    #[non_exhaustive]
    pub enum Aspect: "aspect" {
        /// Kuantitas.
        Quantity = ("quantity", "Kuantitas", "Quantity"),
        /// Kualitas.
        Quality = ("quality", "Kualitas", "Quality"),
        /// Waktu.
        Time = ("time", "Waktu", "Time"),
        /// Biaya.
        Cost = ("cost", "Biaya", "Cost"),
    }
}

labelled_enum! {
    /// Type of post (jenis jabatan).
    #[non_exhaustive]
    pub enum PostType: "post_type" {
        /// Jabatan Pimpinan Tinggi (senior executive).
        Jpt = ("jpt", "Jabatan Pimpinan Tinggi", "Senior executive (JPT)", ["senior_executive", "pimpinan tinggi"]),
        /// Jabatan Administrator.
        Administrator = ("administrator", "Administrator", "Administrator"),
        /// Jabatan Pengawas.
        Supervisor = ("supervisor", "Pengawas", "Supervisor"),
        /// Jabatan Pelaksana.
        Executor = ("executor", "Pelaksana", "Executor", ["staff"]),
        /// Jabatan Fungsional.
        Functional = ("functional", "Fungsional", "Functional", ["jf"]),
    }
}

impl PostType {
    /// Structural posts (JPT, administrator, supervisor) lead people.
    pub fn is_structural(self) -> bool {
        matches!(self, PostType::Jpt | PostType::Administrator | PostType::Supervisor)
    }
}

labelled_enum! {
    /// Grade (jenjang) of a functional post.
    #[non_exhaustive]
    pub enum FunctionalGrade: "functional_grade" {
        /// Pemula (skilled category).
        Beginner = ("beginner", "Pemula", "Beginner", ["pemula"]),
        /// Terampil (skilled).
        Skilled = ("skilled", "Terampil", "Skilled", ["terampil"]),
        /// Mahir (skilled).
        Proficient = ("proficient", "Mahir", "Proficient", ["mahir"]),
        /// Penyelia (skilled).
        Supervisor = ("supervisor", "Penyelia", "Supervisor", ["penyelia"]),
        /// Ahli Pertama (expert).
        FirstExpert = ("first_expert", "Ahli Pertama", "First expert", ["ahli_pertama"]),
        /// Ahli Muda (expert).
        JuniorExpert = ("junior_expert", "Ahli Muda", "Junior expert", ["ahli_muda"]),
        /// Ahli Madya (expert).
        MiddleExpert = ("middle_expert", "Ahli Madya", "Middle expert", ["ahli_madya"]),
        /// Ahli Utama (expert).
        SeniorExpert = ("senior_expert", "Ahli Utama", "Senior expert", ["ahli_utama"]),
    }
}

labelled_enum! {
    /// Kind of planned result (RHK utama / tambahan).
    pub enum ResultKind: "result_kind" {
        /// RHK utama.
        Primary = ("primary", "Utama", "Primary", ["rhk utama", "main"]),
        /// RHK tambahan (evaluated qualitatively under 6/2022).
        Additional = ("additional", "Tambahan", "Additional", ["rhk tambahan", "extra"]),
    }
}

labelled_enum! {
    /// How a planned result supports its parent (intervensi).
    pub enum CascadeType: "cascade_type" {
        /// Kaskade langsung: a portion of the parent result.
        Direct = ("direct", "Langsung", "Direct"),
        /// Kaskade tidak langsung: supports the parent with a different indicator.
        Indirect = ("indirect", "Tidak langsung", "Indirect"),
    }
}

labelled_enum! {
    /// How an indicator's realisations over several periods are combined.
    #[non_exhaustive]
    pub enum Aggregation: "aggregation" {
        /// Cumulative: ΣR / ΣT (counts such as patients served).
        Cumulative = ("cumulative", "Kumulatif", "Cumulative", ["sum"]),
        /// The last period's value (stocks, states, indexes measured at the end).
        Last = ("last", "Nilai terakhir", "Last value", ["latest"]),
        /// The mean of the periods' values (rates such as waiting time).
        Mean = ("mean", "Rata-rata", "Mean", ["average"]),
    }
}

labelled_enum! {
    /// The seven BerAKHLAK core values (nilai dasar ASN).
    pub enum CoreValue: "core_value" {
        /// Berorientasi Pelayanan.
        ServiceOriented = ("service_oriented", "Berorientasi Pelayanan", "Service-oriented"),
        /// Akuntabel.
        Accountable = ("accountable", "Akuntabel", "Accountable"),
        /// Kompeten.
        Competent = ("competent", "Kompeten", "Competent"),
        /// Harmonis.
        Harmonious = ("harmonious", "Harmonis", "Harmonious"),
        /// Loyal.
        Loyal = ("loyal", "Loyal", "Loyal"),
        /// Adaptif.
        Adaptive = ("adaptive", "Adaptif", "Adaptive"),
        /// Kolaboratif.
        Collaborative = ("collaborative", "Kolaboratif", "Collaborative"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::{Labelled, Lang};

    #[test]
    fn parse_value_label_alias() {
        assert_eq!("very_good".parse::<Predicate>().unwrap(), Predicate::VeryGood);
        assert_eq!("Sangat Baik".parse::<Predicate>().unwrap(), Predicate::VeryGood);
        assert_eq!("SANGAT_BAIK".parse::<Predicate>().unwrap(), Predicate::VeryGood);
        assert_eq!("cukup".parse::<Predicate>().unwrap(), Predicate::NeedsImprovement);
        assert_eq!("di atas ekspektasi".parse::<Rating>().unwrap(), Rating::Above);
        assert_eq!("Istimewa".parse::<OrgPredicate>().unwrap(), OrgPredicate::Outstanding);
        let e = "great".parse::<Predicate>().unwrap_err().to_string();
        assert!(e.contains("very_good (Sangat Baik)"), "{e}");
        assert!(
            e.contains("also accepted") && e.contains("sb") && e.contains("butuh perbaikan/cukup"),
            "{e}"
        );
        assert_eq!(Predicate::VeryGood.label(Lang::En), "Very good");
        assert!(Predicate::VeryGood > Predicate::Good);
        let j = serde_json::to_string(&Rating::Above).unwrap();
        assert_eq!(j, "\"above\"");
        assert_eq!(serde_json::from_str::<Rating>("\"Di atas ekspektasi\"").unwrap(), Rating::Above);
    }

    #[test]
    fn indonesian_words_on_real_forms() {
        for w in ["naik", "Meningkat", "higher_is_better", "Semakin tinggi semakin baik", "normal"] {
            assert_eq!(w.parse::<Polarity>().unwrap(), Polarity::HigherIsBetter, "{w}");
        }
        for w in ["turun", "MENURUN", "lower", "kondisi khusus"] {
            assert_eq!(w.parse::<Polarity>().unwrap(), Polarity::LowerIsBetter, "{w}");
        }
        assert_eq!("tambahan".parse::<ResultKind>().unwrap(), ResultKind::Additional);
        assert_eq!("RHK Tambahan".parse::<ResultKind>().unwrap(), ResultKind::Additional);
        assert_eq!("utama".parse::<ResultKind>().unwrap(), ResultKind::Primary);
        let e = "addtional".parse::<ResultKind>().unwrap_err().to_string();
        assert!(e.contains("additional (Tambahan)") && e.contains("rhk tambahan"), "{e}");
        let e = "sideways".parse::<Polarity>().unwrap_err().to_string();
        assert!(e.contains("menurun") && e.contains("naik"), "{e}");
    }

    #[test]
    fn one_boolean_vocabulary() {
        use crate::explain::parse_bool;
        for w in ["true", "TRUE", "1", "ya", "Ya", "yes", "benar", " ya "] {
            assert!(parse_bool("unit_head", w).unwrap(), "{w}");
        }
        for w in ["false", "0", "tidak", "TIDAK", "no", "salah"] {
            assert!(!parse_bool("unit_head", w).unwrap(), "{w}");
        }
        for w in ["t", "y", "n", "f", "kepala", "maybe", "", "2", "-1", "yess"] {
            let e = parse_bool("unit_head", w).unwrap_err().to_string();
            assert!(e.contains("unit_head") && e.contains("tidak"), "{w}: {e}");
        }
    }
}
