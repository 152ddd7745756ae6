//! Unit tests of the comparison on small stories written for them.

use crosscheck_analyze::Analyzer;
use crosscheck_model::{Analysis, Article, ArticleId, Credit, CreditKind};

use super::*;
use crate::align::{clauses, quoted_ranges};

fn articles(texts: &[(&str, &str)]) -> (Vec<Article>, Vec<Analysis>) {
    let articles: Vec<Article> = texts
        .iter()
        .map(|(outlet, t)| {
            let mut a = Article::new(ArticleId::of_text(t), t.to_string());
            a.outlet = Some(outlet.to_string());
            a
        })
        .collect();
    let analyses = articles
        .iter()
        .map(|a| Analyzer::default().analyze(a))
        .collect();
    (articles, analyses)
}

fn run(articles: &[Article], analyses: &[Analysis]) -> Comparison {
    let pairs: Vec<_> = articles.iter().zip(analyses).collect();
    compare(&story(&pairs))
}

#[test]
fn paraphrases_from_two_outlets_are_corroborated_once_per_origin() {
    let (a, an) = articles(&[
        ("lemonde.fr", "Flooding killed 12 people in the northern city of Mosul on Monday. The mayor visited shelters. Rescue teams from Baghdad arrived by helicopter."),
        ("theguardian.com", "Twelve people died when floods hit the northern city of Mosul. Schools will stay closed this week. The governor asked for federal aid."),
    ]);
    let c = run(&a, &an);
    assert_eq!(c.independent, 2);
    let corroborated: Vec<_> = c.corroborated().collect();
    assert_eq!(corroborated.len(), 1, "{:#?}", c.statements);
    assert!(corroborated[0].1.text.contains("Mosul"));
    let single: Vec<_> = c.single_source().map(|(_, s)| s.text.as_str()).collect();
    assert!(single.iter().any(|t| t.contains("Baghdad")), "{single:?}");
    assert!(
        !single.iter().any(|t| t.contains("mayor")),
        "no name: commentary, left out"
    );
}

#[test]
fn a_reprint_of_one_origin_counts_once() {
    let text = "Flooding killed 12 people in the northern city of Mosul on Monday, officials said.";
    let mut a = Article::new(ArticleId::of_text(text), text.to_string());
    a.outlet = Some("bbc.com".into());
    let rewrite =
        "Floods killed 12 people in the northern city of Mosul on Monday, officials said.";
    let mut b = Article::new(ArticleId::of_text(rewrite), rewrite.to_string());
    b.credits = vec![Credit::new(
        CreditKind::Origin,
        "bbc.com",
        "Original Source: www.bbc.com",
    )];
    let an: Vec<Analysis> = [&a, &b]
        .iter()
        .map(|x| Analyzer::default().analyze(x))
        .collect();
    let c = run(&[a, b], &an);
    assert_eq!(c.independent, 1);
    assert_eq!(c.corroborated().count(), 0);
    assert!(c.statements.iter().any(|s| s.citations.len() == 2));
}

#[test]
fn a_denial_by_another_party_is_a_dispute() {
    let (a, an) = articles(&[
        ("lemonde.fr", "Israel's army said its troops clashed with Hezbollah fighters near the border village of Aita."),
        ("theguardian.com", "Lebanese officials denied that any clashes with Israeli troops took place near Aita. The border was quiet, residents said."),
    ]);
    let c = run(&a, &an);
    assert_eq!(c.disputes.len(), 1, "{:#?}", c.statements);
    let d = &c.disputes[0];
    assert_eq!(d.affirmed_by.party.as_deref(), Some("Israel"));
    assert_eq!(d.denied_by.party.as_deref(), Some("Lebanon"));
    assert_eq!(
        c.corroborated().count(),
        0,
        "a denial does not corroborate the claim"
    );
}

#[test]
fn bounds_in_one_article_combine_and_agree_with_an_estimate() {
    let (a, an) = articles(&[
        ("lemonde.fr", "Officials say at least 300 people were evacuated, and some reports put it at up to 400."),
        ("theguardian.com", "About 350 people were evacuated from the valley, the governor said."),
    ]);
    let c = run(&a, &an);
    let n = c
        .numbers
        .iter()
        .find(|n| n.reports.len() == 2)
        .expect("one finding with two reports");
    assert!(n.consistent);
    assert_eq!(n.range, Some([300.0, 400.0]));
    assert_eq!(n.origins, 2);
}

#[test]
fn every_citation_is_a_real_span() {
    let (a, an) = articles(&[
        (
            "lemonde.fr",
            "“We will rebuild,” Mayor Ana Lopez said after the storm hit Valencia on Tuesday.",
        ),
        (
            "theguardian.com",
            "Mayor Lopez promised that “we will rebuild” the city of Valencia after the storm.",
        ),
    ]);
    let c = run(&a, &an);
    let by_id: HashMap<&ArticleId, &Article> = a.iter().map(|x| (&x.id, x)).collect();
    let check = |cit: &Citation| {
        assert_eq!(
            cit.span.slice(&by_id[&cit.article].text),
            Some(cit.text.as_str())
        );
    };
    c.statements
        .iter()
        .flat_map(|s| &s.citations)
        .for_each(check);
    c.quotes.iter().flat_map(|q| &q.quotes).for_each(check);
}

