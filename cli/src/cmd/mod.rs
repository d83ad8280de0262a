//! One module per subcommand.

pub mod schema;
pub mod summary;
pub mod validate;
