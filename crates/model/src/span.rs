//! Byte spans into an article's clean text: every derived item points back through one.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` of an article's clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (swapped if given in the wrong order).
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: start.min(end),
            end: start.max(end),
        }
    }

    /// The text this span covers, or `None` when it is out of range or not on char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_checks_bounds_and_boundaries() {
        let text = "Kyiv – Kiev";
        assert_eq!(Span::new(0, 4).slice(text), Some("Kyiv"));
        assert_eq!(Span::new(5, 6).slice(text), None, "inside the dash");
        assert_eq!(Span::new(0, 99).slice(text), None);
        assert_eq!(Span::new(4, 0), Span::new(0, 4));
    }
}