#[test]
fn clauses_split_at_punctuation_and_conjunctions() {
    let c = clauses("Troops fired on soldiers in Kursk — where forces invaded, officials said");
    assert_eq!(
        c,
        vec![
            "Troops fired on soldiers in Kursk —",
            " ",
            "where forces invaded,",
            " officials said"
        ]
        .into_iter()
        .filter(|x| !x.trim().is_empty())
        .collect::<Vec<_>>()
    );
}

#[test]
fn counts_of_one_outcome_that_cannot_both_hold_conflict() {
    let (a, an) = articles(&[
        ("lemonde.fr", "Police said 12 people were killed when the bridge collapsed in Genoa. Rescuers searched the river."),
        ("theguardian.com", "Hospital officials in Genoa said at least 30 people were killed in the collapse. Some 200 people were injured."),
    ]);
    let c = run(&a, &an);
    let killed: Vec<_> = c.numbers.iter().filter(|n| n.reports.len() == 2).collect();
    assert_eq!(killed.len(), 1, "{:#?}", c.numbers);
    assert!(!killed[0].consistent);
    assert_eq!(killed[0].conflicts, vec![[0, 1]]);
    assert!(
        c.numbers
            .iter()
            .any(|n| n.reports.len() == 1 && n.what.contains("people")),
        "the injured are another count"
    );
}

#[test]
fn a_government_denial_of_a_strike_is_a_dispute() {
    let (a, an) = articles(&[
        ("kyivindependent.com", "Ukrainian officials said Russian missiles struck a children's hospital in Kyiv on Monday, killing two people. Rescuers worked through the night."),
        ("tass.ru", "Russia's defence ministry denied that its missiles struck the hospital in Kyiv, blaming Ukrainian air defence. The ministry said its strikes hit military targets."),
    ]);
    let c = run(&a, &an);
    assert!(!c.disputes.is_empty(), "{:#?}", c.statements);
    let d = &c.disputes[0];
    assert_eq!(d.affirmed_by.party.as_deref(), Some("Ukraine"));
    assert_eq!(d.denied_by.party.as_deref(), Some("Russia"));
}

#[test]
fn a_negation_inside_a_quote_or_against_the_narration_is_no_dispute() {
    let (a, an) = articles(&[
        ("lemonde.fr", "The river flooded the old town of Passau on Monday, the mayor said. Water reached the market square of the old town by noon."),
        ("theguardian.com", "“We did not expect the river to flood the old town of Passau so fast,” said Mayor Jürgen Dupper. Police said the water did not reach the market square of the old town."),
    ]);
    let c = run(&a, &an);
    assert!(c.disputes.is_empty(), "{:#?}", c.disputes);
}

#[test]
fn quoted_ranges_cover_text_between_quote_marks() {
    let s = "``We did not go,'' he said, and “no” was all.";
    let none = Analyzer::default().analyze(&Article::new(ArticleId::of_text(""), String::new()));
    let ranges = quoted_ranges(
        s,
        Span {
            start: 0,
            end: s.len(),
        },
        &none,
        0,
    );
    let inside = |w: &str| ranges.iter().any(|r| r.contains(&s.find(w).unwrap()));
    assert!(inside("not") && inside("no”"));
    assert!(!inside("said") && !inside("all"));
}

#[test]
fn a_group_named_by_reference_is_resolved() {
    let (a, an) = articles(&[(
        "reuters.com",
        "Foreign ministers from the Group of Seven met in Rome on Monday to discuss the war. “This would signal a dangerous escalation of the conflict,” the ministers said in a statement. Their statement added that the transfer violates U.N. resolutions.",
    )]);
    let c = run(&a, &an);
    let speakers: Vec<&str> = c.quotes.iter().map(|q| q.speaker.name.as_str()).collect();
    assert!(
        speakers.iter().any(|s| s.contains("Group of Seven")),
        "{speakers:?}"
    );
    assert!(!speakers
        .iter()
        .any(|s| s.eq_ignore_ascii_case("the ministers")));
    let added = c
        .statements
        .iter()
        .find(|s| s.text.starts_with("Their statement"))
        .expect("the statement sentence");
    assert!(
        added.attribution.name.contains("Group of Seven"),
        "{added:?}"
    );
}

#[test]
fn the_summary_covers_what_several_articles_share_without_repeating_it() {
    let (a, an) = articles(&[
        ("apnews.com", "A magnitude 7.1 earthquake struck off the coast of Hokkaido early on Tuesday, damaging ports and roads. Fishing boats in the harbor of Kushiro were overturned by the waves. The prime minister promised emergency funds for the affected towns."),
        ("reuters.com", "A strong earthquake struck off the coast of Hokkaido on Tuesday, damaging ports and roads across the island. Local schools closed for the day while engineers inspected the buildings. Tsunami warnings were lifted by the afternoon after waves of one metre."),
        ("nhk.or.jp", "An earthquake struck off the coast of Hokkaido on Tuesday morning, damaging ports and roads. Tsunami warnings were lifted in the afternoon after waves of about one metre reached the shore. A concert in Sapporo was postponed until next month."),
    ]);
    let c = run(&a, &an);
    assert!((3..=5).contains(&c.summary.len()), "{:?}", c.summary);
    let first = &c.statements[c.summary[0]];
    assert!(first.text.contains("Hokkaido"), "{first:?}");
    assert!(first.origins.len() >= 2, "{first:?}");
    let quakes = c
        .summary
        .iter()
        .filter(|&&i| c.statements[i].text.contains("struck off the coast"))
        .count();
    assert_eq!(quakes, 1, "one statement of the quake, not three");
}
