//! The brief as Markdown: one list item per sentence, each ending with its citation marks.
//! Article text is escaped so that it renders as the plain text it is; only the brief's own
//! marks (headings, list items, citation marks, source addresses) are Markdown.

use std::fmt::Write;

use crate::{Brief, Sentence};

pub(crate) fn render(b: &Brief) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", plain(&b.title));
    let _ = writeln!(
        out,
        "{} article{} from {} independent origin{}.\n",
        b.articles,
        plural(b.articles),
        b.independent,
        plural(b.independent)
    );
    for section in &b.sections {
        let _ = writeln!(out, "## {}\n", section.title);
        for s in &section.sentences {
            let _ = writeln!(out, "- {} {}", plain(&s.text), marks(s));
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "## Sources\n\n{} independent origin{}.\n",
        b.independent,
        plural(b.independent)
    );
    for o in &b.origins {
        let _ = writeln!(out, "- **{}**", plain(&o.label));
        for s in &o.sources {
            let _ = write!(out, "  - [{}] {}", s.n, plain(&s.label));
            if let Some(url) = &s.url {
                let _ = write!(out, " <{}>", url.replace(['<', '>', ' '], ""));
            }
            let _ = writeln!(out, " — {} ({})", s.id, plain(&s.why));
        }
    }
    out
}

/// Citation marks: `[1][2]`, each source once.
pub(crate) fn marks(s: &Sentence) -> String {
    let mut ns: Vec<usize> = s.citations.iter().map(|c| c.n).collect();
    ns.dedup();
    ns.iter().map(|n| format!("[{n}]")).collect()
}

/// Text on one line (a newline inside a quoted sentence would break the list item), with
/// every character Markdown would read as markup escaped: emphasis, code, links, HTML,
/// headings, tables, entities, and list or quote markers where the text opens an item.
pub(crate) fn plain(s: &str) -> String {
    let line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => true,
            // "&amp;" would render as "&".
            '&' => {
                let name: String = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                    .collect();
                !name.is_empty() && chars.get(i + 1 + name.chars().count()) == Some(&';')
            }
            // "- + text" and "- 1. text" would open a nested list.
            '+' | '-' => i == 0,
            '.' | ')' => chars[..i].iter().all(char::is_ascii_digit) && i > 0,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn markup_in_article_text_is_escaped() {
        assert_eq!(
            plain("*bold* _it_ [link](http://x) <b>`code`</b>"),
            "\\*bold\\* \\_it\\_ \\[link\\](http://x) \\<b\\>\\`code\\`\\</b\\>"
        );
        assert_eq!(plain("# Breaking\nnews"), "\\# Breaking news");
        assert_eq!(plain("+ more"), "\\+ more");
        assert_eq!(plain("1. first"), "1\\. first");
        assert_eq!(plain("In 1999. Then"), "In 1999. Then");
        assert_eq!(plain("AT&T &amp; co"), "AT&T \\&amp; co");
        assert_eq!(plain("a - b, 3.5 (c)"), "a - b, 3.5 (c)");
    }
}
