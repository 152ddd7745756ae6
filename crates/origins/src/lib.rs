//! Origins: which articles of one story are really independent voices. Articles that copy
//! one another (near duplicates), reprint the same wire, credit the same original
//! ("Original Source: www.bbc.com"), come from the same outlet, or rewrite an earlier article
//! sentence by sentence without saying so, share an origin; a story's independent origins
//! are the groups that remain.
//!
//! ```
//! use crosscheck_model::{ArticleId, Credit, CreditKind};
//! use crosscheck_origins::{trace, Member};
//!
//! let (a, b) = (ArticleId::of_text("a"), ArticleId::of_text("b"));
//! let bbc = [Credit::new(CreditKind::Origin, "bbc.com", "Original Source: www.bbc.com")];
//! let members = [
//!     Member { id: &a, outlet: Some("BBC News"), ..Member::new(&a, "Troops clashed in Kursk.") },
//!     Member { credits: &bbc, ..Member::new(&b, "A rewrite of the report.") },
//! ];
//! let origins = trace(&members);
//! assert_eq!(origins.independent, 1);
//! ```

mod outlet;
pub mod similarity;

use crosscheck_model::{ArticleId, Credit, CreditKind, Span};
use serde::Serialize;

pub use outlet::outlet_key;
use similarity::Bag;

/// Two sentences at or above this similarity say the same thing in other words (Dice of
/// content words; calibrated on the MSR paraphrase corpus, see `crosscheck eval paraphrase`).
pub const PARAPHRASE_SIMILARITY: f64 = 0.5;
/// An article is an uncredited rewrite of an earlier one when at least this share of its
/// sentences paraphrase sentences of the earlier one.
pub const REWRITE_SHARE: f64 = 0.5;
/// Two articles crediting the same wire reprint the same copy when at least this share of the
/// shorter one's sentences paraphrase sentences of the other.
pub const WIRE_OVERLAP: f64 = 0.2;

/// One article of a story, as origin tracing sees it. Members are given oldest first.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    /// The article.
    pub id: &'a ArticleId,
    /// Its outlet, as named or as a domain.
    pub outlet: Option<&'a str>,
    /// Its address (its host names the outlet when `outlet` is missing).
    pub url: Option<&'a str>,
    /// Wire, origin and other credits.
    pub credits: &'a [Credit],
    /// The clean text.
    pub text: &'a str,
    /// Sentence spans of `text` (from the analysis); empty: lines of the text.
    pub sentences: &'a [Span],
    /// The stored article it nearly copies, if the store found one.
    pub near_duplicate_of: Option<&'a ArticleId>,
    /// Exact copies of it seen besides the first (more inputs with the same clean text).
    pub copies: usize,
}

impl<'a> Member<'a> {
    /// A member with only an id and a text.
    pub fn new(id: &'a ArticleId, text: &'a str) -> Self {
        Member {
            id,
            outlet: None,
            url: None,
            credits: &[],
            text,
            sentences: &[],
            near_duplicate_of: None,
            copies: 0,
        }
    }
}

/// Why an article belongs to its origin group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The first article of its group.
    Original,
    /// A near-duplicate copy of an article.
    NearDuplicate {
        /// The article it copies.
        of: ArticleId,
    },
    /// Credits an original outlet that another article of the group is from or credits too.
    CreditedRewrite {
        /// The credited outlet.
        origin: String,
    },
    /// Reprints the same wire copy as another article.
    SameWire {
        /// The wire.
        wire: String,
        /// The article carrying the same copy.
        of: ArticleId,
    },
    /// Published by the same outlet as another article of the group.
    SameOutlet {
        /// The outlet.
        outlet: String,
    },
    /// Most of its sentences paraphrase sentences of an earlier article.
    Rewrite {
        /// The earlier article.
        of: ArticleId,
        /// Share of its sentences that do.
        share: f64,
    },
}

