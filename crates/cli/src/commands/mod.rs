//! One module per subcommand.

pub mod articles;
pub mod bench;
pub mod eval;
pub mod ingest;
