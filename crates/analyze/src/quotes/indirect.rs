//! Indirect attributions, found around each cue of a sentence: "X said (that) ...",
//! "X, a professor, told reporters ...", "..., officials said.", "..., said X.", "according to
//! X, ...". A cue inside quotation marks attributes nothing; participles ("..., adding ...")
//! end the clause before them.

use crosscheck_model::{Quote, Sentence, Span};

use super::lexicon::is_weekday;
use super::source::{self, CUE};
use super::Speaker;
use super::{label, poll, stance};

/// Fewest words reported content has.
pub(super) const MIN_CONTENT_WORDS: usize = 2;

/// One attribution under construction, in sentence-relative bytes.
pub(super) struct Found {
    pub(super) speaker: (usize, usize),
    pub(super) cue: String,
    /// Where the source and cue stand: content never runs into it.
    pub(super) claim: (usize, usize),
    pub(super) content: (usize, usize),
    /// A reporting noun ("Trump's claim that ..."): its own attribution even within another's
    /// content, as it names the claim the outer source speaks about.
    pub(super) noun: bool,
}

/// The indirect attributions of one sentence. `quoted` are the sentence-relative ranges inside
/// quotation marks.
pub(super) fn find(
    text: &str,
    s: &Sentence,
    index: usize,
    quoted: &[(usize, usize)],
    out: &mut Vec<Quote>,
) {
    let sentence = &text[s.span.start..s.span.end];
    let inside = |pos: usize| quoted.iter().any(|&(a, b)| a <= pos && pos < b);
    let mut found: Vec<Found> = Vec::new();
    // Clause breaks a content stops at: participles' commas.
    let mut stops: Vec<usize> = Vec::new();
    // Conjunctions opening a verb that shares an earlier subject.
    let mut joins: Vec<usize> = Vec::new();
    for c in CUE.captures_iter(sentence) {
        let m = c.get(0).expect("match");
        // Inside a quote, or part of a word ("self-described", "so-called"), or a modifier
        // after a determiner ("her pledged delegates", "the proposed rule", "a talk show").
        if inside(m.start())
            || sentence[..m.start()].ends_with('-')
            || modifier(&sentence[..m.start()])
        {
            continue;
        }
        let that = c.name("that").is_some();
        if that && !(stance::is_verb(m.as_str()) && stance::opens_clause(&sentence[m.end()..])) {
            continue;
        }
        let progressive = source::is_participle(&c) && {
            let lead = sentence[..m.start()].trim_end();
            [
                "is", "are", "was", "were", "been", "am", "'re", "’re", "'s", "’s",
            ]
            .iter()
            .any(|aux| lead.ends_with(aux))
        };
        if source::is_participle(&c) && !progressive {
            let lead = sentence[..m.start()].trim_end();
            // "with 22 percent saying ...", "GOP primary voters saying ...": a plural or a share
            // right before the participle speaks.
            let counted = !lead.ends_with(',')
                && source::before(lead).is_some_and(|(sa, sb)| {
                    let head = sentence[sa..sb].rsplit(' ').next().unwrap_or("");
                    !inside(sa)
                        && (head.eq_ignore_ascii_case("percent")
                            || head.len() > 3
                                && head.ends_with('s')
                                && !head.ends_with("ss")
                                && head.starts_with(char::is_lowercase))
                });
            if counted {
                if let Some((sa, sb)) = source::before(lead) {
                    let rest = &sentence[m.end()..];
                    found.push(Found {
                        speaker: (sa, sb),
                        cue: m.as_str().to_string(),
                        claim: (sa, m.end()),
                        content: (m.end() + content_start(rest), sentence.len()),
                        noun: false,
                    });
                }
            }
            // The comma may close a quote: `..., “this race,” adding that ...`.
            let lead = lead.trim_end_matches(['”', '"', '\'', '’']);
            if let Some(clause) = lead.strip_suffix(',') {
                stops.push(clause.len());
                // "He dismissed the critique, saying ...": the clause's subject speaks, or the
                // source of the attribution before it in the sentence.
                let speaker = source::participle_speaker(clause)
                    .filter(|&(sa, _)| !inside(sa))
                    .or_else(|| {
                        found
                            .iter()
                            .rev()
                            .find(|f| f.claim.1 <= m.start())
                            .map(|f| f.speaker)
                    });
                if let Some((sa, sb)) = speaker {
                    let rest = &sentence[m.end()..];
                    let start = m.end() + content_start(rest);
                    found.push(Found {
                        speaker: (sa, sb),
                        cue: m.as_str().to_string(),
                        claim: (m.start(), m.end()),
                        content: (start, sentence.len()),
                        noun: false,
                    });
                }
            }
            continue;
        }
        let mut cue = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        if that {
            cue.truncate(cue.len() - " that".len());
        }
        let rest = &sentence[m.end()..];
        let prefix = &sentence[..m.start()];
        if c.name("acc").is_some() {
            let Some((a, b, _)) = source::after(rest).or_else(|| source::after_plain(rest)) else {
                continue;
            };
            let (sa, sb) = (m.end() + a, m.end() + b);
            let lead = prefix.trim_end().trim_end_matches(',').trim_end();
            let content = if lead.split_whitespace().count() < MIN_CONTENT_WORDS {
                let tail = &sentence[sb..];
                let skip = tail.len() - tail.trim_start_matches([',', ' ']).len();
                (sb + skip, sentence.len())
            } else {
                (clause_start(lead), lead.len())
            };
            found.push(Found {
                speaker: (sa, sb),
                cue,
                claim: (m.start(), sb),
                content,
                noun: false,
            });
            continue;
        }
        // "..., said Mr. Bartels, a member of ..." — the source after the cue.
        if prefix.trim_end().ends_with(',') && !source::aside_before(prefix) {
            if let Some((a, b, true)) = source::after(rest) {
                let lead = prefix.trim_end().trim_end_matches(',').trim_end();
                found.push(Found {
                    speaker: (m.end() + a, m.end() + b),
                    cue,
                    claim: (m.start(), m.end() + b),
                    content: (clause_start(lead), lead.len()),
                    noun: false,
                });
                continue;
            }
        }
        // "They are saying ...": the auxiliary stands between source and cue.
        let prefix = if progressive {
            let lead = prefix.trim_end();
            let aux = lead.rfind([' ', '\'', '’']).map_or(0, |i| i);
            &prefix[..aux]
        } else {
            prefix
        };
        let Some((sa, sb)) = source::before_or_shared(prefix) else {
            continue;
        };
        // "Wilson praised the plan and said ...": the verb shares the clause's subject, and the
        // earlier verb's content stops at the conjunction.
        if source::before(prefix).is_none() {
            let lead = prefix.trim_end();
            joins.push(lead.rfind(' ').map_or(0, |i| i + 1));
        }
        if !agrees(&sentence[sa..sb], &cue) {
            continue;
        }
        if inside(sa) {
            continue;
        }
        let skip = if that {
            rest.len() - rest.trim_start().len()
        } else {
            content_start(rest)
        };
        let after = (m.end() + skip, sentence.len());
        // "said Wednesday he agrees": the time is not said.
        let after = if that {
            after
        } else {
            let timed = &sentence[after.0..];
            let untimed = stance::after_time(timed);
            if untimed.len() < timed.len() && !stance::opens_adverbial(untimed) {
                (sentence.len() - untimed.len(), after.1)
            } else {
                after
            }
        };
        let after_text = &sentence[after.0..after.1];
        let pauses = rest
            .trim_start()
            .starts_with([',', '.', ';', ')', '!', '?']);
        // "said in a statement." places the saying; "reported at least six planes ..." does not;
        // nor does the listener of "told POLITICO earlier this week."
        let heard = listener(&cue, after_text);
        // "said Wednesday he agrees ...": a clause after the time is what was said.
        let untimed = stance::after_time(&after_text[heard..]);
        let placed = (heard > 0 || adverbial(after_text))
            && (words(&after_text[heard..]) == 0 || adverbial(&after_text[heard..]))
            && (words(untimed) == 0 || stance::opens_adverbial(untimed))
            && words(after_text) <= 6;
        let lead = sentence[..sa].trim_end();
        // "Overall, she said, a number of ...": the source and cue stand inside the content.
        let parenthetical = rest.trim_start().starts_with(',')
            && lead.ends_with(',')
            && !CUE
                .find(&rest[1..])
                .is_some_and(|c| rest[1..c.start()].trim().is_empty())
            && words(&rest[1..]) > MIN_CONTENT_WORDS
            && !rest[1..].trim_end().ends_with([',', ':']);
        let content = if parenthetical {
            let lead = lead.trim_end_matches(',').trim_end();
            found.push(Found {
                speaker: (sa, sb),
                cue,
                claim: (sa, m.end()),
                content: (clause_start(lead), sentence.len()),
                noun: false,
            });
            continue;
        } else if !pauses && words(after_text) >= 1 && !placed {
            after
        } else {
            // "..., officials said." — the content before the source.
            let lead = sentence[..sa].trim_end();
            if !lead.ends_with(',') {
                continue;
            }
            let lead = lead.trim_end_matches(',').trim_end();
            (clause_start(lead), lead.len())
        };
        found.push(Found {
            speaker: (sa, sb),
            cue,
            claim: (sa, m.end()),
            content,
            noun: false,
        });
    }
    if let Some(f) = label::find(text, s) {
        found.push(f);
    }
    found.extend(
        poll::find(sentence)
            .into_iter()
            .filter(|f| !inside(f.claim.0)),
    );
    for c in source::POSSESSIVE.captures_iter(sentence) {
        let (m, sp, cue) = (
            c.get(0).expect("match"),
            c.name("sp").expect("source"),
            c.name("cue").expect("cue"),
        );
        if inside(m.start())
            || found
                .iter()
                .any(|f| f.claim.0 <= m.start() && m.start() < f.claim.1)
        {
            continue;
        }
        // The possessor without its "'s"; the content runs to the clause's end.
        let possessor = sp.as_str().trim_end_matches("'s").trim_end_matches("’s");
        let end = sentence[m.end()..]
            .find([',', ';', '.', '—'])
            .map_or(sentence.len(), |i| m.end() + i);
        found.push(Found {
            speaker: (sp.start(), sp.start() + possessor.len()),
            cue: cue.as_str().to_string(),
            claim: (sp.start(), m.end()),
            content: (m.end(), end),
            noun: true,
        });
    }
    let claims: Vec<(usize, usize)> = found.iter().map(|f| f.claim).collect();
    // A claim opening another attribution's content is reported within it, and PolNeAR-style
    // attribution gives its words to the outer one alone: "Simmons said [he thought Obama had
    // no shot]", "FALLIN: [I think any candidate ...]".
    let opens = |f: &Found, a: usize| {
        f.claim.1 <= f.content.0
            && f.content.0 <= a
            && a < f.content.1
            && !separates(&sentence[f.content.0..a])
    };
    let nested: Vec<bool> = found
        .iter()
        .map(|f| {
            found.iter().any(|g| {
                !f.noun && g.claim != f.claim && opens(g, f.claim.0) && !opens(f, g.claim.0)
            })
        })
        .collect();
    for (f, nested) in found.into_iter().zip(nested) {
        if nested {
            continue;
        }
        let (start, mut end) = f.content;
        // A relative clause's words end at its comma: "Sanders, who endorsed Clinton, said".
        let relative = ["who", "which"].contains(&&sentence[f.speaker.0..f.speaker.1]);
        if relative && f.claim.1 <= start {
            if let Some(comma) = sentence[start..end].find(", ") {
                end = start + comma;
            }
        }
        // Content stops before another attribution's source and cue, or a participle.
        for &(a, _) in claims.iter().filter(|&&c| c != f.claim) {
            if a > start && a < end && (f.claim.1 > start || separates(&sentence[start..a])) {
                end = a;
            }
        }
        for &p in stops.iter().chain(&joins) {
            if p > start && p < end {
                end = p;
            }
        }
        // A stray mark ends it too.
        if let Some((p, _)) = sentence[start..end]
            .match_indices(['“', '”', '"'])
            .find(|&(p, _)| !inside(start + p))
        {
            end = start + p;
        }
        let raw = &sentence[start..end];
        let body = raw.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        let lead = raw.len() - body.len();
        let body = body
            .trim_end()
            .trim_end_matches(|c: char| ".,;:—–".contains(c) || c.is_whitespace())
            .trim_end_matches([' ', ','])
            .trim_end();
        let body = strip_trailing_conjunction(body);
        if words(body) < MIN_CONTENT_WORDS && !(words(body) == 1 && stance::single_object(body)) {
            continue;
        }
        let base = s.span.start;
        let speaker = Speaker::new(&sentence[f.speaker.0..f.speaker.1], base + f.speaker.0);
        out.push(Quote {
            span: Span::new(base + start + lead, base + start + lead + body.len()),
            sentence: index,
            direct: false,
            speaker: Some(speaker.text),
            speaker_span: Some(speaker.span),
            speaker_name: None,
            cue: Some(f.cue),
        });
    }
}

