//! Input formats and their detection from the file name, then the content.

use std::path::Path;

/// The format of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Plain text: one article.
    Text,
    /// An HTML page: one article, main text extracted.
    Html,
    /// JSON Lines: one article per record.
    JsonLines,
    /// RSS, Atom or JSON Feed: one article per item.
    Feed,
}

impl Format {
    /// Guesses the format from the input's name, then from its first characters.
    pub fn detect(input: &str, text: &str) -> Format {
        let name = input.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        match ext {
            "jsonl" | "ndjson" => return Format::JsonLines,
            "html" | "htm" | "xhtml" => return Format::Html,
            "rss" | "atom" => return Format::Feed,
            _ => {}
        }
        Self::sniff(text)
    }

    fn sniff(text: &str) -> Format {
        let head: String = text
            .trim_start()
            .chars()
            .take(1024)
            .collect::<String>()
            .to_ascii_lowercase();
        if head.starts_with('{') {
            return Format::JsonLines;
        }
        if head.starts_with('<') {
            if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") {
                return Format::Feed;
            }
            if head.starts_with("<?xml") && !head.contains("<html") {
                return Format::Feed;
            }
            return Format::Html;
        }
        Format::Text
    }

    /// The format named on the command line: `text`, `html`, `jsonl`, `feed`.
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "text" | "txt" => Some(Format::Text),
            "html" => Some(Format::Html),
            "jsonl" | "json" => Some(Format::JsonLines),
            "feed" | "rss" | "atom" => Some(Format::Feed),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection() {
        assert_eq!(Format::detect("a.jsonl", ""), Format::JsonLines);
        assert_eq!(Format::detect("p.html.gz", ""), Format::Html);
        assert_eq!(
            Format::detect("x.xml", "<?xml version='1.0'?><rss>"),
            Format::Feed
        );
        assert_eq!(
            Format::detect("x.xml", "<?xml version='1.0'?>\n<feed xmlns="),
            Format::Feed
        );
        assert_eq!(
            Format::detect("page", "<!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(Format::detect("-", "{\"text\": \"x\"}"), Format::JsonLines);
        assert_eq!(Format::detect("a.txt", "Just text."), Format::Text);
    }
}
