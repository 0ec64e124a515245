//! The languages content can be written in and the site published in: one list, with the order
//! a page falls back through when a value is not given in its own language.
//!
//! Adding a language takes an entry here, its interface strings (`content/i18n/<code>.yaml`)
//! and a field of [`LocalizedText`](super::LocalizedText).

/// A language of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// The ISO 639-1 code (`kk`), as in file names, page paths and content keys.
    pub code: &'static str,
    /// The other languages its readers most likely read, most likely first: they come before
    /// the rest when a value is not given in this one (Russian and Kazakh readers read both;
    /// signs at the border are in both).
    pub also_read: &'static [&'static str],
}

/// Every language, in the order content files and exports list them; the first is the
/// fallback of a language not in the list.
pub const LANGUAGES: [Language; 3] = [
    Language { code: "en", also_read: &["ru", "kk"] },
    Language { code: "ru", also_read: &["kk", "en"] },
    Language { code: "kk", also_read: &["ru", "en"] },
];

/// The codes of [`LANGUAGES`], in order.
pub fn codes() -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().map(|l| l.code)
}

/// Whether `code` is one of [`LANGUAGES`].
pub fn is_known(code: &str) -> bool {
    codes().any(|c| c == code)
}

/// The languages to show a value in on a `code` page, in order: its own, those its readers
/// also read, then the rest; for an unknown code, the first language's order. Each once.
pub fn fallbacks(code: &str) -> Vec<&'static str> {
    let language = LANGUAGES.iter().find(|l| l.code == code).unwrap_or(&LANGUAGES[0]);
    let mut order = vec![language.code];
    for next in language.also_read.iter().copied().chain(codes()) {
        if !order.contains(&next) {
            order.push(next);
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_falls_back_through_every_other_once() {
        assert_eq!(fallbacks("ru"), ["ru", "kk", "en"]);
        assert_eq!(fallbacks("kk"), ["kk", "ru", "en"]);
        assert_eq!(fallbacks("en"), ["en", "ru", "kk"]);
        assert_eq!(fallbacks("de"), ["en", "ru", "kk"], "an unknown code: the first language's order");
        for l in LANGUAGES {
            assert!(l.also_read.iter().all(|c| is_known(c) && *c != l.code), "{l:?}");
        }
    }
}
