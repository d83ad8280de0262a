//! Event-log analytics: an event log read against a map and analysed into a
//! journey report.
//!
//! Two inputs: a file (CSV, TSV or JSON Lines, streamed by core's readers)
//! and anything exporting an Arrow C stream (`__arrow_c_stream__`: pyarrow
//! tables and readers, polars and pandas DataFrames, DuckDB relations),
//! whose record batches are read here, column by column, into core's
//! [`Columns`]. The keyword options are turned into core's option types by
//! `journeymap/_analytics.py` and arrive as their JSON.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::types::{
    Date32Type, Date64Type, Float16Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type,
    Int8Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, ArrowPrimitiveType, RecordBatch, RecordBatchReader};
use arrow_schema::ffi::FFI_ArrowSchema;
use arrow_schema::{DataType, TimeUnit};
use journeymap::analytics::{
    parse_duration_option, Columns, CsvOptions, EventLog, GeneratedColumns, GeneratorOptions,
    InputFormat, ReportOptions, RowError, RowErrorKind, TextOptions, Timestamps,
};
use journeymap::render::svg::read_report;
use journeymap::{parse_part, Error, JourneyMap};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::errors::{to_pyerr, Origin};
use crate::map::PyJourneyMap;
use crate::partial::Outcome;

fn invalid(path: &str, message: String) -> Error {
    Error::InvalidValue {
        id: None,
        path: path.to_owned(),
        message,
    }
}

/// An error about a whole column of the input (row 0: no row of data).
fn column_error(kind: RowErrorKind, column: &str, message: String) -> Error {
    Error::EventRow(Box::new(RowError {
        kind,
        row: 0,
        line: None,
        column: Some(column.to_owned()),
        message,
    }))
}

/// The report options' own check, its errors located at the Python
/// keyword (`/half_life`) rather than the report's field
/// (`/options/half_life_ms`).
fn validate_options(options: &ReportOptions, map: &JourneyMap) -> Result<(), Error> {
    options.validate(map).map_err(|e| match e {
        Error::InvalidValue { id, path, message } => {
            let field = path.strip_prefix("/options/").unwrap_or(&path);
            let keyword = match field {
                "conversion_window_ms" => "conversion_window",
                "lookback_window_ms" => "lookback_window",
                "half_life_ms" => "half_life",
                other => other,
            };
            Error::InvalidValue {
                id,
                path: format!("/{keyword}"),
                message: format!("{keyword}: {message}"),
            }
        }
        other => other,
    })
}

/// The report options of their JSON, checked against `map`.
pub(crate) fn report_options(report: &str, map: &JourneyMap) -> Result<ReportOptions, Error> {
    let options: ReportOptions = parse_part(report)?;
    validate_options(&options, map)?;
    Ok(options)
}

/// The journey report (a dict) of an event log file. `format` is `csv`,
/// `tsv`, `jsonl` or `None` (the file name's: core's table of extensions),
/// `reader` the JSON of the reader's options (core's
/// [`InputFormat::reader_options`]), `report` that of the
/// [`ReportOptions`]. The file is streamed, never held whole.
#[pyfunction]
#[pyo3(signature = (map, path, format, reader, report, partial=false))]
pub fn _analyze_file<'py>(
    py: Python<'py>,
    map: PyRef<'py, PyJourneyMap>,
    path: PathBuf,
    format: Option<&str>,
    reader: &str,
    report: &str,
    partial: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let map = &map.map;
    let result = py.detach(|| -> Result<_, Error> {
        let options = report_options(report, map)?;
        let format = match format {
            Some(name) => name.parse::<InputFormat>()?,
            None => InputFormat::from_path(&path)?,
        };
        let reader = format.reader_options(reader)?;
        let file = File::open(&path).map_err(|e| Error::io(path.display().to_string(), &e))?;
        let log = reader.read(BufReader::with_capacity(1 << 16, file), map)?;
        Outcome::of(map, &log, &options, partial)
    });
    Outcome::into_py(result, py)
}

