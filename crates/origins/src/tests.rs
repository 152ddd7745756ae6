use super::*;

fn id(s: &str) -> ArticleId {
    ArticleId::of_text(s)
}

const REPORT: &str =
    "Ukraine said its forces clashed with North Korean troops in the Kursk region.\n\
    Defence Minister Rustem Umerov confirmed the first small engagements on Tuesday.\n\
    South Korean officials said there had been no direct combat so far.\n\
    About 11,000 North Korean soldiers are believed to be in Russia.";

const REWRITE: &str =
    "North Korean troops clashed with Ukrainian forces in Russia's Kursk region, Ukraine said.\n\
    The first small engagements were confirmed on Tuesday by Defence Minister Rustem Umerov.\n\
    There had been no direct combat so far, South Korean officials said.\n\
    Some 11,000 North Korean soldiers are believed to be in Russia, officials added.";

const OTHER: &str = "Zelenskiy said the battle opened a new page of global instability.\n\
    Andriy Kovalenko said the first shelling of North Korean units had taken place.\n\
    The foreign ministers of the Group of Seven condemned the deployment in the strongest terms.\n\
    Up to 12,000 soldiers were sent, according to Western estimates.";

#[test]
fn an_uncredited_rewrite_joins_its_original_and_a_different_report_does_not() {
    let (a, b, c) = (id(REPORT), id(REWRITE), id(OTHER));
    let members = [
        Member::new(&a, REPORT),
        Member::new(&b, REWRITE),
        Member::new(&c, OTHER),
    ];
    let origins = trace(&members);
    assert_eq!(origins.independent, 2);
    assert_eq!(origins.articles, 3);
    let rewrite = &origins.groups[0].members[1];
    assert_eq!(rewrite.article, b);
    assert!(matches!(rewrite.reason, Reason::Rewrite { ref of, .. } if *of == a));
    assert!(rewrite.why.starts_with("rewrite of"));
}

#[test]
fn credits_wires_outlets_and_copies() {
    let (a, b, c, d) = (id("a"), id("b"), id("c"), id("d"));
    let bbc = [Credit::new(
        CreditKind::Origin,
        "bbc.com",
        "Original Source: www.bbc.com",
    )];
    let wire = [
        Credit::new(CreditKind::Wire, "dpa", "(dpa, Reuters)"),
        Credit::new(CreditKind::Wire, "Reuters", "(dpa, Reuters)"),
    ];
    let reuters = [Credit::new(CreditKind::Wire, "Reuters", "(Reuters)")];
    let members = [
        Member {
            url: Some("https://www.bbc.com/news/world-1"),
            ..Member::new(&a, REPORT)
        },
        Member {
            credits: &bbc,
            copies: 1,
            ..Member::new(&b, "A summary of what the BBC reported.")
        },
        Member {
            credits: &wire,
            ..Member::new(&c, OTHER)
        },
        Member {
            credits: &reuters,
            ..Member::new(&d, OTHER)
        },
    ];
    let origins = trace(&members);
    assert_eq!(origins.independent, 2, "{origins:#?}");
    assert_eq!(origins.articles, 5, "an exact copy adds an article");
    assert_eq!(origins.groups[0].label, "bbc.com");
    assert_eq!(
        origins.groups[0].members[1].reason,
        Reason::CreditedRewrite {
            origin: "bbc.com".into()
        }
    );
    assert_eq!(origins.groups[1].label, "dpa/Reuters wire");
    assert_eq!(origins.groups[1].members[1].why, "same Reuters wire");
}

#[test]
fn the_same_wire_with_different_copy_is_not_one_origin() {
    let (a, b) = (id("a"), id("b"));
    let reuters = [Credit::new(CreditKind::Wire, "Reuters", "(Reuters)")];
    let members = [
        Member {
            credits: &reuters,
            ..Member::new(&a, REPORT)
        },
        Member {
            credits: &reuters,
            ..Member::new(&b, OTHER)
        },
    ];
    assert_eq!(trace(&members).independent, 2);
}

#[test]
fn near_duplicates_and_same_outlet_join() {
    let (a, b, c) = (id("a"), id("b"), id("c"));
    let members = [
        Member {
            outlet: Some("BBC News"),
            ..Member::new(&a, REPORT)
        },
        Member {
            near_duplicate_of: Some(&a),
            ..Member::new(&b, REPORT)
        },
        Member {
            outlet: Some("bbc.co.uk"),
            ..Member::new(&c, OTHER)
        },
    ];
    let origins = trace(&members);
    assert_eq!(origins.independent, 1);
    assert_eq!(
        origins.groups[0].members[1].reason,
        Reason::NearDuplicate { of: a.clone() }
    );
    assert!(matches!(
        origins.groups[0].members[2].reason,
        Reason::SameOutlet { .. }
    ));
}

#[test]
fn no_members_no_origins() {
    let origins = trace(&[]);
    assert_eq!((origins.articles, origins.independent), (0, 0));
}
