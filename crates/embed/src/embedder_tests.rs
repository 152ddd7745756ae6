use super::*;
use crate::cosine;

/// The installed model, or `None` (with a message) when it is absent and not required.
/// `CROSSCHECK_REQUIRE_MODEL=1` (what CI sets after `scripts/fetch-model`) turns a missing
/// model into a failure.
fn model() -> Option<Embedder> {
    let dir = crate::default_model_dir().expect("a home or cache folder");
    let dir = crosscheck_testdata::model_folder(dir)?;
    Some(Embedder::load(&dir).expect("the installed model loads"))
}

#[test]
fn a_missing_folder_is_named() {
    let err = Embedder::load("/nonexistent/crosscheck-model").unwrap_err();
    assert!(matches!(err, EmbedError::NoFolder { .. }));
    assert!(err.to_string().contains("/nonexistent/crosscheck-model"));
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let err = Embedder::load(dir.path()).unwrap_err();
    assert!(
        matches!(
            err,
            EmbedError::Missing {
                file: "config.json",
                ..
            }
        ),
        "{err}"
    );
    std::fs::write(dir.path().join("config.json"), "{not json").unwrap();
    let err = Embedder::load(dir.path()).unwrap_err();
    assert!(matches!(err, EmbedError::Config { .. }), "{err}");
    assert!(err.to_string().contains("config.json"));
}

#[test]
fn paraphrases_are_closer_than_unrelated_sentences() {
    let Some(m) = model() else { return };
    let v = m
        .embed(&[
            "The cat sat on the mat",
            "A cat was sitting on a mat",
            "The central bank raised interest rates by half a point",
        ])
        .unwrap();
    assert_eq!(m.dim(), 384);
    for x in &v {
        assert_eq!(x.len(), 384);
        let norm: f32 = x.iter().map(|a| a * a).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
    }
    let close = cosine(&v[0], &v[1]);
    let far = cosine(&v[0], &v[2]);
    assert!(close > 0.6, "paraphrase cosine {close}");
    assert!(close > far + 0.4, "paraphrase {close} vs unrelated {far}");
}

#[test]
fn batching_and_padding_do_not_change_a_vector() {
    let Some(m) = model() else { return };
    let texts = [
        "Short.",
        "An earthquake of magnitude 6.1 struck northern Peru on Tuesday, officials said.",
        "Tara Reid checked into rehab.",
    ];
    let together = m.embed(&texts).unwrap();
    for (t, v) in texts.iter().zip(&together) {
        let alone = &m.embed(&[t]).unwrap()[0];
        assert!(cosine(alone, v) > 0.9999, "{t}: {}", cosine(alone, v));
    }
    assert!(m.embed(&[]).unwrap().is_empty());
}

#[test]
fn long_texts_are_truncated_to_the_model_length() {
    let Some(m) = model() else { return };
    assert_eq!(m.max_tokens(), 256);
    let head = "Rescuers searched the rubble for survivors after the earthquake. ".repeat(40);
    let longer = format!(
        "{head} {}",
        "The football club won the cup final. ".repeat(40)
    );
    let v = m.embed(&[&head, &longer]).unwrap();
    // Both are cut well inside `head`: what follows cannot change the vector.
    assert!(cosine(&v[0], &v[1]) > 0.9999, "{}", cosine(&v[0], &v[1]));
}
