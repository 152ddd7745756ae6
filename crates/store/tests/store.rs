//! Store behaviour through its public API: duplicates, near duplicates, batches, reopening.

use crosscheck_model::{Article, ArticleId, SourceRef};
use crosscheck_store::{AddOutcome, Store};

fn article(text: &str, source: &str) -> Article {
    let mut a = Article::new(ArticleId::of_text(text), text.into());
    a.fingerprint = crosscheck_minhash::signature(text);
    a.source = SourceRef {
        input: source.into(),
        record: None,
    };
    a.title = Some("Title".into());
    a
}

const LONG: &str = "Ukraine has reported its first clashes with North Korean troops, as Defense Minister Rustem Umerov confirmed small engagements and President Zelensky warned of increased global instability. South Korea suggests no direct combat occurred but acknowledges troop presence in the Kursk border region of Russia.\n\nThe possibility of North Korean troop engagement has heightened tensions in South Korea, resulting in government actions such as summoning the Russian ambassador to demand the withdrawal of North Korean forces. As Russia's parliament prepares to ratify a mutual defense treaty with North Korea, it underscores the strategic alignment of the two nations.";

#[test]
fn exact_duplicates_are_stored_once_and_near_duplicates_linked() {
    let mut store = Store::open_in_memory().unwrap();
    let a = article(LONG, "a.txt");
    assert_eq!(store.add(&a).unwrap(), AddOutcome::New);
    assert_eq!(
        store.add(&article(LONG, "copy.txt")).unwrap(),
        AddOutcome::Duplicate { of: a.id.clone() }
    );
    let near = LONG
        .replace("increased global", "greater global")
        .replace("Defense", "Defence");
    match store.add(&article(&near, "b.txt")).unwrap() {
        AddOutcome::NearDuplicate { of, similarity } => {
            assert_eq!(of, a.id);
            assert!((0.5..1.0).contains(&similarity), "{similarity}");
        }
        other => panic!("expected a near duplicate, got {other:?}"),
    }
    let other = article("Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December.", "c.txt");
    assert_eq!(store.add(&other).unwrap(), AddOutcome::New);
    assert_eq!(store.count().unwrap(), 3);
    let rows = store.articles(10, 0).unwrap();
    assert_eq!(rows[1].duplicate_of.as_ref(), Some(&a.id));
    assert_eq!(store.sightings(&a.id).unwrap(), ["a.txt", "copy.txt"]);
}

#[test]
fn short_template_notices_of_different_companies_are_not_near_duplicates() {
    let mut store = Store::open_in_memory().unwrap();
    let a = article(
        "Qtly div three cts vs three cts prior. Pay April 2. Record March 16.",
        "a",
    );
    let b = article(
        "Qtly div three cts vs three cts prior. Pay April 3. Record March 13.",
        "b",
    );
    let sim = crosscheck_minhash::similarity(&a.fingerprint, &b.fingerprint);
    assert!(
        sim >= 0.3,
        "the pair is similar enough to be a candidate: {sim}"
    );
    store.add(&a).unwrap();
    assert_eq!(store.add(&b).unwrap(), AddOutcome::New);
}

#[test]
fn articles_round_trip_and_resolve_by_prefix() {
    let mut store = Store::open_in_memory().unwrap();
    let mut a = article(LONG, "a.txt");
    a.published = Some("2024-11-05T10:00:00Z".parse().unwrap());
    a.credits.push(crosscheck_model::Credit::new(
        crosscheck_model::CreditKind::Wire,
        "Reuters",
        "(Reuters)",
    ));
    a.metadata.insert("gold_story".into(), "7".into());
    store.add(&a).unwrap();
    let back = store.article(&a.id.as_str()[..6]).unwrap().unwrap();
    assert_eq!(back.article, a);
    assert!(store.article("zzzz").unwrap().is_none());
    assert!(store.article("ab").unwrap().is_none(), "too short a prefix");
}

#[test]
fn reopening_keeps_data_and_search_ranks_titles() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let mut a = article(LONG, "a.txt");
        a.title = Some("Troops clash".into());
        store.add(&a).unwrap();
        store.add(&article("Kursk is a region of Russia where troops were seen, and other unrelated words follow here.", "b.txt")).unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.count().unwrap(), 2);
    let hits = store.search("troops", 10).unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(
        hits[0].title.as_deref(),
        Some("Troops clash"),
        "title match ranks first"
    );
    assert!(hits[0].snippet.contains('['));
    assert!(store.search("\"small engagements\"", 10).unwrap().len() == 1);
}

#[test]
fn a_batch_sees_its_own_earlier_articles() {
    let mut store = Store::open_in_memory().unwrap();
    let a = article(LONG, "a.txt");
    let results = store
        .add_batch(&[a.clone(), article(LONG, "again.txt")])
        .unwrap();
    assert_eq!(results[0].as_ref().unwrap(), &AddOutcome::New);
    assert_eq!(
        results[1].as_ref().unwrap(),
        &AddOutcome::Duplicate { of: a.id.clone() }
    );
    assert_eq!(store.count().unwrap(), 1);
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let conn = rusqlite_conn(dir.path());
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = Store::open(dir.path()).err().unwrap().to_string();
    assert!(err.contains("schema version 99"), "{err}");
}

fn rusqlite_conn(dir: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join(crosscheck_store::DB_FILE)).unwrap()
}
