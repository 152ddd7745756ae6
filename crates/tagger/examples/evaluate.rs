//! Scores a model file on CoNLL files:
//! `cargo run --release -p crosscheck-tagger --example evaluate -- MODEL FILE...`.

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (model, files) = args
        .split_first()
        .ok_or_else(|| anyhow::anyhow!("usage: evaluate MODEL FILE..."))?;
    let tagger = crosscheck_tagger::Tagger::load(std::path::Path::new(model))?;
    for file in files {
        let sentences = crosscheck_tagger::read_conll(std::path::Path::new(file))?;
        println!("{file}:\n{}", tagger.evaluate(&sentences));
    }
    Ok(())
}
