//! Helpers shared by the integration tests (`mod support;`).

use serde_json::Value;

/// Reads `testdata/golden/{name}` and checks its declared `case_count` against its `cases`, so
/// an emptied or truncated golden file fails instead of running zero cases.
pub fn golden(name: &str) -> Value {
    let path = format!("{}/../testdata/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let declared = v["case_count"].as_u64().unwrap_or_else(|| panic!("{path}: no \"case_count\""));
    let found = v["cases"].as_array().map_or(0, Vec::len) as u64;
    assert!(declared > 0, "{path}: case_count must be positive");
    assert_eq!(found, declared, "{path}: {found} cases, but case_count says {declared}");
    v
}
