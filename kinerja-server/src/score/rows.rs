//! JSON rows for `POST /v1/score`: `{"indicators": [{column: value, …}, …], "employees"?: […],
//! "units"?: […]}`, each table becoming an Arrow batch of text columns (the table layer then
//! reads them as it reads a CSV file).
//!
//! Numbers keep their exact JSON text: `97.50` is read as `97.50`, never through a float. The
//! parser sees numbers only as floats, so each number cell takes its literal from the body,
//! in document order (a JSON document's numbers are visited in that order).

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, RecordBatchOptions, StringArray};
use arrow_schema::{DataType, Field, Schema};
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use crate::problem::{Kind, Problem};

/// The tables of a JSON body.
const TABLES: &[&str] = &["indicators", "employees", "units"];

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

fn batch<'a>(rows: &[Row], numbers: &mut impl Iterator<Item = &'a str>) -> Result<RecordBatch, Problem> {
    let mut names: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut columns: Vec<Vec<Option<String>>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (name, cell) in &row.0 {
            let j = *index.entry(name).or_insert_with(|| {
                names.push(name);
                columns.push(vec![None; rows.len()]);
                names.len() - 1
            });
            let text = match cell {
                Cell::Null => None,
                Cell::Text(t) => Some(t.clone()),
                Cell::Number => Some(numbers.next().map(str::to_string).ok_or_else(|| {
                    Problem::new(Kind::Internal, "a number of the JSON body could not be found again")
                })?),
            };
            if let Some(c) = columns.get_mut(j).and_then(|c| c.get_mut(r)) {
                *c = text;
            }
        }
    }
    let schema = Schema::new(names.iter().map(|n| Field::new(*n, DataType::Utf8, true)).collect::<Vec<_>>());
    let arrays: Vec<ArrayRef> =
        columns.into_iter().map(|c| Arc::new(StringArray::from(c)) as ArrayRef).collect();
    let options = RecordBatchOptions::new().with_row_count(Some(rows.len()));
    RecordBatch::try_new_with_options(Arc::new(schema), arrays, &options)
        .map_err(|e| Problem::new(Kind::InvalidBody, format!("the rows do not form a table: {e}")))
}

impl JsonTables {
    /// The batches, numbers as their text in `body` (the text this was parsed from).
    pub fn into_batches(self, body: &[u8]) -> Result<Batches, Problem> {
        let mut numbers = kinerja_core::document_numbers::json_literals(body).map(|(_, literal)| literal);
        let mut out: [Option<RecordBatch>; 3] = [None, None, None];
        for (t, rows) in &self.0 {
            let b = batch(rows, &mut numbers)?;
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
        t.into_batches(text.as_bytes())
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
        assert_eq!(col("actual").value(1), "-1e3");
        assert_eq!(col("employee").value(1), "1234567890123456789012");
        assert_eq!(col("target").value(0), "1200");
        assert!(col("target").is_null(1) && col("x").is_null(1));
        assert_eq!(col("ok").value(1), "true");
        assert_eq!(col("note").value(0), "a\"1,5");
        assert_eq!(b.employees.unwrap().num_rows(), 1);
        assert!(b.units.is_none());
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
}
