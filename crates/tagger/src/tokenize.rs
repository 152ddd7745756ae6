//! Splits raw English text into tokens the way CoNLL-2003 was tokenised, so a model trained on
//! CoNLL sees familiar tokens at run time: punctuation off words, `'s` and `n't` as their own
//! tokens, but `U.S.`, `Mr.`, `11,000`, `1.5` and `Anglo-Dutch` whole. Every token keeps its
//! byte span in the input, so entities point back into the article text.

/// One token and where it is in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token as it appears in the text.
    pub text: &'a str,
    /// Byte offsets `(start, end)` of the token in the text.
    pub span: (usize, usize),
}

/// Characters that are a token of their own wherever they appear.
fn always_alone(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '„'
            | '«'
            | '»'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '—'
            | '–'
            | '―'
            | '…'
            | ';'
            | '!'
            | '?'
            | '|'
    )
}

/// Characters peeled off the front of a word.
fn opener(c: char) -> bool {
    matches!(
        c,
        '\'' | '‘' | '’' | '`' | '<' | '$' | '£' | '€' | '#' | '*' | '/' | '&'
    )
}

/// Characters peeled off the end of a word (the full stop is handled apart).
fn closer(c: char) -> bool {
    matches!(
        c,
        '\'' | '‘' | '’' | ',' | ':' | '>' | '%' | '*' | '/' | '&'
    )
}

/// Abbreviations that keep their full stop (lowercase, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj",
    "gov", "sen", "rep", "rev", "st", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "plc", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc",
    "mt", "ft", "pres", "univ", "dept", "est", "approx", "fig", "vol",
];

/// Splits `text` into tokens with their byte spans.
///
/// ```
/// use crosscheck_tagger::tokenize;
/// let words: Vec<&str> = tokenize("The U.S. didn't pay $11,000.").iter().map(|t| t.text).collect();
/// assert_eq!(words, ["The", "U.S.", "did", "n't", "pay", "$", "11,000", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(start) = chunk_start.take() {
                split_chunk(text, start, i, &mut tokens);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(start) = chunk_start {
        split_chunk(text, start, text.len(), &mut tokens);
    }
    tokens
}

fn push<'a>(text: &'a str, start: usize, end: usize, tokens: &mut Vec<Token<'a>>) {
    if start < end {
        tokens.push(Token {
            text: &text[start..end],
            span: (start, end),
        });
    }
}

/// Splits a whitespace-free chunk at the characters that always stand alone and at runs of
/// two or more hyphens (the typewriter dash), then hands each piece on.
fn split_chunk<'a>(text: &'a str, start: usize, end: usize, tokens: &mut Vec<Token<'a>>) {
    let chunk = &text[start..end];
    let mut piece_start = start;
    let mut iter = chunk.char_indices().peekable();
    while let Some((offset, c)) = iter.next() {
        let at = start + offset;
        if always_alone(c) {
            split_piece(text, piece_start, at, tokens);
            push(text, at, at + c.len_utf8(), tokens);
            piece_start = at + c.len_utf8();
        } else if c == '-' && iter.peek().is_some_and(|&(_, n)| n == '-') {
            let mut dash_end = at + 1;
            while let Some(&(o, '-')) = iter.peek() {
                dash_end = start + o + 1;
                iter.next();
            }
            split_piece(text, piece_start, at, tokens);
            push(text, at, dash_end, tokens);
            piece_start = dash_end;
        }
    }
    split_piece(text, piece_start, end, tokens);
}