impl Reason {
    /// A short human explanation: "same Reuters wire", "rewrite of 5c0f…".
    pub fn explain(&self) -> String {
        match self {
            Reason::Original => "original".into(),
            Reason::NearDuplicate { of } => format!("near-duplicate of {}", short(of)),
            Reason::CreditedRewrite { origin } => format!("credits {origin} as its source"),
            Reason::SameWire { wire, .. } => format!("same {wire} wire"),
            Reason::SameOutlet { outlet } => format!("same outlet ({outlet})"),
            Reason::Rewrite { of, share } => {
                format!(
                    "rewrite of {} ({:.0}% of sentences)",
                    short(of),
                    share * 100.0
                )
            }
        }
    }
}

fn short(id: &ArticleId) -> &str {
    &id.as_str()[..id.as_str().len().min(8)]
}

/// One article in its origin group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placed {
    /// The article.
    pub article: ArticleId,
    /// Why it is in the group.
    pub reason: Reason,
    /// [`Reason::explain`].
    pub why: String,
    /// Exact copies of it besides the first.
    pub copies: usize,
}

/// Articles that share one origin: one independent voice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OriginGroup {
    /// What the origin is: a credited outlet, a wire, an outlet, or the first article.
    pub label: String,
    /// Members oldest first; the first is the group's original as far as the story shows.
    pub members: Vec<Placed>,
}

/// The origins of one story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Origins {
    /// Articles, exact copies included.
    pub articles: usize,
    /// Independent origins: the number of groups.
    pub independent: usize,
    /// The groups, in the order of their first article.
    pub groups: Vec<OriginGroup>,
}

