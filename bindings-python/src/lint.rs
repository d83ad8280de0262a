//! Lint: `JourneyMap.lint`, `journeymap.lint_rules()` and
//! `journeymap.explain_rule(code)`.

use std::collections::BTreeMap;

use journeymap::lint::{rule, LintConfig, RULES};
use journeymap::Error;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::{Map, Value};

use crate::convert::to_py;
use crate::errors::{to_pyerr, Origin, Source};
use crate::map::{type_name, PyJourneyMap};

/// `today` as `YYYY-MM-DD` text: a `datetime.date` (or anything with
/// `isoformat()`, whose date part is used) or a string.
fn today_text(today: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = today.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let datetime = today.py().import("datetime")?;
    if today.is_instance(&datetime.getattr("datetime")?)? {
        let date = today.call_method0("date")?;
        return date.call_method0("isoformat")?.extract();
    }
    if today.is_instance(&datetime.getattr("date")?)? {
        return today.call_method0("isoformat")?.extract();
    }
    Err(PyTypeError::new_err(format!(
        "today must be a datetime.date or a 'YYYY-MM-DD' string, not {}",
        type_name(today)
    )))
}

/// Builds the lint configuration from the keyword arguments of `lint`.
fn config(
    py: Python<'_>,
    today: Option<&Bound<'_, PyAny>>,
    disable: Option<&Bound<'_, PyAny>>,
    severity: Option<&Bound<'_, PyAny>>,
    max_review_age_days: Option<&Bound<'_, PyAny>>,
) -> PyResult<LintConfig> {
    let mut obj = Map::new();
    if let Some(today) = today.filter(|t| !t.is_none()) {
        obj.insert("today".into(), Value::String(today_text(today)?));
    }
    if let Some(disable) = disable.filter(|d| !d.is_none()) {
        if disable.cast::<PyString>().is_ok() {
            return Err(PyTypeError::new_err(
                "disable must be a sequence of rule codes or names, not a str",
            ));
        }
        let mut rules = Vec::new();
        for item in disable.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "disable must be a sequence of rule codes or names, not {}",
                type_name(disable)
            ))
        })? {
            let item = item?;
            let s = item.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "disable must hold rule codes or names (str), not {}",
                    type_name(&item)
                ))
            })?;
            rules.push(Value::String(s.to_cow()?.into_owned()));
        }
        obj.insert("disable".into(), Value::Array(rules));
    }
    if let Some(severity) = severity.filter(|s| !s.is_none()) {
        let d = severity.cast::<PyDict>().map_err(|_| {
            PyTypeError::new_err(format!(
                "severity must be a dict of rule code or name to 'info', 'warning' or 'error', not {}",
                type_name(severity)
            ))
        })?;
        let mut out = BTreeMap::new();
        for (k, v) in d.iter() {
            let (Ok(k), Ok(v)) = (k.extract::<String>(), v.extract::<String>()) else {
                return Err(PyTypeError::new_err(
                    "severity must map rule codes or names (str) to severities (str)",
                ));
            };
            out.insert(k, Value::String(v));
        }
        obj.insert("severity".into(), Value::Object(out.into_iter().collect()));
    }
    if let Some(days) = max_review_age_days.filter(|d| !d.is_none()) {
        if days.is_instance_of::<pyo3::types::PyBool>() {
            return Err(PyTypeError::new_err(
                "max_review_age_days must be an int, not bool",
            ));
        }
        let days: i128 = days.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "max_review_age_days must be an int, not {}",
                type_name(days)
            ))
        })?;
        let days = u32::try_from(days).map_err(|_| {
            to_pyerr(
                py,
                &Error::InvalidValue {
                    id: None,
                    path: "/max_review_age_days".into(),
                    message: format!(
                        "max_review_age_days must be between 0 and {}, not {days}",
                        u32::MAX
                    ),
                },
                Origin::OBJECT,
            )
        })?;
        obj.insert("max_review_age_days".into(), Value::from(days));
    }
    let text = Value::Object(obj).to_string();
    let origin = Origin {
        prefix: "",
        source: Source::Object,
    };
    let config: LintConfig = journeymap::parse_part(&text).map_err(|e| to_pyerr(py, &e, origin))?;
    config.check().map_err(|e| to_pyerr(py, &e, origin))?;
    Ok(config)
}

#[pymethods]
impl PyJourneyMap {
    /// The lint diagnostics (dicts with ``code``, ``rule`` (its name),
    /// ``severity``, ``message``, ``location``, ``hint``), by rule code then
    /// document order.
    ///
    /// ``today`` (a ``datetime.date`` or ``"YYYY-MM-DD"``) enables the
    /// review-age rules; ``disable`` turns rules off and ``severity``
    /// overrides their severities (rules by code ``JM-L003`` or name
    /// ``dead-end``); ``max_review_age_days`` overrides the map's review
    /// age. An unknown rule or severity raises InvalidMapError
    /// (``INVALID_VALUE``).
    ///
    /// >>> shop = JourneyMap.from_dict({
    /// ...     "name": "Shop",
    /// ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    /// ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    /// ...     "touchpoints": [
    /// ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    /// ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    /// ...     "transitions": [{"from": "home", "to": "pay"}]})
    /// >>> sorted({d["code"] for d in shop.lint()})[:3]
    /// ['JM-L007', 'JM-L009', 'JM-L010']
    /// >>> d = shop.lint()[0]
    /// >>> d["rule"], d["severity"], d["location"]
    /// ('touchpoint-without-owner', 'warning', {'kind': 'touchpoint', 'id': 'home', 'path': '/touchpoints/0'})
    /// >>> any(d["code"] == "JM-L007" for d in shop.lint(disable=["touchpoint-without-owner"]))
    /// False
    #[pyo3(signature = (today=None, disable=None, severity=None, max_review_age_days=None))]
    fn lint<'py>(
        &self,
        py: Python<'py>,
        today: Option<&Bound<'py, PyAny>>,
        disable: Option<&Bound<'py, PyAny>>,
        severity: Option<&Bound<'py, PyAny>>,
        max_review_age_days: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let config = config(py, today, disable, severity, max_review_age_days)?;
        let diagnostics = py.detach(|| self.map.lint(&config));
        to_py(py, &diagnostics)
    }
}

/// The lint rule catalogue, one dict per rule, in code order.
///
/// >>> rules = lint_rules()
/// >>> rules[3]["code"], rules[3]["name"], rules[3]["default_severity"]
/// ('JM-L003', 'dead-end', 'warning')
#[pyfunction]
pub fn lint_rules(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let list = PyList::empty(py);
    for r in RULES {
        list.append(to_py(py, r)?)?;
    }
    Ok(list)
}

/// The documentation of a lint rule (code or name, any case);
/// InvalidMapError (``INVALID_VALUE``) for an unknown rule.
///
/// >>> print(explain_rule("JM-L003")[:74])
/// JM-L003 dead-end (warning)
/// Step from which no path leads to a conversion.
#[pyfunction]
pub fn explain_rule(py: Python<'_>, code: &str) -> PyResult<String> {
    rule(code).map(|r| r.explain()).ok_or_else(|| {
        to_pyerr(
            py,
            &Error::InvalidValue {
                id: Some(code.to_owned()),
                path: String::new(),
                message: format!("unknown lint rule {code:?}; lint_rules() lists the rules"),
            },
            Origin::OBJECT,
        )
    })
}
