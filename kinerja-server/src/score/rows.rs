//! JSON rows for `POST /v1/score`: `{"indicators": [{column: value, …}, …], "employees"?: […],
//! "units"?: […]}`, each table becoming an Arrow batch of text columns (the table layer then
//! reads them as it reads a CSV file).
//!
//! Numbers keep their exact JSON text: `97.50` is read as `97.50`, never through a float. The
//! parser sees numbers only as floats, so each number cell takes its literal from the body,
//! in document order (a JSON document's numbers are visited in that order). A JSON number is
//! plain notation whatever `number_format` says of the text cells: in a number column (target,
//! actual, weight, …) its literal becomes the text the table layer reads as that number under
//! the request's format ([`plain_cell_text`]: `1.500` is one and a half, `1e3` a thousand); in
//! any other column (ids, periods) it stays as written.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, RecordBatch, RecordBatchOptions};
use arrow_schema::{DataType, Field, Schema};
use kinerja_table::columns::{ColumnType, header_type};
use kinerja_table::numbers::{NumberFormat, plain_cell_text};
use kinerja_table::schema::TableKind;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use crate::problem::{Kind, Problem};

/// The tables of a JSON body.
const TABLES: &[&str] = &["indicators", "employees", "units"];
/// Their kinds, in the same order.
const KINDS: [TableKind; 3] = [TableKind::Indicators, TableKind::Employees, TableKind::Units];

/// A cell: text, a number (its text taken from the body later) or null.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Null,
    Text(String),
    Number,
}

/// One row: columns as sent, in order.
#[derive(Debug, Clone, PartialEq)]
struct Row(Vec<(String, Cell)>);

/// The parsed body: each table sent, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonTables(Vec<(usize, Vec<Row>)>);

