//! The tag set: four entity kinds in the BIO scheme (IOB2), the rule that keeps a decoded
//! sequence well formed, and the conversion from a tag sequence to entity spans.

use std::fmt;

/// What an entity is. CoNLL's PER, ORG, LOC and MISC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person (CoNLL `PER`).
    Person,
    /// A company, agency, team, party or other organisation (CoNLL `ORG`).
    Organization,
    /// A country, city, region or other place (CoNLL `LOC`).
    Location,
    /// Any other name: nationalities, events, works, languages (CoNLL `MISC`).
    Other,
}

impl EntityKind {
    /// Every kind, in the order of their tag indices.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Location,
        EntityKind::Other,
    ];

    /// The CoNLL label: `PER`, `ORG`, `LOC` or `MISC`.
    pub fn conll(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organization => "ORG",
            EntityKind::Location => "LOC",
            EntityKind::Other => "MISC",
        }
    }

    /// The kind for a CoNLL label.
    pub fn from_conll(label: &str) -> Option<EntityKind> {
        match label {
            "PER" => Some(EntityKind::Person),
            "ORG" => Some(EntityKind::Organization),
            "LOC" => Some(EntityKind::Location),
            "MISC" => Some(EntityKind::Other),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            EntityKind::Person => 0,
            EntityKind::Organization => 1,
            EntityKind::Location => 2,
            EntityKind::Other => 3,
        }
    }
}

/// One token's tag in the BIO scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any entity.
    Outside,
    /// The first token of an entity.
    Begin(EntityKind),
    /// A later token of an entity.
    Inside(EntityKind),
}

/// How many tags there are: `O` and a `B-` and an `I-` per kind.
pub const TAG_COUNT: usize = 9;

impl Tag {
    /// The tag's dense index in `0..TAG_COUNT`: `O` is 0, `B-k` is `1 + 2k`, `I-k` is `2 + 2k`.
    pub fn index(self) -> usize {
        match self {
            Tag::Outside => 0,
            Tag::Begin(kind) => 1 + 2 * kind.index(),
            Tag::Inside(kind) => 2 + 2 * kind.index(),
        }
    }

    /// The tag with a dense index, if the index is in range.
    pub fn from_index(index: usize) -> Option<Tag> {
        match index {
            0 => Some(Tag::Outside),
            1..TAG_COUNT => {
                let kind = EntityKind::ALL[(index - 1) / 2];
                Some(if index % 2 == 1 {
                    Tag::Begin(kind)
                } else {
                    Tag::Inside(kind)
                })
            }
            _ => None,
        }
    }

    /// Parses a CoNLL IOB2 label such as `B-PER` or `O`.
    pub fn from_conll(label: &str) -> Option<Tag> {
        if label == "O" {
            return Some(Tag::Outside);
        }
        let (prefix, kind) = label.split_once('-')?;
        let kind = EntityKind::from_conll(kind)?;
        match prefix {
            "B" => Some(Tag::Begin(kind)),
            "I" => Some(Tag::Inside(kind)),
            _ => None,
        }
    }

    /// The kind of entity the tag is part of, if any.
    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Tag::Outside => None,
            Tag::Begin(kind) | Tag::Inside(kind) => Some(kind),
        }
    }

    /// Whether this tag may follow `previous` in a well-formed sequence: `I-X` only continues
    /// a `B-X` or `I-X`. The decoder never produces an `I-X` that starts an entity, so the
    /// spans it reports always agree with the tags.
    pub fn may_follow(self, previous: Option<Tag>) -> bool {
        match self {
            Tag::Inside(kind) => previous.and_then(Tag::kind) == Some(kind),
            _ => true,
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::Outside => f.write_str("O"),
            Tag::Begin(kind) => write!(f, "B-{}", kind.conll()),
            Tag::Inside(kind) => write!(f, "I-{}", kind.conll()),
        }
    }
}

/// How many internal labels the model scores: `O`, and `B-`, `I-`, `L-` (last) and `U-`
/// (unit, a one-token entity) per kind. BILOU lets a greedy decoder see where an entity ends;
/// it beats BIO by about a point of F1 in the literature (Ratinov and Roth, 2009). Labels
/// never leave the crate: callers see BIO [`Tag`]s.
pub(crate) const LABEL_COUNT: usize = 17;

/// The BILOU labels of a BIO tag sequence.
pub(crate) fn to_labels(tags: &[Tag]) -> Vec<usize> {
    let spans = token_spans(tags);
    let mut labels = vec![0; tags.len()];
    for span in spans {
        let base = 1 + 4 * span.kind.index();
        if span.end - span.start == 1 {
            labels[span.start] = base + 3;
            continue;
        }
        labels[span.start] = base;
        for label in &mut labels[span.start + 1..span.end - 1] {
            *label = base + 1;
        }
        labels[span.end - 1] = base + 2;
    }
    labels
}

