//! The domain enums as Python classes. Each has `.value` (the English snake-case value),
//! `.label("id" | "en")`, compares in merit order (worst to best where ordered), hashes,
//! pickles, and is constructed from its value or a label: `Predicate("very_good")`,
//! `Predicate("Sangat Baik")`.

use kinerja_core::explain::Labelled;
use kinerja_core::model as core;
use kinerja_core::rules::RegimeId;
use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};

use crate::convert::{CoreEnum, to_enum, to_lang};

macro_rules! py_enum {
    (
        $(#[$meta:meta])*
        $py:ident = $pyname:literal, $core:ty { $( $var:ident = $pyvar:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[pyclass(module = "kinerja._kinerja", name = $pyname, eq, ord, hash, frozen)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $py {
            $(
                #[allow(missing_docs)]
                #[pyo3(name = $pyvar)]
                $var
            ),+
        }

        // Every core variant has a Python member: the core enum may be `#[non_exhaustive]`,
        // so the match below needs a wildcard arm, which this count check makes unreachable.
        const _: () = assert!(
            <$core as Labelled>::ALL.len() == [$( $py::$var ),+].len(),
            concat!("a variant of ", stringify!($core), " has no member in the Python enum ", $pyname)
        );

        impl CoreEnum for $core {
            type Py = $py;
            fn to_py(self) -> $py {
                #[allow(unreachable_patterns)]
                match self {
                    $( <$core>::$var => $py::$var, )+
                    _ => [$( $py::$var ),+][0],
                }
            }
            fn from_py(p: &$py) -> Self {
                match p { $( $py::$var => <$core>::$var ),+ }
            }
        }

        impl $py {
            /// The core value.
            pub fn core(self) -> $core {
                <$core as CoreEnum>::from_py(&self)
            }
        }

        #[pymethods]
        impl $py {
            #[new]
            fn py_new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
                Ok(to_enum::<$core>(value, <$core as Labelled>::kind())?.to_py())
            }
            /// The stable English snake-case value.
            #[getter]
            fn value(&self) -> &'static str {
                self.core().value()
            }
            /// The member name (e.g. `VERY_GOOD`).
            #[getter]
            fn name(&self) -> &'static str {
                match self { $( $py::$var => $pyvar ),+ }
            }
            /// The label in `lang` (`"id"` or `"en"`).
            #[pyo3(signature = (lang = "id"))]
            fn label(&self, lang: &str) -> PyResult<&'static str> {
                Ok(self.core().label(to_lang(lang)?))
            }
            /// All members, in order.
            #[classmethod]
            fn members(_cls: &Bound<'_, PyType>) -> Vec<$py> {
                <$core as Labelled>::ALL.iter().map(|v| v.to_py()).collect()
            }
            fn __str__(&self) -> &'static str {
                self.core().value()
            }
            fn __repr__(&self) -> String {
                format!("<{}.{}: '{}'>", $pyname, self.name(), self.core().value())
            }
            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
                Ok((py.get_type::<$py>(), PyTuple::new(py, [self.core().value()])?))
            }
        }
    };
}

pub(crate) use py_enum;

