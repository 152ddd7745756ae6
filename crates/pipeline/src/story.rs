//! A story read back from the store and worked out: its members with their analyses, their
//! origin groups (crosscheck-origins) and the entities the story is about.

use std::collections::HashMap;

use crosscheck_analyze::names;
use crosscheck_model::{Analysis, EntityKind, Span};
use crosscheck_origins::{Member, Origins};
use crosscheck_store::{Store, StoreError, StoredArticle, StoryChange};

/// Most entities a story summary keeps.
const TOP_ENTITIES: usize = 6;

/// A story's members, oldest first, each with its analysis and how many inputs carried it.
pub struct Story {
    /// The members.
    pub members: Vec<(StoredArticle, Option<Analysis>, usize)>,
}

impl Story {
    /// Reads story `id` from the store.
    pub fn load(store: &Store, id: u64) -> Result<Story, StoreError> {
        let mut members = Vec::new();
        for (stored, seen) in store.story_members(id)? {
            let analysis = store.analysis(&stored.article.id)?;
            members.push((stored, analysis, seen));
        }
        Ok(Story { members })
    }

    /// Analyses the members stored without an analysis (stored before analyses were kept).
    pub fn analyse_missing(&mut self) {
        let analyzer = crosscheck_analyze::Analyzer::default();
        for (stored, analysis, _) in &mut self.members {
            if analysis.is_none() {
                *analysis = Some(analyzer.analyze(&stored.article));
            }
        }
    }

    /// What the members say, compared across their origins (members without an analysis
    /// are left out: call [`Story::analyse_missing`] first).
    pub fn compare(&self) -> crosscheck_compare::Comparison {
        let origins = self.origins();
        let mut placed: HashMap<&crosscheck_model::ArticleId, (usize, &str, &str)> = HashMap::new();
        for (g, group) in origins.groups.iter().enumerate() {
            for m in &group.members {
                placed.insert(&m.article, (g, &group.label, &m.why));
            }
        }
        let articles: Vec<crosscheck_compare::StoryArticle<'_>> = self
            .members
            .iter()
            .filter_map(|(stored, analysis, _)| {
                let article = &stored.article;
                let (origin, label, why) = placed.get(&article.id).copied()?;
                Some(crosscheck_compare::StoryArticle {
                    article,
                    analysis: analysis.as_ref()?,
                    origin,
                    origin_label: label.to_string(),
                    origin_why: why.to_string(),
                })
            })
            .collect();
        crosscheck_compare::compare(&articles)
    }

    /// The origin groups of the members.
    pub fn origins(&self) -> Origins {
        let spans: Vec<Vec<Span>> = self
            .members
            .iter()
            .map(|(_, an, _)| {
                an.iter()
                    .flat_map(|a| a.sentences.iter().map(|s| s.span))
                    .collect()
            })
            .collect();
        let members: Vec<Member<'_>> = self
            .members
            .iter()
            .zip(&spans)
            .map(|((stored, _, seen), sentences)| {
                let a = &stored.article;
                Member {
                    outlet: a.outlet.as_deref(),
                    url: a.url.as_deref(),
                    credits: &a.credits,
                    sentences,
                    near_duplicate_of: stored.duplicate_of.as_ref(),
                    copies: seen.saturating_sub(1),
                    ..Member::new(&a.id, &a.text)
                }
            })
            .collect();
        crosscheck_origins::trace(&members)
    }

    /// The people, organisations and places most members mention, most first (by the
    /// number of members naming them, then by name), variants merged.
    pub fn top_entities(&self) -> Vec<String> {
        let mut counts: HashMap<String, (usize, HashMap<&str, usize>)> = HashMap::new();
        for analysis in self.members.iter().filter_map(|(_, an, _)| an.as_ref()) {
            let mut seen = std::collections::HashSet::new();
            for e in &analysis.entities {
                if e.kind == EntityKind::Other {
                    continue;
                }
                let key = names::key(e.country.as_deref().unwrap_or(&e.name));
                if key.is_empty() || !seen.insert(key.clone()) {
                    continue;
                }
                let entry = counts.entry(key).or_default();
                entry.0 += 1;
                *entry
                    .1
                    .entry(e.country.as_deref().unwrap_or(&e.name))
                    .or_default() += 1;
            }
        }
        let mut ranked: Vec<(usize, String)> = counts
            .into_values()
            .map(|(n, spellings)| {
                let name = spellings
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                    .map_or(String::new(), |(s, _)| s.to_string());
                (n, name)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked
            .into_iter()
            .take(TOP_ENTITIES)
            .map(|(_, n)| n)
            .collect()
    }

    /// The summary change to save for story `id`.
    pub fn summary(&self, id: u64) -> StoryChange {
        StoryChange::Summary {
            story: id,
            independent: self.origins().independent,
            entities: self.top_entities(),
        }
    }
}
