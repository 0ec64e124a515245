//! Bytes to text: the character set from a byte-order mark, the recorded or served charset,
//! a `<meta charset>` in the page, or else a detector (Russian-language sites are often
//! windows-1251, and many do not say so).

use encoding_rs::Encoding;

/// Decoded text and the character set used.
#[derive(Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The character set's name (`UTF-8`, `windows-1251`, ...).
    pub charset: &'static str,
}

/// Decode `bytes`: a byte-order mark wins, then `declared` (a snapshot's recorded charset or
/// the server's), then a `<meta>` declaration (HTML only), then detection.
pub fn decode(bytes: &[u8], declared: Option<&str>, html: bool) -> Decoded {
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared.and_then(|label| Encoding::for_label(label.trim().as_bytes())))
        .or_else(|| if html { meta_charset(bytes) } else { None })
        .unwrap_or_else(|| detect(bytes));
    // A page that says UTF-16 in <meta> is not UTF-16 (the declaration would be unreadable).
    let encoding = if !html || Encoding::for_bom(bytes).is_some() { encoding } else { encoding.output_encoding() };
    let (text, _, had_errors) = encoding.decode(bytes);
    // A declaration that the bytes contradict (a server saying UTF-8 about windows-1251, say)
    // loses to detection, when the detected set reads the bytes cleanly.
    if had_errors && Encoding::for_bom(bytes).is_none() {
        let detected = detect(bytes);
        let (clean, _, detected_errors) = detected.decode(bytes);
        if !detected_errors {
            return Decoded { text: clean.into_owned(), charset: detected.name() };
        }
    }
    Decoded { text: text.into_owned(), charset: encoding.name() }
}

/// The charset parameter of a `Content-Type` header.
pub fn header_charset(content_type: Option<&str>) -> Option<String> {
    content_type?.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches('"').to_string())
    })
}

/// A `<meta charset=...>` or `<meta http-equiv content="...; charset=...">` in the first 4 KiB.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let tag_start = from + at;
        let tag_end = find(&lower[tag_start..], b">").map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset=") {
            let value = &tag[c + 8..];
            let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
            let end = value
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
                .unwrap_or(value.len());
            if let Some(e) = Encoding::for_label(&value[..end]) {
                return Some(e);
            }
        }
        from = tag_end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUSSIAN: &str = "Пункты пропуска через государственную границу Республики Казахстан: Достык, Хоргос, Бахты.";

    #[test]
    fn detects_undeclared_windows_1251() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(RUSSIAN);
        let d = decode(&bytes, None, true);
        assert_eq!((d.text.as_str(), d.charset), (RUSSIAN, "windows-1251"));
    }

    #[test]
    fn follows_meta_and_header_declarations() {
        let page = format!("<html><head><meta charset=\"windows-1251\"></head><body>{RUSSIAN}</body></html>");
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
        assert_eq!(decode(&bytes, None, true).charset, "windows-1251");
        let header = header_charset(Some("text/html; charset=\"KOI8-R\""));
        assert_eq!(header.as_deref(), Some("KOI8-R"));
        let (koi, _, _) = encoding_rs::KOI8_R.encode(RUSSIAN);
        assert_eq!(decode(&koi, header.as_deref(), true).text, RUSSIAN);
    }

    #[test]
    fn a_byte_order_mark_wins() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(RUSSIAN.as_bytes());
        let d = decode(&bytes, Some("windows-1251"), true);
        assert_eq!((d.text.as_str(), d.charset), (RUSSIAN, "UTF-8"));
    }
}
