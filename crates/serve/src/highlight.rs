//! An article's text cut into segments for the article page: each segment carries the
//! classes of what covers it (entity kinds, numbers, dates, quotes, the cited passage), so
//! overlapping marks never need nested markup. Text is escaped by the template.

use crosscheck_model::{Analysis, EntityKind, Span};

/// A piece of text and how it is marked.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// Space-separated CSS classes; empty for plain text.
    pub classes: String,
    /// A tooltip (the entity's canonical name).
    pub title: Option<String>,
    /// The first segment of the cited passage (the page's `#cited` anchor).
    pub anchor: bool,
}

struct Mark {
    span: Span,
    class: &'static str,
    title: Option<String>,
}

/// Cuts `text` at every mark boundary; `cited` is the passage a brief citation points at.
pub fn segments(text: &str, analysis: Option<&Analysis>, cited: Option<Span>) -> Vec<Segment> {
    let valid = |s: &Span| {
        s.start < s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let mut marks: Vec<Mark> = analysis.map(marks_of).unwrap_or_default();
    marks.extend(cited.map(|span| Mark {
        span,
        class: "cited",
        title: None,
    }));
    marks.retain(|m| valid(&m.span));
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(marks.iter().flat_map(|m| [m.span.start, m.span.end]));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Segment> = Vec::with_capacity(cuts.len());
    let mut anchored = false;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let covering: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.span.start <= a && b <= m.span.end)
            .collect();
        let mut classes: Vec<&str> = covering.iter().map(|m| m.class).collect();
        classes.sort_unstable();
        classes.dedup();
        let anchor = !anchored && classes.contains(&"cited");
        anchored |= anchor;
        out.push(Segment {
            text: text[a..b].to_string(),
            classes: classes.join(" "),
            title: covering.iter().find_map(|m| m.title.clone()),
            anchor,
        });
    }
    out
}

fn marks_of(analysis: &Analysis) -> Vec<Mark> {
    let mut marks = Vec::new();
    for e in &analysis.entities {
        let class = match e.kind {
            EntityKind::Person => "ent-person",
            EntityKind::Organization => "ent-org",
            EntityKind::Place => "ent-place",
            _ => "ent-other",
        };
        for &span in &e.mentions {
            marks.push(Mark {
                span,
                class,
                title: Some(e.name.clone()),
            });
        }
    }
    for q in &analysis.quotes {
        marks.push(Mark {
            span: q.span,
            class: "quote",
            title: q
                .speaker_name
                .clone()
                .or_else(|| q.speaker.clone())
                .map(|s| format!("said by {s}")),
        });
    }
    for n in &analysis.quantities {
        marks.push(Mark {
            span: n.span,
            class: "num",
            title: None,
        });
    }
    for d in &analysis.dates {
        marks.push(Mark {
            span: d.span,
            class: "date",
            title: d.resolved.clone(),
        });
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_overlapping_marks_and_anchors_the_citation() {
        let text = "Kim said 10,000 troops went.";
        let cited = Some(Span::new(9, 22));
        let segs = segments(text, None, cited);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
        let anchor: Vec<&Segment> = segs.iter().filter(|s| s.anchor).collect();
        assert_eq!(anchor.len(), 1);
        assert_eq!(anchor[0].text, "10,000 troops");
        assert_eq!(anchor[0].classes, "cited");
    }

    #[test]
    fn ignores_spans_outside_the_text_or_inside_a_character() {
        let text = "Zürich";
        let segs = segments(text, None, Some(Span::new(1, 2)));
        assert_eq!(segs.len(), 1);
        assert!(segs[0].classes.is_empty());
        let segs = segments(text, None, Some(Span::new(0, 99)));
        assert_eq!(segs.len(), 1);
    }
}
