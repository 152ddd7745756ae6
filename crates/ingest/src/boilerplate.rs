//! Paragraph-level clean-up of an extracted article body. The extractor keeps whole blocks of
//! the page; these rules drop the paragraphs inside them that are page furniture rather than
//! article text: the headline and standfirst, teaser headings after the text, byline and date
//! lines, runs of links to other articles, and promotion lines (related links, newsletters,
//! "follow us").

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Selector};

use crate::markup::Block;

/// What the rules know about the page beyond the extracted blocks.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// The headline, as the page's metadata gives it.
    pub title: String,
    /// The texts of the page's links, as [`key`]s.
    pub anchors: HashSet<String>,
}

impl Page {
    pub fn of(doc: &Html, title: &str) -> Self {
        static A: LazyLock<Selector> = LazyLock::new(|| Selector::parse("a").unwrap());
        let anchors = doc
            .select(&A)
            .map(|a| key(&a.text().collect::<String>()))
            .filter(|k| !k.is_empty())
            .collect();
        Page {
            title: title.to_string(),
            anchors,
        }
    }
}

/// The article's paragraphs: `blocks` without the page furniture.
pub(crate) fn clean(blocks: Vec<Block>, page: &Page) -> Vec<String> {
    let blocks = drop_edge_headings(blocks);
    let keep = drop_link_runs(&blocks, page);
    let last = blocks.len().saturating_sub(1);
    blocks
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .filter(|(i, b)| !(*i < HEAD && is_title(&b.text, &page.title)))
        .filter(|(i, b)| !((*i < HEAD || *i == last) && is_dateline(&b.text)))
        .filter(|(_, b)| !is_promotion(&b.text))
        .map(|(_, b)| b.text)
        .collect()
}

/// How many paragraphs at the top may still be page header (headline, byline, date).
const HEAD: usize = 3;

/// Lower-case words joined by single spaces: how texts are compared.
fn key(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Headings before the first paragraph of text are the headline, kicker and standfirst, which
/// the article body (as people cut it) does not include; headings after the last one head
/// nothing, so they are teasers and sign-up boxes. Headings in between are kept.
fn drop_edge_headings(blocks: Vec<Block>) -> Vec<Block> {
    let Some(first) = blocks.iter().position(|b| !b.heading) else {
        return blocks;
    };
    let last = blocks.iter().rposition(|b| !b.heading).unwrap_or(first);
    blocks
        .into_iter()
        .skip(first)
        .take(last + 1 - first)
        .collect()
}

/// Three or more paragraphs in a row that are each the whole text of a link are a list of
/// other articles ("related", "more from"); single links in the text (shop links, a name)
/// stay.
fn drop_link_runs(blocks: &[Block], page: &Page) -> Vec<bool> {
    const MIN_RUN: usize = 3;
    let linked: Vec<bool> = blocks
        .iter()
        .map(|b| words(&b.text) >= 2 && page.anchors.contains(&key(&b.text)))
        .collect();
    let mut keep = vec![true; blocks.len()];
    let mut start = 0;
    while start < blocks.len() {
        let run = linked[start..].iter().take_while(|l| **l).count();
        if run >= MIN_RUN {
            keep[start..start + run].fill(false);
        }
        start += run.max(1);
    }
    keep
}

/// The headline repeated in the body, possibly without the site name that goes with it in the
/// metadata, or with a kicker ("BREAKING NEWS:") before it.
fn is_title(text: &str, title: &str) -> bool {
    const MIN_WORDS: usize = 4;
    const MAX_EXTRA: usize = 4;
    let (p, t) = (key(text), key(title));
    if p.is_empty() || t.is_empty() {
        return false;
    }
    let (pw, tw) = (words(&p), words(&t));
    p == t
        || (pw >= MIN_WORDS && (t.starts_with(&format!("{p} ")) || t.ends_with(&format!(" {p}"))))
        || (tw >= MIN_WORDS && pw <= tw + MAX_EXTRA && p.ends_with(&format!(" {t}")))
}

/// A short line with a date stamp, one that starts with a time or says "updated", or a
/// reading time. (A time inside a sentence is part of the story.)
fn is_dateline(text: &str) -> bool {
    const MAX_WORDS: usize = 12;
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)
            \b\d{1,2}/\d{1,2}/\d{2,4}\b
            | ^\d{1,2}:\d{2}\s*(am|pm|a\.m\.|p\.m\.)
            | ^(updated|published|posted|last\ updated)\b
            | ^(reading\ time|tempo\ de\ leitura)\b
            | ^\d+\ min(ute)?s?\ read$",
        )
        .unwrap()
    });
    words(text) <= MAX_WORDS && DATELINE.is_match(text)
}

