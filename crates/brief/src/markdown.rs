//! The brief as Markdown: one list item per sentence, each ending with its citation marks.

use std::fmt::Write;

use crate::{Brief, Sentence};

pub(crate) fn render(b: &Brief) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", one_line(&b.title));
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
            let _ = writeln!(out, "- {} {}", one_line(&s.text), marks(s));
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
        let _ = writeln!(out, "- **{}**", one_line(&o.label));
        for s in &o.sources {
            let _ = write!(out, "  - [{}] {}", s.n, one_line(&s.label));
            if let Some(url) = &s.url {
                let _ = write!(out, " <{}>", url.replace(['<', '>', ' '], ""));
            }
            let _ = writeln!(out, " — {} ({})", s.id, one_line(&s.why));
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

/// Text on one line: a newline inside a quoted sentence would break the list item.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
