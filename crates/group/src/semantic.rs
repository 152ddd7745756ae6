//! Optional semantic similarity: when articles carry sentence embeddings (see
//! [`Doc::embedding`](crate::Doc)), a story keeps the sum of its articles' embeddings and
//! the join score blends their cosine with the lexical one. The vectors come from outside
//! (the CLI's `embeddings` feature); this crate only adds and compares them.

use crosscheck_model::Article;

use crate::GroupConfig;

/// Characters of an article's body that [`embedding_text`] takes after its title: the lead,
/// where the event is told (the model reads 256 tokens at most anyway).
const LEAD_CHARS: usize = 600;

/// What to embed of an article: its title and the lead of its body (cut at a sentence or
/// word end near [`LEAD_CHARS`]), the title once even when the body repeats it.
pub fn embedding_text(article: &Article) -> String {
    let body = article.text.trim();
    let title = article.title.as_deref().map(str::trim).unwrap_or_default();
    let body = body.strip_prefix(title).map_or(body, str::trim_start);
    let lead = if body.len() <= LEAD_CHARS {
        body
    } else {
        let mut end = LEAD_CHARS;
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        let cut = &body[..end];
        // Prefer the last sentence end in the second half of the cut, else a word end.
        let sentence = cut
            .rfind(['.', '!', '?', '\n'])
            .filter(|&i| i > LEAD_CHARS / 2)
            .map(|i| i + 1);
        &cut[..sentence.or_else(|| cut.rfind(' ')).unwrap_or(end)]
    };
    match (title.is_empty(), lead.is_empty()) {
        (true, _) => lead.to_string(),
        (false, true) => title.to_string(),
        (false, false) => format!("{title}\n{lead}"),
    }
}

/// The join score of an article with a story: the lexical score alone when the weight is 0
/// or either side has no embedding, else `(1 - w) * lexical + w * semantic`, where semantic
/// is the embedding cosine rescaled so `embedding_floor` (what unrelated news scores) maps
/// to 0 and 1 stays 1.
pub(crate) fn blend(
    config: &GroupConfig,
    lexical: f32,
    article: Option<&[f32]>,
    story: Option<&[f32]>,
) -> f32 {
    let w = config.embedding_weight.clamp(0.0, 1.0);
    let (Some(a), Some(s)) = (article, story) else {
        return lexical;
    };
    if w == 0.0 {
        return lexical;
    }
    let floor = config.embedding_floor.clamp(0.0, 0.99);
    let semantic = ((cosine(a, s) - floor) / (1.0 - floor)).clamp(0.0, 1.0);
    (1.0 - w) * lexical + w * semantic
}

/// Adds `add` to a story's embedding sum (the first embedding starts it; vectors of another
/// length are ignored).
pub(crate) fn accumulate(sum: &mut Option<Vec<f32>>, add: Option<&[f32]>) {
    let Some(add) = add.filter(|a| !a.is_empty()) else {
        return;
    };
    match sum {
        Some(s) if s.len() == add.len() => s.iter_mut().zip(add).for_each(|(x, y)| *x += y),
        Some(_) => {}
        None => *sum = Some(add.to_vec()),
    }
}

/// Cosine of two vectors; 0 when either is zero or their lengths differ.
fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum();
    let nb: f32 = b.iter().map(|x| x * x).sum();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na.sqrt() * nb.sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Doc, Grouper};
    use crosscheck_model::ArticleId;

    #[test]
    fn a_zero_weight_or_a_missing_vector_leaves_the_lexical_score() {
        let off = GroupConfig::default();
        assert_eq!(off.embedding_weight, 0.0);
        assert_eq!(blend(&off, 0.3, Some(&[1.0, 0.0]), Some(&[1.0, 0.0])), 0.3);
        let on = GroupConfig {
            embedding_weight: 0.5,
            embedding_floor: 0.2,
            ..GroupConfig::default()
        };
        assert_eq!(blend(&on, 0.3, None, Some(&[1.0, 0.0])), 0.3);
        assert_eq!(blend(&on, 0.3, Some(&[1.0, 0.0]), None), 0.3);
        // Identical vectors: semantic 1, so halfway between 0.3 and 1.
        let same = blend(&on, 0.3, Some(&[1.0, 0.0]), Some(&[2.0, 0.0]));
        assert!((same - 0.65).abs() < 1e-6, "{same}");
        // Below the floor counts as nothing.
        let apart = blend(&on, 0.3, Some(&[1.0, 0.0]), Some(&[0.0, 1.0]));
        assert!((apart - 0.15).abs() < 1e-6, "{apart}");
    }

    #[test]
    fn sums_start_add_and_ignore_other_lengths() {
        let mut sum = None;
        accumulate(&mut sum, None);
        assert_eq!(sum, None);
        accumulate(&mut sum, Some(&[1.0, 2.0]));
        accumulate(&mut sum, Some(&[0.5, 0.5]));
        accumulate(&mut sum, Some(&[9.0]));
        assert_eq!(sum, Some(vec![1.5, 2.5]));
    }

    fn doc(n: u8, words: &str, embedding: &[f32]) -> Doc {
        let mut terms: Vec<(String, f32)> =
            words.split(' ').map(|w| (w.to_string(), 1.0)).collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        Doc {
            id: ArticleId::from_string(format!("{n:016x}")),
            time: None,
            terms,
            embedding: Some(embedding.to_vec()),
            leads: Vec::new(),
        }
    }

    #[test]
    fn embeddings_join_what_words_alone_keep_apart() {
        // One shared word of five: lexically below the threshold, semantically the same.
        let docs = [
            doc(1, "quake peru rubble rescuers coast", &[0.6, 0.8, 0.0]),
            doc(2, "quake tremor andes lima shook", &[0.62, 0.78, 0.0]),
            doc(3, "quake bakery cake flour oven", &[0.0, 0.0, 1.0]),
        ];
        let run = |weight: f32| {
            let mut g = Grouper::new(GroupConfig {
                embedding_weight: weight,
                ..GroupConfig::default()
            });
            docs.iter().map(|d| g.add(d).story).collect::<Vec<_>>()
        };
        let lexical = run(0.0);
        assert_ne!(lexical[0], lexical[1]);
        let blended = run(0.5);
        assert_eq!(blended[0], blended[1]);
        assert_ne!(blended[0], blended[2]);
        // Without vectors, a weight changes nothing.
        let mut g = Grouper::new(GroupConfig {
            embedding_weight: 0.5,
            ..GroupConfig::default()
        });
        let bare: Vec<_> = docs
            .iter()
            .map(|d| {
                g.add(&Doc {
                    embedding: None,
                    ..d.clone()
                })
                .story
            })
            .collect();
        assert_eq!(bare, lexical);
    }

    #[test]
    fn the_text_is_the_title_and_the_lead() {
        let mut a = Article::new(
            ArticleId::of_text("x"),
            format!(
                "Quake hits Peru\n{}",
                "Rescuers dig through rubble. ".repeat(40)
            ),
        );
        a.title = Some("Quake hits Peru".into());
        let t = embedding_text(&a);
        assert!(t.starts_with("Quake hits Peru\nRescuers"), "{t}");
        assert_eq!(t.matches("Quake hits Peru").count(), 1);
        assert!(t.ends_with("rubble."), "{t}");
        assert!(t.len() <= "Quake hits Peru\n".len() + LEAD_CHARS);
        a.text = String::new();
        assert_eq!(embedding_text(&a), "Quake hits Peru");
    }
}
