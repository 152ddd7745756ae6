//! The shipped model against the CoNLL++ test set: guards against a model, feature or
//! decoder change that quietly costs accuracy. The bar sits just below the measured F1
//! (see the README); retraining that lowers it must lower the bar on purpose.

use crosscheck_tagger::{read_conll, EntityKind, Tagger};

/// Micro span F1 measured for the shipped model on conllpp_test, minus a small margin.
const TEST_F1_BAR: f64 = 0.88;

#[test]
fn shipped_model_meets_the_test_set_bar() {
    let Some(path) = crosscheck_testdata::shared_path("eval/entities/conllpp_test.txt") else {
        return;
    };
    let sentences = read_conll(&path).expect("the shared test set parses");
    let scores = Tagger::load_default().evaluate(&sentences);
    println!("{scores}");
    assert_eq!(scores.overall.gold, 5702, "unexpected test set");
    assert!(
        scores.overall.f1() >= TEST_F1_BAR,
        "test F1 {:.4} below the bar {TEST_F1_BAR}\n{scores}",
        scores.overall.f1()
    );
    for kind in EntityKind::ALL {
        assert!(scores.per_kind[&kind].f1() > 0.75, "{kind:?}\n{scores}");
    }
}

#[test]
fn the_dev_set_parses_into_documents() {
    let Some(path) = crosscheck_testdata::shared_path("eval/entities/conllpp_dev.txt") else {
        return;
    };
    let sentences = read_conll(&path).expect("the shared dev set parses");
    assert_eq!(sentences.len(), 3250);
    assert_eq!(crosscheck_tagger::documents(&sentences).len(), 216);
}
