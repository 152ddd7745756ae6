//! HTML fragments to paragraphs: block elements and `<br>` break paragraphs, inline markup
//! joins, scripts and styles vanish. Used for extracted article bodies and feed content;
//! [`blocks`] also says which paragraphs were headings, for the boilerplate rules.

use scraper::{ElementRef, Html, Node};

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "hr",
    "br",
    "address",
    "details",
    "summary",
    "caption",
    "center",
];

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "button", "select",
    "option", "textarea", "input", "form", "nav", "head", "title", "object", "embed",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// One paragraph of a fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Normalised text.
    pub text: String,
    /// Whether it sat inside an `<h1>`–`<h6>`.
    pub heading: bool,
}

/// The paragraphs of an HTML fragment (or document), in order.
pub fn paragraphs(html: &str) -> Vec<String> {
    blocks(html).into_iter().map(|b| b.text).collect()
}

/// The paragraphs of an HTML fragment (or document), in order, with their kind.
pub fn blocks(html: &str) -> Vec<Block> {
    let doc = Html::parse_fragment(html);
    let mut walker = Walker::default();
    walker.visit(doc.root_element());
    walker.flush();
    walker.out
}

#[derive(Default)]
struct Walker {
    current: String,
    /// How many headings enclose the text being read.
    headings: usize,
    out: Vec<Block>,
}

impl Walker {
    fn visit(&mut self, element: ElementRef<'_>) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.current.push_str(text),
                Node::Element(el) => {
                    let name = el.name();
                    if SKIP.contains(&name) {
                        continue;
                    }
                    let block = BLOCKS.contains(&name);
                    let heading = HEADINGS.contains(&name);
                    if block {
                        self.flush();
                    }
                    self.headings += usize::from(heading);
                    if let Some(child_el) = ElementRef::wrap(child) {
                        self.visit(child_el);
                    }
                    if block {
                        self.flush();
                    } else if matches!(name, "td" | "th") {
                        self.current.push(' ');
                    }
                    self.headings -= usize::from(heading);
                }
                _ => {}
            }
        }
    }

    fn flush(&mut self) {
        let text = crate::normalize::inline(&self.current);
        self.current.clear();
        if !text.is_empty() {
            self.out.push(Block {
                text,
                heading: self.headings > 0,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_split_and_inline_joins() {
        let p = paragraphs("<h1>Title</h1><p>One <b>bold</b> line<br>next</p><script>x()</script><div>Two &amp; three</div>");
        assert_eq!(p, ["Title", "One bold line", "next", "Two & three"]);
    }

    #[test]
    fn headings_are_marked() {
        let b = blocks("<h1>Title <i>here</i></h1><p>Body</p><h3>Sub</h3>");
        let kinds: Vec<(&str, bool)> = b.iter().map(|b| (b.text.as_str(), b.heading)).collect();
        assert_eq!(
            kinds,
            [("Title here", true), ("Body", false), ("Sub", true)]
        );
    }

    #[test]
    fn broken_markup_does_not_panic() {
        let p = paragraphs("<p>Unclosed <i>italic <div>inner</p></span>tail");
        assert!(p.iter().any(|s| s.contains("Unclosed")), "{p:?}");
        assert!(paragraphs("").is_empty());
    }
}