py_enum! {
    /// A rating against expectation (di bawah / sesuai / di atas ekspektasi).
    PyRating = "Rating", core::Rating { Below = "BELOW", Meets = "MEETS", Above = "ABOVE" }
}
py_enum! {
    /// Predikat Kinerja Pegawai, ordered worst to best.
    PyPredicate = "Predicate", core::Predicate {
        VeryPoor = "VERY_POOR", PoorMisconduct = "POOR_MISCONDUCT", NeedsImprovement = "NEEDS_IMPROVEMENT",
        Good = "GOOD", VeryGood = "VERY_GOOD",
    }
}
py_enum! {
    /// Predikat Kinerja Organisasi, ordered worst to best.
    PyOrgPredicate = "OrgPredicate", core::OrgPredicate {
        VeryPoor = "VERY_POOR", Poor = "POOR", NeedsImprovement = "NEEDS_IMPROVEMENT", Good = "GOOD",
        Outstanding = "OUTSTANDING",
    }
}
py_enum! {
    /// Polarity of an indicator.
    PyPolarity = "Polarity", core::Polarity { HigherIsBetter = "HIGHER_IS_BETTER", LowerIsBetter = "LOWER_IS_BETTER" }
}
py_enum! {
    /// Aspect of an indicator.
    PyAspect = "Aspect", core::Aspect { Quantity = "QUANTITY", Quality = "QUALITY", Time = "TIME", Cost = "COST" }
}
py_enum! {
    /// Type of post (jenis jabatan).
    PyPostType = "PostType", core::PostType {
        Jpt = "JPT", Administrator = "ADMINISTRATOR", Supervisor = "SUPERVISOR", Executor = "EXECUTOR",
        Functional = "FUNCTIONAL",
    }
}
py_enum! {
    /// Grade (jenjang) of a functional post.
    PyFunctionalGrade = "FunctionalGrade", core::FunctionalGrade {
        Beginner = "BEGINNER", Skilled = "SKILLED", Proficient = "PROFICIENT", Supervisor = "SUPERVISOR",
        FirstExpert = "FIRST_EXPERT", JuniorExpert = "JUNIOR_EXPERT", MiddleExpert = "MIDDLE_EXPERT",
        SeniorExpert = "SENIOR_EXPERT",
    }
}
py_enum! {
    /// Kind of planned result (utama / tambahan).
    PyResultKind = "ResultKind", core::ResultKind { Primary = "PRIMARY", Additional = "ADDITIONAL" }
}
py_enum! {
    /// How a planned result supports its parent.
    PyCascadeType = "CascadeType", core::CascadeType { Direct = "DIRECT", Indirect = "INDIRECT" }
}
py_enum! {
    /// How realisations over several periods combine.
    PyAggregation = "Aggregation", core::Aggregation { Cumulative = "CUMULATIVE", Last = "LAST", Mean = "MEAN" }
}
py_enum! {
    /// The seven BerAKHLAK core values.
    PyCoreValue = "CoreValue", core::CoreValue {
        ServiceOriented = "SERVICE_ORIENTED", Accountable = "ACCOUNTABLE", Competent = "COMPETENT",
        Harmonious = "HARMONIOUS", Loyal = "LOYAL", Adaptive = "ADAPTIVE", Collaborative = "COLLABORATIVE",
    }
}
py_enum! {
    /// The legal regimes.
    PyRegime = "Regime", RegimeId {
        Pp46_2011 = "PP_46_2011", Permenpanrb8_2021 = "PERMENPANRB_8_2021", Permenpanrb6_2022 = "PERMENPANRB_6_2022",
    }
}

/// The value of any kinerja enum object, if `obj` is one.
pub fn enum_value(obj: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    macro_rules! try_enum {
        ($($py:ty),+) => {
            $( if let Ok(p) = obj.cast::<$py>() { return Ok(Some(p.get().core().value())); } )+
        };
    }
    try_enum!(
        PyRating,
        PyPredicate,
        PyOrgPredicate,
        PyPolarity,
        PyAspect,
        PyPostType,
        PyFunctionalGrade,
        PyResultKind,
        PyCascadeType,
        PyAggregation,
        PyCoreValue,
        PyRegime
    );
    Ok(None)
}

/// Registers the enum classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRating>()?;
    m.add_class::<PyPredicate>()?;
    m.add_class::<PyOrgPredicate>()?;
    m.add_class::<PyPolarity>()?;
    m.add_class::<PyAspect>()?;
    m.add_class::<PyPostType>()?;
    m.add_class::<PyFunctionalGrade>()?;
    m.add_class::<PyResultKind>()?;
    m.add_class::<PyCascadeType>()?;
    m.add_class::<PyAggregation>()?;
    m.add_class::<PyCoreValue>()?;
    m.add_class::<PyRegime>()?;
    Ok(())
}