/// Whether the word before a cue makes it a noun or an adjective: a determiner or a
/// possessive pronoun ("the proposed rule", "her pledged delegates").
fn modifier(before: &str) -> bool {
    let Some(last) = before.split_whitespace().next_back() else {
        return false;
    };
    before.ends_with(char::is_whitespace)
        && [
            "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those",
            "this",
        ]
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w))
}

/// Whether the words after a cue say where or when, not what: "said in a statement", "said
/// Wednesday morning on MSNBC".
fn adverbial(s: &str) -> bool {
    let first = s
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.']);
    [
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "of",
        "about",
        "by",
        "with",
        "for",
        "today",
        "yesterday",
        "tonight",
        "earlier",
        "later",
        "last",
        "late",
        "recently",
        "this",
    ]
    .iter()
    .any(|w| first.eq_ignore_ascii_case(w))
        || is_weekday(first)
}

/// The bytes of the listener opening `after` a cue that takes one ("told POLITICO", "told
/// reporters", "told him"): a pronoun, a plural, or capitalised words; 0 when there is none.
fn listener(cue: &str, after: &str) -> usize {
    if !["told", "tells", "tell", "assured", "reminded", "informed"].contains(&cue) {
        return 0;
    }
    let mut end = 0;
    for word in after.split_inclusive(char::is_whitespace) {
        let w = word.trim_end().trim_end_matches([',', '.']);
        let name = w.starts_with(char::is_uppercase) && !adverbial(w);
        let object = end == 0
            && [
                "me",
                "him",
                "her",
                "them",
                "us",
                "you",
                "reporters",
                "supporters",
            ]
            .contains(&w);
        if !(name || object) {
            break;
        }
        end += word.len();
        if object || w.len() < word.trim_end().len() {
            break;
        }
    }
    end
}

