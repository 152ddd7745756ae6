//! Unit tests of the grouper (beside it, in their own file to keep `grouper.rs` short).

use super::*;
use crosscheck_model::ArticleId;

const DAY_SECS: i64 = 86_400;

fn doc(n: u32, day: Option<i64>, words: &str) -> Doc {
    let mut terms: Vec<(String, f32)> = words
        .split_whitespace()
        .map(|w| (w.to_string(), 1.0))
        .collect();
    terms.sort_by(|a, b| a.0.cmp(&b.0));
    terms.dedup_by(|a, b| a.0 == b.0);
    Doc {
        id: ArticleId::from_string(format!("{n:016x}")),
        time: day.map(|d| d * DAY_SECS),
        terms,
        embedding: None,
        leads: Vec::new(),
    }
}

/// Two events with some shared vocabulary, interleaved, plus filler so IDF means something.
fn stream() -> Vec<Doc> {
    let mut docs = Vec::new();
    for i in 0..6 {
        docs.push(doc(
            i * 2,
            Some(100 + i64::from(i)),
            "quake peru magnitude e:lima n:6.1 struck coast tsunami",
        ));
        docs.push(doc(
            i * 2 + 1,
            Some(100 + i64::from(i)),
            "rehab e:tara_reid promises clinic actress checked malibu",
        ));
    }
    for i in 0..10 {
        docs.push(doc(
            100 + i,
            Some(110),
            &format!("filler{i} market share price"),
        ));
    }
    docs
}

