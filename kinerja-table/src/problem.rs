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
        let mut s = self.table.name_in(lang).to_string();
        if let Some(row) = self.row {
            s.push_str(&format!(" baris {row}"));
        }
        if let Some(column) = &self.column {
            s.push_str(&format!(", kolom `{column}`"));
        }
        if let Some(value) = &self.value {
            s.push_str(&format!(", isi {value:?}"));
        }
        if let Some(employee) = &self.employee {
            s.push_str(&format!(", pegawai {employee}"));
        }
        if let Some(indicator) = &self.indicator {
            s.push_str(&format!(", indikator {indicator}"));
        }
        let message = match &self.error {
            Some(e) => e.message(lang),
            None => kinerja_core::error::translate(&self.message, lang),
        };
        format!("{s}: {message}")
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.table.name())?;
        if let Some(row) = self.row {
            write!(f, " row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column `{column}`")?;
        }
        if let Some(value) = &self.value {
            write!(f, ", value {value:?}")?;
        }
        if let Some(employee) = &self.employee {
            write!(f, ", employee {employee}")?;
        }
        if let Some(indicator) = &self.indicator {
            write!(f, ", indicator {indicator}")?;
        }
        write!(f, ": {}", self.message)
    }
}
