//! The committed JSON Schemas of policy files and of plans must match the code.
//! Regenerate with `KINERJA_BLESS=1 cargo test -p kinerja-core --test schema`.

use kinerja_core::model::Plan;
use kinerja_core::rules::Policy;

/// Compares `fresh` with the committed `schema/{name}` (written first under `KINERJA_BLESS`).
fn is_current(name: &str, fresh: &str) {
    let path = format!("{}/../schema/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("KINERJA_BLESS").is_some() {
        std::fs::write(&path, fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "schema/{name} is stale: run `KINERJA_BLESS=1 cargo test -p kinerja-core --test schema`"
    );
}

#[test]
fn policy_schema_is_current() {
    is_current("policy.schema.json", &Policy::json_schema());
}

#[test]
fn plan_schema_is_current() {
    is_current("plan.schema.json", &Plan::json_schema());
}

#[test]
fn example_policies_are_valid() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../policies");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        match p.extension().and_then(|e| e.to_str()) {
            Some("toml") => {
                Policy::from_toml(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                n += 1;
            }
            Some("json") => {
                Policy::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                n += 1;
            }
            _ => {}
        }
    }
    assert!(n >= 1);
}

/// The legal status a field's documentation states: the "Legal status: …" sentence, else a
/// sentence opening with Law / Unconfirmed / Local choice, else a bare "unconfirmed".
fn own_status(desc: &str) -> Option<String> {
    let sentence = |s: &str| s.split(". ").next().unwrap_or("").trim().trim_end_matches('.').to_string();
    if let Some(i) = desc.find("Legal status: ") {
        return Some(sentence(&desc[i + "Legal status: ".len()..]));
    }
    let starts = |s: &str| {
        s.starts_with("Law ")
            || s.starts_with("Law,")
            || s.starts_with("Law.")
            || s.starts_with("Law (")
            || s.starts_with("Unconfirmed")
            || s.starts_with("Local choice")
    };
    let found = desc.split(". ").map(str::trim).filter(|s| starts(s)).last();
    if let Some(s) = found {
        let s = s.trim_end_matches('.');
        let mut c = s.chars();
        return c.next().map(|f| f.to_lowercase().collect::<String>() + c.as_str());
    }
    desc.contains("unconfirmed").then(|| "unconfirmed".to_string())
}

/// Renders the policy reference (every field path, its default from `Policy::default()`, its
/// legal status and its documentation) from the JSON Schema. Panics naming any leaf field whose
/// documentation (or an ancestor's) states no legal status.
fn reference_markdown() -> String {
    let schema: serde_json::Value = serde_json::from_str(&Policy::json_schema()).unwrap();
    let defaults = serde_json::to_value(Policy::default()).unwrap();
    let defs = schema["$defs"].clone();
    let mut out = String::from(
        "# Policy reference\n\nGenerated from the code by `KINERJA_BLESS=1 cargo test -p kinerja-core --test schema`; do not edit.\n\
         Each field states its default (from `Policy::default()`) and its legal status: **law** (fixed by regulation), **unconfirmed**\n\
         (the engine's reading where the primary text was not seen) or **local choice** (the law leaves it to the organisation).\n\
         A field whose own documentation states no status takes its section's, marked \"(inherited from `section`)\".\n\n\
         | Field | Default | Legal status | Meaning |\n|---|---|---|---|\n",
    );
    fn resolve<'a>(v: &'a serde_json::Value, defs: &'a serde_json::Value) -> &'a serde_json::Value {
        let r = v
            .get("$ref")
            .or_else(|| v.get("allOf").and_then(|a| a.get(0)).and_then(|x| x.get("$ref")))
            .or_else(|| {
                v.get("anyOf").and_then(|a| a.as_array()).and_then(|a| a.iter().find_map(|x| x.get("$ref")))
            });
        match r.and_then(|r| r.as_str()).and_then(|r| r.strip_prefix("#/$defs/")) {
            Some(name) => &defs[name],
            None => v,
        }
    }
    struct Ctx<'a> {
        defs: &'a serde_json::Value,
        out: String,
        missing: Vec<String>,
    }
    /// `default`: this node's value in `Policy::default()` (`None` under an unset optional
    /// section, named by `unset`); `inherited`: the nearest ancestor's (path, status).
    fn walk(
        path: &str,
        node: &serde_json::Value,
        default: Option<&serde_json::Value>,
        unset: Option<&str>,
        inherited: Option<(&str, &str)>,
        cx: &mut Ctx,
        depth: usize,
    ) {
        let Some(props) = node.get("properties").and_then(|p| p.as_object()) else { return };
        for (k, v) in props {
            let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            let target = resolve(v, cx.defs);
            let nested = target.get("properties").is_some() && depth < 6;
            let raw = v
                .get("description")
                .or_else(|| target.get("description"))
                .and_then(|d| d.as_str())
                .unwrap_or("");
            let raw = raw.replace('\n', " ");
            let desc = raw.replace('|', "\\|");
            let value = default.and_then(|d| d.get(k));
            let unset_here = match (value, unset) {
                (_, Some(u)) => Some(u.to_string()),
                (Some(serde_json::Value::Null), None) if nested => Some(p.clone()),
                _ => None,
            };
            let default_cell = if nested {
                match &unset_here {
                    Some(u) if *u == p => "(section; default none)".to_string(),
                    Some(u) => format!("(section; `{u}` defaults to none)"),
                    None => "(section)".to_string(),
                }
            } else {
                match (value, &unset_here) {
                    (Some(d), None) => format!("`{d}`").replace('|', "\\|"),
                    (_, Some(u)) => format!("none (`{u}` defaults to none)"),
                    (None, None) => {
                        cx.missing.push(format!("{p}: no default in Policy::default()"));
                        String::new()
                    }
                }
            };
            let own = own_status(&raw);
            let status_cell = match (&own, inherited) {
                (Some(s), _) => s.clone(),
                (None, Some((anc, s))) => format!("{s} (inherited from `{anc}`)"),
                (None, None) if nested => "(per field)".to_string(),
                (None, None) => {
                    cx.missing.push(format!("{p}: no legal status"));
                    String::new()
                }
            };
            let status_cell = status_cell.replace('|', "\\|");
            cx.out.push_str(&format!("| `{p}` | {default_cell} | {status_cell} | {desc} |\n"));
            if nested {
                let inh = match &own {
                    Some(s) => Some((p.as_str(), s.as_str())),
                    None => inherited,
                };
                walk(&p, target, value, unset_here.as_deref(), inh, cx, depth + 1);
            }
        }
    }
    let mut cx = Ctx { defs: &defs, out: String::new(), missing: Vec::new() };
    walk("", &schema, Some(&defaults), None, None, &mut cx, 0);
    assert!(
        cx.missing.is_empty(),
        "policy fields lack a default or a legal status (add a \"Legal status: …\" sentence to the doc comment):\n{}",
        cx.missing.join("\n")
    );
    out.push_str(&cx.out);
    out
}