/// The text report (core's `Report::to_text`) of a report given as JSON
/// text, computed against `map`.
#[pyfunction]
pub fn _report_text(
    py: Python<'_>,
    map: PyRef<'_, PyJourneyMap>,
    report: &str,
    top: usize,
) -> PyResult<String> {
    let report = read_report(report).map_err(|e| to_pyerr(py, &e, Origin::OBJECT))?;
    Ok(report.to_text(&map.map, &TextOptions::new().top(top)))
}

/// Milliseconds of a duration written like the CLI's `--window` (`30d`,
/// `12h`, `90m`...); `InvalidMapError` (`INVALID_VALUE`, path `/<option>`)
/// otherwise.
#[pyfunction]
pub fn _parse_duration(py: Python<'_>, option: &str, text: &str) -> PyResult<u64> {
    parse_duration_option(option, text)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .map_err(|e| to_pyerr(py, &e, Origin::OBJECT))
}

/// The journey report (a dict) of events exporting an Arrow C stream
/// (`events.__arrow_c_stream__()`). `reader` is the JSON of a
/// [`CsvOptions`] (column names, timestamp format, bad-row policy; the
/// delimiter is not used), `report` that of the [`ReportOptions`].
#[pyfunction]
#[pyo3(signature = (map, events, reader, report, partial=false))]
pub fn _analyze_arrow<'py>(
    py: Python<'py>,
    map: PyRef<'py, PyJourneyMap>,
    events: &Bound<'py, PyAny>,
    reader: &str,
    report: &str,
    partial: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let map = &map.map;
    let err = |e: Error| to_pyerr(py, &e, Origin::OBJECT);
    let options = report_options(report, map).map_err(err)?;
    let reader_options: CsvOptions = parse_part(reader).map_err(err)?;
    let capsule = events.call_method0("__arrow_c_stream__")?;
    let capsule = capsule.cast::<PyCapsule>().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(
            "__arrow_c_stream__() did not return a PyCapsule (arrow_array_stream)",
        )
    })?;
    let pointer = capsule.pointer_checked(Some(c"arrow_array_stream"))?;
    let raw = pointer.as_ptr().cast::<FFI_ArrowArrayStream>();
    // A table's stream has a struct schema (`+s`), one field per column; a
    // pandas Series or a single array exports something else.
    // SAFETY: `raw` is the capsule's live `ArrowArrayStream`; asking for its
    // schema does not consume it (the C stream interface allows it any time),
    // and the schema is released when `schema` drops.
    let format = unsafe {
        let mut schema = FFI_ArrowSchema::empty();
        match (*raw).get_schema() {
            Some(get_schema) if get_schema(raw, &mut schema) == 0 => {
                Some(schema.format().to_owned())
            }
            _ => None,
        }
    };
    if format.as_deref().is_some_and(|f| f != "+s") {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "events must be a table (a pandas or polars DataFrame, a pyarrow Table or RecordBatchReader, a DuckDB relation): {} exports a single Arrow column, not a table of columns",
            crate::map::type_name(events)
        )));
    }
    // SAFETY: the capsule named `arrow_array_stream` holds an
    // `ArrowArrayStream` (Arrow PyCapsule interface). `from_raw` moves the
    // stream out and leaves a released one behind, which the capsule's
    // destructor then leaves alone.
    let stream = unsafe { RecordBatchStreamReader::from_raw(raw) }
        .map_err(|e| err(invalid("", format!("cannot read the Arrow stream: {e}"))))?;
    let names: Vec<String> = stream
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let batches = stream
        .collect::<Result<Vec<RecordBatch>, _>>()
        .map_err(|e| err(invalid("", format!("cannot read the Arrow stream: {e}"))))?;
    let result = py.detach(|| -> Result<_, Error> {
        let log = arrow_log(map, &names, &batches, &reader_options)?;
        Outcome::of(map, &log, &options, partial)
    });
    Outcome::into_py(result, py)
}

