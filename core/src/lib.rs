//! # journeymap
//!
//! Customer journey maps as a first-class data structure: personas, stages,
//! touchpoints on many channels, emotions, pain points, opportunities, owners
//! and KPIs, kept in a graph whose invariants always hold.
//!
//! ```
//! use journeymap::JourneyMap;
//! let map = JourneyMap::from_json(r#"{
//!   "format_version": 1,
//!   "name": "Coffee maker",
//!   "stages": [{"id": "awareness", "name": "Awareness", "kind": "awareness"}]
//! }"#).unwrap();
//! assert_eq!(map.stages()[0].name, "Awareness");
//! ```
//!
//! - [`model`]: the document types (serde + JSON Schema).
//! - [`JourneyMap`]: the checked map, its queries and mutations.
//! - [`Error`]: every failure, each with a stable code and a location.
//! - [`schema`]: the published JSON Schema of the document.

#![warn(missing_docs)]

pub mod analytics;
mod date;
pub mod diff;
#[doc(hidden)]
pub mod doc_support;
mod error;
mod graph;
mod limits;
pub mod lint;
pub mod model;
mod parse;
pub mod pointer;
mod position;
pub mod render;
pub mod schema;
mod strict_json;
mod summary;
mod validate;
mod value_de;

pub use date::Date;
pub use error::{EntityKind, Error, ErrorCategory, IoKind, Result, QUOTED_CHARS};
pub use graph::JourneyMap;
pub use limits::Limits;
pub use parse::parse_part;
pub use summary::Summary;
pub use validate::check_document;
