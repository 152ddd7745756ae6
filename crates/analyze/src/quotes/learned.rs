//! Attributions the rules miss: the learned scorer ([`super::cue_model`], trained on PolNeAR
//! train by `train-cues`) picks cue words outside every rule-found quote, and the rules'
//! source finders build each one's source (before the cue, or after it) and content.

use std::sync::LazyLock;

use crosscheck_model::{Quote, Sentence, Span};

use super::cue_model::{candidate, features, fnv, hash, stem, suffix, tokens, Model, Token};
use super::indirect::{content_start, words, MIN_CONTENT_WORDS};
use super::lexicon::PRONOUNS;
use super::source;
use super::source::lower_in;

/// The shipped model (`model/cues.bin`).
static MODEL: LazyLock<Model> =
    LazyLock::new(|| Model::from_bytes(include_bytes!("../../model/cues.bin")));

/// Least score a word needs to be taken as a cue (tuned for attribution F1 on PolNeAR train,
/// a model trained on half the documents scoring the other half).
const THRESHOLD: f32 = 0.0;

/// Least score of the word's own features for the attribution to be built and scored: the
/// built attribution's features rarely add more than 20 (on PolNeAR train, raising the bar to
/// here changes no attribution), and building is most of the cost.
const GATE: f32 = THRESHOLD - 20.0;

/// What the rules' quotes cover, absolute: each quote's content, with its speaker and the
/// words between when the speaker is in the same sentence.
fn hulls(sentences: &[Sentence], quotes: &[Quote]) -> Vec<Span> {
    quotes
        .iter()
        .map(|q| {
            let near = q.speaker_span.filter(|s| {
                sentences
                    .get(q.sentence)
                    .is_some_and(|st| st.span.start <= s.start && s.end <= st.span.end + 200)
            });
            match near {
                Some(s) => Span::new(s.start.min(q.span.start), s.end.max(q.span.end)),
                None => q.span,
            }
        })
        .collect()
}

