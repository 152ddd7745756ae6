//! The brief as one self-contained HTML page: inline style, no script, no external asset.
//! Every string that comes from an article or its metadata goes through [`Html::text`] or
//! [`Html::attr`], which escape it; markup is only ever written from `&'static str`, so text
//! cannot become markup by construction.

use crate::Brief;

/// An HTML document being written.
struct Html {
    out: String,
}

impl Html {
    /// Markup written by this module, never from data.
    fn tag(&mut self, markup: &'static str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// Text content, escaped.
    fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.out, text);
        self
    }

    /// An attribute value (inside double quotes), escaped.
    fn attr(&mut self, value: &str) -> &mut Self {
        escape_into(&mut self.out, value);
        self
    }
}

/// Escapes the five characters that are special in HTML text and quoted attributes.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

const STYLE: &str =
    "body{font:16px/1.5 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ddd;margin-top:2rem}\
sup a{text-decoration:none;font-size:.75em}li{margin:.4rem 0}.why{color:#666;font-size:.9em}\
code{font-size:.8em;color:#555}";

pub(crate) fn render(b: &Brief) -> String {
    let mut h = Html { out: String::new() };
    h.tag("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .text(&b.title)
        .tag("</title>\n<style>")
        .tag(STYLE)
        .tag("</style>\n</head>\n<body>\n<h1>")
        .text(&b.title)
        .tag("</h1>\n<p>")
        .text(&format!(
            "{} articles from {} independent origins.",
            b.articles, b.independent
        ))
        .tag("</p>\n");
    for section in &b.sections {
        h.tag("<section id=\"").attr(&section.id).tag("\">\n<h2>");
        h.text(&section.title).tag("</h2>\n<ul>\n");
        for s in &section.sentences {
            h.tag("<li>").text(&s.text).tag(" ");
            let mut seen = Vec::new();
            for c in &s.citations {
                if seen.contains(&c.n) {
                    continue;
                }
                seen.push(c.n);
                h.tag("<sup><a href=\"#source-")
                    .attr(&c.n.to_string())
                    .tag("\" title=\"")
                    .attr(&c.text)
                    .tag("\">[")
                    .text(&c.n.to_string())
                    .tag("]</a></sup>");
            }
            h.tag("</li>\n");
        }
        h.tag("</ul>\n</section>\n");
    }
    h.tag("<section id=\"sources\">\n<h2>Sources</h2>\n<p>")
        .text(&format!("{} independent origins.", b.independent))
        .tag("</p>\n<ul>\n");
    for o in &b.origins {
        h.tag("<li><strong>")
            .text(&o.label)
            .tag("</strong>\n<ol>\n");
        for s in &o.sources {
            h.tag("<li id=\"source-")
                .attr(&s.n.to_string())
                .tag("\" value=\"")
                .attr(&s.n.to_string())
                .tag("\">");
            match s.url.as_deref().filter(|u| is_web_address(u)) {
                Some(url) => {
                    h.tag("<a href=\"")
                        .attr(url)
                        .tag("\">")
                        .text(&s.label)
                        .tag("</a>");
                }
                None => {
                    h.text(&s.label);
                }
            }
            h.tag(" <code>")
                .text(s.id.as_str())
                .tag("</code> <span class=\"why\">")
                .text(&s.why)
                .tag("</span></li>\n");
        }
        h.tag("</ol>\n</li>\n");
    }
    h.tag("</ul>\n</section>\n</body>\n</html>\n");
    h.out
}

/// Only http(s) addresses become links: a `javascript:` URL in the metadata stays text.
fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        let mut s = String::new();
        escape_into(&mut s, r#"<script>alert("x&y")</script> it's"#);
        assert_eq!(
            s,
            "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; it&#39;s"
        );
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert!(is_web_address("https://example.org/a"));
        assert!(!is_web_address("javascript:alert(1)"));
    }
}
