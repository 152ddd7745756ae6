//! Disputes: a sentence that denies or negates, in one voice, matched with the claim another
//! voice affirms; a side of several voices speaks for its country.

use crate::terms::similarity;
use crate::{
    Attribution, Dispute, Statement, Unit, Voice, ALIGN_SIMILARITY, DISPUTE_SIMILARITY,
    NEGATION_SIMILARITY,
};

/// Denials matched with the claims they deny: a sentence that denies or negates, attributed
/// to one party, sharing its content with a claim another party affirms.
pub(crate) fn disputes(
    units: &[Unit],
    clusters: &[Vec<usize>],
    unit_statement: &[usize],
    statements: &[Statement],
    weights: &[f64],
) -> Vec<Dispute> {
    let mut out: Vec<Dispute> = Vec::new();
    for (di, d) in units.iter().enumerate() {
        if d.disputed_terms.is_empty() {
            continue;
        }
        if d.attribution.voice == Voice::Outlet {
            continue;
        }
        let denial_statement = unit_statement[di];
        let mut best: Option<(f64, usize)> = None;
        for (ci, cluster) in clusters.iter().enumerate() {
            let claim = &statements[ci];
            if ci == denial_statement || claim.negated {
                continue;
            }
            // A dispute is between two voices: the outlet's own narration is background, and
            // a quoted source who adds a "not" to it is not denying it.
            if claim.attribution.voice == Voice::Outlet
                || same_side(&claim.attribution, &d.attribution)
            {
                continue;
            }
            for &u in cluster {
                let c = &units[u];
                // One voice does not dispute itself, in whichever article it speaks.
                if c.attribution.voice == Voice::Outlet || same_side(&c.attribution, &d.attribution)
                {
                    continue;
                }
                let (sim, _) = similarity(&d.terms, &c.terms, weights);
                // What is denied must be what the claim says: a negated term in the claim,
                // and more than that one word: the same people or things too.
                let denies_it = d
                    .disputed_terms
                    .iter()
                    .any(|t| c.terms.binary_search(t).is_ok())
                    && shared_terms(&d.terms, &c.terms) >= 3;
                if !denies_it || sim < DISPUTE_SIMILARITY {
                    continue;
                }
                // A bare "not" is weaker evidence than a denial verb: the two must be closer,
                // and be two sides (parties) unless they nearly say the same thing.
                if !d.denial {
                    let parties_differ = matches!(
                        (&d.attribution.party, &c.attribution.party),
                        (Some(x), Some(y)) if x != y
                    );
                    if sim < NEGATION_SIMILARITY || !parties_differ && sim < ALIGN_SIMILARITY {
                        continue;
                    }
                }
                // A claim more origins carry, made by a named party, is the likelier target.
                let score = sim
                    + 0.1 * (claim.origins.len() as f64 - 1.0)
                    + if claim.attribution.voice == Voice::Outlet {
                        0.0
                    } else {
                        0.05
                    };
                if best.is_none_or(|b| score > b.0) {
                    best = Some((score, ci));
                }
            }
        }
        let Some((_, claim)) = best else { continue };
        let affirmed_by = &statements[claim].attribution;
        match out.iter_mut().find(|x| {
            same_side(&x.denied_by, &d.attribution)
                && (x.claims.contains(&claim) || same_side(&x.affirmed_by, affirmed_by))
        }) {
            Some(x) => {
                if !x.denials.contains(&denial_statement) {
                    x.denials.push(denial_statement);
                }
                if !x.claims.contains(&claim) {
                    x.claims.push(claim);
                }
            }
            None => out.push(Dispute {
                claims: vec![claim],
                affirmed_by: statements[claim].attribution.clone(),
                denials: vec![denial_statement],
                denied_by: d.attribution.clone(),
            }),
        }
    }
    // A side of several voices speaks for its country ("Ukraine"), not for its first voice.
    for x in &mut out {
        let claims = x.claims.iter().map(|&c| &statements[c].attribution);
        x.affirmed_by = side(&x.affirmed_by, claims);
        let denials = x.denials.iter().map(|&d| &statements[d].attribution);
        x.denied_by = side(&x.denied_by, denials);
    }
    out
}

/// The attribution of one side: its one voice, or its country when its voices differ.
fn side<'a>(first: &Attribution, all: impl Iterator<Item = &'a Attribution>) -> Attribution {
    let mut all = all;
    let one_voice = all.all(|a| a.same_voice(first) || a.voice == Voice::Outlet);
    match (&first.party, one_voice) {
        (Some(party), false) => Attribution {
            voice: Voice::Group,
            name: party.clone(),
            role: None,
            party: Some(party.clone()),
        },
        _ => first.clone(),
    }
}

/// How many terms two sorted term sets share.
fn shared_terms(a: &[u32], b: &[u32]) -> usize {
    a.iter().filter(|t| b.binary_search(t).is_ok()).count()
}

/// Whether two attributions speak for one side: the same voice, or the same country.
fn same_side(a: &Attribution, b: &Attribution) -> bool {
    if a.voice == Voice::Outlet || b.voice == Voice::Outlet {
        return a.voice == b.voice;
    }
    a.same_voice(b) || (a.party.is_some() && a.party == b.party)
}