/// The chunks of one column over all batches.
fn chunks(batches: &[RecordBatch], index: usize) -> Vec<ArrayRef> {
    batches
        .iter()
        .map(|b| Arc::clone(b.column(index)))
        .collect()
}

/// Cells of a column read as text, borrowed from the arrays.
fn text_cells(arrays: &[ArrayRef]) -> Option<Vec<Option<&str>>> {
    let mut out = Vec::with_capacity(arrays.iter().map(|a| a.len()).sum());
    for a in arrays {
        if !push_text(a.as_ref(), &mut out) {
            return None;
        }
    }
    Some(out)
}

/// Appends the cells of a string (or dictionary of strings, or null)
/// array, or of an array of any type whose every cell is null (pandas
/// reads an empty column as float64, all missing); false otherwise.
fn push_text<'a>(a: &'a dyn Array, out: &mut Vec<Option<&'a str>>) -> bool {
    fn cells<'a>(n: usize, a: &'a dyn Array, v: impl Fn(usize) -> &'a str) -> Vec<Option<&'a str>> {
        (0..n).map(|i| (!a.is_null(i)).then(|| v(i))).collect()
    }
    let n = a.len();
    if a.null_count() == n {
        // Only missing cells (or none): nothing of any type is read. This
        // also keeps empty dictionaries away from `normalized_keys`, which
        // asserts that the dictionary has values.
        out.extend(std::iter::repeat_n(None, n));
        return true;
    }
    match a.data_type() {
        DataType::Utf8 => {
            let s = a.as_string::<i32>();
            out.extend(cells(n, a, |i| s.value(i)));
        }
        DataType::LargeUtf8 => {
            let s = a.as_string::<i64>();
            out.extend(cells(n, a, |i| s.value(i)));
        }
        DataType::Utf8View => {
            let s = a.as_string_view();
            out.extend(cells(n, a, |i| s.value(i)));
        }
        DataType::Null => out.extend(std::iter::repeat_n(None, n)),
        DataType::Dictionary(_, _) => {
            let Some(d) = a.as_any_dictionary_opt() else {
                return false;
            };
            if d.values().is_empty() {
                // Keys that are not null point into no values: not a
                // well-formed array (normalized_keys would assert).
                return false;
            }
            let mut values = Vec::with_capacity(d.values().len());
            if !push_text(d.values().as_ref(), &mut values) {
                return false;
            }
            let keys = d.normalized_keys();
            out.extend((0..n).map(|i| {
                if a.is_null(i) {
                    None
                } else {
                    values.get(keys[i]).copied().flatten()
                }
            }));
        }
        _ => return false,
    }
    true
}

/// Cells of an array of primitives of type `T`, mapped by `f` (nulls stay
/// `None`). The caller has matched `a`'s data type to `T`.
fn prim<T: ArrowPrimitiveType, U>(a: &dyn Array, f: impl Fn(T::Native) -> U) -> Vec<Option<U>> {
    let p = a.as_primitive::<T>();
    (0..p.len())
        .map(|i| (!p.is_null(i)).then(|| f(p.value(i))))
        .collect()
}

/// Cells of an array of 64-bit primitives.
fn prim_i64<T: ArrowPrimitiveType<Native = i64>>(a: &dyn Array) -> Vec<Option<i64>> {
    prim::<T, i64>(a, |v| v)
}

