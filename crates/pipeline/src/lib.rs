//! The crosscheck pipeline over a store, shared by the command line and the server: inputs
//! read, analysed and stored ([`read`]), placed into stories ([`grouping`]), and stories read
//! back, traced to their origins and compared ([`story`]).

mod error;
pub mod fetch;
pub mod grouping;
pub mod inputs;
pub mod read;
pub mod story;

pub use error::PipelineError;
pub use grouping::Grouping;
pub use read::{Counts, Reader};
pub use story::Story;
