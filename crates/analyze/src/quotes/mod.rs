//! Quotes and attributed claims: direct quotes between quotation marks (whole or partial,
//! across sentences of a paragraph) and indirect ones ("X said (that) ...", "X, a professor,
//! told reporters ...", "..., officials said.", "according to X, ..."), each with its speaker
//! as written and its cue verb. A stray closing mark makes no quote; a quote without a cue in
//! its sentence takes the sentence's named subject, or continues the paragraph's speaker.
//!
//! No parser: cues come from a lexicon of reporting verbs ([`source`]), and the source is the
//! noun phrase next to the cue, found by scanning words for clause breaks.

mod cue_model;
mod direct;
mod indirect;
mod label;
mod learned;
mod lexicon;
mod poll;
mod source;
mod stance;
mod subject;

use crosscheck_model::{Quote, Sentence, Span};

use direct::NAMED;

/// A speaker found in the text.
#[derive(Clone)]
struct Speaker {
    text: String,
    span: Span,
}

impl Speaker {
    fn new(text: &str, at: usize) -> Self {
        Self {
            text: text.to_string(),
            span: Span::new(at, at + text.len()),
        }
    }
}

pub use learned::GoldCue;

/// The quotes of an article, in reading order.
pub fn find(text: &str, sentences: &[Sentence]) -> Vec<Quote> {
    let mut quotes = by_rules(text, sentences);
    learned::add(text, sentences, &mut quotes);
    finish(text, sentences, quotes)
}

/// Training examples for the learned cue scorer from articles with their gold attributions
/// (see `train-cues`): each word's features and whether it is a cue the rules missed.
pub fn cue_examples(docs: &[(String, Vec<GoldCue>)]) -> Vec<(Vec<u32>, bool)> {
    let mut examples = Vec::new();
    for (text, gold) in docs {
        let (sentences, _) = crate::sentences::split(text);
        let quotes = by_rules(text, &sentences);
        learned::examples(text, &sentences, &quotes, gold, &mut examples);
    }
    examples
}

/// Trains the learned cue scorer on [`cue_examples`]: the model's stored bytes.
pub fn train_cues(examples: &[(Vec<u32>, bool)], epochs: usize, prune: f32) -> Vec<u8> {
    cue_model::train(examples, epochs, prune)
}

/// A stored model's scores of examples.
pub fn cue_scores(model: &[u8], examples: &[(Vec<u32>, bool)]) -> Vec<f32> {
    let model = cue_model::Model::from_bytes(model);
    examples.iter().map(|(f, _)| model.score(f)).collect()
}

/// The rules' quotes, each with its speaker when one is written next to it.
fn by_rules(text: &str, sentences: &[Sentence]) -> Vec<Quote> {
    let pairs = direct::pairs(text);
    let mut quotes = direct::find(text, sentences, &pairs);
    let mut indirect = Vec::new();
    let mut quoted = Vec::new();
    let mut next_pair = 0;
    for (i, s) in sentences.iter().enumerate() {
        quoted.clear();
        while next_pair < pairs.len() && pairs[next_pair].3 <= s.span.start {
            next_pair += 1;
        }
        for &(open, _, _, close) in pairs[next_pair..].iter().take_while(|p| p.0 < s.span.end) {
            quoted.push((
                open.saturating_sub(s.span.start),
                close.min(s.span.end) - s.span.start,
            ));
        }
        indirect::find(text, s, i, &quoted, &mut indirect);
    }
    // A direct quote carries its own words: an indirect attribution over it only lends it a
    // speaker it lacks. When the quote has a speaker of its own, the reported words stop
    // where it opens: `Trump said the plan works. “It does,” Pence said.`
    let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
    for mut q in indirect {
        let mut covered = false;
        let span = q.span;
        for d in quotes
            .iter_mut()
            .filter(|d| d.direct && overlaps(d.span, span))
        {
            if d.speaker.is_none() {
                d.speaker.clone_from(&q.speaker);
                d.speaker_span = q.speaker_span;
                d.cue.clone_from(&q.cue);
            }
            if d.speaker_span == q.speaker_span || d.span.start <= q.span.start {
                covered = true;
            } else if !covered {
                let open = text[..d.span.start].trim_end_matches(['“', '"', '\'', ' ']);
                let end = open.trim_end_matches([',', ';', ':', '—', '.', ' ']).len();
                covered =
                    end <= q.span.start || text[q.span.start..end].split_whitespace().count() < 2;
                q.span.end = q.span.end.min(end);
            }
        }
        if !covered {
            quotes.push(q);
        }
    }
    quotes
}

