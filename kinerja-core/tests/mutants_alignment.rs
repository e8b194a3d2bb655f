//! Tests for `kinerja-core/src/org/alignment.rs` (cargo-mutants on the whole file): the
//! candidates named in an ambiguous parent's message, the problems attached to each node of the
//! contribution tree and their labels in the tree text, the depth shown as a number below the
//! deepest indentation, and a cycle's message cut after 20 members. Each asserts the exact
//! problems, messages or lines, in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::explain::{BiText, Lang};
use kinerja_core::model::{Plan, PlannedResult, Polarity, ResultKind, Target};
use kinerja_core::org::alignment::{AlignmentReport, ProblemKind};
use kinerja_core::org::{OrgStructure, UnitGoal, align};
use kinerja_core::rules::Policy;
use rust_decimal_macros::dec;

mod support;
use support::{org_employee as emp, org_rhk as rhk, org_unit as unit};

/// A goal (IKU) of `unit`, named `IKU <id>`.
fn goal(id: &str, unit: &str) -> UnitGoal {
    UnitGoal {
        id: id.into(),
        unit: unit.into(),
        name: format!("IKU {id}"),
        target: Target::Point(dec!(100)),
        polarity: Polarity::HigherIsBetter,
        weight: None,
        actual: None,
    }
}

/// The 2024 plan of employee `e` in unit `unit` with `results`.
fn plan(e: &str, unit: &str, results: Vec<PlannedResult>) -> Plan {
    Plan { employee: emp(e, unit, false), year: 2024, results, realisations: vec![], assessments: vec![] }
}

/// Unit `u` (head `kepala`, staff `a` and `b`, goals `iku-1` and `iku-2`) with sub-units `s`
/// (employee `s1`) and `t` (employee `t1`), and a plan per employee giving one problem of
/// every kind:
/// * `kepala/r1` → `iku-1`, `kepala/iku-1` (additional) → `iku-1`, `kepala/z` no parent;
/// * `a/r1` → `kepala/r1`; `a/x` → `iku-1` (the goal and `kepala/iku-1`: ambiguous);
/// * `b/y` → `r1` (`kepala/r1` and `a/r1`: ambiguous); `b/u1` → `nothing`;
///   `b/c1` ↔ `b/c2` (a cycle);
/// * `s1/k` → `kepala/r1`; `t1/k` → `s1/k` (a sibling unit: cross-unit).
fn every_problem() -> AlignmentReport {
    let s = OrgStructure::new(
        vec![unit("u", None), unit("s", Some("u")), unit("t", Some("u"))],
        vec![goal("iku-1", "u"), goal("iku-2", "u")],
        vec![
            emp("kepala", "u", true),
            emp("a", "u", false),
            emp("b", "u", false),
            emp("s1", "s", false),
            emp("t1", "t", false),
        ],
    )
    .unwrap();
    let p = ResultKind::Primary;
    let plans = vec![
        plan(
            "kepala",
            "u",
            vec![
                rhk("r1", p, Some("iku-1")),
                rhk("iku-1", ResultKind::Additional, Some("iku-1")),
                rhk("z", p, None),
            ],
        ),
        plan("a", "u", vec![rhk("r1", p, Some("kepala/r1")), rhk("x", p, Some("iku-1"))]),
        plan(
            "b",
            "u",
            vec![
                rhk("y", p, Some("r1")),
                rhk("u1", p, Some("nothing")),
                rhk("c1", p, Some("b/c2")),
                rhk("c2", p, Some("b/c1")),
            ],
        ),
        plan("s1", "s", vec![rhk("k", p, Some("kepala/r1"))]),
        plan("t1", "t", vec![rhk("k", p, Some("s1/k"))]),
    ];
    align(&s, &plans, None, &Policy::default()).unwrap()
}

