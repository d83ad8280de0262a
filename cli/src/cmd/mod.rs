//! One module per subcommand.

pub mod schema;
pub mod summary;
pub mod validate;
pub mod diff;
pub mod import_mermaid;
pub mod render;
pub mod lint;
pub mod analyze;
pub mod generate;
