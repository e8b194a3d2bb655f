//! The answer of `POST /v1/score` in the media type `Accept` asks for: JSON rows (default),
//! the employee table as CSV or as an Arrow IPC stream, or a workbook of every table.

use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, Float64Type, Int8Type, Int64Type, UInt64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::model::{OrgPredicate, Predicate, Rating};
use kinerja_table::score::Scored;
use kinerja_table::write::{CsvOptions, scored_xlsx_bytes, write_csv_to};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::input::{ARROW, CSV, JSON, XLSX};
use crate::meta::lang_code;
use crate::problem::{Kind, Problem};

/// The media types answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// JSON rows of every table.
    Json,
    /// The employee table as CSV.
    Csv,
    /// A workbook: employees, indicators (with `detail=indicator`), units, problems.
    Xlsx,
    /// The employee table as an Arrow IPC stream.
    Arrow,
}

/// The answer `accept` asks for (highest `q` first, ties in order): JSON when absent, `*/*`
/// or `application/*`; 406 when nothing answered is acceptable.
pub fn negotiate(accept: Option<&str>) -> Result<Answer, Problem> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else { return Ok(Answer::Json) };
    let mut ranges: Vec<(f32, String)> = accept
        .split(',')
        .map(|range| {
            let mut parts = range.split(';');
            let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
                .and_then(|(_, v)| v.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (q, media)
        })
        .filter(|(q, _)| *q > 0.0)
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, media) in &ranges {
        let answer = match media.as_str() {
            JSON | "application/*" | "*/*" => Answer::Json,
            CSV | "text/*" => Answer::Csv,
            XLSX => Answer::Xlsx,
            ARROW => Answer::Arrow,
            _ => continue,
        };
        return Ok(answer);
    }
    Err(Problem::new(
        Kind::NotAcceptable,
        format!(
            "`Accept: {accept}` names no media type answered here; accepted: {JSON}, {CSV}, {XLSX}, {ARROW}"
        ),
    ))
}

/// The label of a canonical word in a labelled column, in `lang` (as the XLSX writer shows it).
fn label(column: &str, v: &str, lang: Lang) -> Option<&'static str> {
    fn of<T: Labelled>(v: &str, lang: Lang) -> Option<&'static str> {
        T::ALL.iter().find(|x| x.value() == v).map(|x| x.label(lang))
    }
    match column {
        "predicate" => of::<Predicate>(v, lang),
        "advised_rating" | "work_result" | "behaviour" => of::<Rating>(v, lang),
        "org_predicate" => of::<OrgPredicate>(v, lang),
        _ => None,
    }
}

/// One cell as JSON: decimals as exact strings, counts as numbers, flags as booleans.
fn cell(a: &dyn Array, i: usize) -> serde_json::Value {
    use serde_json::Value;
    if a.is_null(i) {
        return Value::Null;
    }
    match a.data_type() {
        DataType::Utf8 => Value::from(a.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => Value::from(a.as_string::<i64>().value(i)),
        DataType::Utf8View => Value::from(a.as_string_view().value(i)),
        DataType::Boolean => Value::from(a.as_boolean().value(i)),
        DataType::Decimal128(..) => Value::from(a.as_primitive::<Decimal128Type>().value_as_string(i)),
        DataType::UInt64 => Value::from(a.as_primitive::<UInt64Type>().value(i)),
        DataType::Int64 => Value::from(a.as_primitive::<Int64Type>().value(i)),
        DataType::Float64 => Value::from(a.as_primitive::<Float64Type>().value(i)),
        // label columns: the word its key names in the dictionary
        DataType::Dictionary(k, _) if **k == DataType::Int8 => {
            let d = a.as_dictionary::<Int8Type>();
            usize::try_from(d.keys().value(i))
                .ok()
                .filter(|k| *k < d.values().len())
                .map_or(Value::Null, |k| cell(d.values().as_ref(), k))
        }
        _ => Value::Null,
    }
}

/// A table as JSON: one object per row, canonical columns in order, `<column>_label` after
/// each labelled column.
struct Rows<'a> {
    batch: &'a RecordBatch,
    lang: Lang,
}

