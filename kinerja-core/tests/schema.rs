//! The committed JSON Schema of policy files must match the code.
//! Regenerate with `KINERJA_BLESS=1 cargo test -p kinerja-core --test schema`.

use kinerja_core::rules::Policy;

#[test]
fn policy_schema_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/policy.schema.json");
    let fresh = Policy::json_schema();
    if std::env::var_os("KINERJA_BLESS").is_some() {
        std::fs::write(path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "schema/policy.schema.json is stale: run `KINERJA_BLESS=1 cargo test -p kinerja-core --test schema`"
    );
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

/// Renders the policy reference (every field path, default and documentation, including its
/// legal status) from the JSON Schema.
fn reference_markdown() -> String {
    let schema: serde_json::Value = serde_json::from_str(&Policy::json_schema()).unwrap();
    let defs = schema["$defs"].clone();
    let mut out = String::from(
        "# Policy reference\n\nGenerated from the code by `KINERJA_BLESS=1 cargo test -p kinerja-core --test schema`; do not edit.\n\
         Each field states its default and its legal status: **law** (fixed by regulation), **unconfirmed**\n\
         (the engine's reading where the primary text was not seen) or **local choice** (the law leaves it to the organisation).\n\n\
         | Field | Default | Meaning |\n|---|---|---|\n",
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
    fn walk(path: &str, node: &serde_json::Value, defs: &serde_json::Value, out: &mut String, depth: usize) {
        let Some(props) = node.get("properties").and_then(|p| p.as_object()) else { return };
        for (k, v) in props {
            let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            let target = resolve(v, defs);
            let nested = target.get("properties").is_some() && depth < 6;
            let desc = v
                .get("description")
                .or_else(|| target.get("description"))
                .and_then(|d| d.as_str())
                .unwrap_or("")
                .replace('\n', " ")
                .replace('|', "\\|");
            let default = if nested {
                "(section)".to_string()
            } else {
                v.get("default").map(|d| format!("`{d}`")).unwrap_or_default().replace('|', "\\|")
            };
            out.push_str(&format!("| `{p}` | {default} | {desc} |\n"));
            if nested {
                walk(&p, target, defs, out, depth + 1);
            }
        }
    }
    walk("", &schema, &defs, &mut out, 0);
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
