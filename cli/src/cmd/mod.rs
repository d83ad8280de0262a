//! One module per subcommand.

pub mod analyze;
pub mod diff;
pub mod generate;
pub mod import_mermaid;
pub mod lint;
pub mod merge;
pub mod render;
pub mod schema;
pub mod summary;
pub mod validate;