#[test]
fn policy_reference_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../policies/REFERENCE.md");
    let fresh = reference_markdown();
    if std::env::var_os("KINERJA_BLESS").is_some() {
        std::fs::write(path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "policies/REFERENCE.md is stale: run `KINERJA_BLESS=1 cargo test -p kinerja-core --test schema`"
    );
}

/// The JSON Schema of a period accepts exactly the texts the reader reads: every form built
/// from the readers' words and numbers, and random strings of their pieces, agree.
mod period_pattern {
    use kinerja_core::period::Period;
    use proptest::prelude::*;

    /// The pattern and the integer range of the schema of `Period`.
    fn schema() -> (regex::Regex, i64, i64) {
        let s = serde_json::to_value(schemars::schema_for!(Period)).unwrap();
        let any = s["anyOf"].as_array().unwrap();
        let pattern = any[0]["pattern"].as_str().unwrap();
        let (min, max) = (any[1]["minimum"].as_i64().unwrap(), any[1]["maximum"].as_i64().unwrap());
        (regex::Regex::new(pattern).unwrap(), min, max)
    }

    fn agree(re: &regex::Regex, text: &str) {
        let read = text.parse::<Period>();
        assert_eq!(re.is_match(text), read.is_ok(), "{text:?}: the reader says {read:?}");
    }

    const PIECES: [&str; 36] = [
        "2024", "1899", "1900", "2999", "3000", "24", "-", "S", "s", "Q", "q", "TW", "tw", "T", "1", "2",
        "3", "4", "5", "0", "01", "12", "13", " ", "  ", "\t", "Tahunan", "triwulan", "IV", "ii",
        // spaces on which regular-expression engines differ
        "\u{a0}", "\u{1f}", "\u{85}", "\u{feff}", "\u{3000}", "\n",
    ];
    const WORDS: [&str; 12] =
        ["Semester", "SMT", "TW", "Januari", "jan", "MEI", "Agt", "ags", "Des", "oktober", "tahun", "i"];

    #[test]
    fn every_written_form_agrees() {
        let (re, min, max) = schema();
        assert_eq!((min, max), (1900, 2999));
        for y in ["1899", "1900", "2024", "2999", "3000", "024", "20245"] {
            agree(&re, y);
            for p in [
                "S1", "s2", "S3", "S01", "Q1", "q4", "Q5", "Q04", "Q00", "TW2", "tw4", "Tw5", "03", "3",
                "00", "12", "13", "1", "X1", "", "SS1",
            ] {
                agree(&re, &format!("{y}-{p}"));
                agree(&re, &format!(" {y}-{p}\t"));
            }
            for w in [
                "Tahunan", "tahun", "TAHUNAN", "Tahunann", "Januari", "jan", "Agt", "ags", "agu", "Des",
                "Okt", "Semester",
            ] {
                agree(&re, &format!("{w} {y}"));
                agree(&re, &format!("  {w}\t {y} "));
            }
            for w in ["Semester", "smt", "Triwulan", "TW", "tw", "Tahunan", "Jan"] {
                for i in ["1", "2", "3", "4", "5", "0", "I", "ii", "III", "iv", "V", "IIII"] {
                    agree(&re, &format!("{w} {i} {y}"));
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn random_pieces_agree(
            parts in proptest::collection::vec(
                prop_oneof![proptest::sample::select(&PIECES[..]), proptest::sample::select(&WORDS[..])],
                0..6,
            )
        ) {
            let (re, _, _) = schema();
            agree(&re, &parts.concat());
            agree(&re, &parts.join(" "));
        }
    }
}