/// Integer cells of one array (any integer type, widened); `None` when it
/// is not of an integer type.
fn int_cells_of(a: &dyn Array) -> Option<Vec<Option<i128>>> {
    Some(match a.data_type() {
        DataType::Int8 => prim::<Int8Type, _>(a, i128::from),
        DataType::Int16 => prim::<Int16Type, _>(a, i128::from),
        DataType::Int32 => prim::<Int32Type, _>(a, i128::from),
        DataType::Int64 => prim::<Int64Type, _>(a, i128::from),
        DataType::UInt8 => prim::<UInt8Type, _>(a, i128::from),
        DataType::UInt16 => prim::<UInt16Type, _>(a, i128::from),
        DataType::UInt32 => prim::<UInt32Type, _>(a, i128::from),
        DataType::UInt64 => prim::<UInt64Type, _>(a, i128::from),
        _ => return None,
    })
}

/// The cells of every chunk of a column as `of` reads one array; `None`
/// when `of` refuses a chunk (another type).
fn column_cells<T>(
    arrays: &[ArrayRef],
    of: impl Fn(&dyn Array) -> Option<Vec<Option<T>>>,
) -> Option<Vec<Option<T>>> {
    let mut out = Vec::new();
    for a in arrays {
        out.extend(of(a.as_ref())?);
    }
    Some(out)
}

/// Float cells of one array (any float type, widened); `None` when it is
/// not of a float type.
fn float_cells_of(a: &dyn Array) -> Option<Vec<Option<f64>>> {
    Some(match a.data_type() {
        DataType::Float16 => prim::<Float16Type, _>(a, f64::from),
        DataType::Float32 => prim::<Float32Type, _>(a, f64::from),
        DataType::Float64 => prim::<Float64Type, _>(a, |v| v),
        _ => return None,
    })
}

/// Number cells (value, score) of a column.
enum NumberCells<'a> {
    /// Any integer or float type.
    Values(Vec<Option<f64>>),
    /// Text, parsed by core (unreadable text is `BAD_NUMBER` at its row,
    /// quoting it).
    Text(Vec<Option<&'a str>>),
}

impl<'a> NumberCells<'a> {
    fn values(&self) -> Option<&[Option<f64>]> {
        match self {
            NumberCells::Values(v) => Some(v),
            NumberCells::Text(_) => None,
        }
    }

    fn text(&self) -> Option<&[Option<&'a str>]> {
        match self {
            NumberCells::Text(v) => Some(v),
            NumberCells::Values(_) => None,
        }
    }
}

fn number_cells<'a>(column: &str, arrays: &'a [ArrayRef]) -> Result<NumberCells<'a>, Error> {
    if let Some(text) = text_cells(arrays) {
        return Ok(NumberCells::Text(text));
    }
    let mut out = Vec::with_capacity(arrays.iter().map(|a| a.len()).sum());
    for a in arrays {
        let a = a.as_ref();
        if let Some(floats) = float_cells_of(a) {
            out.extend(floats);
        } else if let Some(ints) = int_cells_of(a) {
            // Integers beyond 2^53 round, as any float would; values beyond
            // 10^15 are refused by core anyway.
            out.extend(ints.into_iter().map(|v| v.map(|v| v as f64)));
        } else {
            return Err(bad_type(
                column,
                a.data_type(),
                "a number (integer or float) or text",
            ));
        }
    }
    Ok(NumberCells::Values(out))
}

fn bad_type(column: &str, found: &DataType, expected: &str) -> Error {
    column_error(
        RowErrorKind::BadType,
        column,
        format!("column `{column}` has Arrow type {found}; expected {expected}"),
    )
}

/// Timestamps of a column: Arrow timestamps (any unit; stored as UTC, so
/// a time zone changes nothing and naive ones are taken as UTC), dates,
/// integers (read by core's time spec: its unit, or milliseconds between
/// 1980 and 2099) or text (parsed by the spec).
enum TimeCells<'a> {
    Millis(Vec<Option<i64>>),
    Integers(Vec<Option<i64>>),
    Text(Vec<Option<&'a str>>),
}

