//! Building the analysis regexes: their Unicode classes and long alternations outgrow the
//! regex crate's default lazy-DFA cache, which then thrashes (rebuilt for every sentence), so
//! each gets a larger one.

use regex::{Regex, RegexBuilder};

/// Lazy-DFA cache per regex.
const DFA_CACHE_BYTES: usize = 16 << 20;

/// Compiles a pattern known to be valid (they are constants of this crate, tested).
pub fn compile(pattern: &str) -> Regex {
    RegexBuilder::new(pattern)
        .dfa_size_limit(DFA_CACHE_BYTES)
        .build()
        .unwrap_or_else(|e| panic!("invalid built-in pattern {pattern:?}: {e}"))
}