/// Promotion of other pages and services: "Related: …", "Advertisement", newsletter boxes,
/// "Follow us on Twitter", "You may also like…".
fn is_promotion(text: &str) -> bool {
    const MAX_WORDS: usize = 30;
    static PROMO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)
            ^(advert|advertisement|sponsored|continue\ reading(\ below)?|read\ more
              |you\ (may|might)\ also\ like|related(\ (articles|stories|content|posts))?
              |more|see\ also|don'?t\ miss|most\ read.*|explore\ further|trending(\ now)?
              |top\ stories|more\ stories|read\ next|up\ next|recommended(\ for\ you)?
              |this\ slideshow\ requires\ javascript|thanks\ for\ (signing\ up|subscribing)
              |.*\bnewsletters?)\W*$
            | ^(related|see\ more|read\ more|also\ read|read\ also|also|watch|filed\ under)\s*:
            | ^(subscribe|sign\ up|get)\b.*\b(newsletters?|inbox)\b
            | \byour\ inbox\b
            | ^follow\b.*\b(twitter|facebook|instagram|youtube|coverage)\b
            | ^if\ you\ (enjoyed|liked)\ this\ (article|story|post)",
        )
        .unwrap()
    });
    // Shouted "CLICK HERE" lines are app and subscription adverts; a quiet "click here" may be
    // the article's own pointer to more information.
    let shouted_click = text.contains("CLICK HERE") && !text.chars().any(char::is_lowercase);
    words(text) <= MAX_WORDS && (shouted_click || PROMO.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Block {
        Block {
            text: text.to_string(),
            heading: false,
        }
    }

    fn h(text: &str) -> Block {
        Block {
            text: text.to_string(),
            heading: true,
        }
    }

    const BODY: &str = "The minister said on Tuesday that talks would resume next week.";

    #[test]
    fn headings_around_the_text_go_inner_ones_stay() {
        let page = Page::default();
        let out = clean(
            vec![
                h("Headline"),
                h("A standfirst"),
                p(BODY),
                h("Section"),
                p(BODY),
            ],
            &page,
        );
        assert_eq!(out, [BODY, "Section", BODY]);
        assert_eq!(clean(vec![h("Only a heading")], &page), ["Only a heading"]);
    }

    #[test]
    fn repeated_title_goes() {
        let page = Page {
            title: "Troops clash near the border | Example News".into(),
            ..Page::default()
        };
        assert_eq!(
            clean(vec![p("Troops clash near the border"), p(BODY)], &page),
            [BODY]
        );
        let page = Page {
            title: "Example News | Troops clash near the border".into(),
            ..Page::default()
        };
        let out = clean(vec![p("Troops clash near the border"), p(BODY)], &page);
        assert_eq!(out, [BODY]);
        let page = Page {
            title: "Troops clash near the border".into(),
            ..Page::default()
        };
        let out = clean(
            vec![p("BREAKING: Troops clash near the border"), p(BODY)],
            &page,
        );
        assert_eq!(out, [BODY]);
        // The same words deep in the text are the text.
        let body = vec![p(BODY), p(BODY), p(BODY), p("Troops clash near the border")];
        assert_eq!(clean(body.clone(), &page).len(), 4);
    }

    #[test]
    fn datelines_go() {
        let page = Page::default();
        for line in [
            "5:45 AM PST 11/19/2019 by Patrick Shanley",
            "UPDATED: Tue., Nov. 19, 2019",
            "Tempo de leitura: 1 minuto",
        ] {
            assert_eq!(clean(vec![p(line), p(BODY)], &page), [BODY], "{line}");
        }
        assert_eq!(
            clean(vec![p(BODY), p("Updated at 1:23 p.m.")], &page),
            [BODY]
        );
        // A time inside the story stays.
        let story = "The girl was grabbed at 6:38 p.m. on Saturday.";
        assert_eq!(clean(vec![p(story), p(BODY)], &page).len(), 2);
    }

    #[test]
    fn link_runs_go_single_links_stay() {
        let mut page = Page::default();
        for a in [
            "Get it on Amazon",
            "Ten facts about stars",
            "Why the sky is blue",
            "Moons of Jupiter",
        ] {
            page.anchors.insert(key(a));
        }
        let out = clean(
            vec![
                p(BODY),
                p("Get it on Amazon"),
                p(BODY),
                p("Ten facts about stars"),
                p("Why the sky is blue"),
                p("Moons of Jupiter"),
            ],
            &page,
        );
        assert_eq!(out, [BODY, "Get it on Amazon", BODY]);
    }

    #[test]
    fn promotion_goes_text_stays() {
        for line in [
            "Advertisement",
            "Related: The 15 Weirdest Galaxies in Our Universe",
            "SEE MORE: Hong Kong protests: 800 students under siege",
            "You may also like...",
            "Most read in world news",
            "Subscribe to the Morning Review newsletter",
            "Keep an eye on your inbox for the latest sports news.",
            "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
            "CLICK HERE TO GET THE FOX NEWS APP",
            "Filed under: Politics |",
        ] {
            assert!(is_promotion(line), "{line}");
        }
        for line in [
            BODY,
            "More than 600,000 Israelis live in settlements.",
            "More information: G. Petit et al., Handbook of Life Support Systems",
            "Click here to get more information or download this game.",
            "You can also subscribe to this newsletter here — just tick the box.",
        ] {
            assert!(!is_promotion(line), "{line}");
        }
    }
}
