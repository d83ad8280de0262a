//! Render a journey map: SVG canvas, Mermaid, Graphviz DOT, CSV.

pub mod csv;
pub mod dot;
pub mod mermaid;
pub mod mermaid_import;
pub mod svg;

mod escape;
mod text;