/// Groups the members of one story (oldest first) by origin.
pub fn trace(members: &[Member<'_>]) -> Origins {
    let bags: Vec<Vec<Bag>> = members.iter().map(sentence_bags).collect();
    let mut sets = Sets::new(members.len());
    let mut reasons = Vec::with_capacity(members.len());
    for i in 0..members.len() {
        let reason = link(members, &bags, i).map_or(Reason::Original, |(j, reason)| {
            sets.union(j, i);
            reason
        });
        reasons.push(reason);
    }
    collect(members, reasons, &mut sets)
}

/// The first reason linking member `i` to an earlier member, with that member.
fn link(members: &[Member<'_>], bags: &[Vec<Bag>], i: usize) -> Option<(usize, Reason)> {
    let m = &members[i];
    let earlier = &members[..i];
    if let Some(of) = m.near_duplicate_of {
        if let Some(j) = earlier.iter().position(|e| e.id == of) {
            return Some((j, Reason::NearDuplicate { of: of.clone() }));
        }
    }
    for credit in m.credits.iter().filter(|c| c.kind == CreditKind::Origin) {
        let key = outlet_key(&credit.name);
        let found = earlier.iter().position(|e| {
            own_outlet(e).as_deref() == Some(key.as_str()) || credits_origin(e, &key)
        });
        if let Some(j) = found {
            let origin = credit.name.clone();
            return Some((j, Reason::CreditedRewrite { origin }));
        }
    }
    for credit in m.credits.iter().filter(|c| c.kind == CreditKind::Wire) {
        let key = outlet_key(&credit.name);
        let found = (0..i).find(|&j| {
            let e = &members[j];
            let carries = own_outlet(e).as_deref() == Some(key.as_str())
                || e.credits
                    .iter()
                    .any(|c| c.kind == CreditKind::Wire && outlet_key(&c.name) == key);
            carries && overlap(&bags[i], &bags[j]) >= WIRE_OVERLAP
        });
        if let Some(j) = found {
            let wire = credit.name.clone();
            let of = members[j].id.clone();
            return Some((j, Reason::SameWire { wire, of }));
        }
    }
    if let Some(key) = own_outlet(m) {
        if let Some(j) = earlier
            .iter()
            .position(|e| own_outlet(e).as_deref() == Some(key.as_str()))
        {
            let outlet = m.outlet.map_or(key.clone(), str::to_string);
            return Some((j, Reason::SameOutlet { outlet }));
        }
    }
    let (j, share) = (0..i)
        .map(|j| (j, paraphrased_share(&bags[i], &bags[j])))
        .fold((0, 0.0), |best, c| if c.1 > best.1 { c } else { best });
    (share >= REWRITE_SHARE).then(|| {
        let of = members[j].id.clone();
        (j, Reason::Rewrite { of, share })
    })
}

fn own_outlet(m: &Member<'_>) -> Option<String> {
    m.outlet
        .or_else(|| m.url.and_then(outlet::host))
        .map(outlet_key)
        .filter(|k| !k.is_empty())
}

fn credits_origin(m: &Member<'_>, key: &str) -> bool {
    m.credits
        .iter()
        .any(|c| c.kind == CreditKind::Origin && outlet_key(&c.name) == key)
}

fn sentence_bags(m: &Member<'_>) -> Vec<Bag> {
    let bags: Vec<Bag> = if m.sentences.is_empty() {
        m.text.lines().map(Bag::of).collect()
    } else {
        m.sentences
            .iter()
            .filter_map(|s| s.slice(m.text))
            .map(Bag::of)
            .collect()
    };
    // A sentence of one or two content words ("He said.") paraphrases anything.
    bags.into_iter().filter(|b| b.len() >= 3).collect()
}

/// Share of `later`'s sentences that paraphrase a sentence of `earlier`.
pub fn paraphrased_share(later: &[Bag], earlier: &[Bag]) -> f64 {
    if later.is_empty() || earlier.is_empty() {
        return 0.0;
    }
    let hits = later
        .iter()
        .filter(|s| {
            earlier
                .iter()
                .any(|e| s.similarity(e) >= PARAPHRASE_SIMILARITY)
        })
        .count();
    hits as f64 / later.len() as f64
}

/// How much two articles share: the paraphrased share of the shorter one.
fn overlap(a: &[Bag], b: &[Bag]) -> f64 {
    if a.len() <= b.len() {
        paraphrased_share(a, b)
    } else {
        paraphrased_share(b, a)
    }
}

fn collect(members: &[Member<'_>], reasons: Vec<Reason>, sets: &mut Sets) -> Origins {
    let mut groups: Vec<OriginGroup> = Vec::new();
    let mut root_group: Vec<Option<usize>> = vec![None; members.len()];
    for (i, reason) in reasons.into_iter().enumerate() {
        let root = sets.find(i);
        let g = *root_group[root].get_or_insert_with(|| {
            groups.push(OriginGroup {
                label: String::new(),
                members: Vec::new(),
            });
            groups.len() - 1
        });
        groups[g].members.push(Placed {
            article: members[i].id.clone(),
            why: reason.explain(),
            reason,
            copies: members[i].copies,
        });
    }
    for group in &mut groups {
        group.label = label(members, group);
    }
    Origins {
        articles: members.iter().map(|m| 1 + m.copies).sum(),
        independent: groups.len(),
        groups,
    }
}

/// A group's name: the outlet its members credit, the wire they carry, the outlet of its
/// first article, or that article's id.
fn label(members: &[Member<'_>], group: &OriginGroup) -> String {
    let of = |id: &ArticleId| members.iter().find(|m| m.id == id);
    let firsts: Vec<&Member<'_>> = group
        .members
        .iter()
        .filter_map(|p| of(&p.article))
        .collect();
    let credited = |kind: CreditKind| {
        firsts.iter().find_map(|m| {
            let names: Vec<&str> = m
                .credits
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| c.name.as_str())
                .collect();
            (!names.is_empty()).then(|| names.join("/"))
        })
    };
    credited(CreditKind::Origin)
        .or_else(|| credited(CreditKind::Wire).map(|w| format!("{w} wire")))
        .or_else(|| firsts.iter().find_map(|m| m.outlet.map(str::to_string)))
        .or_else(|| {
            firsts
                .iter()
                .find_map(|m| m.url.and_then(outlet::host))
                .map(str::to_string)
        })
        .unwrap_or_else(|| format!("article {}", short(&group.members[0].article)))
}

/// Union-find over member indexes; the root of a set is its oldest member.
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn new(n: usize) -> Self {
        Sets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (keep, other) = (ra.min(rb), ra.max(rb));
        self.parent[other] = keep;
    }
}

#[cfg(test)]
mod tests;