#[test]
fn same_input_same_stories() {
    let run = || {
        let mut g = Grouper::new(GroupConfig::default());
        stream().iter().map(|d| g.add(d)).collect::<Vec<_>>()
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    // The two events are apart and each is one story.
    assert_eq!(a[0].story, a[2].story);
    assert_eq!(a[1].story, a[3].story);
    assert_ne!(a[0].story, a[1].story);
    assert_eq!(a[0].story, StoryId(0));
}

#[test]
fn a_similar_article_two_weeks_later_opens_a_new_story() {
    let mut g = Grouper::new(GroupConfig::default());
    let words = "quake peru magnitude lima struck coast";
    let first = g.add(&doc(1, Some(10), words));
    let next_day = g.add(&doc(2, Some(11), words));
    assert_eq!(first.story, next_day.story);
    let later = g.add(&doc(3, Some(25), words));
    assert!(later.opened, "{later:?}");
    // Without dates the same words join, whatever the gap.
    let undated = g.add(&doc(4, None, words));
    assert!(!undated.opened);
}

#[test]
fn an_article_bridging_two_stories_merges_them() {
    let config = GroupConfig {
        merge_threshold: 0.3,
        ..GroupConfig::default()
    };
    let mut g = Grouper::new(config);
    let a = g.add(&doc(1, None, "alpha beta gamma delta one two"));
    let b = g.add(&doc(2, None, "alpha beta gamma delta three four"));
    let c = g.add(&doc(3, None, "epsilon zeta eta theta one two"));
    assert_eq!(a.story, b.story);
    assert_ne!(a.story, c.story);
    let bridge = g.add(&doc(
        4,
        None,
        "alpha beta gamma delta epsilon zeta eta theta one two",
    ));
    assert_eq!(bridge.story, a.story, "the older story survives");
    assert_eq!(bridge.merged, vec![c.story]);
    assert_eq!(g.active(), 1);
}

#[test]
fn the_active_set_stays_bounded() {
    let config = GroupConfig {
        max_active: 10,
        window_days: 5.0,
        ..GroupConfig::default()
    };
    let mut g = Grouper::new(config);
    let mut retired = Vec::new();
    for i in 0..100 {
        let p = g.add(&doc(i, None, &format!("unique{i} words{i} here{i}")));
        retired.extend(p.retired.into_iter().map(|r| r.id));
        assert!(g.active() <= 10);
    }
    assert_eq!(retired.len(), 90);
    assert_eq!(retired[0], StoryId(0), "least recently updated first");
    // Dated stories retire once the stream has moved past the window.
    let mut g = Grouper::new(GroupConfig::default());
    g.add(&doc(1, Some(0), "old story words"));
    assert!(g
        .add(&doc(2, Some(20), "middle story text"))
        .retired
        .is_empty());
    let p = g.add(&doc(3, Some(31), "new story text"));
    assert_eq!(p.retired.len(), 1);
    assert_eq!(p.retired[0].articles, 1);
    assert_eq!(p.retired[0].terms.len(), 3);
}

#[test]
fn one_article_dated_years_ahead_retires_nothing_a_second_confirms_the_jump() {
    let mut g = Grouper::new(GroupConfig::default());
    for (i, words) in [
        "quake peru lima",
        "rehab reid promises",
        "vote turkmen poll",
    ]
    .into_iter()
    .enumerate()
    {
        g.add(&doc(i as u32, Some(100 + i as i64), words));
    }
    // A typo puts one article 30 years ahead: every story stays active.
    let typo = g.add(&doc(10, Some(100 + 365 * 30), "unrelated market report"));
    assert!(typo.retired.is_empty(), "{:?}", typo.retired);
    assert_eq!(g.active(), 4);
    // The stream goes on where it was: the next quake report still finds its story.
    let next = g.add(&doc(11, Some(104), "quake peru lima aftershock"));
    assert_eq!((next.story, next.opened), (StoryId(0), false));
    // Two articles that far ahead are a stream that moved on: the old stories retire.
    let moved = g.add(&doc(12, Some(101 + 365 * 30), "another market report"));
    assert_eq!(moved.retired.len(), 3, "{:?}", moved.retired);
}

#[test]
fn serialised_state_resumes_identically() {
    let docs = stream();
    let (head, tail) = docs.split_at(9);
    let mut g = Grouper::new(GroupConfig::default());
    for d in head {
        g.add(d);
    }
    let saved = serde_json::to_string(&g).unwrap();
    let mut resumed: Grouper = serde_json::from_str(&saved).unwrap();
    assert_eq!(resumed.version(), STATE_VERSION);
    for d in tail {
        assert_eq!(g.add(d), resumed.add(d));
    }
    assert_eq!(g.profiles(), resumed.profiles());
}

#[test]
fn profiles_name_the_main_entities() {
    let mut g = Grouper::new(GroupConfig::default());
    for d in stream() {
        g.add(&d);
    }
    let p = &g.profiles()[0];
    assert_eq!(p.articles, 6);
    assert_eq!(p.entities, ["lima"]);
    assert_eq!(
        (p.first, p.last),
        (Some(100 * DAY_SECS), Some(105 * DAY_SECS))
    );
}

#[test]
fn the_vocabulary_stays_bounded_and_keeps_what_stories_hold() {
    // Active stories hold their terms, so the active set is capped too.
    let big = GroupConfig {
        max_active: 4,
        ..GroupConfig::default()
    };
    let mut small = Grouper::new(GroupConfig {
        max_terms: 60,
        ..big.clone()
    });
    let mut big = Grouper::new(big);
    let mut sizes = Vec::new();
    for i in 0..400u32 {
        // One recurring event among one-off articles full of unique words.
        let d = if i % 10 == 0 {
            doc(
                i,
                None,
                "quake peru magnitude e:lima n:6.1 struck coast tsunami",
            )
        } else {
            doc(i, None, &format!("once{i} only{i} rare{i} word{i} market"))
        };
        let (a, b) = (small.add(&d), big.add(&d));
        assert!(small.vocabulary() <= 60, "{}", small.vocabulary());
        if i % 10 == 0 {
            assert_eq!((a.story, a.opened), (b.story, b.opened), "article {i}");
        }
        if i % 100 == 99 {
            sizes.push(serde_json::to_string(&small).unwrap().len());
        }
    }
    assert!(big.vocabulary() > 1400, "{}", big.vocabulary());
    // The saved state does not grow with the stream.
    assert!(sizes[3] < sizes[0] * 3 / 2, "{sizes:?}");
    // A pruned grouper resumes identically from its saved state.
    let mut resumed: Grouper =
        serde_json::from_str(&serde_json::to_string(&small).unwrap()).unwrap();
    for i in 400..440u32 {
        let d = doc(i, None, &format!("quake peru coast again{i} late{i}"));
        assert_eq!(small.add(&d), resumed.add(&d));
    }
}

#[test]
fn a_version_1_state_loads_and_says_its_version() {
    let mut g = Grouper::new(GroupConfig::default());
    for d in stream() {
        g.add(&d);
    }
    // Version 1 saved the lookup tables and indexes, and no last sightings.
    let mut old = serde_json::to_value(&g).unwrap();
    old["version"] = 1.into();
    let vocab = old["vocab"].as_object_mut().unwrap();
    vocab.remove("last");
    vocab.insert("ids".into(), serde_json::json!({"quake": 0}));
    vocab.insert("signals".into(), serde_json::json!(["word"]));
    let o = old.as_object_mut().unwrap();
    o.insert("postings".into(), serde_json::json!({"0": [0]}));
    o.insert("by_touch".into(), serde_json::json!([[1, 0]]));
    o.insert("by_time".into(), serde_json::json!([]));
    let mut loaded: Grouper = serde_json::from_value(old).unwrap();
    assert_eq!(
        loaded.version(),
        1,
        "the caller sees the old version and can rebuild"
    );
    assert_eq!(loaded.vocabulary(), g.vocabulary());
    // Loaded anyway, it works: the indexes are rebuilt from the stories.
    let next = doc(
        99,
        Some(106),
        "quake peru magnitude e:lima n:6.1 struck coast",
    );
    assert_eq!(loaded.add(&next).story, g.add(&next).story);
    // Garbage is an error, not a crash.
    assert!(serde_json::from_str::<Grouper>(r#"{"version": 2}"#).is_err());
}

#[test]
fn the_same_kind_of_event_with_other_main_actors_is_another_story() {
    let a = doc(1, None, "dui arrest w3 w4 w5 w6 e:vincent_jackson");
    let b = doc(2, None, "dui arrest x3 x4 x5 x6 e:jamal_williams");
    let c = doc(3, None, "dui arrest y3 y4 y5 y6 e:vincent_jackson");
    let run = |actor_penalty: f32| {
        let mut g = Grouper::new(GroupConfig {
            actor_penalty,
            ..GroupConfig::default()
        });
        [&a, &b, &c].map(|d| g.add(d).story)
    };
    let [sa, sb, sc] = run(GroupConfig::default().actor_penalty);
    assert_ne!(sa, sb, "another footballer's arrest");
    assert_eq!(sa, sc, "the same footballer's");
    // Without the penalty the shared words alone join the two arrests.
    let [sa, sb, _] = run(0.0);
    assert_eq!(sa, sb);
}

#[test]
fn the_same_kind_of_event_led_by_someone_else_is_another_story() {
    // Both name the team and the city among their main entities (no actor conflict);
    // only who the headlines lead with tells the two arrests apart.
    let led = |n: u32, words: &str, leads: &[&str]| Doc {
        leads: leads.iter().map(|l| l.to_string()).collect(),
        ..doc(n, None, words)
    };
    let a = led(
        1,
        "dui arrest w3 w4 w5 w6 w7 w8 w9 w10 w11 e:chargers e:san_diego e:jackson",
        &["jackson"],
    );
    let b = led(
        2,
        "dui arrest x3 x4 x5 x6 x7 x8 x9 x10 x11 e:chargers e:san_diego e:williams",
        &["williams"],
    );
    let c = led(
        3,
        "dui arrest y3 y4 y5 y6 y7 y8 y9 y10 y11 e:chargers e:san_diego e:jackson",
        &["jackson"],
    );
    let run = |lead_penalty: f32| {
        let mut g = Grouper::new(GroupConfig {
            lead_penalty,
            ..GroupConfig::default()
        });
        [&a, &b, &c].map(|d| g.add(d))
    };
    let [pa, pb, pc] = run(GroupConfig::default().lead_penalty);
    assert!(pb.opened, "another footballer's arrest: {pb:?}");
    assert_eq!(pa.story, pc.story, "the same footballer's");
    let [pa, pb, _] = run(0.0);
    assert_eq!(
        pa.story, pb.story,
        "without the penalty the shared terms join them"
    );
}