/// Speakers continued from earlier quotes, unspoken scare quotes dropped, names resolved.
fn finish(text: &str, sentences: &[Sentence], mut quotes: Vec<Quote>) -> Vec<Quote> {
    quotes.sort_by_key(|q| q.span.start);
    // A quote still without a speaker continues the last one named in its paragraph or the
    // one before, an indirect attribution's too: `He said it was over.\n\n“We lost.”`
    let mut last: Option<(usize, String, Span)> = None;
    for q in &mut quotes {
        let paragraph = sentences.get(q.sentence).map_or(0, |s| s.paragraph);
        match (&q.speaker, q.speaker_span) {
            (Some(s), Some(span)) => last = Some((paragraph, s.clone(), span)),
            _ if q.direct => {
                if let Some((p, s, span)) = last.as_ref().filter(|l| paragraph <= l.0 + 1) {
                    q.speaker = Some(s.clone());
                    q.speaker_span = Some(*span);
                    last = Some((paragraph.max(*p), s.clone(), *span));
                }
            }
            _ => {}
        }
    }
    // A few quoted words nobody says are a title or a scare quote (“Cadillac tax”), not a
    // quote.
    const MIN_UNSPOKEN_WORDS: usize = 4;
    quotes.retain(|q| {
        q.speaker.is_some()
            || q.span
                .slice(text)
                .is_some_and(|s| s.split_whitespace().count() >= MIN_UNSPOKEN_WORDS)
    });
    quotes.sort_by_key(|q| q.span.start);
    for q in &mut quotes {
        q.speaker_name = q
            .speaker
            .as_deref()
            .zip(q.speaker_span)
            .and_then(|(s, span)| resolve(text, s, span.start));
    }
    quotes
}

const PRONOUNS: &[&str] = &["he", "she", "him", "her"];

/// The name a speaker refers to: itself when it is a name, else the nearest earlier name that
/// fits a pronoun ("he") or carries the role ("the president" → "President Zelenskiy").
fn resolve(text: &str, speaker: &str, at: usize) -> Option<String> {
    let lower = speaker.to_lowercase();
    let role = lower
        .strip_prefix("the ")
        .filter(|r| !r.contains(' ') && !r.ends_with('s'));
    if !PRONOUNS.contains(&lower.as_str()) && role.is_none() {
        // Already a name, or a group ("the ministers", "South Korean officials").
        let full_name = NAMED
            .find(speaker)
            .is_some_and(|m| m.len() == speaker.len());
        return (full_name && is_person_like(speaker)).then(|| speaker.to_string());
    }
    let before = &text[..at];
    NAMED
        .find_iter(before)
        .map(|m| m.as_str())
        .filter(|name| is_person_like(name))
        .filter(|name| role.is_none_or(|r| name.to_lowercase().split_whitespace().any(|w| w == r)))
        .last()
        .map(str::to_string)
}