fn time_cells<'a>(column: &str, arrays: &'a [ArrayRef]) -> Result<TimeCells<'a>, Error> {
    let first_type = arrays.first().map(|a| a.data_type().clone());
    let is_text = matches!(
        first_type,
        Some(DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Dictionary(..))
    );
    if is_text {
        let cells = text_cells(arrays).ok_or_else(|| {
            bad_type(
                column,
                first_type.as_ref().unwrap_or(&DataType::Null),
                "text",
            )
        })?;
        return Ok(TimeCells::Text(cells));
    }
    let mut out = Vec::with_capacity(arrays.iter().map(|a| a.len()).sum());
    let mut integers: Vec<Option<i64>> = Vec::new();
    for a in arrays {
        let a = a.as_ref();
        let ty = a.data_type();
        match ty {
            DataType::Null => out.extend(std::iter::repeat_n(None, a.len())),
            DataType::Timestamp(unit, _) => {
                let (mul, div) = match unit {
                    TimeUnit::Second => (1000, 1),
                    TimeUnit::Millisecond => (1, 1),
                    TimeUnit::Microsecond => (1, 1000),
                    TimeUnit::Nanosecond => (1, 1_000_000),
                };
                let raw: Vec<Option<i64>> = match unit {
                    TimeUnit::Second => prim_i64::<TimestampSecondType>(a),
                    TimeUnit::Millisecond => prim_i64::<TimestampMillisecondType>(a),
                    TimeUnit::Microsecond => prim_i64::<TimestampMicrosecondType>(a),
                    TimeUnit::Nanosecond => prim_i64::<TimestampNanosecondType>(a),
                };
                out.extend(raw.into_iter().map(|v| {
                    v.and_then(|v| v.checked_mul(mul))
                        .map(|v| v.div_euclid(div))
                }));
            }
            DataType::Date32 => {
                let p = a.as_primitive::<Date32Type>();
                out.extend(
                    (0..p.len())
                        .map(|i| (!p.is_null(i)).then(|| i64::from(p.value(i)) * 86_400_000)),
                );
            }
            DataType::Date64 => out.extend(prim_i64::<Date64Type>(a)),
            _ => {
                let Some(ints) = int_cells_of(a) else {
                    return Err(bad_type(
                        column,
                        ty,
                        "an Arrow timestamp or date, integers of epoch time, or date-time text",
                    ));
                };
                // Integers are read by core (unit, plausibility); one beyond
                // i64 is out of range whatever the unit.
                integers.extend(
                    ints.into_iter()
                        .map(|v| v.map(|v| i64::try_from(v).unwrap_or(i64::MAX))),
                );
            }
        }
    }
    if !integers.is_empty() {
        if !out.is_empty() {
            return Err(bad_type(
                column,
                first_type.as_ref().unwrap_or(&DataType::Null),
                "one kind of timestamp in every chunk",
            ));
        }
        integers.extend(out);
        return Ok(TimeCells::Integers(integers));
    }
    Ok(TimeCells::Millis(out))
}

/// Attribute names some `match` rule of the map looks at.
fn rule_attributes(map: &JourneyMap) -> BTreeSet<&str> {
    map.touchpoints()
        .iter()
        .flat_map(|t| &t.match_rules)
        .flat_map(|r| r.attributes.keys().chain(r.attribute_prefixes.keys()))
        .map(String::as_str)
        .collect()
}

/// Text of an attribute or customer column: strings as they are, integers
/// and booleans written out (owned).
enum Text<'a> {
    Borrowed(Vec<Option<&'a str>>),
    Owned(Vec<Option<String>>),
}

impl Text<'_> {
    fn cells(&self) -> Vec<Option<&str>> {
        match self {
            Text::Borrowed(v) => v.clone(),
            Text::Owned(v) => v.iter().map(Option::as_deref).collect(),
        }
    }
}

