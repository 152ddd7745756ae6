//! One module per subcommand.

pub mod analyze;
pub mod articles;
pub mod bench;
pub mod compare;
pub mod eval;
pub mod eval_stories;
pub mod ingest;
pub mod regroup;
pub mod stories;