/// A bare verb ("show", "say") does not follow a singular subject ("a talk show host"): there
/// the cue word is a noun.
fn agrees(source: &str, cue: &str) -> bool {
    const BARE: &[&str] = &[
        "say", "show", "think", "know", "believe", "argue", "suggest", "agree", "hope", "fear",
        "claim", "insist", "tell", "write", "expect",
    ];
    let bare = BARE.contains(&cue);
    let first = source.split_whitespace().next().unwrap_or("");
    let head = source.split_whitespace().next_back().unwrap_or("");
    // "a wide array of economists say": the head decides.
    let plural_head = head.len() > 3 && head.ends_with('s') && !head.ends_with("ss");
    let singular = ["a", "an", "one", "this", "that", "another", "each", "every"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w))
        && !plural_head;
    !(bare && singular)
}

/// Whether the words between a content's start and another claim close a clause of their own
/// ("the plan works; Pence said ...", "it works, but aides say ..."), so the claim is not
/// reported within the content.
fn separates(between: &str) -> bool {
    words(between) > 0
        && (between.contains([';', ':', '—', '–', '(', ')'])
            || [
                ", and ",
                ", but ",
                " but ",
                ", while ",
                " while ",
                " whereas ",
                ", as ",
                ", though ",
            ]
            .iter()
            .any(|w| between.contains(w))
            || between.trim_end().ends_with(','))
}