/// Every problem, sorted by unit, kind and item; an ambiguous parent's message names each
/// candidate (a goal by its id, an RHK as `employee/rhk`, in resolution order: goal, then the
/// other employees' RHKs in plan order) in both languages.
#[test]
fn ambiguous_parents_name_their_candidates() {
    let r = every_problem();
    let got: Vec<(&str, ProblemKind, &str)> =
        r.problems.iter().map(|p| (p.unit.as_str(), p.kind, p.item.as_str())).collect();
    assert_eq!(
        got,
        [
            ("t", ProblemKind::CrossUnit, "t1/k"),
            ("u", ProblemKind::OrphanPrimary, "kepala/z"),
            ("u", ProblemKind::UnknownTarget, "b/u1"),
            ("u", ProblemKind::AmbiguousTarget, "a/x"),
            ("u", ProblemKind::AmbiguousTarget, "b/y"),
            ("u", ProblemKind::Cycle, "b/c1"),
            ("u", ProblemKind::UnsupportedRhk, "kepala/z"),
            ("u", ProblemKind::UnsupportedGoal, "iku-2"),
        ]
    );
    let msg = |item: &str| r.problems.iter().find(|p| p.item == item).unwrap().message.clone();
    assert_eq!(
        msg("a/x"),
        BiText::new(
            "induk `iku-1` dari RHK a/x ambigu: iku-1, kepala/iku-1; tulis sebagai `pegawai/rhk`",
            "parent `iku-1` of RHK a/x is ambiguous: iku-1, kepala/iku-1; write it as `employee/rhk`",
        )
    );
    assert_eq!(
        msg("b/y"),
        BiText::new(
            "induk `r1` dari RHK b/y ambigu: kepala/r1, a/r1; tulis sebagai `pegawai/rhk`",
            "parent `r1` of RHK b/y is ambiguous: kepala/r1, a/r1; write it as `employee/rhk`",
        )
    );
}

/// Each problem is attached to the node it names, once (`kepala/z` carries two); nodes
/// without problems carry none, and a cycle's problem sits on the member it is reported on.
#[test]
fn problems_are_attached_to_their_nodes() {
    let r = every_problem();
    let of = |id: &str| r.nodes.iter().find(|n| n.id == id).unwrap().problems.clone();
    assert_eq!(of("kepala/z"), [ProblemKind::OrphanPrimary, ProblemKind::UnsupportedRhk]);
    assert_eq!(of("a/x"), [ProblemKind::AmbiguousTarget]);
    assert_eq!(of("b/y"), [ProblemKind::AmbiguousTarget]);
    assert_eq!(of("b/u1"), [ProblemKind::UnknownTarget]);
    assert_eq!(of("b/c1"), [ProblemKind::Cycle]);
    assert_eq!(of("t1/k"), [ProblemKind::CrossUnit]);
    assert_eq!(of("iku-2"), [ProblemKind::UnsupportedGoal]);
    for clean in ["iku-1", "kepala/r1", "kepala/iku-1", "a/r1", "b/c2", "s1/k"] {
        assert_eq!(of(clean), [], "{clean}");
    }
}

