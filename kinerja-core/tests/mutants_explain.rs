//! Tests for `kinerja-core/src/explain.rs` (cargo-mutants on the whole file): the authority's
//! name as JSON writes it, a citation's reference with and without a topic (recorded and in
//! each language), a decimal point that is not a number's, an input name of more than one word,
//! the whole text, Markdown and JSON of a small trace in both languages, and the vocabulary of a
//! hand-written `Labelled` type (the trait's own default aliases). Each asserts the exact text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::Error;
use kinerja_core::explain::{
    Authority, BiText, Citation, Labelled, Lang, Step, Trace, input_name, number_in,
};
use kinerja_core::instruments::SampleSizeMethod;

/// Each authority's name is the one its JSON form writes (`law`, `local_policy`,
/// `unconfirmed`, `input`), so a trace's authority reads the same wherever it is shown.
#[test]
fn authority_names_are_their_json_names() {
    for (a, name) in [
        (Authority::Law, "law"),
        (Authority::LocalPolicy, "local_policy"),
        (Authority::Unconfirmed, "unconfirmed"),
        (Authority::Input, "input"),
    ] {
        assert_eq!(a.as_str(), name);
        assert_eq!(serde_json::to_value(a).unwrap(), name);
    }
}

/// A topic follows a regulation's reference after a colon, a policy field's reference (which
/// has its own `: `) after a dash, and stands alone when there is no reference; the recorded
/// form keeps the machine reference, the rendered one reads in each language.
#[test]
fn a_topic_follows_the_reference_by_its_shape() {
    let law = Citation::law_on(
        "PermenPANRB 8/2021, Lampiran",
        "capaian IKI kondisi normal",
        "IKI achievement, normal polarity",
    );
    assert_eq!(law.recorded(Lang::Id), "PermenPANRB 8/2021, Lampiran: capaian IKI kondisi normal");
    assert_eq!(law.recorded(Lang::En), "PermenPANRB 8/2021, Lampiran: IKI achievement, normal polarity");
    assert_eq!(law.reference_in(Lang::Id), "PermenPANRB 8/2021, Lampiran: capaian IKI kondisi normal");
    assert_eq!(law.reference_in(Lang::En), "PermenPANRB 8/2021, Lampiran: IKI achievement, normal polarity");

    let field = Citation::policy("kupang-2024", "advisory_bands").with_topic("pita saran", "advisory bands");
    assert_eq!(field.recorded(Lang::Id), "local policy kupang-2024: advisory_bands — pita saran");
    assert_eq!(field.recorded(Lang::En), "local policy kupang-2024: advisory_bands — advisory bands");
    assert_eq!(field.reference_in(Lang::Id), "kebijakan lokal kupang-2024: advisory_bands — pita saran");
    assert_eq!(field.reference_in(Lang::En), "local policy kupang-2024: advisory_bands — advisory bands");
    assert_eq!(
        field.render(Lang::Id),
        "[kebijakan lokal] kebijakan lokal kupang-2024: advisory_bands — pita saran"
    );
    assert_eq!(
        field.render(Lang::En),
        "[local policy] local policy kupang-2024: advisory_bands — advisory bands"
    );

    let bare = Citation::law_on("", "kuadran kinerja", "performance quadrants");
    assert_eq!(bare.recorded(Lang::Id), "kuadran kinerja");
    assert_eq!(bare.recorded(Lang::En), "performance quadrants");
    assert_eq!(bare.reference_in(Lang::Id), "kuadran kinerja");
    assert_eq!(bare.reference_in(Lang::En), "performance quadrants");
    assert_eq!(bare.render(Lang::En), "performance quadrants");

    let who = Citation::input("penilai / appraiser");
    assert_eq!(who.recorded(Lang::Id), "penilai / appraiser");
    assert_eq!(who.render(Lang::Id), "[masukan] penilai / appraiser");
    assert_eq!(who.render(Lang::En), "[input] penilai / appraiser");
}

/// Only a point between two digits is a decimal point: one after a number at the end of a
/// sentence, or before a digit with no digit ahead of it, stays a point in Bahasa Indonesia.
#[test]
fn only_a_point_between_digits_becomes_a_comma() {
    assert_eq!(number_in("nilai 90. Lalu 1.5", Lang::Id), "nilai 90. Lalu 1,5");
    assert_eq!(number_in("skor 7.", Lang::Id), "skor 7.");
    assert_eq!(number_in(".5 dan 2.25", Lang::Id), ".5 dan 2,25");
    assert_eq!(number_in("nilai 90. Lalu 1.5", Lang::En), "nilai 90. Lalu 1.5");
}

