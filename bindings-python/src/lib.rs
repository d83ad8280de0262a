//! The `journeymap` Python module, built with maturin as
//! `journeymap._native` and re-exported by the `journeymap` package
//! (`python/journeymap/__init__.py`, typed in `__init__.pyi`).
//!
//! Layout: [`map`] holds the `JourneyMap` class, [`functions`] the
//! module-level functions, [`convert`] the Python <-> JSON conversions and
//! [`errors`] the mapping of core errors to the `JourneyMapError` family.
//! Further capabilities (lint, diff, render, analytics) go in modules of
//! their own, exported from [`_native`] below.

use pyo3::prelude::*;

mod analytics;
mod convert;
mod diff;
mod errors;
mod functions;
mod lint;
mod map;
mod partial;
mod records;
mod render;

/// Customer journey maps: the native part of the `journeymap` package.
#[pymodule]
mod _native {
    use super::*;

    #[pymodule_export]
    use super::map::PyJourneyMap;

    #[pymodule_export]
    use super::functions::{schema, validate};

    #[pymodule_export]
    use super::lint::{explain_rule, lint_rules};

    #[pymodule_export]
    use super::diff::diff;

    #[pymodule_export]
    use super::analytics::{
        _analyze_arrow, _analyze_file, _generate, _parse_duration, _report_text,
    };

    #[pymodule_export]
    use super::records::_analyze_records;

    #[pymodule_export]
    use super::partial::{_finish, PyPartial};

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
