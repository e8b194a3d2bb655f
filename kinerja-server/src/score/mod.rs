//! `POST /v1/score`: a roster scored from a file, exactly as `kj.score` scores it.
//!
//! The body is a CSV file (delimiter detected), an XLSX workbook, a Parquet file, an Arrow IPC
//! stream or JSON rows, chosen by `Content-Type` ([`input`]); the query sets the ruleset and
//! the read and score options. The table layer (`kinerja_table::run::run`) reads and scores
//! it in the CPU pool, and the answer is written in the media type of `Accept` ([`output`]).
//! Its errors become located problems ([`errors`]).

pub mod errors;
pub mod explain;
pub mod input;
pub mod output;
pub mod report;
pub mod rows;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::header;
use axum::response::Response;
use kinerja_core::explain::Lang;
use kinerja_core::rules::Ruleset;
use kinerja_table::numbers::NumberFormat;
use kinerja_table::read::ReadOptions;
use kinerja_table::score::{Detail, OnError, ScoreOptions, Scored};
use serde::{Deserialize, Serialize};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, Object, ObjectBuilder, Schema, SchemaType, Type,
};
use utoipa::{IntoParams, ToSchema};

use crate::input::{DEFAULT_RULESET, RulesArg, lang, period, ruleset};
use crate::problem::{Kind, Problem};
use crate::state::AppState;
use input::{Media, Tables};

/// Whether scoring files is built in (shown by `GET /health` and the web page).
pub const AVAILABLE: bool = true;

/// The query of `POST /v1/score`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ScoreQuery {
    /// The ruleset: a builtin id or a Ruleset JSON object as text. Default: the builtin ruleset
    /// in force for the evaluated period; only PermenPANRB 6/2022 is scored, so an earlier
    /// period (e.g. 2019, PP 46/2011) is refused.
    #[param(example = "permenpanrb-6-2022")]
    pub rules: Option<String>,
    /// How text numbers are written: `plain` (`1200.5`), `id` (`1.200,5`) or `auto` (default:
    /// a number the two read differently, such as `1.200`, is refused with its row and column).
    #[param(schema_with = number_format_schema)]
    pub number_format: Option<String>,
    /// Language of the labels beside the codes and of the workbook: `id` or `en` (default: the
    /// server's).
    pub lang: Option<String>,
    /// `raise` (default): the first problem is the answer (422); `collect`: every problem is a
    /// row of `errors` and every other employee is scored.
    #[param(schema_with = on_error_schema)]
    pub on_error: Option<String>,
    /// `employee` (default): employees, units and errors; `indicator`: also one row per
    /// indicator with its achievement.
    #[param(schema_with = detail_schema)]
    pub detail: Option<String>,
    /// CSV delimiter: one character (`,` `;` `|`) or `tab` (default: detected from the header).
    #[param(example = ";")]
    pub delimiter: Option<String>,
    /// CSV text encoding (a WHATWG label such as `windows-1252`; default UTF-8, or the
    /// `charset` of `Content-Type`).
    pub encoding: Option<String>,
    /// Workbook sheet by name (default: the first).
    pub sheet: Option<String>,
    /// The evaluated period (`2024`, `2024-S1`, `2024-Q1`, `2024-03`; default: the period of
    /// the rows, or their year).
    #[param(example = "2024")]
    pub period: Option<String>,
    /// Headers mapped to kinerja's columns, a JSON object as text: header as written →
    /// canonical column (`{"Capaian Riil": "actual"}`), as `columns=` of `kj.score` and
    /// `--column` of the command line. A header no table has, or a column that is not
    /// canonical, is refused (422).
    #[param(example = r#"{"Capaian Riil": "actual"}"#)]
    pub columns: Option<String>,
}

/// The header mapping of the `columns` parameter: a JSON object of strings, in its order; a
/// header given twice, a value that is not a string or text that is not a JSON object is
/// refused with what to write.
fn column_mapping(text: Option<&str>) -> Result<Vec<(String, String)>, Problem> {
    struct Mapping(Vec<(String, String)>);
    impl<'de> Deserialize<'de> for Mapping {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Mapping;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a JSON object of header → column")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Mapping, A::Error> {
                    let mut out: Vec<(String, String)> = Vec::new();
                    while let Some((header, column)) = m.next_entry::<String, String>()? {
                        if out.iter().any(|(h, _)| *h == header) {
                            return Err(serde::de::Error::custom(format!(
                                "the header `{header}` is mapped twice"
                            )));
                        }
                        out.push((header, column));
                    }
                    Ok(Mapping(out))
                }
            }
            d.deserialize_map(V)
        }
    }
    let Some(text) = text else { return Ok(Vec::new()) };
    serde_json::from_str::<Mapping>(text).map(|m| m.0).map_err(|e| {
        bad_param(
            "columns",
            format!(
                "`{text}` is not a column mapping ({e}); give a JSON object of header → canonical column, \
                 e.g. {{\"Capaian Riil\": \"actual\"}}"
            ),
        )
    })
}