/// An input name of more than one word reads its listed first word in each language and
/// keeps the rest; a name neither listed nor a core value (a symbol) is kept as recorded.
#[test]
fn input_names_of_several_words_and_symbols() {
    assert_eq!(input_name("kelas 2", Lang::Id), "kelas 2");
    assert_eq!(input_name("kelas 2", Lang::En), "class 2");
    assert_eq!(input_name("actual 3", Lang::Id), "realisasi 3");
    assert_eq!(input_name("actual (exact)", Lang::Id), "realisasi (tepat)");
    assert_eq!(input_name("actual (exact)", Lang::En), "actual (exact)");
    assert_eq!(input_name("Ahli muda", Lang::En), "Ahli muda");
    for lang in [Lang::Id, Lang::En] {
        assert_eq!(input_name("T", lang), "T");
        assert_eq!(input_name("NPK", lang), "NPK");
    }
}

/// A trace of two steps: the first with inputs, a formula and a value before rounding that
/// differs from the value; the second with none of these and a value before rounding equal to
/// the value (not repeated).
fn trace(heading: BiText) -> Trace {
    let mut t = Trace::new(heading);
    t.push(
        Step::new(
            "iki-1",
            BiText::new("Capaian", "Achievement"),
            BiText::same("R / T × 100"),
            BiText::same("102.22%"),
            Citation::law_on(
                "PermenPANRB 8/2021, Lampiran",
                "capaian IKI kondisi normal",
                "IKI achievement, normal polarity",
            ),
        )
        .input("T", 90)
        .input("actual", "92.5")
        .input("kelas 2", "above")
        .unrounded("102.2222"),
    );
    t.push(
        Step::new(
            "band",
            BiText::new("Nilai", "Value"),
            BiText::default(),
            BiText::same("90.00%"),
            Citation::policy("kupang-2024", "advisory_bands"),
        )
        .unrounded("90.00%"),
    );
    t
}

/// The plain text of a trace, whole, in each language: the heading, each step's line with its
/// value before rounding only where it differs, the inputs and the formula only where there
/// are some, and the source always.
#[test]
fn trace_text_in_each_language() {
    let t = trace(BiText::new("Pegawai A", "Employee A"));
    assert_eq!(
        t.to_text(Lang::Id),
        concat!(
            "Pegawai A\n",
            " 1. Capaian: 102,22% (sebelum pembulatan 102,2222)\n",
            "    Masukan: T = 90; realisasi = 92,5; kelas 2 = Di atas ekspektasi\n",
            "    Rumus: R / T × 100\n",
            "    Dasar: PermenPANRB 8/2021, Lampiran: capaian IKI kondisi normal\n",
            " 2. Nilai: 90,00%\n",
            "    Dasar: [kebijakan lokal] kebijakan lokal kupang-2024: advisory_bands\n",
        )
    );
    assert_eq!(
        t.to_text(Lang::En),
        concat!(
            "Employee A\n",
            " 1. Achievement: 102.22% (before rounding 102.2222)\n",
            "    Inputs: T = 90; actual = 92.5; class 2 = Above expectation\n",
            "    Formula: R / T × 100\n",
            "    Source: PermenPANRB 8/2021, Lampiran: IKI achievement, normal polarity\n",
            " 2. Value: 90.00%\n",
            "    Source: [local policy] local policy kupang-2024: advisory_bands\n",
        )
    );
    // no heading: the text starts with the first step
    let bare = trace(BiText::default());
    assert!(bare.to_text(Lang::Id).starts_with(" 1. Capaian: 102,22%"), "{}", bare.to_text(Lang::Id));
    assert!(bare.to_text(Lang::En).starts_with(" 1. Achievement: 102.22%"));
}