fn text_or_number<'a>(
    column: &str,
    arrays: &'a [ArrayRef],
    expected: &str,
) -> Result<Text<'a>, Error> {
    if let Some(cells) = text_cells(arrays) {
        return Ok(Text::Borrowed(cells));
    }
    if let Some(ints) = column_cells(arrays, int_cells_of) {
        return Ok(Text::Owned(
            ints.into_iter().map(|v| v.map(|v| v.to_string())).collect(),
        ));
    }
    if let Some(floats) = column_cells(arrays, float_cells_of) {
        // Integers that pandas stored as floats because some are missing:
        // whole numbers are read as the integers they were; NaN is missing.
        const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
        let mut out = Vec::with_capacity(floats.len());
        for v in floats {
            out.push(match v {
                None => None,
                Some(x) if x.is_nan() => None,
                Some(x) if x.fract() == 0.0 && x.abs() <= EXACT => Some(format!("{}", x as i64)),
                Some(x) => {
                    return Err(column_error(
                        RowErrorKind::BadType,
                        column,
                        format!(
                            "column `{column}` holds the number {x}; a float column is read \
                             only when its values are whole numbers (integers stored as floats)"
                        ),
                    ))
                }
            });
        }
        return Ok(Text::Owned(out));
    }
    let mut out = Vec::new();
    for a in arrays {
        if a.data_type() != &DataType::Boolean {
            return Err(bad_type(column, a.data_type(), expected));
        }
        let b = a.as_boolean();
        out.extend((0..b.len()).map(|i| (!b.is_null(i)).then(|| b.value(i).to_string())));
    }
    Ok(Text::Owned(out))
}

/// Reads record batches into an event log.
fn arrow_log(
    map: &JourneyMap,
    names: &[String],
    batches: &[RecordBatch],
    options: &CsvOptions,
) -> Result<EventLog, Error> {
    let fields = &options.fields;
    fields.check_columns(names)?;
    let index = |name: &str| names.iter().position(|n| n == name);
    // Both present (checked above).
    let (customer_at, timestamp_at) = (
        index(&fields.customer).unwrap_or(0),
        index(&fields.timestamp).unwrap_or(0),
    );
    let (touchpoint_at, event_at, channel_at) = (
        index(&fields.touchpoint),
        index(&fields.event),
        index(&fields.channel),
    );
    let columns: Vec<Vec<ArrayRef>> = (0..names.len()).map(|i| chunks(batches, i)).collect();
    let text = |at: Option<usize>, name: &str| -> Result<Option<Vec<Option<&str>>>, Error> {
        let Some(at) = at else { return Ok(None) };
        match text_cells(&columns[at]) {
            Some(cells) => Ok(Some(cells)),
            None => Err(bad_type(
                name,
                columns[at]
                    .first()
                    .map_or(&DataType::Null, |a| a.data_type()),
                "text (string or categorical)",
            )),
        }
    };
    let customer_text = text_or_number(
        &fields.customer,
        &columns[customer_at],
        "text (string or categorical) or integers",
    )?;
    let customer: Vec<&str> = customer_text
        .cells()
        .into_iter()
        .map(|c| c.unwrap_or(""))
        .collect();
    let times = time_cells(&fields.timestamp, &columns[timestamp_at])?;
    let touchpoint = text(touchpoint_at, &fields.touchpoint)?;
    let event = text(event_at, &fields.event)?;
    let channel = text(channel_at, &fields.channel)?;
    let segment = text(index(&fields.segment), &fields.segment)?;
    let number = |name: &str| -> Result<Option<NumberCells<'_>>, Error> {
        index(name)
            .map(|at| number_cells(name, &columns[at]))
            .transpose()
    };
    let value = number(&fields.value)?;
    let score = number(&fields.score)?;

    let known = [
        &fields.customer,
        &fields.timestamp,
        &fields.touchpoint,
        &fields.event,
        &fields.channel,
        &fields.value,
        &fields.score,
        &fields.segment,
    ];
    let wanted = rule_attributes(map);
    let mut attribute_text = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if known.contains(&name) || !wanted.contains(name.as_str()) {
            continue;
        }
        let t = text_or_number(name, &columns[i], "text, integers or booleans")?;
        attribute_text.push((name.as_str(), t));
    }
    let attribute_cells: Vec<(&str, Vec<Option<&str>>)> = attribute_text
        .iter()
        .map(|(name, t)| (*name, t.cells()))
        .collect();
    let spec = options.time_spec();
    let timestamps = match &times {
        TimeCells::Millis(v) => Timestamps::Millis(v),
        TimeCells::Integers(v) => Timestamps::Integers(v, &spec),
        TimeCells::Text(v) => Timestamps::Text(v, &spec),
    };
    let columns = Columns {
        timestamps: Some(timestamps),
        touchpoint: touchpoint.as_deref(),
        event: event.as_deref(),
        channel: channel.as_deref(),
        value: value.as_ref().and_then(NumberCells::values),
        score: score.as_ref().and_then(NumberCells::values),
        value_text: value.as_ref().and_then(NumberCells::text),
        score_text: score.as_ref().and_then(NumberCells::text),
        segment: segment.as_deref(),
        attributes: attribute_cells
            .iter()
            .map(|(name, cells)| (*name, cells.as_slice()))
            .collect(),
        fields: fields.clone(),
        ..Columns::new(&customer, &[])
    };
    EventLog::from_columns(map, &columns, options.on_error)
}

