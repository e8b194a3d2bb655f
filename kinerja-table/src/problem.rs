//! Located problems: what went wrong, where, and how to fix it.

use crate::schema::TableKind;

/// One problem with the input, located as precisely as it can be.
///
/// In `raise` mode the first problem is returned as an error; in `collect` mode every
/// row-level problem becomes one row of the problem table and the other employees are scored.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// The table the problem is in.
    pub table: TableKind,
    /// Row number in the source (1-based data row, header excluded), if any.
    pub row: Option<u64>,
    /// Employee id (NIP), if known.
    pub employee: Option<String>,
    /// Indicator id, if known.
    pub indicator: Option<String>,
    /// Column, by its canonical name (or the header as written when it has none).
    pub column: Option<String>,
    /// The offending cell text, if any.
    pub value: Option<String>,
    /// What is wrong and how to fix it, in one sentence.
    pub message: String,
    /// The engine error behind the message, when there is one (its own wording in each
    /// language is used by [`Problem::text`]).
    pub error: Option<Box<kinerja_core::Error>>,
}

impl Problem {
    /// A problem in `table` with a message and no location yet.
    pub fn new(table: TableKind, message: impl Into<String>) -> Self {
        Problem {
            table,
            row: None,
            employee: None,
            indicator: None,
            column: None,
            value: None,
            message: message.into(),
            error: None,
        }
    }

    /// A problem in `table` reporting the engine error `e` (its message, and `e` itself).
    pub fn from_error(table: TableKind, e: &kinerja_core::Error) -> Self {
        Problem { error: Some(Box::new(e.clone())), ..Problem::new(table, e.to_string()) }
    }

    /// A problem in `table` reporting the engine error `e` about `employee`, at source row
    /// `row` when known: the error's own place then names the row too (so its message does, in
    /// each language), and the problem names the error's indicator and its field as column.
    pub fn from_error_at(
        table: TableKind,
        e: &kinerja_core::Error,
        row: Option<u64>,
        employee: &str,
    ) -> Self {
        let shown = match row {
            Some(r) => e.clone().at_row(r),
            None => e.clone(),
        };
        let mut p = Problem::from_error(table, &shown).for_employee(employee);
        p.row = row;
        p.indicator = e.location().and_then(|at| at.indicator.clone());
        p.column = e.field().map(str::to_string);
        p
    }

    /// Sets the source row.
    pub fn at_row(mut self, row: u64) -> Self {
        self.row = Some(row);
        self
    }

    /// Sets the column and the offending cell text.
    pub fn at_cell(mut self, column: impl Into<String>, value: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self.value = Some(value.into());
        self
    }

    /// Sets the employee.
    pub fn for_employee(mut self, employee: impl Into<String>) -> Self {
        self.employee = Some(employee.into());
        self
    }

    /// Sets the indicator.
    pub fn for_indicator(mut self, indicator: impl Into<String>) -> Self {
        self.indicator = Some(indicator.into());
        self
    }
}

impl Problem {
    /// The whole problem in `lang`: English is the `Display`; Indonesian names the table, row,
    /// column and ids in Indonesian and words the message from kinerja's message catalogue.
    pub fn text(&self, lang: kinerja_core::lang::Lang) -> String {
        use kinerja_core::lang::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        let message = match &self.error {
            Some(e) => e.message(lang),
            None => kinerja_core::error::translate(&self.message, lang),
        };
        if self.placed_by_error() {
            return format!("{} {message}", self.table.name_in(lang));
        }
        let words = ["baris", "kolom", "isi", "pegawai", "indikator"];
        format!("{}: {message}", self.place(self.table.name_in(lang), words))
    }

    /// Whether the message starts with the engine error's own place (its row, employee,
    /// indicator), which then stands for the problem's after the table's name, instead of a
    /// second place before it.
    fn placed_by_error(&self) -> bool {
        self.error.as_ref().and_then(|e| e.location()).is_some_and(|l| l.row.is_some())
    }