/// Peels leading and trailing punctuation off a piece and splits off clitics.
fn split_piece<'a>(text: &'a str, mut start: usize, mut end: usize, tokens: &mut Vec<Token<'a>>) {
    if is_clitic(&text[start..end]) {
        push(text, start, end, tokens);
        return;
    }
    while let Some(c) = text[start..end].chars().next() {
        if !opener(c) || is_clitic(&text[start..end]) {
            break;
        }
        push(text, start, start + c.len_utf8(), tokens);
        start += c.len_utf8();
    }
    let mut trailing = Vec::new();
    while start < end {
        let piece = &text[start..end];
        let Some(c) = piece.chars().next_back() else {
            break;
        };
        if piece.ends_with("...") {
            let dots = piece.len() - piece.trim_end_matches('.').len();
            trailing.push((end - dots, end));
            end -= dots;
        } else if c == '.' {
            if keeps_full_stop(piece) {
                break;
            }
            trailing.push((end - 1, end));
            end -= 1;
        } else if closer(c) && piece.len() > c.len_utf8() {
            trailing.push((end - c.len_utf8(), end));
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    let clitic = clitic_start(&text[start..end]).map(|offset| start + offset);
    match clitic {
        Some(at) => {
            push(text, start, at, tokens);
            push(text, at, end, tokens);
        }
        None => push(text, start, end, tokens),
    }
    for &(s, e) in trailing.iter().rev() {
        push(text, s, e, tokens);
    }
}

/// Whether a piece is a clitic already split off in the text (`Germany 's`), which keeps its
/// apostrophe.
fn is_clitic(piece: &str) -> bool {
    let rest = piece
        .strip_prefix('\'')
        .or_else(|| piece.strip_prefix('’'))
        .unwrap_or("");
    ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|c| rest.eq_ignore_ascii_case(c))
        || piece.eq_ignore_ascii_case("n't")
        || piece.eq_ignore_ascii_case("n’t")
}

/// Whether a word ending in a full stop keeps it: initials (`J.`), dotted abbreviations
/// (`U.S.`, `a.m.`) and the titles and company suffixes in [`ABBREVIATIONS`].
fn keeps_full_stop(word: &str) -> bool {
    let stem = &word[..word.len() - 1];
    if stem.is_empty() {
        return false;
    }
    let mut chars = stem.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    if stem.contains('.') && stem.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    let lower = stem.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Where a clitic starts in a word, if it ends in one: `n't` (`do|n't`), or `'s`, `'re`,
/// `'ve`, `'ll`, `'d`, `'m` with a straight or curly apostrophe.
fn clitic_start(word: &str) -> Option<usize> {
    let lower_ends = |suffix: &str| {
        word.len() > suffix.len()
            && word.is_char_boundary(word.len() - suffix.len())
            && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    for suffix in ["n't", "n’t"] {
        if lower_ends(suffix) {
            return Some(word.len() - suffix.len());
        }
    }
    for apostrophe in ["'", "’"] {
        for rest in ["s", "re", "ve", "ll", "d", "m"] {
            let suffix_len = apostrophe.len() + rest.len();
            if word.len() > suffix_len {
                let at = word.len() - suffix_len;
                if word.is_char_boundary(at)
                    && word[at..].starts_with(apostrophe)
                    && word[at + apostrophe.len()..].eq_ignore_ascii_case(rest)
                {
                    return Some(at);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text).collect()
    }

    #[test]
    fn splits_punctuation_but_keeps_abbreviations_and_numbers() {
        assert_eq!(
            words("Mr. Smith (U.S.) paid 11,000 euros, or 1.5%."),
            [
                "Mr.", "Smith", "(", "U.S.", ")", "paid", "11,000", "euros", ",", "or", "1.5", "%",
                "."
            ]
        );
    }

    #[test]
    fn clitics_and_possessives() {
        assert_eq!(
            words("Germany's chief don't won’t they're"),
            ["Germany", "'s", "chief", "do", "n't", "wo", "n’t", "they", "'re"]
        );
    }

    #[test]
    fn quotes_and_dashes_stand_alone() {
        assert_eq!(
            words("“Fine”—he said -- ‘no’ said Anglo-Dutch..."),
            [
                "“",
                "Fine",
                "”",
                "—",
                "he",
                "said",
                "--",
                "‘",
                "no",
                "’",
                "said",
                "Anglo-Dutch",
                "..."
            ]
        );
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "  Kyiv’s  “mayor”, Vitali Klitschko. ";
        for token in tokenize(text) {
            assert_eq!(&text[token.span.0..token.span.1], token.text);
            assert!(!token.text.is_empty());
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " ",
            ".",
            "'",
            "’",
            "...",
            "--",
            "a.",
            "'s",
            "n't",
            "$",
            "é.",
            "—’”",
        ] {
            for token in tokenize(text) {
                assert_eq!(&text[token.span.0..token.span.1], token.text);
                assert!(!token.text.is_empty());
            }
        }
    }
}