fn choice_schema(values: &[&str], description: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values.to_vec()))
        .description(Some(description))
        .build()
}

fn number_format_schema() -> Object {
    choice_schema(&["plain", "id", "auto"], "How text numbers are written.")
}
fn on_error_schema() -> Object {
    choice_schema(&["raise", "collect"], "Stop at the first problem or collect them.")
}
fn detail_schema() -> Object {
    choice_schema(&["employee", "indicator"], "Which tables to answer.")
}

/// JSON rows: `{"indicators": [rows], "employees"?: [rows], "units"?: [rows]}`, each row an
/// object of column → cell (string, number, boolean or null; numbers read from their exact
/// JSON text).
#[derive(Debug, Clone, Copy)]
pub struct ScoreRows;

impl utoipa::PartialSchema for ScoreRows {
    fn schema() -> RefOr<Schema> {
        let row = || {
            let cell = ObjectBuilder::new().schema_type(SchemaType::from_iter([
                Type::String,
                Type::Number,
                Type::Boolean,
                Type::Null,
            ]));
            ObjectBuilder::new()
                .schema_type(Type::Object)
                .additional_properties(Some(cell))
                .description(Some("One row: column (canonical or Indonesian header) → cell."))
        };
        let table = |what: &str| ArrayBuilder::new().items(row()).description(Some(what));
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("indicators", table("One row per indicator (and period)."))
            .required("indicators")
            .property("employees", table("One row per employee (optional)."))
            .property("units", table("One row per unit (optional)."))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
            .into()
    }
}

impl ToSchema for ScoreRows {}

/// The JSON rows example of the document.
fn rows_example() -> serde_json::Value {
    serde_json::json!({"indicators": [
        {"employee": "198701012010011001", "unit": "BKPSDM", "indicator": "a", "target": 100, "actual": "97.5",
         "weight": 40, "period": "2024", "work_result": "meets", "behaviour": "above"},
        {"employee": "198701012010011001", "unit": "BKPSDM", "indicator": "b", "target": 1200, "actual": 1080,
         "weight": 60, "period": "2024", "work_result": "meets", "behaviour": "above"}
    ]})
}

/// Which path of the kernel decided how much (the results are the same on every path).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
pub struct ScoreStats {
    /// Indicator rows scored on fixed-point machine words.
    pub fast_rows: u64,
    /// Of `fast_rows`, those the plain row loop decided (point targets, no cap column).
    pub plain_rows: u64,
    /// Indicator rows scored by the exact scalar kernel.
    pub fallback_rows: u64,
    /// Employees whose weighted mean the plain loop took.
    pub plain_employees: u64,
    /// Employees whose weighted mean came from the exact scalar path.
    pub fallback_employees: u64,
}

impl ScoreStats {
    fn of(s: &Scored) -> Self {
        ScoreStats {
            fast_rows: s.stats.fast_rows,
            plain_rows: s.stats.plain_rows,
            fallback_rows: s.stats.fallback_rows,
            plain_employees: s.stats.plain_employees,
            fallback_employees: s.stats.fallback_employees,
        }
    }
}

/// The scores as JSON: one object per row with canonical column names; decimals as exact
/// strings (`"93.00"`); `predicate_label`, `advised_rating_label`, `work_result_label`,
/// `behaviour_label` and `org_predicate_label` in `lang` beside their codes.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "rules": "permenpanrb-6-2022", "period": "2024", "lang": "id",
    "employees": [{"employee": "198701012010011001", "unit": "BKPSDM", "weighted_achievement": "93.00",
        "advised_rating": null, "work_result": "meets",
        "work_result_label": "Sesuai ekspektasi", "work_result_source": "appraiser", "behaviour": "above",
        "behaviour_label": "Di atas ekspektasi", "predicate": "good", "predicate_label": "Baik",
        "disagreement": false, "weights_normalised": false, "ok": true, "status": "ok"}],
    "units": [{"unit": "BKPSDM", "very_good": 0, "good": 1, "needs_improvement": 0, "poor_misconduct": 0,
        "very_poor": 0, "heads_excluded": 0, "distribution_passed": null, "violations": null,
        "violated": null, "violated_id": null}],
    "errors": [],
    "stats": {"fast_rows": 2, "plain_rows": 2, "fallback_rows": 0, "plain_employees": 1, "fallback_employees": 0}
}))]
pub struct ScoreResponse {
    /// The ruleset applied.
    pub rules: String,
    /// The evaluated period, when known.
    pub period: Option<String>,
    /// Language of the labels.
    pub lang: String,
    /// One row per employee: `employee`, `unit`, `weighted_achievement`, `advised_rating`,
    /// `work_result`, `work_result_source`, `behaviour`, `predicate`, `disagreement`,
    /// `weights_normalised` (given weights off 100, the mean divided by their sum),
    /// `credit_points` (with a functional grade), `ok`, `status` (`ok`, `error`, `no_indicators`).
    #[schema(value_type = Vec<Object>)]
    pub employees: Vec<serde_json::Value>,
    /// One row per scored indicator (`detail=indicator`): `row`, `employee`, `indicator`,
    /// `period`, `achievement`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    pub indicators: Option<Vec<serde_json::Value>>,
    /// One row per unit: `unit`, `org_predicate`, the five predicate counts, `heads_excluded`,
    /// `distribution_passed`, `violations`, `violated` (English), `violated_id` (Indonesian).
    #[schema(value_type = Vec<Object>)]
    pub units: Vec<serde_json::Value>,
    /// One row per problem (`on_error=collect`): `table`, `row`, `employee`, `indicator`,
    /// `column`, `value`, `family`, `message`.
    #[schema(value_type = Vec<Object>)]
    pub errors: Vec<serde_json::Value>,
    /// How much of the kernel ran on its fast path.
    pub stats: ScoreStats,
}

