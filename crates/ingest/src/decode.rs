//! Bytes to text: gzip, byte-order marks, UTF-8, and a detected legacy encoding otherwise
//! (Windows-1252 and friends, via chardetng). Binary junk is refused here.

use std::io::Read;

use encoding_rs::Encoding;

use crate::IngestError;

/// Decompresses gzip input (by magic number), then decodes it to a `String`.
pub fn decode(input: &str, bytes: &[u8]) -> Result<String, IngestError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes)
            .read_to_end(&mut out)
            .map_err(|source| IngestError::Decompress {
                input: input.to_string(),
                source,
            })?;
        return decode_text(input, &out);
    }
    decode_text(input, bytes)
}

fn decode_text(input: &str, bytes: &[u8]) -> Result<String, IngestError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty {
            input: input.to_string(),
        });
    }
    let text = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        encoding
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned()
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_string()
    } else {
        // A page that declares UTF-8 but is not valid UTF-8 lies about its charset (often
        // Windows-1252 pasted into a UTF-8 template): detect instead of trusting it.
        let encoding = declared_encoding(bytes)
            .filter(|e| *e != encoding_rs::UTF_8)
            .unwrap_or_else(|| detect(bytes));
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    };
    check_not_binary(input, &text)?;
    Ok(text)
}

/// The charset an HTML or XML document declares in its first kilobytes, if any.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head
        .find("charset=")
        .map(|i| i + 8)
        .or_else(|| head.find("encoding=").map(|i| i + 9))?;
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// Text with NULs or many control characters is binary data that happened to decode.
fn check_not_binary(input: &str, text: &str) -> Result<(), IngestError> {
    let sample: Vec<char> = text.chars().take(8192).collect();
    let nul = sample.iter().filter(|&&c| c == '\0').count();
    let control = sample
        .iter()
        .filter(|&&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    let replacement = sample.iter().filter(|&&c| c == '\u{fffd}').count();
    let reason = if nul > 0 {
        Some(format!("{nul} NUL bytes"))
    } else if control * 20 > sample.len() {
        Some(format!("{control} control characters"))
    } else if replacement * 10 > sample.len() {
        Some(format!("{replacement} undecodable bytes"))
    } else {
        None
    };
    match reason {
        Some(reason) => Err(IngestError::Binary {
            input: input.to_string(),
            reason,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_detected() {
        let bytes = b"Caf\xe9 owners said the \x93new rules\x94 would hurt trade in the region.";
        let text = decode("x.txt", bytes).unwrap();
        assert!(text.contains("Café"), "{text}");
        assert!(text.contains("\u{201c}new rules\u{201d}"), "{text}");
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode("x", b"\xef\xbb\xbfHello").unwrap(), "Hello");
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Hi there".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode("x", &bytes).unwrap(), "Hi there");
    }

    #[test]
    fn declared_charset_wins_over_guessing() {
        let page = b"<html><head><meta charset=\"iso-8859-15\"></head><body>\xa4 5</body></html>";
        assert!(decode("p.html", page).unwrap().contains("\u{20ac} 5"));
    }

    #[test]
    fn a_false_utf8_declaration_is_not_trusted() {
        let page = b"<html><head><meta charset=\"utf-8\"></head><body>Caf\xe9 owners said the \x93new rules\x94 hurt.</body></html>";
        let text = decode("p.html", page).unwrap();
        assert!(
            text.contains("Caf\u{e9} owners said the \u{201c}new rules\u{201d}"),
            "{text}"
        );
    }

    #[test]
    fn binary_and_empty_are_refused() {
        let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
        let err = decode("junk.bin", &junk).unwrap_err();
        assert!(matches!(err, IngestError::Binary { .. }), "{err}");
        assert!(err.to_string().starts_with("junk.bin:"));
        assert!(matches!(
            decode("e.txt", b"  \n\n ").unwrap_err(),
            IngestError::Empty { .. }
        ));
    }

    #[test]
    fn gzip_is_inflated() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"compressed text").unwrap();
        let gz = enc.finish().unwrap();
        assert_eq!(decode("a.txt.gz", &gz).unwrap(), "compressed text");
    }
}
