//! The table layer's errors as problems: a file that cannot be read is 400, a table or cell
//! the rules refuse is 422 with its location (table, row, employee, indicator, column).

use kinerja_core::error::ErrorFamily;
use kinerja_table::read::ReadError;
use kinerja_table::run::RunError;
use kinerja_table::schema::TableKind;

use crate::problem::{Kind, Problem};

/// A 422 problem of `family` about `table`.
fn refused(family: ErrorFamily, table: TableKind, detail: String) -> Problem {
    let mut p = Problem::new(Kind::Core(family), detail);
    p.family = Some(family.as_str().to_string());
    p.table = Some(table.name().to_string());
    p
}

/// A located problem of the table layer.
fn located(problem: &kinerja_table::problem::Problem, family: ErrorFamily) -> Problem {
    let mut p = refused(family, problem.table, problem.to_string());
    p.detail_id = problem.text(kinerja_core::lang::Lang::Id);
    p.row = problem.row;
    p.employee.clone_from(&problem.employee);
    p.indicator.clone_from(&problem.indicator);
    p.field.clone_from(&problem.column);
    p
}

/// A reader's message about `table` in Bahasa Indonesia, as the Python package words it: the
/// table's name, then the message from the catalogue.
fn in_indonesian(table: TableKind, message: &str) -> String {
    let id = kinerja_core::lang::Lang::Id;
    format!("{}: {}", table.name_in(id), kinerja_core::error::translate(message, id))
}

/// The problem for a run that stopped.
pub fn run_problem(e: RunError) -> Problem {
    let input = ErrorFamily::Input;
    match e {
        RunError::Read { table, error } => match error {
            ReadError::Format { reason, .. } | ReadError::Io { reason, .. } => {
                let mut p = Problem::new(
                    Kind::UnreadableFile,
                    format!("the {} table cannot be read: {reason}", table.name()),
                );
                p.table = Some(table.name().to_string());
                p
            }
            ReadError::TooLarge(m) => Problem::new(Kind::TooLarge, m),
            ReadError::Column { column, reason, .. } => {
                let detail = format!("{} column `{column}`: {reason}", table.name());
                let mut p = refused(input, table, detail);
                p.detail_id = in_indonesian(table, &format!("{} column `{column}`: {reason}", table.name()));
                p.or_field(column)
            }
            ReadError::Problem(p) => located(&p, input),
            other => {
                let mut p = refused(input, table, format!("{} table: {other}", table.name()));
                p.detail_id = in_indonesian(table, &other.to_string());
                p
            }
        },
        RunError::Score(s) => located(&s.problem, s.family),
        other => Problem::new(Kind::Core(other.family()), other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_errors_are_400_or_located_422() {
        let bad = RunError::Read {
            table: TableKind::Indicators,
            error: ReadError::Format { path: "<bytes>".into(), reason: "no header line".into() },
        };
        let p = run_problem(bad);
        assert_eq!((p.status, p.kind.as_str()), (400, "urn:kinerja:problem:unreadable-file"));
        assert!(!p.detail.contains("<bytes>"), "{}", p.detail);
        let cell = kinerja_table::problem::Problem::new(TableKind::Indicators, "ambiguous")
            .at_row(1)
            .at_cell("target", "1.200")
            .for_employee("e1");
        let p = run_problem(RunError::Read {
            table: TableKind::Indicators,
            error: ReadError::Problem(Box::new(cell)),
        });
        assert_eq!((p.status, p.row, p.field.as_deref()), (422, Some(1), Some("target")));
        assert_eq!((p.employee.as_deref(), p.table.as_deref()), (Some("e1"), Some("indicators")));
        assert_eq!(p.family.as_deref(), Some("input"));
    }

    /// A header problem reads in Indonesian as the Python package words it (it once kept its
    /// English behind an untranslated frame).
    #[test]
    fn header_problems_are_worded_in_indonesian() {
        let headers = ["NIP", "Target", "Realisasi", "Bobt"];
        let m = kinerja_table::columns::resolve(&headers, &[], TableKind::Indicators).unwrap_err();
        let p = run_problem(RunError::Read { table: TableKind::Indicators, error: ReadError::Columns(m) });
        assert!(
            p.detail.starts_with("indicators table: the indicators table has a column `Bobt`"),
            "{}",
            p.detail
        );
        assert!(
            p.detail_id
                .starts_with("tabel indikator: tabel `indicators` memiliki kolom `Bobt`: apakah maksudnya"),
            "{}",
            p.detail_id
        );
        assert!(p.detail_id.contains("petakan dengan `columns={\"Bobt\": \"...\"}`"), "{}", p.detail_id);
    }
}