/// Everything the query decides.
struct Options {
    /// The rules given; `None`: the builtin ruleset in force for the evaluated period.
    rules: Option<Ruleset>,
    read: ReadOptions,
    score: ScoreOptions,
    lang: Lang,
}

fn bad_param(field: &str, reason: String) -> Problem {
    Problem::from(kinerja_core::Error::Input { at: Default::default(), field: field.into(), reason })
        .or_field(field)
}

fn choose<T: Copy>(
    field: &str,
    value: Option<&str>,
    default: T,
    options: &[(&str, T)],
) -> Result<T, Problem> {
    let Some(v) = value else { return Ok(default) };
    options.iter().find(|(name, _)| name.eq_ignore_ascii_case(v.trim())).map(|(_, t)| *t).ok_or_else(|| {
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        bad_param(field, format!("`{v}` is not accepted; accepted: {}", names.join(", ")))
    })
}

fn delimiter(value: Option<&str>) -> Result<Option<u8>, Problem> {
    match value.map(|d| (d, kinerja_table::read::delimiter_of(d))) {
        None => Ok(None),
        Some((_, Some(b))) => Ok(Some(b)),
        Some((d, None)) => Err(bad_param(
            "delimiter",
            format!(
                "`{d}` is not a delimiter; give one ASCII character that is not a letter, a digit, `.`, `-`, `+`, a quote or a line break, such as `,` `;` `|`, or `tab`"
            ),
        )),
    }
}

impl Options {
    fn of(
        q: &ScoreQuery,
        default_lang: Lang,
        media: Media,
        charset: Option<String>,
    ) -> Result<Self, Problem> {
        let asked = q.period.as_deref().map(|p| p.parse::<kinerja_core::period::Period>()).transpose();
        let asked = asked.map_err(|e| Problem::from(e).or_field("period"))?;
        let rules = match q.rules.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) if text.starts_with('{') => {
                kinerja_core::document_numbers::json(text).map_err(|e| bad_param("rules", e.reason()))?;
                let v = serde_json::from_str(text)
                    .map_err(|e| bad_param("rules", format!("the Ruleset JSON is not well-formed: {e}")))?;
                Some(ruleset(Some(&RulesArg(v)), "rules", asked.as_ref())?)
            }
            Some(id) => Some(ruleset(Some(&RulesArg(serde_json::Value::String(id.into()))), "rules", None)?),
        };
        let number_format = match q.number_format.as_deref() {
            None => NumberFormat::Auto,
            Some(f) => f.parse().map_err(|e: String| bad_param("number_format", e))?,
        };
        let on_error = choose(
            "on_error",
            q.on_error.as_deref(),
            OnError::Raise,
            &[("raise", OnError::Raise), ("collect", OnError::Collect)],
        )?;
        let detail = choose(
            "detail",
            q.detail.as_deref(),
            Detail::Employee,
            &[("employee", Detail::Employee), ("indicator", Detail::Indicator)],
        )?;
        let period = q.period.as_deref().map(|p| period(Some(p), None)).transpose()?;
        let encoding = q.encoding.clone().or(charset.filter(|c| c != "utf-8" && c != "utf8"));
        let read = ReadOptions {
            delimiter: delimiter(q.delimiter.as_deref())?,
            encoding,
            sheet: q.sheet.clone(),
            number_format,
            columns: column_mapping(q.columns.as_deref())?,
            // JSON rows are numbered as the other JSON lists are: from 0.
            batch_first_row: if media == Media::Json { 0 } else { 1 },
            ..ReadOptions::default()
        };
        let lang = lang(q.lang.as_deref(), default_lang)?;
        // the problem table's messages in the answer's language, as its labels
        Ok(Options { rules, read, score: ScoreOptions { period, on_error, detail, lang }, lang })
    }
}

