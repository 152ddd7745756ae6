//! The source matrix of a story page: its key statements (the summary, what is agreed and
//! what is disputed) against its sources, each cell saying whether the source supports the
//! statement, contradicts it (reports its denial, or the claim it denies), or is silent.

use crosscheck_compare::Comparison;
use serde::Serialize;

/// Most statements a matrix shows.
const MAX_ROWS: usize = 24;

/// What one source does with one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    /// The source reports the statement.
    Supports,
    /// The source reports what contradicts it.
    Contradicts,
    /// The source says nothing of it.
    Silent,
}

impl Cell {
    /// The CSS class and the word shown.
    pub fn name(self) -> &'static str {
        match self {
            Cell::Supports => "supports",
            Cell::Contradicts => "contradicts",
            Cell::Silent => "silent",
        }
    }
}

/// One row: a statement and a cell per source.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The statement's index in the comparison.
    pub statement: usize,
    /// Its text.
    pub text: String,
    /// One cell per source, in source order.
    pub cells: Vec<Cell>,
}

/// The rows of a comparison's matrix.
pub fn matrix(c: &Comparison) -> Vec<Row> {
    let mut chosen: Vec<usize> = c.summary.clone();
    let corroborated = (0..c.statements.len()).filter(|&i| c.statements[i].origins.len() >= 2);
    let disputed = c
        .disputes
        .iter()
        .flat_map(|d| d.claims.iter().chain(&d.denials).copied());
    for i in corroborated.chain(disputed) {
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    chosen.truncate(MAX_ROWS);
    chosen.sort_unstable();
    chosen.into_iter().map(|i| row(c, i)).collect()
}

fn row(c: &Comparison, i: usize) -> Row {
    let cites = |s: usize, source: usize| {
        let id = &c.sources[source].id;
        c.statements[s].citations.iter().any(|k| &k.article == id)
    };
    let opposed: Vec<usize> = c
        .disputes
        .iter()
        .flat_map(|d| {
            if d.claims.contains(&i) {
                d.denials.clone()
            } else if d.denials.contains(&i) {
                d.claims.clone()
            } else {
                Vec::new()
            }
        })
        .collect();
    let cells = (0..c.sources.len())
        .map(|s| {
            if cites(i, s) {
                Cell::Supports
            } else if opposed.iter().any(|&o| cites(o, s)) {
                Cell::Contradicts
            } else {
                Cell::Silent
            }
        })
        .collect();
    Row {
        statement: i,
        text: c.statements[i].text.clone(),
        cells,
    }
}
