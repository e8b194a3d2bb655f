//! The domain enums as Python classes. Each has `.value` (the English snake-case value),
//! `.label("id" | "en")`, compares in merit order (worst to best where ordered), hashes,
//! pickles, and is constructed from its value or a label: `Predicate("very_good")`,
//! `Predicate("Sangat Baik")`.

use kinerja_core::explain::Labelled;
use kinerja_core::model as core;
use kinerja_core::rules::RegimeId;
use pyo3::prelude::*;
use pyo3::types::PyType;

use kinerja_core::explain::Lang;
use pyo3::sync::PyOnceLock;

use crate::convert::{CoreEnum, to_enum, to_lang};
use crate::errors::PyResultExt;

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
            fn from_py_object(obj: &Bound<'_, PyAny>) -> Option<Self> {
                obj.cast::<$py>().ok().map(|p| p.get().core())
            }
        }

        impl $py {
            /// The core value.
            pub fn core(self) -> $core {
                match self { $( $py::$var => <$core>::$var ),+ }
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

/// A domain enum whose Python class is the `enum.StrEnum` of the same name in `kinerja.enums`
/// (iterable, indexable by name, `isinstance(x, enum.Enum)`). Python members are `str`s, read
/// by [`to_enum`] as their value; this Rust enum converts to the member.
macro_rules! str_enum {
    (
        $(#[$meta:meta])*
        $py:ident = $pyname:literal, $core:ty { $( $var:ident = $pyvar:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $py {
            $(
                #[allow(missing_docs)]
                $var
            ),+
        }

        // Every core variant has a Python member: the core enum may be `#[non_exhaustive]`,
        // so the match below needs a wildcard arm, which this count check makes unreachable.
        const _: () = assert!(
            <$core as Labelled>::ALL.len() == [$( $py::$var ),+].len(),
            concat!("a variant of ", stringify!($core), " has no member in kinerja.enums.", $pyname)
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
            fn from_py_object(_: &Bound<'_, PyAny>) -> Option<Self> {
                None
            }
        }

        impl $py {
            /// The core value.
            pub fn core(self) -> $core {
                match self { $( $py::$var => <$core>::$var ),+ }
            }
            /// The Python member name (e.g. `VERY_GOOD`).
            pub fn member_name(self) -> &'static str {
                match self { $( $py::$var => $pyvar ),+ }
            }
        }

        impl<'py> IntoPyObject<'py> for $py {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
                CLASS.import(py, "kinerja.enums", $pyname)?.getattr(self.member_name())
            }
        }
    };
}

str_enum! {
    /// A rating against expectation (di bawah / sesuai / di atas ekspektasi).
    PyRating = "Rating", core::Rating { Below = "BELOW", Meets = "MEETS", Above = "ABOVE" }
}
str_enum! {
    /// Predikat Kinerja Pegawai, ordered worst to best.
    PyPredicate = "Predicate", core::Predicate {
        VeryPoor = "VERY_POOR", PoorMisconduct = "POOR_MISCONDUCT", NeedsImprovement = "NEEDS_IMPROVEMENT",
        Good = "GOOD", VeryGood = "VERY_GOOD",
    }
}
str_enum! {
    /// Predikat Kinerja Organisasi, ordered worst to best.
    PyOrgPredicate = "OrgPredicate", core::OrgPredicate {
        VeryPoor = "VERY_POOR", Poor = "POOR", NeedsImprovement = "NEEDS_IMPROVEMENT", Good = "GOOD",
        Outstanding = "OUTSTANDING",
    }
}
str_enum! {
    /// Polarity of an indicator.
    PyPolarity = "Polarity", core::Polarity { HigherIsBetter = "HIGHER_IS_BETTER", LowerIsBetter = "LOWER_IS_BETTER" }
}
str_enum! {
    /// Aspect of an indicator.
    PyAspect = "Aspect", core::Aspect { Quantity = "QUANTITY", Quality = "QUALITY", Time = "TIME", Cost = "COST" }
}
str_enum! {
    /// Type of post (jenis jabatan).
    PyPostType = "PostType", core::PostType {
        Jpt = "JPT", Administrator = "ADMINISTRATOR", Supervisor = "SUPERVISOR", Executor = "EXECUTOR",
        Functional = "FUNCTIONAL",
    }
}
str_enum! {
    /// Grade (jenjang) of a functional post.
    PyFunctionalGrade = "FunctionalGrade", core::FunctionalGrade {
        Beginner = "BEGINNER", Skilled = "SKILLED", Proficient = "PROFICIENT", Supervisor = "SUPERVISOR",
        FirstExpert = "FIRST_EXPERT", JuniorExpert = "JUNIOR_EXPERT", MiddleExpert = "MIDDLE_EXPERT",
        SeniorExpert = "SENIOR_EXPERT",
    }
}
str_enum! {
    /// Kind of planned result (utama / tambahan).
    PyResultKind = "ResultKind", core::ResultKind { Primary = "PRIMARY", Additional = "ADDITIONAL" }
}
str_enum! {
    /// How a planned result supports its parent.
    PyCascadeType = "CascadeType", core::CascadeType { Direct = "DIRECT", Indirect = "INDIRECT" }
}
str_enum! {
    /// How realisations over several periods combine.
    PyAggregation = "Aggregation", core::Aggregation { Cumulative = "CUMULATIVE", Last = "LAST", Mean = "MEAN" }
}
str_enum! {
    /// The seven BerAKHLAK core values.
    PyCoreValue = "CoreValue", core::CoreValue {
        ServiceOriented = "SERVICE_ORIENTED", Accountable = "ACCOUNTABLE", Competent = "COMPETENT",
        Harmonious = "HARMONIOUS", Loyal = "LOYAL", Adaptive = "ADAPTIVE", Collaborative = "COLLABORATIVE",
    }
}
str_enum! {
    /// The legal regimes.
    PyRegime = "Regime", RegimeId {
        Pp46_2011 = "PP_46_2011", Permenpanrb8_2021 = "PERMENPANRB_8_2021", Permenpanrb6_2022 = "PERMENPANRB_6_2022",
    }
}

/// Runs `$body` with `$t` the core enum whose [`Labelled::kind`] is `$kind`.
macro_rules! with_kind {
    ($kind:expr, $t:ident => $body:expr) => {{
        let kind: &str = $kind;
        with_kind!(@arms kind, $t, $body; core::Rating, core::Predicate, core::OrgPredicate, core::Polarity,
            core::Aspect, core::PostType, core::FunctionalGrade, core::ResultKind, core::CascadeType,
            core::Aggregation, core::CoreValue, RegimeId)
    }};
    (@arms $kind:ident, $t:ident, $body:expr; $($ty:ty),+) => {{
        $( if $kind == <$ty as Labelled>::kind() { type $t = $ty; return $body; } )+
        Err(crate::errors::input_error("kind", format!("`{}` is not an enum of kinerja", $kind)))
    }};
}

/// Reads a member of the enum `kind` from a value, a name or a label; returns its value.
#[pyfunction]
fn _enum_parse(kind: &str, value: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    with_kind!(kind, T => Ok(to_enum::<T>(value, kind)?.value()))
}

/// The label of the member `value` of the enum `kind` in `lang`.
#[pyfunction]
#[pyo3(signature = (kind, value, lang = "id"))]
fn _enum_label(kind: &str, value: &str, lang: &str) -> PyResult<&'static str> {
    let lang = to_lang(lang)?;
    with_kind!(kind, T => Ok(value.parse::<T>().py()?.label(lang)))
}

/// One row per member of the enum `kind`: value, Indonesian label, English label, aliases.
#[pyfunction]
fn _enum_table(kind: &str) -> PyResult<EnumRows> {
    with_kind!(kind, T => Ok(rows::<T>()))
}

type EnumRows = Vec<(&'static str, &'static str, &'static str, Vec<&'static str>)>;

fn rows<E: Labelled>() -> EnumRows {
    E::ALL.iter().map(|v| (v.value(), v.label(Lang::Id), v.label(Lang::En), v.aliases().to_vec())).collect()
}

/// Registers the enum helpers (the classes themselves are in `kinerja.enums`).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_enum_parse, m)?)?;
    m.add_function(wrap_pyfunction!(_enum_label, m)?)?;
    m.add_function(wrap_pyfunction!(_enum_table, m)?)?;
    Ok(())
}