pub(super) fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// " and" / " but" left at the end of a clause cut before another attribution.
fn strip_trailing_conjunction(s: &str) -> &str {
    for tail in [
        " and",
        " but",
        " while",
        " as",
        " because",
        " though",
        " although",
        " so",
        " when",
    ] {
        if let Some(head) = s.strip_suffix(tail) {
            return head.trim_end_matches([' ', ',']);
        }
    }
    s
}

/// Where the clause ending at `lead`'s end starts: after a lead-in like "On Tuesday," only
/// when what follows is long; else the sentence start.
fn clause_start(lead: &str) -> usize {
    lead.len() - lead.trim_start().len()
}

/// Where the reported clause starts after a cue: after a "that" within the next few words
/// ("told reporters on Tuesday that ..."), else right after the cue.
pub(super) fn content_start(rest: &str) -> usize {
    const MAX_WORDS_BEFORE_THAT: usize = 8;
    let mut pos = 0;
    for (i, word) in rest.split_inclusive(char::is_whitespace).enumerate() {
        if i > MAX_WORDS_BEFORE_THAT || word.contains(['.', ';', '“', '"']) {
            break;
        }
        pos += word.len();
        // A verb before it makes "that" a pronoun: "would resemble that of its parent"; another
        // cue's "that" is its own ("said the plan works, adding that ...").
        let w = word.trim();
        if source::is_clause_word(w) || CUE.find(w).is_some_and(|m| m.len() == w.len()) {
            break;
        }
        if word.trim() == "that" {
            let next = rest[pos..].split_whitespace().next().unwrap_or("");
            if ["of", "is", "was", "in", "for", "to"].contains(&next) {
                break;
            }
            return pos;
        }
    }
    rest.len() - rest.trim_start().len()
}