/// The contribution tree, line by line, in both languages: a node with problems ends in `⚠`
/// and the label of each (joined by a comma), a node without problems has no `⚠`; the
/// coverage line counts 3 of 10 primary RHKs aligned and 1 of 2 goals supported.
#[test]
fn tree_lines_label_each_nodes_problems() {
    let r = every_problem();
    let tree = |lang: Lang| -> Vec<String> {
        let t = r.contribution_text(lang);
        t.lines().skip(2).take_while(|l| !l.ends_with(':')).map(String::from).collect()
    };
    assert_eq!(
        tree(Lang::En),
        [
            "Primary RHKs aligned: 3/10 (30.00%); Unit goals supported: 1/2 (50.00%)",
            "● Goal iku-1 (unit u): IKU iku-1",
            "  └ RHK kepala/r1 [Direct]: RHK r1",
            "    └ RHK a/r1 [Direct]: RHK r1",
            "    └ RHK s1/k [Direct]: RHK k",
            "      └ RHK t1/k [Direct]: RHK k ⚠ cross-unit",
            "  └ RHK kepala/iku-1 [Direct]: RHK iku-1",
            "● Goal iku-2 (unit u): IKU iku-2 ⚠ unsupported",
            "└ RHK kepala/z: RHK z ⚠ orphan, no subordinate support",
            "└ RHK a/x [Direct]: RHK x ⚠ ambiguous parent",
            "└ RHK b/y [Direct]: RHK y ⚠ ambiguous parent",
            "└ RHK b/u1 [Direct]: RHK u1 ⚠ unknown parent",
            "└ RHK b/c1 [Direct]: RHK c1 ⚠ cycle",
            "└ RHK b/c2 [Direct]: RHK c2",
        ]
    );
    assert_eq!(
        tree(Lang::Id),
        [
            "RHK utama selaras: 3/10 (30,00%); Sasaran unit didukung: 1/2 (50,00%)",
            "● Sasaran iku-1 (unit u): IKU iku-1",
            "  └ RHK kepala/r1 [Langsung]: RHK r1",
            "    └ RHK a/r1 [Langsung]: RHK r1",
            "    └ RHK s1/k [Langsung]: RHK k",
            "      └ RHK t1/k [Langsung]: RHK k ⚠ lintas unit",
            "  └ RHK kepala/iku-1 [Langsung]: RHK iku-1",
            "● Sasaran iku-2 (unit u): IKU iku-2 ⚠ tidak didukung",
            "└ RHK kepala/z: RHK z ⚠ tanpa induk, tidak didukung bawahan",
            "└ RHK a/x [Langsung]: RHK x ⚠ induk ambigu",
            "└ RHK b/y [Langsung]: RHK y ⚠ induk ambigu",
            "└ RHK b/u1 [Langsung]: RHK u1 ⚠ induk tidak dikenal",
            "└ RHK b/c1 [Langsung]: RHK c1 ⚠ siklus",
            "└ RHK b/c2 [Langsung]: RHK c2",
        ]
    );
}

/// A chain of `n` employees of unit `u` under goal `g`: `e1/r` → `g`, `e{k}/r` → `e{k-1}/r`,
/// so `e{k}/r` sits at depth `k`.
fn chain(n: usize) -> AlignmentReport {
    let s = OrgStructure::new(
        vec![unit("u", None)],
        vec![goal("g", "u")],
        (1..=n).map(|k| emp(&format!("e{k}"), "u", false)).collect(),
    )
    .unwrap();
    let plans: Vec<Plan> = (1..=n)
        .map(|k| {
            let parent = if k == 1 { "g".to_string() } else { format!("e{}/r", k - 1) };
            plan(&format!("e{k}"), "u", vec![rhk("r", ResultKind::Primary, Some(&parent))])
        })
        .collect();
    align(&s, &plans, None, &Policy::default()).unwrap()
}

/// Up to depth 32 a node is indented two spaces a level and shows no number; from depth 33 the
/// indentation stays at 64 spaces and the depth is written in brackets.
#[test]
fn depth_is_written_as_a_number_below_32_levels() {
    let r = chain(33);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.nodes.iter().find(|n| n.id == "e32/r").unwrap().depth, 32);
    let pad = " ".repeat(64);
    for lang in [Lang::Id, Lang::En] {
        let cascade = lang.pick("Langsung", "Direct");
        let t = r.contribution_text(lang);
        let lines: Vec<&str> = t.lines().collect();
        let at = |id: &str| lines.iter().copied().find(|l| l.contains(&format!("RHK {id} "))).unwrap();
        assert_eq!(at("e31/r"), format!("{}└ RHK e31/r [{cascade}]: RHK r", " ".repeat(62)));
        assert_eq!(at("e32/r"), format!("{pad}└ RHK e32/r [{cascade}]: RHK r"));
        assert_eq!(at("e33/r"), format!("{pad}[33] └ RHK e33/r [{cascade}]: RHK r"));
    }
}