/// The batches of a JSON body.
#[derive(Debug)]
pub struct Batches {
    /// Indicator rows.
    pub indicators: RecordBatch,
    /// Employee rows, if sent.
    pub employees: Option<RecordBatch>,
    /// Unit rows, if sent.
    pub units: Option<RecordBatch>,
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cell;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a cell: a string, a number, a boolean or null")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Cell, E> {
                Ok(Cell::Text(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Cell, E> {
                Ok(Cell::Number)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Cell, E> {
                Ok(Cell::Number)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Cell, E> {
                Ok(Cell::Number)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
                Ok(Cell::Null)
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Row;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a row: an object of column → cell")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Row, A::Error> {
                let mut cells: Vec<(String, Cell)> = Vec::new();
                while let Some(k) = m.next_key::<String>()? {
                    if cells.iter().any(|(c, _)| *c == k) {
                        return Err(de::Error::custom(format!("column `{k}` appears twice in the row")));
                    }
                    let v = m.next_value::<Cell>()?;
                    cells.push((k, v));
                }
                Ok(Row(cells))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for JsonTables {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = JsonTables;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"an object {"indicators": [rows], "employees"?: [rows], "units"?: [rows]}"#)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<JsonTables, A::Error> {
                let mut tables: Vec<(usize, Vec<Row>)> = Vec::new();
                while let Some(k) = m.next_key::<String>()? {
                    let Some(t) = TABLES.iter().position(|n| *n == k) else {
                        return Err(de::Error::unknown_field(&k, TABLES));
                    };
                    if tables.iter().any(|(x, _)| *x == t) {
                        return Err(de::Error::custom(format!("duplicate field `{k}`")));
                    }
                    tables.push((t, m.next_value::<Vec<Row>>()?));
                }
                if !tables.iter().any(|(t, _)| *t == 0) {
                    return Err(de::Error::missing_field("indicators"));
                }
                Ok(JsonTables(tables))
            }
        }
        d.deserialize_map(V)
    }
}

/// The fewest cells (rows × columns) a table of JSON rows may always have; past it, at most
/// one per byte of the body. A dense table takes at least five bytes a cell (`"a":1,`), so
/// only rows that each name different columns reach the limit: without it, 20 000 rows of
/// one new column each (a body of about 300 KB) would make 400 million cells.
pub const MIN_CELLS: usize = 1 << 20;

/// How the number cells of one table become text.
struct Numbers<I> {
    /// The body's number literals, in document order.
    literals: I,
    /// The request's notation of text cells.
    format: NumberFormat,
    /// The table the rows are of (for the type of each column).
    kind: TableKind,
}

/// The Arrow batch of `table`'s rows: a text column per column name, in order of first
/// appearance, a cell a row does not name null; numbers from `numbers` (see the module docs).
fn batch<'a>(
    table: &str,
    rows: &[Row],
    numbers: &mut Numbers<impl Iterator<Item = &'a str>>,
    body_len: usize,
) -> Result<RecordBatch, Problem> {
    let mut names: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for row in rows {
        for (name, _) in &row.0 {
            index.entry(name).or_insert_with(|| {
                names.push(name);
                names.len() - 1
            });
        }
    }
    let cells = rows.len().saturating_mul(names.len());
    if cells > body_len.max(MIN_CELLS) {
        return Err(Problem::new(
            Kind::InvalidBody,
            format!(
                "the {} rows of `{table}` name {} different columns: {cells} cells for a body of {body_len} \
                 bytes; send every row with the same columns (a missing value as null)",
                rows.len(),
                names.len()
            ),
        ));
    }
    let decimal: Vec<bool> =
        names.iter().map(|n| header_type(n, numbers.kind) == Some(ColumnType::Decimal)).collect();
    let mut columns: Vec<StringBuilder> = names.iter().map(|_| StringBuilder::new()).collect();
    let mut cells: Vec<Option<Cow<str>>> = vec![None; names.len()];
    for row in rows {
        cells.fill(None);
        for (name, cell) in &row.0 {
            let Some(j) = index.get(name.as_str()).copied() else { continue };
            let text = match cell {
                Cell::Null => None,
                Cell::Text(t) => Some(Cow::Borrowed(t.as_str())),
                Cell::Number => {
                    let literal = numbers.literals.next().ok_or_else(|| {
                        Problem::new(Kind::Internal, "a number of the JSON body could not be found again")
                    })?;
                    let plain = decimal.get(j).copied().unwrap_or(false);
                    Some(match plain.then(|| plain_cell_text(literal, numbers.format)).flatten() {
                        Some(text) => Cow::Owned(text),
                        None => Cow::Borrowed(literal),
                    })
                }
            };
            if let Some(c) = cells.get_mut(j) {
                *c = text;
            }
        }
        for (column, cell) in columns.iter_mut().zip(&cells) {
            column.append_option(cell.as_deref());
        }
    }
    let schema = Schema::new(names.iter().map(|n| Field::new(*n, DataType::Utf8, true)).collect::<Vec<_>>());
    let arrays: Vec<ArrayRef> = columns.into_iter().map(|mut c| Arc::new(c.finish()) as ArrayRef).collect();
    let options = RecordBatchOptions::new().with_row_count(Some(rows.len()));
    RecordBatch::try_new_with_options(Arc::new(schema), arrays, &options)
        .map_err(|e| Problem::new(Kind::InvalidBody, format!("the rows do not form a table: {e}")))
}

impl JsonTables {
    /// The batches, numbers as their text in `body` (the text this was parsed from), written
    /// for the request's `format` of text cells in number columns (see the module docs).
    pub fn into_batches(self, body: &[u8], format: NumberFormat) -> Result<Batches, Problem> {
        let mut literals = kinerja_core::document_numbers::json_literals(body).map(|(_, literal)| literal);
        let mut out: [Option<RecordBatch>; 3] = [None, None, None];
        for (t, rows) in &self.0 {
            let name = TABLES.get(*t).copied().unwrap_or_default();
            let kind = KINDS.get(*t).copied().unwrap_or(TableKind::Indicators);
            let mut numbers = Numbers { literals: &mut literals, format, kind };
            let b = batch(name, rows, &mut numbers, body.len())?;
            if let Some(slot) = out.get_mut(*t) {
                *slot = Some(b);
            }
        }
        let [indicators, employees, units] = out;
        let indicators = indicators
            .ok_or_else(|| Problem::new(Kind::InvalidBody, "the body needs `indicators`: a list of rows"))?;
        Ok(Batches { indicators, employees, units })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Array;
    use arrow_array::cast::AsArray;

    fn batches(text: &str) -> Result<Batches, Problem> {
        let t: JsonTables = crate::body::parse(text.as_bytes(), 16)?;
        t.into_batches(text.as_bytes(), NumberFormat::Plain)
    }

    #[test]
    fn numbers_keep_their_text_and_columns_their_order() {
        let b = batches(
            r#"{"employees": [{"employee": "e1", "unit": "u"}],
                "indicators": [{"employee": "e1", "target": 1200, "actual": 97.50, "note": "a\"1,5"},
                               {"actual": -1e3, "employee": 1234567890123456789012, "x": null, "ok": true}]}"#,
        )
        .unwrap();
        let ind = &b.indicators;
        let names: Vec<&str> = ind.schema_ref().fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(names, ["employee", "target", "actual", "note", "x", "ok"]);
        let col = |n: &str| ind.column_by_name(n).unwrap().as_string::<i32>().clone();
        assert_eq!(col("actual").value(0), "97.50");
        // an exponent in a number column is written out
        assert_eq!(col("actual").value(1), "-1000");
        assert_eq!(col("employee").value(1), "1234567890123456789012");
        assert_eq!(col("target").value(0), "1200");
        assert!(col("target").is_null(1) && col("x").is_null(1));
        assert_eq!(col("ok").value(1), "true");
        assert_eq!(col("note").value(0), "a\"1,5");
        assert_eq!(b.employees.unwrap().num_rows(), 1);
        assert!(b.units.is_none());
    }

    /// Numbers in number columns are written for the request's notation; elsewhere (ids,
    /// periods, unknown columns) they stay as written.
    #[test]
    fn numbers_in_number_columns_are_written_for_the_format() {
        let text = r#"{"indicators": [{"NIP": 1.5, "Target": 1.500, "actual": 2e1, "period": 2024, "x": 1.500}],
                      "employees": [{"employee": 7, "weight": 1.500}]}"#;
        let t: JsonTables = crate::body::parse(text.as_bytes(), 16).unwrap();
        let b = t.into_batches(text.as_bytes(), NumberFormat::Id).unwrap();
        let cells = |batch: &RecordBatch| -> Vec<String> {
            batch.columns().iter().map(|c| c.as_string::<i32>().value(0).to_string()).collect()
        };
        assert_eq!(cells(&b.indicators), ["1.5", "1,500", "20", "2024", "1.500"]);
        // `weight` is not a column of the employee table: as written
        assert_eq!(cells(&b.employees.unwrap()), ["7", "1.500"]);
        let t: JsonTables = crate::body::parse(text.as_bytes(), 16).unwrap();
        let b = t.into_batches(text.as_bytes(), NumberFormat::Auto).unwrap();
        assert_eq!(cells(&b.indicators), ["1.5", "1.5000", "20", "2024", "1.500"]);
    }

    #[test]
    fn shapes_are_refused_with_their_path() {
        let p = batches(r#"{"indicators": [{"a": 1}, {"a": [1]}]}"#).unwrap_err();
        assert_eq!((p.status, p.field.as_deref()), (400, Some("indicators[1].a")));
        let p = batches(r#"{"indicators": [], "staff": []}"#).unwrap_err();
        assert!(p.status == 400 && p.detail.contains("unknown field `staff`"), "{p:?}");
        assert_eq!(batches(r#"{"employees": []}"#).unwrap_err().status, 400);
        assert_eq!(batches(r#"{"indicators": [{"a": 1, "a": 2}]}"#).unwrap_err().status, 400);
        assert_eq!(batches(r#"{"indicators": {}}"#).unwrap_err().status, 400);
        let empty = batches(r#"{"indicators": [{}, {}]}"#).unwrap();
        assert_eq!((empty.indicators.num_rows(), empty.indicators.num_columns()), (2, 0));
    }

    /// Rows that each name a new column: 20 000 of them (a body of 300 KB) made 400 million
    /// cells, 9.6 GB of them before this limit; refused at once, naming the table.
    #[test]
    fn rows_of_new_columns_each_are_refused_before_the_cells_are_made() {
        let rows: Vec<String> = (0..20_000).map(|k| format!("{{\"c{k}\": 1}}")).collect();
        let body = format!("{{\"indicators\": [{}]}}", rows.join(","));
        let p = batches(&body).unwrap_err();
        assert_eq!((p.status, p.kind.as_str()), (400, "urn:kinerja:problem:invalid-body"));
        assert!(p.detail.contains("the 20000 rows of `indicators` name 20000 different columns"), "{p:?}");
        // as many cells as the body has bytes, or up to a million, are read
        let rows: Vec<String> = (0..1_000).map(|k| format!("{{\"c{k}\": 1}}")).collect();
        let b = batches(&format!("{{\"indicators\": [{}]}}", rows.join(","))).unwrap();
        assert_eq!((b.indicators.num_rows(), b.indicators.num_columns()), (1_000, 1_000));
    }

    mod generated {
        use super::*;
        use proptest::prelude::*;

        /// A cell as sent: its JSON text and the cell text the batch must hold.
        #[derive(Debug, Clone)]
        struct Sent {
            json: String,
            text: Option<String>,
        }

        /// A JSON string of `s`, some characters (digits, signs, quotes too) sent as `\uXXXX`.
        fn quoted(s: &str, escape: &[bool]) -> String {
            let mut out = String::from("\"");
            for (k, c) in s.chars().enumerate() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if (c as u32) < 0x20 || escape.get(k) == Some(&true) && (c as u32) < 0x10000 => {
                        out.push_str(&format!("\\u{:04x}", c as u32))
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }

        /// Text that looks like JSON numbers and punctuation, the tokenizer's hard cases.
        fn text() -> impl Strategy<Value = String> {
            "[-0-9.eE+\"\\\\:,{}\\[\\] a-zé\n]{0,8}"
        }

        fn cell() -> impl Strategy<Value = Sent> {
            let number = "-?(0|[1-9][0-9]{0,24})(\\.[0-9]{1,20})?([eE][+-]?[0-9]{1,2})?";
            prop_oneof![
                Just(Sent { json: "null".into(), text: None }),
                any::<bool>().prop_map(|b| Sent { json: b.to_string(), text: Some(b.to_string()) }),
                number.prop_map(|n| Sent { json: n.clone(), text: Some(n) }),
                (text(), proptest::collection::vec(any::<bool>(), 8))
                    .prop_map(|(t, e)| Sent { json: quoted(&t, &e), text: Some(t) }),
            ]
        }

        /// A row as sent: column names and cells.
        type SentRow = Vec<(String, Sent)>;
        /// A table as sent: its place in [`TABLES`] and its rows.
        type SentTable = (usize, Vec<SentRow>);

        /// A row: distinct column names (some shared between rows) and their cells.
        fn row() -> impl Strategy<Value = SentRow> {
            proptest::collection::btree_map("[a-c1\"\\\\ ]{1,2}", cell(), 0..4)
                .prop_map(|m| m.into_iter().collect())
                .prop_shuffle()
        }

        /// The body's tables (indicators always, then employees and units or not) in any order.
        fn tables() -> impl Strategy<Value = Vec<SentTable>> {
            let rows = || proptest::collection::vec(row(), 0..4);
            (rows(), proptest::option::of(rows()), proptest::option::of(rows()))
                .prop_map(|(i, e, u)| {
                    let mut t = vec![(0, i)];
                    t.extend(e.map(|e| (1, e)));
                    t.extend(u.map(|u| (2, u)));
                    t
                })
                .prop_shuffle()
        }

        /// The JSON text of `tables`, with `ws` between every token.
        fn body(tables: &[SentTable], ws: &str) -> String {
            let row = |r: &SentRow| {
                let cells: Vec<String> =
                    r.iter().map(|(k, v)| format!("{ws}{}{ws}:{ws}{}{ws}", quoted(k, &[]), v.json)).collect();
                format!("{{{}}}", cells.join(","))
            };
            let parts: Vec<String> = tables
                .iter()
                .map(|(t, rows)| {
                    let rows: Vec<String> = rows.iter().map(|r| format!("{ws}{}{ws}", row(r))).collect();
                    format!("{ws}\"{}\"{ws}:{ws}[{}]{ws}", TABLES[*t], rows.join(","))
                })
                .collect();
            format!("{ws}{{{}}}{ws}", parts.join(","))
        }

        /// The batch a table must become: its columns in order of first appearance, a cell
        /// missing from a row null.
        fn expected(rows: &[SentRow]) -> Vec<(String, Vec<Option<String>>)> {
            let mut cols: Vec<(String, Vec<Option<String>>)> = Vec::new();
            for (r, row) in rows.iter().enumerate() {
                for (k, v) in row {
                    if !cols.iter().any(|(n, _)| n == k) {
                        cols.push((k.clone(), vec![None; rows.len()]));
                    }
                    if let Some((_, c)) = cols.iter_mut().find(|(n, _)| n == k) {
                        c[r] = v.text.clone();
                    }
                }
            }
            cols
        }

        fn actual(b: &RecordBatch) -> Vec<(String, Vec<Option<String>>)> {
            let schema = b.schema();
            schema
                .fields()
                .iter()
                .zip(b.columns())
                .map(|(f, c)| {
                    let c = c.as_string::<i32>();
                    (
                        f.name().clone(),
                        (0..c.len()).map(|r| c.is_valid(r).then(|| c.value(r).to_string())).collect(),
                    )
                })
                .collect()
        }

        proptest! {
            /// Every cell of any rows keeps its exact text: numbers their literal (never through
            /// a float), strings with quotes, escapes and number-like text, booleans; however
            /// the tables are ordered and spaced.
            #[test]
            fn every_cell_keeps_its_text(t in tables(), ws in "[ \n\t]{0,2}") {
                let text = body(&t, &ws);
                let b = batches(&text).map_err(|p| TestCaseError::fail(format!("{p:?}\n{text}")))?;
                for (k, rows) in &t {
                    let got = match k {
                        0 => Some(&b.indicators),
                        1 => b.employees.as_ref(),
                        _ => b.units.as_ref(),
                    };
                    let got = got.ok_or_else(|| TestCaseError::fail(format!("table {k} missing\n{text}")))?;
                    prop_assert_eq!(got.num_rows(), rows.len());
                    prop_assert_eq!(actual(got), expected(rows), "{}", text);
                }
            }
        }
    }
}