/// The Markdown of a trace, whole, in each language: the heading, the table's header, and a
/// row per step whose value shows the value before rounding in brackets only where it differs.
#[test]
fn trace_markdown_in_each_language() {
    let t = trace(BiText::new("Pegawai A", "Employee A"));
    assert_eq!(
        t.to_markdown(Lang::Id),
        concat!(
            "### Pegawai A\n\n",
            "| # | Langkah | Masukan | Rumus | Nilai | Dasar |\n",
            "|---|---|---|---|---|---|\n",
            "| 1 | Capaian | T = 90; realisasi = 92,5; kelas 2 = Di atas ekspektasi | R / T × 100 ",
            "| 102,22% (102,2222) | PermenPANRB 8/2021, Lampiran: capaian IKI kondisi normal |\n",
            "| 2 | Nilai |  |  | 90,00% | [kebijakan lokal] kebijakan lokal kupang-2024: advisory_bands |\n",
        )
    );
    assert_eq!(
        t.to_markdown(Lang::En),
        concat!(
            "### Employee A\n\n",
            "| # | Step | Inputs | Formula | Value | Source |\n",
            "|---|---|---|---|---|---|\n",
            "| 1 | Achievement | T = 90; actual = 92.5; class 2 = Above expectation | R / T × 100 ",
            "| 102.22% (102.2222) | PermenPANRB 8/2021, Lampiran: IKI achievement, normal polarity |\n",
            "| 2 | Value |  |  | 90.00% | [local policy] local policy kupang-2024: advisory_bands |\n",
        )
    );
    // no heading: the table comes first
    assert!(trace(BiText::default()).to_markdown(Lang::En).starts_with("| # | Step |"));
}

/// The JSON of a trace keeps the recorded names, values, value before rounding and the
/// machine reference, with the texts in the chosen language.
#[test]
fn trace_json_keeps_recorded_values() {
    let t = trace(BiText::new("Pegawai A", "Employee A"));
    let j: serde_json::Value = serde_json::from_str(&t.to_json(Lang::Id)).unwrap();
    assert_eq!(
        j,
        serde_json::json!({
            "heading": "Pegawai A",
            "steps": [
                {
                    "subject": "iki-1",
                    "title": "Capaian",
                    "inputs": [
                        {"name": "T", "value": "90"},
                        {"name": "actual", "value": "92.5"},
                        {"name": "kelas 2", "value": "above"}
                    ],
                    "formula": "R / T × 100",
                    "unrounded": "102.2222",
                    "value": "102.22%",
                    "authority": "law",
                    "citation": "PermenPANRB 8/2021, Lampiran: capaian IKI kondisi normal"
                },
                {
                    "subject": "band",
                    "title": "Nilai",
                    "inputs": [],
                    "formula": "",
                    "unrounded": "90.00%",
                    "value": "90.00%",
                    "authority": "local_policy",
                    "citation": "local policy kupang-2024: advisory_bands"
                }
            ]
        })
    );
    let en: serde_json::Value = serde_json::from_str(&t.to_json(Lang::En)).unwrap();
    assert_eq!(en["heading"], "Employee A");
    assert_eq!(en["steps"][0]["title"], "Achievement");
    assert_eq!(en["steps"][0]["citation"], "PermenPANRB 8/2021, Lampiran: IKI achievement, normal polarity");
}

/// A `Labelled` type written by hand (the sample-size method) has no aliases: its spellings
/// are its values and labels (each once), nothing else is read as one of its values (not an
/// empty text, not an unknown word), and the refusal lists exactly what is accepted.
#[test]
fn a_hand_written_vocabulary_has_no_aliases() {
    assert_eq!(SampleSizeMethod::Formula.aliases(), &[] as &[&str]);
    assert_eq!(SampleSizeMethod::spellings(), ["formula", "rumus", "table", "tabel"]);
    assert_eq!(SampleSizeMethod::parse_label(" RUMUS ").unwrap(), SampleSizeMethod::Formula);
    assert_eq!(SampleSizeMethod::parse_label("Tabel").unwrap(), SampleSizeMethod::Table);
    let accepted = "accepted values: formula (rumus), table (tabel); also accepted (any case; spaces, \
                    `_`, `-`, `/`, `.` ignored): formula, table";
    assert_eq!(SampleSizeMethod::accepted(), accepted);
    for word in ["", " ", "_", "xyzzy"] {
        match SampleSizeMethod::parse_label(word) {
            Err(Error::Input { field, reason, .. }) => {
                assert_eq!(field, "sample_size_method");
                assert_eq!(reason, format!("`{word}` is not accepted; {accepted}"));
            }
            other => panic!("`{word}`: {other:?}"),
        }
    }
}
