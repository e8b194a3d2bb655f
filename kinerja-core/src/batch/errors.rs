//! Errors of rows and employees, built only when reported (the hot path keeps them as
//! allocation-free faults).

use super::*;

pub(super) fn row_location(ind: &IndicatorColumns, row: usize, labels: &dyn Labels) -> Location {
    let mut at = Location::row(row as u64);
    if let Some(e) = ind.employee.get(row) {
        if let Some(id) = labels.employee(*e as usize) {
            at = at.with_employee(id);
        }
    }
    if let Some(id) = labels.indicator(row) {
        at = at.with_indicator(id);
    }
    at
}

pub(super) fn row_error(ind: &IndicatorColumns, row: usize, f: RowFault, labels: &dyn Labels) -> BatchError {
    let at = row_location(ind, row, labels);
    let input = |field: &str, reason: &str| Error::Input {
        at: at.clone(),
        field: field.into(),
        reason: reason.into(),
    };
    let error = match f {
        RowFault::Kernel(k) => k.into_error(&at),
        RowFault::EmployeeIndex => input("employee", "the row names no employee of the employee table"),
        RowFault::MissingTarget => Error::Missing {
            at: at.clone(),
            field: "target".into(),
            reason: "a point target or both range bounds (target_low, target_high) are required".into(),
        },
        RowFault::BothTargets => input("target", "both a point target and a range bound are given"),
        RowFault::MissingActual => Error::Missing {
            at: at.clone(),
            field: "actual".into(),
            reason: "no realisation for the period (policy rating.missing_realisation = error)".into(),
        },
        RowFault::OutOfRange(field) => input(field, "value is outside the range of a 96-bit decimal"),
        RowFault::BadPolarity => input("polarity", "polarity code must be 0 (higher) or 1 (lower)"),
        RowFault::NegativeWeight => {
            Error::Indicator { at: at.clone(), field: "weight".into(), reason: "weight is negative".into() }
        }
    };
    let employee = ind.employee.get(row).map(|e| u64::from(*e));
    BatchError { table: Table::Indicators, row: row as u64, employee, error }
}

pub(super) fn emp_error(ind: &IndicatorColumns, e: usize, f: EmpFault, labels: &dyn Labels) -> BatchError {
    let mut at = Location::row(e as u64);
    if let Some(id) = labels.employee(e) {
        at = at.with_employee(id);
    }
    let ind_err = |at: Location, field: &str, reason: &str| Error::Indicator {
        at,
        field: field.into(),
        reason: reason.into(),
    };
    let missing = |field: &str, reason: &str| Error::Missing {
        at: at.clone(),
        field: field.into(),
        reason: reason.into(),
    };
    let error = match f {
        EmpFault::WeightsPartial(row) => {
            let mut at2 = at.clone();
            if let Some(id) = labels.indicator(row) {
                at2 = at2.with_indicator(id);
            }
            ind_err(at2, "weight", "weights must be given for all counted indicators or for none")
        }
        EmpFault::WeightsSum => {
            ind_err(at.clone(), "weight", "weights do not add up to the policy's rating.weights_must_sum_to")
        }
        EmpFault::WeightsZero => ind_err(at.clone(), "weight", "weights add up to zero"),
        EmpFault::Arithmetic => {
            Error::Arithmetic { at: at.clone(), operation: "weighted achievement".into() }
        }
        EmpFault::MissingWork => missing(
            "work_result",
            "the appraiser's work-result rating is required (the policy has no advisory bands to fall back on)",
        ),
        EmpFault::MissingBehaviour => {
            missing("behaviour", "the appraiser's overall behaviour rating is required")
        }
        EmpFault::MissingOrgPredicate => missing(
            "org_predicate",
            "a JPT unit head's work result follows the organisational predicate, which is not given",
        ),
        EmpFault::BadCode(field) => {
            Error::Input { at: at.clone(), field: field.into(), reason: "not a valid rating code".into() }
        }
        EmpFault::UnitIndex => Error::Input {
            at: at.clone(),
            field: "unit".into(),
            reason: "names no unit of the unit table".into(),
        },
    };
    let _ = ind;
    BatchError { table: Table::Employees, row: e as u64, employee: Some(e as u64), error }
}

pub(super) fn indicator_error_for_employee(e: usize, labels: &dyn Labels) -> BatchError {
    let mut at = Location::row(e as u64);
    if let Some(id) = labels.employee(e) {
        at = at.with_employee(id);
    }
    BatchError {
        table: Table::Employees,
        row: e as u64,
        employee: Some(e as u64),
        error: Error::Indicator {
            at,
            field: "indicators".into(),
            reason: "an indicator row of this employee has an error (see the indicator rows), so no score is given".into(),
        },
    }
}
