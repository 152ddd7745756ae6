//! The two seed articles (one event told by the BBC and by dpa/Reuters) make one story.

use crosscheck_analyze::Analyzer;
use crosscheck_group::{Doc, GroupConfig, Grouper};
use crosscheck_ingest::Ingestor;

#[test]
fn seed_articles_land_in_one_story() {
    let Some(seeds) = crosscheck_testdata::shared_path("seeds") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 2);
    let ingestor = Ingestor::default();
    let analyzer = Analyzer::default();
    let mut grouper = Grouper::new(GroupConfig::default());
    let placed: Vec<_> = files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).unwrap();
            let article = ingestor
                .read(&f.display().to_string(), &bytes, None)
                .remove(0)
                .unwrap();
            grouper.add(&Doc::extract(&article, &analyzer.analyze(&article)))
        })
        .collect();
    assert!(placed[0].opened);
    assert_eq!(placed[1].story, placed[0].story, "{:?}", placed[1]);
    assert!(placed[1].score > 0.3, "{}", placed[1].score);
}