    /// The table and the named parts, each behind its label in `words` (row, column, value,
    /// employee, indicator); an employee or indicator the engine error's own place names is
    /// left to the error's message, so that it is named once.
    fn place(&self, table: &str, [row, column, value, employee, indicator]: [&str; 5]) -> String {
        let at = self.error.as_ref().and_then(|e| e.location());
        let named = |id: &String, of: fn(&kinerja_core::error::Location) -> &Option<String>| {
            at.is_some_and(|l| of(l).as_ref() == Some(id))
        };
        let mut s = table.to_string();
        if let Some(r) = self.row {
            s.push_str(&format!(" {row} {r}"));
        }
        if let Some(c) = &self.column {
            s.push_str(&format!(", {column} `{c}`"));
        }
        if let Some(v) = &self.value {
            s.push_str(&format!(", {value} {v:?}"));
        }
        if let Some(e) = self.employee.as_ref().filter(|e| !named(e, |l| &l.employee)) {
            s.push_str(&format!(", {employee} {e}"));
        }
        if let Some(i) = self.indicator.as_ref().filter(|i| !named(i, |l| &l.indicator)) {
            s.push_str(&format!(", {indicator} {i}"));
        }
        s
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.placed_by_error() {
            return write!(f, "{} {}", self.table.name(), self.message);
        }
        let words = ["row", "column", "value", "employee", "indicator"];
        write!(f, "{}: {}", self.place(self.table.name(), words), self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kinerja_core::lang::Lang;

    #[test]
    fn every_part_is_named_in_each_language() {
        let p = Problem::new(TableKind::Indicators, "not a number")
            .at_row(3)
            .at_cell("target", "1.200")
            .for_employee("e1")
            .for_indicator("i1");
        assert_eq!(
            p.to_string(),
            "indicators row 3, column `target`, value \"1.200\", employee e1, indicator i1: not a number"
        );
        let id = p.text(Lang::Id);
        assert!(
            id.starts_with(
                "tabel indikator baris 3, kolom `target`, isi \"1.200\", pegawai e1, indikator i1: "
            ),
            "{id}"
        );
        assert_eq!(Problem::new(TableKind::Units, "x").to_string(), "units: x");
    }

    /// An engine error that names its own row is shown once, after the table's name, in
    /// each language (not behind a second place of the same row).
    #[test]
    fn an_engine_error_with_its_row_is_placed_once() {
        let e = kinerja_core::Error::Input {
            at: kinerja_core::error::Location::row(2).with_employee("b"),
            field: "target".into(),
            reason: "target is negative".into(),
        };
        let p = Problem::from_error(TableKind::Indicators, &e).at_row(2).at_cell("target", "-1");
        assert_eq!(p.to_string(), "indicators row 2, employee `b`: target: target is negative");
        assert!(
            p.text(Lang::Id).starts_with("tabel indikator baris 2, pegawai `b`: "),
            "{}",
            p.text(Lang::Id)
        );
        let unplaced = Problem::from_error(
            TableKind::Indicators,
            &kinerja_core::Error::Input {
                at: kinerja_core::error::Location::employee("b"),
                field: "target".into(),
                reason: "x".into(),
            },
        );
        assert!(unplaced.at_row(3).to_string().starts_with("indicators row 3"));
    }

    /// An engine error that names the employee (and indicator) but no row is not placed
    /// behind a second naming of them: each is named once, in each language.
    #[test]
    fn an_engine_errors_employee_is_named_once() {
        let at = kinerja_core::error::Location::employee("1987").with_indicator("i2");
        let e = kinerja_core::Error::Input { at, field: "target".into(), reason: "x".into() };
        let p = Problem::from_error(TableKind::Indicators, &e).for_employee("1987").for_indicator("i2");
        assert_eq!(p.to_string(), "indicators: employee `1987`, indicator `i2`: target: x");
        let id = p.text(Lang::Id);
        assert_eq!(id.matches("1987").count(), 1, "{id}");
        assert_eq!(id.matches("i2").count(), 1, "{id}");
        // another employee than the error's is still named
        let other = Problem::from_error(TableKind::Indicators, &e).for_employee("2000");
        assert!(other.to_string().starts_with("indicators, employee 2000: employee `1987`"), "{other}");
    }
}
