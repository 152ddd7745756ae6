//! One module per subcommand.

pub mod analyze;
pub mod articles;
pub mod bench;
pub mod eval;
pub mod ingest;