/// Two or more capitalised words that do not name a place or a group: "Andriy Kovalenko",
/// "President Zelenskiy"; not "North Korean", "South Korean officials", "Security Council".
fn is_person_like(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or(name);
    let starts_upper = last.starts_with(char::is_uppercase);
    let institution = [
        "Council",
        "Ministry",
        "Department",
        "Agency",
        "Union",
        "Nations",
        "Forces",
        "Army",
        "Party",
        "Committee",
    ];
    starts_upper
        && crate::names::place(name).is_none()
        && crate::names::place(last).is_none()
        && !institution.contains(&last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(String, Option<String>, Option<String>, bool)> {
        let (sentences, _) = crate::sentences::split(text);
        find(text, &sentences)
            .into_iter()
            .map(|q| {
                (
                    q.span.slice(text).unwrap().to_string(),
                    q.speaker,
                    q.cue,
                    q.direct,
                )
            })
            .collect()
    }

    #[test]
    fn cue_after_the_quote() {
        let q = quotes("\u{201c}The first shelling has already taken place,\u{201d} said Andriy Kovalenko, head of the department.");
        assert_eq!(q[0].0, "The first shelling has already taken place");
        assert_eq!(q[0].1.as_deref(), Some("Andriy Kovalenko"));
        assert_eq!(q[0].2.as_deref(), Some("said"));
        let q = quotes("\u{201c}It would signal a dangerous escalation,\u{201d} the ministers said in a statement. \u{201d} he said.");
        assert_eq!(q.len(), 1, "the stray closing mark makes no quote: {q:?}");
        assert_eq!(q[0].1.as_deref(), Some("the ministers"));
    }

    #[test]
    fn partial_quotes_take_the_speaker_before_them() {
        let q = quotes("Ukrainian President Volodymyr Zelenskiy said the developments opened \u{201c}a new page of global instability.\u{201d}");
        assert_eq!(q[0].0, "a new page of global instability.");
        assert_eq!(
            q[0].1.as_deref(),
            Some("Ukrainian President Volodymyr Zelenskiy")
        );
        let q = quotes("South Korean officials have downplayed the encounters, asserting that there was no direct combat but rather an \u{201c}incident\u{201d} near the front.");
        assert_eq!(q[0].1.as_deref(), Some("South Korean officials"));
    }

    #[test]
    fn a_lone_quote_paragraph_continues_the_speaker() {
        let text = "In his nightly address, President Zelenskiy thanked allies, \u{201c}not just in words.\u{201d}\n\n\u{201c}The first battle opens a new chapter in global instability.\u{201d}";
        let q = quotes(text);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].1.as_deref(), Some("President Zelenskiy"));
        assert_eq!(q[1].1.as_deref(), Some("President Zelenskiy"));
        assert_eq!(q[1].2, None);
    }

    #[test]
    fn a_quote_with_words_before_its_cue_takes_the_local_speaker() {
        let text = "Nefzi said \u{201c}he has a problem.\u{201d}\n\n\u{201c}We teach nothing\u{201d} against it in the meetings, the imam said.";
        let (sentences, _) = crate::sentences::split(text);
        let q = find(text, &sentences);
        let second = q
            .iter()
            .find(|q| q.span.slice(text) == Some("We teach nothing"));
        let span = second
            .and_then(|q| q.speaker_span)
            .and_then(|s| s.slice(text));
        assert_eq!(span, Some("the imam"), "{q:?}");
    }

    #[test]
    fn a_second_verb_shares_the_first_verbs_subject() {
        let q = quotes("Sen. Rand Paul (R-Ky.) said the plan would cost money, and called him \u{201c}the leading proponent of amnesty.\u{201d}");
        let direct = q.iter().find(|q| q.3).expect("the direct quote");
        assert_eq!(direct.1.as_deref(), Some("Sen. Rand Paul"));
        assert_eq!(direct.2.as_deref(), Some("called"));
    }

    #[test]
    fn pronouns_and_roles_resolve_to_the_nearest_fitting_name() {
        let text = "Andriy Kovalenko, head of the department, spoke to reporters. He said troops fired on soldiers near Kursk.\n\nPresident Volodymyr Zelenskiy thanked allies. The president said that Ukraine \u{201c}must do everything to win.\u{201d}";
        let (sentences, _) = crate::sentences::split(text);
        let q = find(text, &sentences);
        assert_eq!(q[0].speaker.as_deref(), Some("He"));
        assert_eq!(q[0].speaker_name.as_deref(), Some("Andriy Kovalenko"));
        assert_eq!(q[1].speaker.as_deref(), Some("The president"));
        assert_eq!(
            q[1].speaker_name.as_deref(),
            Some("President Volodymyr Zelenskiy")
        );
        let q = quotes_named("Troops crossed the border, South Korean officials said.");
        assert_eq!(q, [None], "a group is not resolved to a person");
    }

    fn quotes_named(text: &str) -> Vec<Option<String>> {
        let (sentences, _) = crate::sentences::split(text);
        find(text, &sentences)
            .into_iter()
            .map(|q| q.speaker_name)
            .collect()
    }

    #[test]
    fn indirect_quotes() {
        let q =
            quotes("Another Kiev official said troops fired on North Korean soldiers in Kursk.");
        assert_eq!(
            q[0],
            (
                "troops fired on North Korean soldiers in Kursk".into(),
                Some("Another Kiev official".into()),
                Some("said".into()),
                false
            )
        );
        let q = quotes("Troops crossed the border overnight, officials said.");
        assert_eq!(q[0].0, "Troops crossed the border overnight");
        assert_eq!(q[0].1.as_deref(), Some("officials"));
        let q = quotes("According to the ministry, 11,000 troops are in the region.");
        assert_eq!(q[0].1.as_deref(), Some("the ministry"));
        assert_eq!(q[0].0, "11,000 troops are in the region");
        assert!(quotes("The weather was cold and the roads were closed.").is_empty());
        let q =
            quotes("Kovalenko told reporters on Tuesday that the shelling had begun near Kursk.");
        assert_eq!(q[0].0, "the shelling had begun near Kursk");
        let q =
            quotes("While Ukraine claims it has fought these units, the reality is more complex.");
        assert_eq!(q[0].1.as_deref(), Some("Ukraine"));
        let q = quotes("Ukraine has reported its first clashes with North Korean troops.");
        assert_eq!(q[0].1.as_deref(), Some("Ukraine"));
    }

    /// (speaker, content) pairs of a text.
    fn attributed(text: &str) -> Vec<(String, String)> {
        quotes(text)
            .into_iter()
            .map(|(content, speaker, _, _)| (speaker.unwrap_or_default(), content))
            .collect()
    }

    #[test]
    fn sources_with_appositives_titles_and_parentheses() {
        let q = attributed("Nefzi, a chemistry professor and a member of the board, said he never saw Mateen at the mosque.");
        assert_eq!(
            q,
            [("Nefzi".into(), "he never saw Mateen at the mosque".into())]
        );
        let q = attributed("Sen. Jack Reed (D-R.I.) said he had not read the plan.");
        assert_eq!(q[0].0, "Sen. Jack Reed");
        let q =
            attributed("\u{201c}This will appear in some ad,\u{201d} said pollster Frank Luntz.");
        assert_eq!(q[0].0, "pollster Frank Luntz");
        let q = attributed("In an interview, Steve Huhn, a former vice president, said Fiorina was heavily involved.");
        assert_eq!(q[0].0, "Steve Huhn");
    }

    #[test]
    fn content_before_or_after_the_cue() {
        let q = attributed(
            "Ryan and Trump will meet next week, Spicer said, adding that the talks were set.",
        );
        assert_eq!(
            q[0],
            ("Spicer".into(), "Ryan and Trump will meet next week".into())
        );
        let q = attributed(
            "Germany should expand its military quickly, said Mr. Bartels, a member of the party.",
        );
        assert_eq!(
            q[0],
            (
                "Mr. Bartels".into(),
                "Germany should expand its military quickly".into()
            )
        );
        let q = attributed("CNN reported at least six planes filled the skies.");
        assert_eq!(
            q[0],
            ("CNN".into(), "at least six planes filled the skies".into())
        );
        let q = attributed("They are saying his vote is a signal.");
        assert_eq!(q[0], ("They".into(), "his vote is a signal".into()));
        let q = attributed("About three in 10 said they prefer a liberal agenda.");
        assert_eq!(q[0].1, "they prefer a liberal agenda");
    }

    #[test]
    fn stance_verbs_participles_and_reporting_nouns() {
        let q =
            attributed("At the debate Wednesday, Clinton blamed the fog of war for the failure.");
        assert_eq!(
            q[0],
            ("Clinton".into(), "the fog of war for the failure".into())
        );
        let q = attributed("He left the stage early, saying the polls were wrong.");
        assert!(
            q.contains(&("He".into(), "the polls were wrong".into())),
            "{q:?}"
        );
        let q = attributed("Cruz rejected Trump's claim that he had lied about the vote.");
        assert!(
            q.contains(&("Trump".into(), "he had lied about the vote".into())),
            "{q:?}"
        );
        assert!(attributed("The self-described socialist won the state.").is_empty());
        assert!(attributed(
            "With a pledged delegate deficit that large, Sanders is under pressure."
        )
        .is_empty());
        assert!(attributed("Bob, a talk show host, won the state.").is_empty());
    }

    #[test]
    fn claims_reported_within_a_content_are_its_words() {
        let q = attributed(
            "Ms. Gedrich said she thought she would use whatever tool was in front of her.",
        );
        assert_eq!(
            q,
            [(
                "Ms. Gedrich".into(),
                "she thought she would use whatever tool was in front of her".into()
            )]
        );
        let q = attributed("FALLIN: I think any candidate running for president should unite us.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].0, "FALLIN");
        let q = attributed("He calls for more spending; she says the deficit matters most.");
        assert_eq!(
            q.len(),
            2,
            "a clause of its own is not reported within: {q:?}"
        );
    }

    #[test]
    fn adverbials_and_expletives_are_no_subjects() {
        assert!(attributed("It was a \u{201c}disaster\u{201d} for everyone.").is_empty());
        assert!(attributed("Outside the hall, a \u{201c}socialist\u{201d} sign stood.").is_empty());
        let q = attributed("Clinton blamed the \u{201c}fog of war\u{201d} for it.");
        assert_eq!(q[0].0, "Clinton");
    }

    #[test]
    fn a_label_introduces_its_speaker() {
        let q = attributed(
            "Sanders: Clinton needs to drop the personality stuff.\n\nMore text follows here.",
        );
        assert_eq!(q[0].0, "Sanders");
        assert!(attributed("Update: The story was changed on Monday.").is_empty());
    }

    #[test]
    fn quotes_continue_their_speaker_in_the_paragraph() {
        let q = attributed("\u{201c}We won,\u{201d} she said. \u{201c}They lost.\u{201d}\n\n\u{201c}And I'm not being paid!\u{201d} LeVell declared.");
        let speakers: Vec<&str> = q.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(speakers, ["she", "she", "LeVell"]);
        let q = attributed("Priebus arrived late and acknowledged that he had only \u{201c}read the passages quickly.\u{201d}");
        assert_eq!(q[0].0, "Priebus");
    }

    #[test]
    fn reported_words_stop_where_another_speakers_quote_opens() {
        let q = attributed("Mr. Trump said having Mr. Putin on his side is a good development. ''Obama does not get along with Putin,'' he said.");
        assert!(
            q.contains(&(
                "Mr. Trump".into(),
                "having Mr. Putin on his side is a good development".into()
            )),
            "{q:?}"
        );
        assert!(
            q.iter().any(|(s, c)| s == "he" && c.starts_with("Obama")),
            "{q:?}"
        );
    }

    #[test]
    fn according_to_any_noun_phrase_and_parenthetical_cues() {
        let q = attributed("Whites without a degree made up 36 percent of the electorate, according to exit polls.");
        assert_eq!(q[0].0, "exit polls");
        let q = attributed(
            "In the end, Mr. Rosenthal said, union voters almost always vote Democratic.",
        );
        assert_eq!(q[0].0, "Mr. Rosenthal");
        assert!(
            q[0].1
                .ends_with("union voters almost always vote Democratic"),
            "{q:?}"
        );
        let q = attributed("Pivoting to deficit reduction too soon, a wide array of economists say, limited the recovery.");
        assert_eq!(q[0].0, "a wide array of economists");
    }

    #[test]
    fn listeners_times_and_demonstratives_are_not_the_content() {
        let q = attributed("The union will likely sit out the election, Phil Smith told POLITICO earlier this week.");
        assert_eq!(
            q[0],
            (
                "Phil Smith".into(),
                "The union will likely sit out the election".into()
            )
        );
        let q = attributed("In a note to staff, Zucker said HLN's coverage would resemble that of its parent network.");
        assert_eq!(q[0].0, "Zucker");
        assert!(q[0].1.starts_with("HLN's coverage"), "{q:?}");
    }

    #[test]
    fn subjects_with_shares_demonstratives_openers_and_appositives() {
        let q = attributed("Again, those surveyed said Trump was best able to handle the issue.");
        assert_eq!(q[0].0, "those surveyed");
        let q =
            attributed("Wealth-X keeps its finances a secret but says its business has tripled.");
        assert_eq!(q[0].0, "Wealth-X");
        let q = attributed("In the meeting, some senators vented about Sanders and said that they had lost patience.");
        assert_eq!(q[0].0, "some senators");
        let q = attributed("While Mike Huckabee, the former governor, proposed a plan and said Ryan should resign.");
        assert!(
            q.contains(&("Mike Huckabee".into(), "Ryan should resign".into())),
            "{q:?}"
        );
    }

    #[test]
    fn participles_continue_a_speaker() {
        let q = attributed("He said the plan works, adding that it is cheap.");
        assert_eq!(
            q,
            [
                ("He".into(), "the plan works".into()),
                ("He".into(), "it is cheap".into())
            ]
        );
        let q = attributed("\u{201c}There is a revolution here,\u{201d} Ramos said, referring to the growing Hispanic community.");
        assert!(
            q.contains(&("Ramos".into(), "to the growing Hispanic community".into())),
            "{q:?}"
        );
        let q = attributed(
            "Putin defended the troops, saying, \u{201c}We never said there were no people there.\u{201d}",
        );
        assert_eq!(q[0].0, "Putin");
        let q = quotes("Cruz said that there is \u{201c}only one conservative who can win this race,\u{201d} adding that it is why Trump \u{201c}relentlessly attacks us.\u{201d}");
        let cues: Vec<_> = q.iter().map(|q| (q.1.as_deref(), q.2.as_deref())).collect();
        assert_eq!(
            cues,
            [(Some("Cruz"), Some("said")), (Some("Cruz"), Some("adding"))]
        );
        let q =
            attributed("Graham came second, with 22 percent saying they would not support him.");
        assert_eq!(
            q,
            [("22 percent".into(), "they would not support him".into())]
        );
    }

    #[test]
    fn unspoken_quotes_continue_the_last_speaker_or_are_titles() {
        let q = attributed(
            "He said the vote was over.\n\n\u{201c}We lost it badly and we know why.\u{201d}",
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].0, "He", "{q:?}");
        assert!(attributed("The law's \u{201c}Cadillac tax\u{201d} was delayed again.").is_empty());
        // Not "plans to open": PolNeAR counts an intention as an attribution, and so may the
        // learned cue scorer.
        assert!(attributed("The company opened stores in Ohio.").is_empty());
    }
}