struct Row<'a> {
    rows: &'a Rows<'a>,
    i: usize,
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let batch = self.rows.batch;
        let mut m = s.serialize_map(None)?;
        for (f, a) in batch.schema_ref().fields().iter().zip(batch.columns()) {
            let v = cell(a.as_ref(), self.i);
            let shown = v.as_str().and_then(|t| label(f.name(), t, self.rows.lang));
            m.serialize_entry(f.name(), &v)?;
            if let Some(l) = shown {
                m.serialize_entry(&format!("{}_label", f.name()), l)?;
            }
        }
        m.end()
    }
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.batch.num_rows()))?;
        for i in 0..self.batch.num_rows() {
            seq.serialize_element(&Row { rows: self, i })?;
        }
        seq.end()
    }
}

/// The JSON answer (its schema is [`super::ScoreResponse`]).
#[derive(Serialize)]
struct Body<'a> {
    rules: &'a str,
    period: Option<String>,
    lang: &'static str,
    employees: Rows<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    indicators: Option<Rows<'a>>,
    units: Rows<'a>,
    errors: Rows<'a>,
    stats: super::ScoreStats,
}

fn internal(what: &str, e: impl std::fmt::Display) -> Problem {
    Problem::new(Kind::Internal, format!("the {what} answer could not be written: {e}"))
}

fn with_type(bytes: Vec<u8>, media: &'static str, download: Option<&'static str>) -> Response {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    if let Some(name) = download {
        h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static(name));
    }
    res
}

/// The answer for `scored` under `rules` in `answer`'s media type.
pub fn render(scored: &Scored, answer: Answer, lang: Lang, rules: &str) -> Result<Response, Problem> {
    match answer {
        Answer::Json => {
            let rows = |batch| Rows { batch, lang };
            let body = Body {
                rules,
                period: scored.period.map(|p| p.to_string()),
                lang: lang_code(lang),
                employees: rows(&scored.employees),
                indicators: scored.indicators.as_ref().map(rows),
                units: rows(&scored.units),
                errors: rows(&scored.problems),
                stats: super::ScoreStats::of(scored),
            };
            let bytes = serde_json::to_vec(&body).map_err(|e| internal("JSON", e))?;
            Ok(with_type(bytes, JSON, None))
        }
        Answer::Csv => {
            let mut out = Vec::new();
            write_csv_to(&scored.employees, &mut out, &CsvOptions::default())
                .map_err(|e| internal("CSV", e))?;
            let disposition = "attachment; filename=\"kinerja-employees.csv\"";
            Ok(with_type(out, "text/csv; charset=utf-8", Some(disposition)))
        }
        Answer::Xlsx => {
            let bytes = scored_xlsx_bytes(scored, lang).map_err(|e| internal("XLSX", e))?;
            Ok(with_type(bytes, XLSX, Some("attachment; filename=\"kinerja-score.xlsx\"")))
        }
        Answer::Arrow => {
            let mut out = Vec::new();
            let batch = &scored.employees;
            let mut w = arrow_ipc::writer::StreamWriter::try_new(&mut out, batch.schema_ref())
                .map_err(|e| internal("Arrow", e))?;
            w.write(batch).map_err(|e| internal("Arrow", e))?;
            w.finish().map_err(|e| internal("Arrow", e))?;
            drop(w);
            Ok(with_type(out, ARROW, Some("attachment; filename=\"kinerja-employees.arrows\"")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_is_negotiated_by_quality() {
        assert_eq!(negotiate(None).unwrap(), Answer::Json);
        assert_eq!(negotiate(Some("*/*")).unwrap(), Answer::Json);
        assert_eq!(negotiate(Some("text/csv")).unwrap(), Answer::Csv);
        assert_eq!(
            negotiate(Some("text/html, text/csv;q=0.5, application/json;q=0.9")).unwrap(),
            Answer::Json
        );
        assert_eq!(negotiate(Some(XLSX)).unwrap(), Answer::Xlsx);
        assert_eq!(negotiate(Some("application/vnd.apache.arrow.stream")).unwrap(), Answer::Arrow);
        assert_eq!(negotiate(Some("image/png")).unwrap_err().status, 406);
        assert_eq!(negotiate(Some("application/json;q=0")).unwrap_err().status, 406);
    }

    #[test]
    fn labels_beside_codes() {
        assert_eq!(label("predicate", "good", Lang::Id), Some("Baik"));
        assert_eq!(label("behaviour", "above", Lang::En), Some("Above expectation"));
        assert_eq!(label("status", "ok", Lang::En), None);
    }
}
