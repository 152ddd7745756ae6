//! RSS 2.0 and Atom feeds (and JSON Feed): each item becomes an article from its content or
//! summary, with the feed's title as the outlet unless the item names its own source.

use crosscheck_model::SourceRef;

use crate::draft::{Body, Draft};
use crate::{markup, IngestError};

/// One draft (or error) per feed item.
pub(crate) fn read(
    input: &str,
    bytes: &[u8],
) -> Result<Vec<Result<Draft, IngestError>>, IngestError> {
    let text = String::from_utf8_lossy(bytes);
    let feed = feed_rs::parser::parse(utf8_declaration(&text).as_bytes()).map_err(|e| {
        IngestError::NotAFeed {
            input: input.to_string(),
            message: e.to_string(),
        }
    })?;
    let feed_title = feed.title.as_ref().map(|t| markup_text(&t.content));
    let feed_language = feed.language.clone();
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let source = SourceRef {
                input: input.to_string(),
                record: Some(i + 1),
            };
            let html = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .filter(|b| !b.trim().is_empty())
                .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            let paragraphs = markup::paragraphs(&html);
            if paragraphs.is_empty() {
                return Err(IngestError::Empty {
                    input: source.to_string(),
                });
            }
            let mut draft = Draft::new(source, Body::Paragraphs(paragraphs));
            draft.title = entry.title.as_ref().map(|t| markup_text(&t.content));
            draft.url = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .map(|l| l.href.clone());
            draft.outlet = entry.source.clone().or_else(|| feed_title.clone());
            let authors: Vec<String> = entry
                .authors
                .iter()
                .filter_map(|p| p.name.clone())
                .filter(|n| !n.is_empty())
                .collect();
            draft.byline = (!authors.is_empty()).then(|| authors.join(", "));
            draft.published = entry.published.or(entry.updated);
            draft.language = entry.language.clone().or_else(|| feed_language.clone());
            if !entry.id.is_empty() {
                draft
                    .metadata
                    .insert("source_id".into(), entry.id.clone().into());
            }
            Ok(draft)
        })
        .collect())
}

/// The text has already been decoded to UTF-8; an XML declaration naming another encoding
/// would make the parser decode it a second time, so it is rewritten to say UTF-8.
fn utf8_declaration(text: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = text.trim_start_matches('\u{feff}');
    if !trimmed.starts_with("<?xml") {
        return text.into();
    }
    match trimmed.find("?>") {
        Some(end) if trimmed[..end].contains("encoding") => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"{}",
            &trimmed[end..]
        )
        .into(),
        _ => text.into(),
    }
}

fn markup_text(s: &str) -> String {
    markup::paragraphs(s).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>World Desk</title>
<item><title>First item</title><link>https://example.com/1</link><pubDate>Tue, 05 Nov 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Troops &lt;b&gt;clashed&lt;/b&gt; on Tuesday.&lt;/p&gt;&lt;p&gt;More later.&lt;/p&gt;</description></item>
<item><title>Empty</title><description></description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_drafts() {
        let items = read("feed.xml", RSS.as_bytes()).unwrap();
        assert_eq!(items.len(), 2);
        let a = items[0].as_ref().unwrap().clone().finish().unwrap();
        assert_eq!(a.text, "Troops clashed on Tuesday.\n\nMore later.");
        assert_eq!(a.outlet.as_deref(), Some("World Desk"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/1"));
        assert_eq!(
            a.published.unwrap().to_rfc3339(),
            "2024-11-05T10:00:00+00:00"
        );
        assert!(items[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("feed.xml:2"));
    }

    #[test]
    fn atom_entries_use_content() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id><updated>2024-11-05T10:00:00Z</updated>
<entry><title>Entry</title><id>urn:1</id><updated>2024-11-05T10:00:00Z</updated><author><name>Ann Lee</name></author><content type="html">&lt;p&gt;Body of entry.&lt;/p&gt;</content></entry></feed>"#;
        let items = read("a.atom", atom.as_bytes()).unwrap();
        let a = items[0].as_ref().unwrap().clone().finish().unwrap();
        assert_eq!(a.text, "Body of entry.");
        assert_eq!(a.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(a.outlet.as_deref(), Some("Atom Desk"));
    }

    #[test]
    fn a_declared_legacy_encoding_is_not_decoded_twice() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>D\xe9p\xeache</title><item><title>Caf\xe9</title><description>Les caf\xe9s ferment \xe0 Paris.</description></item></channel></rss>";
        let text = crate::decode::decode("f.xml", latin1).unwrap();
        let items = read("f.xml", text.as_bytes()).unwrap();
        let a = items[0].as_ref().unwrap().clone().finish().unwrap();
        assert_eq!(a.outlet.as_deref(), Some("D\u{e9}p\u{ea}che"));
        assert_eq!(a.text, "Les caf\u{e9}s ferment \u{e0} Paris.");
    }

    #[test]
    fn not_a_feed() {
        let e = read("x.xml", b"<html><body>hello</body></html>").unwrap_err();
        assert!(matches!(e, IngestError::NotAFeed { .. }), "{e}");
    }
}
