//! The column reference in `docs/tables.md` lists every alias the reader accepts, on the row
//! of its column, so the documentation cannot drift from `columns::ALIASES`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kinerja_table::columns::ALIASES;

#[test]
fn every_alias_is_documented_on_its_column_row() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/tables.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with("| `")).collect();
    let mut missing = Vec::new();
    for (alias, column, _) in ALIASES {
        let documented = rows.iter().any(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            cells.get(1) == Some(&format!("`{column}`").as_str())
                && cells.get(3).is_some_and(|a| a.split(", ").any(|x| x.split(" (").next() == Some(alias)))
        });
        if !documented {
            missing.push(format!("{alias} → {column}"));
        }
    }
    assert!(missing.is_empty(), "docs/tables.md lacks aliases: {missing:?}");
}
