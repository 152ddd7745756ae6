//! HTML fragments to paragraphs: block elements and `<br>` break paragraphs, inline markup
//! joins, scripts and styles vanish. Used for extracted article bodies and feed content.

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

/// The paragraphs of an HTML fragment (or document), in order.
pub fn paragraphs(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let mut walker = Walker::default();
    walker.visit(doc.root_element());
    walker.flush();
    walker.out
}

#[derive(Default)]
struct Walker {
    current: String,
    out: Vec<String>,
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
                    if block {
                        self.flush();
                    }
                    if let Some(child_el) = ElementRef::wrap(child) {
                        self.visit(child_el);
                    }
                    if block {
                        self.flush();
                    } else if matches!(name, "td" | "th") {
                        self.current.push(' ');
                    }
                }
                _ => {}
            }
        }
    }

    fn flush(&mut self) {
        let text = crate::normalize::inline(&self.current);
        self.current.clear();
        if !text.is_empty() {
            self.out.push(text);
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
    fn broken_markup_does_not_panic() {
        let p = paragraphs("<p>Unclosed <i>italic <div>inner</p></span>tail");
        assert!(p.iter().any(|s| s.contains("Unclosed")), "{p:?}");
        assert!(paragraphs("").is_empty());
    }
}
