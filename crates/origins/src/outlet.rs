//! Outlet names compared across spellings: "BBC News", "www.bbc.com", "bbc.co.uk" and
//! "https://www.bbc.com/news/..." all name the BBC.

/// The comparable key of an outlet name or domain: its first distinctive word, lowercased
/// ("www.bbc.co.uk" → "bbc", "BBC News" → "bbc"); a name without a dot keeps all its words
/// but "the", "news" and "online" ("The New York Times" → "new york times").
pub fn outlet_key(name: &str) -> String {
    let name = name.trim().to_lowercase();
    let name = name
        .strip_prefix("https://")
        .or_else(|| name.strip_prefix("http://"))
        .unwrap_or(&name);
    if name.contains('.') && !name.contains(' ') {
        let host = name.split('/').next().unwrap_or(name);
        let labels: Vec<&str> = host
            .split('.')
            .filter(|l| {
                !matches!(
                    *l,
                    "www" | "m" | "amp" | "edition" | "news" | "articles" | "rss" | "feeds"
                )
            })
            .collect();
        return labels.first().map_or(String::new(), |l| l.to_string());
    }
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "news" | "online" | "com"))
        .collect();
    words.join(" ")
}

/// The host of an address (`https://www.bbc.com/news/x` → `www.bbc.com`).
pub(crate) fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_outlet_share_a_key() {
        for name in [
            "BBC News",
            "www.bbc.com",
            "bbc.co.uk",
            "BBC",
            "https://www.bbc.com/news/x",
        ] {
            assert_eq!(outlet_key(name), "bbc", "{name}");
        }
        assert_eq!(outlet_key("Reuters"), "reuters");
        assert_eq!(outlet_key("The New York Times"), "new york times");
        assert_eq!(outlet_key("articles.latimes.com"), "latimes");
        assert_ne!(outlet_key("Reuters"), outlet_key("dpa"));
        assert_eq!(host("https://www.bbc.com/news/x"), Some("www.bbc.com"));
    }
}
