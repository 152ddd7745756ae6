//! Entities on the seed articles: the people, roles and places EXPECTED.md names, with name
//! variants merged across the two articles through `names::same_entity`.

mod common;

use common::read;
use crosscheck_analyze::{names, Analyzer};
use crosscheck_model::{Entity, EntityKind};

fn entities(relative: &str) -> Option<Vec<Entity>> {
    Some(Analyzer::default().analyze(&read(relative)?[0]).entities)
}

fn person<'a>(entities: &'a [Entity], name: &str) -> &'a Entity {
    entities
        .iter()
        .find(|e| e.kind == EntityKind::Person && e.variants.iter().any(|v| v.contains(name)))
        .unwrap_or_else(|| panic!("no person {name} in {entities:#?}"))
}

#[test]
fn seed_people_roles_and_places() {
    let (Some(rewrite), Some(wire)) = (
        entities("seeds/000_f4e2d48c6ccf7a64.txt"),
        entities("seeds/002_911d72a3f3bcc055.txt"),
    ) else {
        return;
    };
    let umerov = person(&rewrite, "Umerov");
    assert!(
        umerov.roles.iter().any(|r| r.contains("Minister")),
        "{umerov:?}"
    );
    assert!(person(&wire, "Kovalenko").roles[0]
        .starts_with("head of the counter-disinformation department"));
    // One entity each for Zelensky / Zelenskiy and Umerov across both articles.
    assert!(names::same_entity(
        &person(&rewrite, "Zelensky").name,
        &person(&wire, "Zelenskiy").name
    ));
    assert!(names::same_entity(
        &umerov.name,
        &person(&wire, "Umerov").name
    ));
    let names_of = |es: &[Entity], kind| {
        es.iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.name.clone())
            .collect::<Vec<_>>()
    };
    let places = names_of(&wire, EntityKind::Place);
    for expected in [
        "Kursk",
        "Japan",
        "Italy",
        "Germany",
        "France",
        "Canada",
        "Australia",
        "New Zealand",
    ] {
        assert!(
            places.iter().any(|p| p == expected),
            "{expected} missing from {places:?}"
        );
    }
    let pyongyang = rewrite
        .iter()
        .find(|e| e.name == "Pyongyang")
        .expect("Pyongyang");
    assert!(pyongyang.government && pyongyang.country.as_deref() == Some("North Korea"));
    let orgs = names_of(&wire, EntityKind::Organization);
    assert!(
        orgs.iter().any(|o| names::key(o) == names::key("G7")),
        "{orgs:?}"
    );
}
