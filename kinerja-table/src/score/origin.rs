//! Where the rows of the canonical tables came from: the source row of each row (a file's
//! blank rows are skipped, so row `i` of the table may be a later row of the file), the rows
//! a reader already found a problem in, and those problems.
//!
//! [`super::score_read`] takes them so that every problem names the row as the user sees it
//! in the file, and an employee with a bad cell is an error, never scored without the cell.

use crate::problem::Problem;
use crate::schema::TableKind;

/// The origin of one table's rows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Origin<'a> {
    /// The 1-based source row of each row; `None`: row `i` is source row `i + 1`.
    pub source_rows: Option<&'a [u64]>,
    /// False for a row a reader found a problem in; `None`: every row is valid.
    pub row_valid: Option<&'a [bool]>,
}

impl Origin<'_> {
    /// The source row of 1-based table row `row`.
    pub(crate) fn source_row(&self, row: u64) -> u64 {
        match self.source_rows {
            Some(s) => usize::try_from(row)
                .ok()
                .and_then(|r| r.checked_sub(1))
                .and_then(|r| s.get(r))
                .copied()
                .unwrap_or(row),
            None => row,
        }
    }

    /// Whether row numbers need mapping at all.
    pub(crate) fn is_identity(&self) -> bool {
        match self.source_rows {
            None => true,
            Some(s) => s.iter().enumerate().all(|(i, r)| *r == i as u64 + 1),
        }
    }

    /// Whether 0-based row `i` is invalid.
    pub(crate) fn invalid(&self, i: usize) -> bool {
        self.row_valid.is_some_and(|v| !v.get(i).copied().unwrap_or(true))
    }
}

/// The origin of the three tables and the problems found while reading them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Origins<'a> {
    /// The indicator table.
    pub indicators: Origin<'a>,
    /// The employee table.
    pub employees: Origin<'a>,
    /// The unit table.
    pub units: Origin<'a>,
    /// Problems found while reading (rows already source rows), listed first.
    pub problems: &'a [Problem],
}

impl<'a> Origins<'a> {
    /// The origin of `table`.
    pub(crate) fn of(&self, table: TableKind) -> &Origin<'a> {
        match table {
            TableKind::Indicators => &self.indicators,
            TableKind::Employees => &self.employees,
            TableKind::Units => &self.units,
        }
    }
}

/// Problems made to name source rows: their row, and the row numbers in their message.
/// Whether a table's rows need mapping is found once per table, not once per problem (a
/// file with a bad cell in each of its 100 000 rows took 100 s).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Renumbering<'a> {
    origins: Origins<'a>,
    identity: [Option<bool>; 3],
}

impl<'a> Renumbering<'a> {
    pub(crate) fn new(origins: Origins<'a>) -> Self {
        Renumbering { origins, identity: [None; 3] }
    }

    /// Whether `table`'s rows are their source rows.
    fn identity(&mut self, table: TableKind) -> bool {
        let origin = self.origins.of(table);
        *self.identity[table.index()].get_or_insert_with(|| origin.is_identity())
    }

    /// The source row of 1-based row `row` of `table`.
    pub(crate) fn row(&mut self, table: TableKind, row: u64) -> u64 {
        match self.identity(table) {
            true => row,
            false => self.origins.of(table).source_row(row),
        }
    }

    /// `problem` with its row, and the row numbers in its message, as source rows.
    pub(crate) fn problem(&mut self, problem: &mut Problem) {
        if self.identity(problem.table) {
            return;
        }
        let origin = *self.origins.of(problem.table);
        problem.row = problem.row.map(|r| origin.source_row(r));
        problem.message = renumber_text(&problem.message, |r| origin.source_row(r));
        // the engine error's own place too: its wording in another language names it
        if let Some(e) = problem.error.as_mut() {
            if let Some(r) = e.location().and_then(|at| at.row) {
                **e = e.as_ref().clone().at_row(origin.source_row(r));
            }
        }
    }
}