/// The BIO tag of a label: `B` and `U` begin, `I` and `L` continue.
pub(crate) fn label_tag(label: usize) -> Tag {
    if label == 0 || label >= LABEL_COUNT {
        return Tag::Outside;
    }
    let kind = EntityKind::ALL[(label - 1) / 4];
    match (label - 1) % 4 {
        0 | 3 => Tag::Begin(kind),
        _ => Tag::Inside(kind),
    }
}

/// The entity kind of a label, as a number `0..4`, or 4 for `O`.
pub(crate) const fn label_kind(label: usize) -> usize {
    if label == 0 {
        4
    } else {
        (label - 1) / 4
    }
}

/// Whether `label` may follow `prev`: inside an open entity (after `B-X` or `I-X`) only
/// `I-X` or `L-X`; elsewhere only `O`, `B-` or `U-`.
pub(crate) const fn label_may_follow(label: usize, prev: Option<usize>) -> bool {
    let continues = label != 0 && matches!((label - 1) % 4, 1 | 2);
    match prev {
        Some(p) if p != 0 && (p - 1) % 4 < 2 => continues && label_kind(label) == label_kind(p),
        _ => !continues,
    }
}

/// An entity as a run of tokens: `tokens[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenSpan {
    /// Index of the first token.
    pub start: usize,
    /// Index one past the last token.
    pub end: usize,
    /// What the entity is.
    pub kind: EntityKind,
}

/// The entities in a tag sequence, read as conlleval reads them: an entity starts at `B-X`,
/// or at an `I-X` that does not continue an `X` (so ill-formed gold data is scored the same
/// way as by the reference script), and ends where the kind changes or `O`/`B-` comes.
pub fn token_spans(tags: &[Tag]) -> Vec<TokenSpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Tag::Inside(k), Some((_, o))) if k == o);
        if continues {
            continue;
        }
        if let Some((start, kind)) = open.take() {
            spans.push(TokenSpan {
                start,
                end: i,
                kind,
            });
        }
        open = tag.kind().map(|kind| (i, kind));
    }
    if let Some((start, kind)) = open {
        spans.push(TokenSpan {
            start,
            end: tags.len(),
            kind,
        });
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_round_trip() {
        for i in 0..TAG_COUNT {
            let tag = Tag::from_index(i).unwrap();
            assert_eq!(tag.index(), i);
            assert_eq!(Tag::from_conll(&tag.to_string()), Some(tag));
        }
        assert_eq!(Tag::from_index(TAG_COUNT), None);
        assert_eq!(Tag::from_conll("X-PER"), None);
    }

    #[test]
    fn inside_only_continues_its_own_kind() {
        let per = EntityKind::Person;
        assert!(Tag::Inside(per).may_follow(Some(Tag::Begin(per))));
        assert!(Tag::Inside(per).may_follow(Some(Tag::Inside(per))));
        assert!(!Tag::Inside(per).may_follow(Some(Tag::Begin(EntityKind::Location))));
        assert!(!Tag::Inside(per).may_follow(None));
        assert!(Tag::Begin(per).may_follow(None));
    }

    #[test]
    fn bilou_round_trips() {
        let tags: Vec<Tag> = ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG"]
            .iter()
            .map(|t| Tag::from_conll(t).unwrap())
            .collect();
        let labels = to_labels(&tags);
        assert_eq!(labels, [1, 2, 3, 0, 12, 5, 7]);
        let back: Vec<Tag> = labels.iter().map(|&l| label_tag(l)).collect();
        assert_eq!(back, tags);
        for (i, &l) in labels.iter().enumerate() {
            assert!(label_may_follow(l, i.checked_sub(1).map(|j| labels[j])));
        }
        assert!(!label_may_follow(2, None));
        assert!(!label_may_follow(0, Some(1)));
        assert!(!label_may_follow(7, Some(1)));
    }

    #[test]
    fn spans_follow_conlleval() {
        let tags: Vec<Tag> = ["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]
            .iter()
            .map(|t| Tag::from_conll(t).unwrap())
            .collect();
        let spans = token_spans(&tags);
        let got: Vec<(usize, usize, &str)> = spans
            .iter()
            .map(|s| (s.start, s.end, s.kind.conll()))
            .collect();
        assert_eq!(
            got,
            [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")]
        );
    }
}