fn query_problem(e: QueryRejection) -> Problem {
    Problem::new(
        Kind::InvalidQuery,
        format!(
            "{}; the parameters are rules, number_format, lang, on_error, detail, delimiter, encoding, sheet, period and columns",
            e.body_text()
        ),
    )
}

/// A query split into an endpoint's own parameters (`own`, read into `E`) and the options of
/// `/v1/score`; `hint` ends the message when the endpoint's own parameters are wrong.
fn split_query<E: serde::de::DeserializeOwned>(
    raw: Option<&str>,
    own: &[&str],
    hint: &str,
) -> Result<(E, ScoreQuery), Problem> {
    let is_own = |pair: &&str| pair.split('=').next().is_some_and(|name| own.contains(&name));
    let (mine, rest): (Vec<&str>, Vec<&str>) =
        raw.unwrap_or("").split('&').filter(|p| !p.is_empty()).partition(is_own);
    let uri = |pairs: &[&str]| -> Result<axum::http::Uri, Problem> {
        format!("/?{}", pairs.join("&"))
            .parse::<axum::http::Uri>()
            .map_err(|e| Problem::new(Kind::InvalidQuery, format!("the query is not well-formed: {e}")))
    };
    let Query(extra) = Query::<E>::try_from_uri(&uri(&mine)?)
        .map_err(|e| Problem::new(Kind::InvalidQuery, format!("{}; {hint}", e.body_text())))?;
    let Query(q) = Query::<ScoreQuery>::try_from_uri(&uri(&rest)?).map_err(query_problem)?;
    Ok((extra, q))
}

/// Scores a roster from a file: one row per employee (and unit, problem, indicator) with the
/// predicate, exactly as `kj.score` gives it.
#[utoipa::path(post, path = "/v1/score", tag = "score", security(("bearer" = [])),
    params(ScoreQuery),
    request_body(description = "The roster: a CSV file (delimiter detected; `text/plain` is read as CSV), an XLSX workbook, a Parquet file, an Arrow IPC stream, or JSON rows. Columns may have canonical or Indonesian names (NIP, Indikator, Target, Realisasi, Bobot, Periode, Hasil Kerja, Perilaku, …).",
        content(
            (String = "text/csv", example = "employee,unit,indicator,target,actual,weight,period,work_result,behaviour\n198701012010011001,BKPSDM,a,100,97.5,40,2024,meets,above\n198701012010011001,BKPSDM,b,1200,1080,60,2024,meets,above\n"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/vnd.apache.parquet"),
            ("application/vnd.apache.arrow.stream"),
            (ScoreRows = "application/json", example = rows_example),
        )),
    responses(
        (status = 200, description = "The scores: JSON rows (default), the employee table as CSV or Arrow IPC stream, or a workbook of every table, as `Accept` asks",
            content(
                (ScoreResponse = "application/json"),
                (String = "text/csv"),
                ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("application/vnd.apache.arrow.stream"),
            )),
        (status = 400, description = "A file that cannot be read, JSON rows of the wrong shape or an unknown query parameter (located)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Token missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 406, description = "`Accept` names no media type answered", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "The request took too long", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a table format read here", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A column, cell, option or row the rules refuse (located: table, row, employee, indicator, field)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Busy; retry after Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn score(
    State(st): State<AppState>,
    query: Result<Query<ScoreQuery>, QueryRejection>,
    req: Request,
) -> Result<Response, Problem> {
    let Query(q) = query.map_err(query_problem)?;
    let headers = req.headers();
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let answer = output::negotiate(accept)?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let (media, charset) = input::media(content_type)?;
    let body = crate::body::limited(req, &st).await?;
    let cfg = st.config.clone();
    st.pool
        .run(move || {
            let opts = Options::of(&q, cfg.lang, media, charset)?;
            let tables = Tables::decode(media, body, cfg.max_depth, opts.read.number_format)?;
            crate::pool::checkpoint()?;
            let scored =
                kinerja_table::run::run_with(&tables.inputs(), &opts.read, opts.rules.as_ref(), &opts.score)
                    .map_err(errors::run_problem)?;
            crate::pool::checkpoint()?;
            // without rules, only the builtin PermenPANRB 6/2022 ruleset is ever scored
            output::render(
                &scored,
                answer,
                opts.lang,
                opts.rules.as_ref().map_or(DEFAULT_RULESET, Ruleset::id),
            )
        })
        .await
}
