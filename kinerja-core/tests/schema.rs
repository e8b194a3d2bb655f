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