/// `text` with the numbers after the words `row` and `rows` (and after `and` or `,` in a list
/// of rows) mapped by `map`; every other character unchanged.
pub(crate) fn renumber_text(text: &str, map: impl Fn(u64) -> u64) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    // inside a list after `row` / `rows`: the next number is a row
    let mut expect_row = false;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let (num, tail) = rest.split_at(digits);
            match (expect_row, num.parse::<u64>()) {
                (true, Ok(n)) => out.push_str(&map(n).to_string()),
                _ => out.push_str(num),
            }
            rest = tail;
            // a list goes on with ` and ` or `, ` followed by a number
            expect_row = expect_row && (continues(rest, " and ") || continues(rest, ", "));
            continue;
        }
        let word = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        if word > 0 {
            let (w, tail) = rest.split_at(word);
            let starts_word = !out.chars().next_back().is_some_and(char::is_alphanumeric);
            if starts_word && (w == "row" || w == "rows") && tail.starts_with(' ') {
                expect_row = true;
            } else if w != "and" {
                expect_row = false;
            }
            out.push_str(w);
            rest = tail;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        if !(c == ' ' || c == ',') {
            expect_row = false;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn continues(rest: &str, sep: &str) -> bool {
    rest.strip_prefix(sep).is_some_and(|r| r.bytes().next().is_some_and(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renumbers_rows_and_lists_only() {
        let map = |r: u64| r + 10;
        assert_eq!(renumber_text("row 3: target 100", map), "row 13: target 100");
        assert_eq!(
            renumber_text("duplicate row: x (rows 2 and 5); keep one", map),
            "duplicate row: x (rows 12 and 15); keep one"
        );
        assert_eq!(
            renumber_text("`a` is 1 on row 4 but 2 on row 7", map),
            "`a` is 1 on row 14 but 2 on row 17"
        );
        assert_eq!(renumber_text("rows 1, 2 and 3 of 2024", map), "rows 11, 12 and 13 of 2024");
        assert_eq!(renumber_text("arrow 5 and row x 6", map), "arrow 5 and row x 6");
        assert_eq!(renumber_text("target 1200 in 2024-Q1", map), "target 1200 in 2024-Q1");
    }

    /// Each problem is renumbered through its own table's source rows; a table whose rows
    /// are its source rows, or that has none, is left as it is.
    #[test]
    fn problems_are_renumbered_through_their_own_table() {
        let (skipped, same) = ([1, 3, 4], [1, 2, 3]);
        let origins = Origins {
            indicators: Origin { source_rows: Some(&skipped), row_valid: None },
            employees: Origin { source_rows: Some(&same), row_valid: None },
            units: Origin { source_rows: None, row_valid: None },
            problems: &[],
        };
        let at = |table, row| {
            let mut p = Problem::new(table, format!("row {row}: bad"));
            p.row = Some(row);
            p
        };
        let mut problems = [
            at(TableKind::Indicators, 2),
            at(TableKind::Employees, 2),
            at(TableKind::Units, 2),
            at(TableKind::Indicators, 3),
        ];
        let mut renumbering = Renumbering::new(origins);
        problems.iter_mut().for_each(|p| renumbering.problem(p));
        let got: Vec<(Option<u64>, &str)> = problems.iter().map(|p| (p.row, p.message.as_str())).collect();
        assert_eq!(
            got,
            [
                (Some(3), "row 3: bad"),
                (Some(2), "row 2: bad"),
                (Some(2), "row 2: bad"),
                (Some(4), "row 4: bad")
            ]
        );
    }

    /// An engine error's row is renumbered with the problem's, so its wording in Bahasa
    /// Indonesia names the row the English names (JSON rows from 0: "row 0", "baris 0"; the
    /// Indonesian said "baris 1").
    #[test]
    fn an_engine_errors_row_is_renumbered_with_its_problem() {
        use kinerja_core::error::{Error, Location};
        let from_zero = [0, 1, 2];
        let origins = Origins {
            indicators: Origin { source_rows: None, row_valid: None },
            employees: Origin { source_rows: Some(&from_zero), row_valid: None },
            units: Origin { source_rows: None, row_valid: None },
            problems: &[],
        };
        let e = Error::Input { at: Location::row(1), field: "unit".into(), reason: "is empty".into() };
        let mut p = Problem::from_error(TableKind::Employees, &e).at_row(1);
        Renumbering::new(origins).problem(&mut p);
        assert_eq!(p.row, Some(0));
        assert!(p.to_string().contains("row 0"), "{p}");
        let id = p.text(kinerja_core::lang::Lang::Id);
        assert!(id.contains("baris 0") && !id.contains("baris 1"), "{id}");
    }

    #[test]
    fn identity_origin_changes_nothing() {
        let rows = [1, 2, 3];
        let o = Origin { source_rows: Some(&rows), row_valid: None };
        assert!(o.is_identity());
        let skipped = [1, 3, 4];
        let o = Origin { source_rows: Some(&skipped), row_valid: None };
        assert!(!o.is_identity());
        assert_eq!(o.source_row(2), 3);
        assert_eq!(o.source_row(9), 9);
    }
}