/// A ring of `n` employees of unit `u`: `e{i}/r` → `e{i+1}/r`, the last back to `e0/r`.
fn ring(n: usize) -> AlignmentReport {
    let s = OrgStructure::new(
        vec![unit("u", None)],
        vec![],
        (0..n).map(|i| emp(&format!("e{i}"), "u", false)).collect(),
    )
    .unwrap();
    let plans: Vec<Plan> = (0..n)
        .map(|i| {
            let parent = format!("e{}/r", (i + 1) % n);
            plan(&format!("e{i}"), "u", vec![rhk("r", ResultKind::Primary, Some(&parent))])
        })
        .collect();
    align(&s, &plans, None, &Policy::default()).unwrap()
}

/// A cycle of exactly 20 RHKs is written out whole, back to its first member, with no `…`.
#[test]
fn a_cycle_of_twenty_is_written_whole() {
    let r = ring(20);
    assert_eq!(r.problems.len(), 1);
    let p = &r.problems[0];
    assert_eq!((p.kind, p.item.as_str()), (ProblemKind::Cycle, "e0/r"));
    let path: Vec<String> = (0..20).chain([0]).map(|i| format!("e{i}/r")).collect();
    let path = path.join(" → ");
    assert_eq!(
        p.message,
        BiText::new(format!("siklus intervensi RHK: {path}"), format!("cycle of RHK links: {path}"))
    );
}

/// A cycle of 21 RHKs is cut after its first 20 members: `…` stands for the members left out,
/// between the 20th and the return to the first (`e19/r` links to `e20/r`, not to `e0/r`).
#[test]
fn a_longer_cycle_is_cut_before_its_return() {
    let r = ring(21);
    assert_eq!(r.problems.len(), 1);
    let p = &r.problems[0];
    assert_eq!((p.kind, p.item.as_str()), (ProblemKind::Cycle, "e0/r"));
    let first: Vec<String> = (0..20).map(|i| format!("e{i}/r")).collect();
    let path = format!("{} → … → e0/r", first.join(" → "));
    assert_eq!(
        p.message,
        BiText::new(format!("siklus intervensi RHK: {path}"), format!("cycle of RHK links: {path}"))
    );
}

/// A goal whose id reads like an RHK (`e1/r`, the RHK `r` of employee `e1` exists too): the
/// goal's own problem (no RHK supports it) is attached to the goal, not to the RHK, and the
/// tree marks the goal's line only.
#[test]
fn a_goal_named_like_an_rhk_keeps_its_problem() {
    let s = OrgStructure::new(vec![unit("u", None)], vec![goal("e1/r", "u")], vec![emp("e1", "u", false)])
        .unwrap();
    let plans = vec![plan("e1", "u", vec![rhk("r", ResultKind::Additional, None)])];
    let r = align(&s, &plans, None, &Policy::default()).unwrap();
    let got: Vec<(ProblemKind, &str)> = r.problems.iter().map(|p| (p.kind, p.item.as_str())).collect();
    assert_eq!(got, [(ProblemKind::UnsupportedGoal, "e1/r")]);
    assert_eq!(r.nodes.len(), 2);
    assert_eq!(
        (r.nodes[0].id.as_str(), r.nodes[0].problems.as_slice()),
        ("e1/r", &[ProblemKind::UnsupportedGoal][..])
    );
    assert_eq!((r.nodes[1].id.as_str(), r.nodes[1].problems.as_slice()), ("e1/r", &[][..]));
    let en = r.contribution_text(Lang::En);
    assert!(en.contains("\n● Goal e1/r (unit u): IKU e1/r ⚠ unsupported\n└ RHK e1/r: RHK r\n"), "{en}");
    let id = r.contribution_text(Lang::Id);
    assert!(id.contains("\n● Sasaran e1/r (unit u): IKU e1/r ⚠ tidak didukung\n└ RHK e1/r: RHK r\n"), "{id}");
}