/// Whether token `i` of a sentence starting at byte `offset` may be a cue: a candidate word
/// outside every span already `covered` by a quote.
fn open_candidate(
    sentence: &str,
    toks: &[Token<'_>],
    i: usize,
    offset: usize,
    covered: &[Span],
) -> bool {
    let at = offset + toks[i].start;
    candidate(sentence, toks, i) && !covered.iter().any(|c| c.start <= at && at < c.end)
}

/// Adds the attributions of the cues the model takes outside `quotes`.
pub(super) fn add(text: &str, sentences: &[Sentence], quotes: &mut Vec<Quote>) {
    if MODEL.is_empty() {
        return;
    }
    let mut covered = hulls(sentences, quotes);
    let mut feats = Vec::new();
    for (index, s) in sentences.iter().enumerate() {
        let sentence = &text[s.span.start..s.span.end];
        let toks = tokens(sentence);
        for i in 0..toks.len() {
            if !open_candidate(sentence, &toks, i, s.span.start, &covered) {
                continue;
            }
            feats.clear();
            features(sentence, &toks, i, &mut feats);
            let word = MODEL.score(&feats);
            if word < GATE {
                continue;
            }
            let Some((speaker, content)) = build(sentence, &toks, i) else {
                continue;
            };
            feats.clear();
            built_features(sentence, &toks, i, speaker, content, &mut feats);
            if word + MODEL.score(&feats) < THRESHOLD {
                continue;
            }
            let cue = sentence[toks[i].start..toks[i].end].to_string();
            let abs = |(a, b): (usize, usize)| Span::new(s.span.start + a, s.span.start + b);
            let (speaker, content) = (abs(speaker), abs(content));
            covered.push(Span::new(
                speaker.start.min(content.start),
                speaker.end.max(content.end),
            ));
            quotes.push(Quote {
                span: content,
                sentence: index,
                direct: false,
                speaker: speaker.slice(text).map(str::to_string),
                speaker_span: Some(speaker),
                speaker_name: None,
                cue: Some(cue),
            });
        }
    }
}

/// Source, content (sentence-relative byte ranges) and cue text of the cue at token `i`: the
/// source before the cue and the clause after it ("Trump mocked the plan"), or the words
/// before the source when nothing follows ("The plan fails, he wagered."); the source after
/// the cue when none stands before it ("..., wagered Smith.").
fn build(sentence: &str, toks: &[Token<'_>], i: usize) -> Option<((usize, usize), (usize, usize))> {
    let cue = &toks[i];
    let end = sentence
        .trim_end()
        .trim_end_matches(['.', '!', '?', '”', '"', ' '])
        .len()
        .max(cue.end);
    let rest = &sentence[cue.end..end];
    if let Some((s, e)) = source::before(&sentence[..cue.start])
        .filter(|&(s, e)| e > s && words(&sentence[e..cue.start]) <= MAX_WORDS_BETWEEN)
    {
        let from = cue.end + content_start(rest);
        let from = end
            - sentence[from..end]
                .trim_start_matches(['“', '"', ' '])
                .len();
        if from < end && words(&sentence[from..end]) >= MIN_CONTENT_WORDS {
            return Some(((s, e), (from, end)));
        }
        let content = before_source(sentence, s)?;
        return Some(((s, e), content));
    }
    let (s, e, closes) = source::after(rest)?;
    let tail = words(&rest[e..]);
    if !closes || tail > MAX_WORDS_BETWEEN {
        return None;
    }
    let content = before_source(sentence, cue.start)?;
    Some(((cue.end + s, cue.end + e), content))
}

/// Features of the attribution [`build`] made of the cue at token `i`: what its source is
/// (a pronoun, a name, another noun phrase; how long), where its content stands and how it
/// opens, each also with the cue word.
fn built_features(
    sentence: &str,
    toks: &[Token<'_>],
    i: usize,
    speaker: (usize, usize),
    content: (usize, usize),
    out: &mut Vec<u32>,
) {
    let source = &sentence[speaker.0..speaker.1];
    let first = source.split_whitespace().next().unwrap_or("");
    let kind = if lower_in(first, PRONOUNS) && !source.contains(' ') {
        "pron"
    } else if first.starts_with(char::is_uppercase) {
        "name"
    } else {
        "np"
    };
    let length = match words(source) {
        0..=1 => "1",
        2 => "2",
        3..=4 => "3",
        _ => "5",
    };
    let side = if content.0 > toks[i].start {
        if speaker.0 > toks[i].start {
            "after-inverted"
        } else {
            "after"
        }
    } else {
        "before"
    };
    let opens = sentence[content.0..content.1]
        .split_whitespace()
        .next()
        .map_or("", |w| match w {
            "that" | "That" => "that",
            "to" => "to",
            w if w.starts_with(['“', '"']) => "quote",
            w if w.starts_with(char::is_uppercase) => "cap",
            _ => "word",
        });
    let long = match words(&sentence[content.0..content.1]) {
        0..=3 => "short",
        4..=9 => "mid",
        _ => "long",
    };
    let w = toks[i].lower.as_ref();
    let last = source
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    let gap = words(&sentence[speaker.1.min(toks[i].start)..toks[i].start]).min(3);
    let gap = ["0", "1", "2", "3"][gap];
    let (st, last, suffix2) = (fnv(stem(w)), fnv(&last), suffix(w, 2));
    let (kind, length, side, opens, long, gap) = (
        fnv(kind),
        fnv(length),
        fnv(side),
        fnv(opens),
        fnv(long),
        fnv(gap),
    );
    let w = toks[i].hash;
    out.extend([
        hash(40, &[kind]),
        hash(41, &[kind, length]),
        hash(42, &[side]),
        hash(43, &[opens]),
        hash(44, &[long]),
        hash(45, &[w, kind]),
        hash(46, &[w, side]),
        hash(47, &[w, opens]),
        hash(48, &[side, opens, kind]),
        hash(49, &[gap]),
        hash(50, &[fnv(&first.to_lowercase())]),
        hash(52, &[st, kind]),
        hash(53, &[st, side]),
        hash(54, &[last]),
        hash(55, &[last, st]),
        hash(51, &[kind, fnv(suffix2)]),
    ]);
}

/// Most words between a source and its cue ("has also", "on Tuesday").
const MAX_WORDS_BETWEEN: usize = 2;

/// The words before a source or cue at `at` as content, when a comma, dash or closing mark
/// sets them off, without it and the opening mark: `“The plan fails,” he wagered`.
fn before_source(sentence: &str, at: usize) -> Option<(usize, usize)> {
    let lead = sentence[..at].trim_end();
    if !lead.ends_with([',', '—', '–', '”', '"', ':']) {
        return None;
    }
    let head = lead.trim_end_matches([' ', ',', '—', '–', '”', '"', ':']);
    let start = head.len() - head.trim_start_matches(['“', '"', ' ']).len();
    (words(&head[start..]) >= MIN_CONTENT_WORDS).then_some((start, head.len()))
}

/// A gold attribution for training: its cue, source and content, absolute byte spans.
pub type GoldCue = (Span, Span, Span);

/// Training examples of one article: each candidate word outside the rules' `quotes` that
/// [`build`] makes an attribution of, and whether that attribution matches a gold one the
/// rules missed (its source and content overlap the gold ones).
pub(super) fn examples(
    text: &str,
    sentences: &[Sentence],
    quotes: &[Quote],
    gold: &[GoldCue],
    out: &mut Vec<(Vec<u32>, bool)>,
) {
    let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
    let missed: Vec<&GoldCue> = gold
        .iter()
        .filter(|g| {
            !quotes
                .iter()
                .any(|q| overlaps(q.span, g.2) && q.speaker_span.is_some_and(|s| overlaps(s, g.1)))
        })
        .collect();
    let covered = hulls(sentences, quotes);
    for s in sentences {
        let sentence = &text[s.span.start..s.span.end];
        let toks = tokens(sentence);
        for i in 0..toks.len() {
            if !open_candidate(sentence, &toks, i, s.span.start, &covered) {
                continue;
            }
            let Some((speaker, content)) = build(sentence, &toks, i) else {
                continue;
            };
            let mut f = Vec::new();
            features(sentence, &toks, i, &mut f);
            built_features(sentence, &toks, i, speaker, content, &mut f);
            let abs = |(a, b): (usize, usize)| Span::new(s.span.start + a, s.span.start + b);
            let (speaker, content) = (abs(speaker), abs(content));
            let label = missed
                .iter()
                .any(|g| overlaps(g.1, speaker) && overlaps(g.2, content));
            out.push((f, label));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(sentence: &str, word: &str) -> Option<(String, String, String)> {
        let toks = tokens(sentence);
        let i = toks
            .iter()
            .position(|t| &sentence[t.start..t.end] == word)?;
        let (s, c) = build(sentence, &toks, i)?;
        Some((
            sentence[s.0..s.1].to_string(),
            sentence[c.0..c.1].to_string(),
            sentence[toks[i].start..toks[i].end].to_string(),
        ))
    }

    fn quotes(text: &str) -> (Vec<Quote>, Vec<Quote>) {
        let (sentences, _) = crate::sentences::split(text);
        let rules = super::super::by_rules(text, &sentences);
        (rules, super::super::find(text, &sentences))
    }

    #[test]
    fn the_model_takes_cues_the_rules_miss() {
        // Verbs outside the cue lexicon, in sentences unlike the training articles'.
        for (text, speaker, cue) in [
            (
                "Critics see the plan as a giveaway to donors.",
                "Critics",
                "see",
            ),
            (
                "The mayor scoffed at the idea of new taxes.",
                "The mayor",
                "scoffed",
            ),
        ] {
            let (rules, all) = quotes(text);
            assert!(rules.is_empty(), "{text}: {rules:?}");
            assert_eq!(all.len(), 1, "{text}: {all:?}");
            assert_eq!(all[0].speaker.as_deref(), Some(speaker));
            assert_eq!(all[0].cue.as_deref(), Some(cue));
        }
        for text in [
            "The senator ate lunch with his staff.",
            "The company opened stores in Ohio.",
            "The governor vetoed the bill on Friday.",
        ] {
            assert!(quotes(text).1.is_empty(), "{text}");
        }
    }

    #[test]
    fn attributions_around_a_cue() {
        let (s, c, cue) = built("Senator Smith mocked the plan as a giveaway.", "mocked").unwrap();
        assert_eq!(
            (s.as_str(), c.as_str(), cue.as_str()),
            ("Senator Smith", "the plan as a giveaway", "mocked")
        );
        let (s, c, _) = built("The plan will fail, he wagered.", "wagered").unwrap();
        assert_eq!((s.as_str(), c.as_str()), ("he", "The plan will fail"));
        assert!(built("Rain mocked.", "mocked").is_none());
    }
}