/// A synthetic event log ([`GeneratedColumns`]) as an Arrow C stream in a
/// PyCapsule (`arrow_array_stream`), for `pyarrow.table`. Columns as the
/// CLI's `generate` writes them; timestamps are `timestamp[ms, UTC]`.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _generate<'py>(
    py: Python<'py>,
    map: PyRef<'py, PyJourneyMap>,
    customers: Option<u64>,
    events: Option<u64>,
    seed: u64,
    deviation_rate: f64,
    unknown_rate: f64,
    repeat_rate: f64,
) -> PyResult<Bound<'py, PyCapsule>> {
    let defaults = GeneratorOptions::default();
    let options = GeneratorOptions {
        // Given a number of events and no number of customers, as many
        // customers as it takes (as the CLI).
        customers: customers.unwrap_or(if events.is_some() {
            u64::MAX
        } else {
            defaults.customers
        }),
        max_events: events,
        seed,
        deviation_rate,
        unknown_rate,
        repeat_rate,
        ..defaults
    };
    let map = &map.map;
    let columns = py
        .detach(|| GeneratedColumns::generate(map, &options))
        .map_err(|e| to_pyerr(py, &e, Origin::OBJECT))?;
    let batch = generated_batch(columns)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    let schema = batch.schema();
    let reader = arrow_array::RecordBatchIterator::new([Ok(batch)], schema);
    let stream = FFI_ArrowArrayStream::new(Box::new(reader));
    PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
}

fn generated_batch(c: GeneratedColumns) -> Result<RecordBatch, arrow_schema::ArrowError> {
    use arrow_array::{Float64Array, StringArray, TimestampMillisecondArray};
    let text = |v: Vec<Option<String>>| Arc::new(StringArray::from(v)) as ArrayRef;
    let mut columns: Vec<(String, ArrayRef)> = vec![
        (
            "customer_id".into(),
            Arc::new(StringArray::from(c.customer)),
        ),
        (
            "timestamp".into(),
            Arc::new(TimestampMillisecondArray::from(c.timestamp_ms).with_timezone("UTC")),
        ),
        ("touchpoint".into(), text(c.touchpoint)),
        ("event".into(), text(c.event)),
        ("channel".into(), text(c.channel)),
        ("value".into(), Arc::new(Float64Array::from(c.value))),
        ("score".into(), Arc::new(Float64Array::from(c.score))),
        ("segment".into(), text(c.segment)),
    ];
    columns.extend(c.attributes.into_iter().map(|(name, v)| (name, text(v))));
    RecordBatch::try_from_iter(columns)
}
