//! Benchmarks only: `cargo bench -p crosscheck-benches` runs criterion over crosscheck's hot
//! functions (tokenising, tagging, MinHash, sentence similarity, the whole analysis, grouping)
//! on real articles from the BBC corpus in `../shared/eval/corpus/bbc`.
