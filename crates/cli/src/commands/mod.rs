//! One module per subcommand.

pub mod analyze;
pub mod articles;
pub mod bench;
pub mod compare;
pub mod eval;
pub mod ingest;
