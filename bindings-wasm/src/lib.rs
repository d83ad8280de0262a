//! WebAssembly bindings of [`journeymap`], published on npm as `journeymap`.
//!
//! This crate is the raw layer: every value crosses the boundary as JSON
//! text and every failure is thrown as the JSON text of a
//! [`journeymap::Error`] (`{"code", "message", "path", "id", "line",
//! "column", "errors"}`). The package's JavaScript entry point (`index.js`)
//! turns that text into plain objects and `JourneyMapError` instances and
//! gives the API its TypeScript types; nothing here is meant to be called
//! directly from JavaScript.
//!
//! JSON text is the exchange format on purpose: it is lossless for every
//! value a document holds (numbers are read back bit for bit), it keeps one
//! code path for text and objects, and cyclic or exotic JavaScript values are
//! refused in JavaScript, before anything reaches Rust.
//!
//! Modules: [`map`] (the map class), [`document`] (module-level functions:
//! version, schema, validation), [`lint`], [`diff`], [`render`] (SVG,
//! Mermaid, DOT, CSV and the Mermaid import), [`analytics`] (event logs to
//! journey reports), [`stream`] (event logs pushed in chunks), [`convert`] (JSON in and out), [`error`] (errors thrown
//! to JavaScript).
//!
//! The core library is used without its `parallel` feature: no threads in
//! WebAssembly.

pub mod analytics;
pub mod convert;
pub mod diff;
pub mod document;
pub mod error;
pub mod lint;
pub mod map;
pub mod render;
pub mod stream;

pub use map::RawJourneyMap;
