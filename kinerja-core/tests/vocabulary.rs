//! Every spelling of every labelled vocabulary reads back as its own value: no two values
//! share a spelling once case, spaces, `_`, `-`, `/` and `.` are ignored (which would make
//! `parse_label` pick the first silently).

use kinerja_core::explain::Labelled;
use std::fmt::Debug;

/// Each spelling of `T` (values, both labels, aliases) parses to the value it belongs to, and
/// so do its upper-case and spaced-out forms.
fn each_spelling_is_its_own<T: Labelled + Debug + PartialEq>() {
    for v in T::ALL {
        let own =
            [v.value(), v.label(kinerja_core::explain::Lang::Id), v.label(kinerja_core::explain::Lang::En)];
        for w in own.into_iter().chain(v.aliases().iter().copied()) {
            for form in [w.to_string(), w.to_uppercase(), w.replace(' ', "_"), format!("  {w} ")] {
                let got = T::parse_label(&form);
                assert_eq!(got.as_ref().ok(), Some(v), "{} `{form}` read as {got:?}, not {v:?}", T::kind());
            }
        }
    }
}

macro_rules! all {
    ($($t:path),+ $(,)?) => {
        /// Every labelled vocabulary of the core.
        #[test]
        fn no_two_values_share_a_spelling() {
            $( each_spelling_is_its_own::<$t>(); )+
        }

        /// The list above names every `labelled_enum!` of the sources (a new vocabulary is
        /// checked too, not forgotten).
        #[test]
        fn every_labelled_enum_is_listed() {
            let listed: Vec<&str> = vec![$(last_segment(stringify!($t))),+];
            let mut defined = labelled_enums(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")));
            defined.sort();
            let mut listed_sorted: Vec<String> = listed.iter().map(|s| s.to_string()).collect();
            listed_sorted.sort();
            assert_eq!(listed_sorted, defined);
        }
    };
}

all!(
    kinerja_core::model::Aggregation,
    kinerja_core::model::Aspect,
    kinerja_core::model::CascadeType,
    kinerja_core::model::CoreValue,
    kinerja_core::model::FunctionalGrade,
    kinerja_core::model::OrgPredicate,
    kinerja_core::model::Polarity,
    kinerja_core::model::PostType,
    kinerja_core::model::Predicate,
    kinerja_core::model::Rating,
    kinerja_core::model::ResultKind,
    kinerja_core::followup::tpp::AttendanceEventKind,
    kinerja_core::followup::tpp::EmployeeStatus,
    kinerja_core::regime::pp46_2011::BehaviourAspect,
    kinerja_core::regime::pp46_2011::CreativityLevel,
    kinerja_core::followup::rewards::FollowUpKind,
    kinerja_core::instruments::satisfaction::IkmGrade,
    kinerja_core::instruments::satisfaction::IkmRegime,
    kinerja_core::followup::month_predicate::MonthPredicateRule,
    kinerja_core::instruments::teacher::PkgLabel,
    kinerja_core::instruments::puskesmas::PkpGroup,
    kinerja_core::followup::talent::Potential,
    kinerja_core::followup::talent::TalentGroup,
    kinerja_core::rules::RegimeId,
    kinerja_core::org::sakip::SakipComponent,
    kinerja_core::org::sakip::SakipGrade,
    kinerja_core::org::sakip::SakipPredicate,
    kinerja_core::org::sakip::SakipSubComponent,
    kinerja_core::instruments::spm::SpmService,
    kinerja_core::instruments::teacher::TeacherRole,
    kinerja_core::followup::monitoring::TrackStatus,
);

/// `Rating` of `kinerja_core::model::Rating` (as `stringify!` spaces it or not).
fn last_segment(path: &'static str) -> &'static str {
    path.rsplit("::").next().unwrap_or(path).trim()
}

/// The names of the enums defined with `labelled_enum!` under `dir`.
fn labelled_enums(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("source directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            out.extend(labelled_enums(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("source file");
            for (i, _) in text.match_indices("labelled_enum! {") {
                let rest = &text[i..];
                let name = rest.split("enum ").nth(1).and_then(|r| r.split_whitespace().next());
                out.extend(name.map(|n| n.trim_end_matches(':').to_string()));
            }
        }
    }
    out
}

/// The one vocabulary written without the macro reads its spellings back too.
#[test]
fn sample_size_methods_read_back() {
    each_spelling_is_its_own::<kinerja_core::instruments::satisfaction::SampleSizeMethod>();
}

/// A language that is not one names every spelling accepted, in both languages.
#[test]
fn an_unknown_language_lists_every_spelling() {
    use kinerja_core::explain::Lang;
    let e = "fr".parse::<Lang>().unwrap_err();
    let all = "id, ind, indonesian, bahasa, bahasa indonesia, en, eng, english";
    assert!(
        e.message(Lang::En).ends_with(&format!("`fr` is not a language; accepted (any case): {all}")),
        "{e}"
    );
    assert!(
        e.message(Lang::Id).ends_with(&format!(
            "`fr` bukan bahasa yang dikenal; yang diterima (huruf besar/kecil bebas): {all}"
        )),
        "{}",
        e.message(Lang::Id)
    );
    for (w, l) in Lang::SPELLINGS {
        assert_eq!(w.to_uppercase().parse::<Lang>().ok(), Some(*l));
    }
}
