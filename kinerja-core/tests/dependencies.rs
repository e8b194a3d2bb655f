//! The module dependencies point one way. The policy (`src/rules/`) is data that the areas
//! read, so no file under `src/rules/` names an area module (`regime`, `org`, `followup`,
//! `instruments`); and no regime module names another regime module: the dispatcher
//! (`regime/mod.rs`) and the 2021 split year (`regime/split_year.rs`) combine regimes, and
//! `common.rs` and `targets.rs` are shared by all of them.
//!
//! Only code is read: comment lines and documentation attributes are left out, because a doc
//! link is not a dependency (and the policy's field documentation is the text of the generated
//! schema, so one of its links into an area stays).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// Area modules the policy may not name.
const AREAS: [&str; 4] = ["crate::regime", "crate::org", "crate::followup", "crate::instruments"];

/// The regime modules.
const REGIMES: [&str; 3] = ["pp46_2011", "permenpanrb_8_2021", "permenpanrb_6_2022"];

/// Files of `regime/` that may name several regimes.
const REGIME_SHARED: [&str; 4] = ["mod.rs", "common.rs", "targets.rs", "split_year.rs"];

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The code lines of a source text (1-based numbers): comment lines and documentation
/// attributes left out.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| {
            let t = l.trim_start();
            !(t.starts_with("//") || t.starts_with("#[doc") || t.starts_with("#[cfg_attr(doc, doc"))
        })
        .collect()
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `line` names the path `name` as a whole (not `crate::organisation` for `crate::org`).
fn names_path(line: &str, name: &str) -> bool {
    line.match_indices(name).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + name.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// Whether `line` names the regime module `module`: the identifier, unless it is the policy
/// section of the same name (`rules::permenpanrb_8_2021`, `policy.permenpanrb_8_2021`).
fn names_module(line: &str, module: &str) -> bool {
    line.match_indices(module).any(|(i, _)| {
        let head = &line[..i];
        let after = line[i + module.len()..].chars().next();
        !head.chars().next_back().is_some_and(is_ident)
            && !after.is_some_and(is_ident)
            && !head.ends_with("rules::")
            && !head.ends_with('.')
    })
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The offending lines of `files`, as `path:line: text`.
fn offences(files: &[PathBuf], bad: impl Fn(&Path, &str) -> Option<String>) -> Vec<String> {
    let mut out = Vec::new();
    for p in files {
        let text = read(p);
        for (n, l) in code_lines(&text) {
            if let Some(what) = bad(p, l) {
                let rel = p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(p).display();
                out.push(format!("{rel}:{n}: {what}: {}", l.trim()));
            }
        }
    }
    out
}

#[test]
fn rules_do_not_name_the_areas() {
    let files = rust_files(&Path::new(SRC).join("rules"));
    assert!(files.len() >= 5, "too few files under src/rules: {files:?}");
    let found = offences(&files, |_, l| {
        AREAS
            .iter()
            .find(|a| names_path(l, a))
            .map(|a| format!("names `{a}`"))
            .or_else(|| l.contains("super::super").then(|| "climbs out with `super::super`".to_string()))
    });
    assert!(
        found.is_empty(),
        "the policy (src/rules) must not depend on an area module:\n{}",
        found.join("\n")
    );
}

#[test]
fn regimes_do_not_name_each_other() {
    let dir = Path::new(SRC).join("regime");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| !REGIME_SHARED.iter().any(|s| p.file_name().is_some_and(|f| f == *s)))
        .collect();
    for r in REGIMES {
        assert!(files.iter().any(|p| p.file_stem().is_some_and(|s| s == r)), "regime/{r}.rs is not checked");
    }
    let found = offences(&files, |p, l| {
        let own = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        REGIMES.iter().filter(|r| **r != own).find(|r| names_module(l, r)).map(|r| format!("names `{r}`"))
    });
    assert!(found.is_empty(), "a regime module must not depend on another:\n{}", found.join("\n"));
}

#[test]
fn the_checks_see_what_they_look_for() {
    assert!(names_path("use crate::regime::pp46_2011::Pp46Policy;", "crate::regime"));
    assert!(names_path("pub x: crate::org::OrgPolicy,", "crate::org"));
    assert!(!names_path("use crate::rules::organisation::OrgPolicy;", "crate::org"));
    assert!(!names_path("crate::organisation", "crate::org"));
    assert!(names_module("let e = super::pp46_2011::evaluate(plan, s1, rules)?;", "pp46_2011"));
    assert!(names_module("use super::{common, pp46_2011};", "pp46_2011"));
    assert!(!names_module("pub use crate::rules::permenpanrb_8_2021::SplitYear;", "permenpanrb_8_2021"));
    assert!(!names_module("let pol = &policy.permenpanrb_8_2021;", "permenpanrb_8_2021"));
    assert_eq!(code_lines("/// [`crate::regime::targets`]\n// crate::org\nuse crate::org;\n").len(), 1);
}
