//! Reading shared articles for the analysis tests.

use crosscheck_ingest::Ingestor;
use crosscheck_model::Article;

/// The articles of a file under `../shared`, or `None` (a loud skip) when it is absent.
pub fn read(relative: &str) -> Option<Vec<Article>> {
    let path = crosscheck_testdata::shared_path(relative)?;
    let bytes = std::fs::read(&path).unwrap();
    let articles = Ingestor::default().read(&path.display().to_string(), &bytes, None);
    Some(articles.into_iter().map(Result::unwrap).collect())
}
