//! Interface strings: `content/i18n/<lang>.yaml`, one file per language, each a flat map from a
//! key (`snake_case`) to a text, or to plural forms (`one`, `few`, `many`, `other`) for texts
//! with a count. Every entry keeps its line, so checks can point at it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Loader;
use crate::config::Config;
use crate::diagnostics::Notice;
use crate::yaml::{Pos, Spanned};

/// One entry's text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Message {
    /// A plain text; `{name}` marks a value filled in when the page is made.
    Text(String),
    /// Texts with a count `{n}`, one per plural category of the language.
    Plural(PluralForms),
}

/// The forms of a text with a count, by CLDR plural category.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PluralForms {
    /// For 1 (and 21, 31, ... in Russian).
    #[serde(default)]
    pub one: Option<String>,
    /// For 2–4 (22–24, ...) in Russian.
    #[serde(default)]
    pub few: Option<String>,
    /// For 0 and 5–20 (25–30, ...) in Russian.
    #[serde(default)]
    pub many: Option<String>,
    /// Every other count; the form used when a category is not given.
    pub other: String,
}

/// The plural categories (CLDR) a language's texts with a count must give.
pub fn required_plural_forms(lang: &str) -> &'static [&'static str] {
    match lang {
        "ru" | "uk" | "be" => &["one", "few", "many", "other"],
        _ => &["one", "other"],
    }
}

impl PluralForms {
    /// The form given for `category`, if any (`other` is always given).
    pub fn given(&self, category: &str) -> Option<&str> {
        match category {
            "one" => self.one.as_deref(),
            "few" => self.few.as_deref(),
            "many" => self.many.as_deref(),
            "other" => Some(&self.other),
            _ => None,
        }
    }

    /// The form for plural category `category` (`one`, `few`, `many` or `other`).
    pub fn form(&self, category: &str) -> &str {
        let chosen = match category {
            "one" => self.one.as_deref(),
            "few" => self.few.as_deref(),
            "many" => self.many.as_deref(),
            _ => None,
        };
        chosen.unwrap_or(&self.other)
    }
}

/// One entry of a translation file.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Where its key is.
    pub pos: Pos,
    /// Its text.
    pub message: Message,
}

/// One language's file.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The language code.
    pub lang: String,
    /// The file, as a path from where the tool runs.
    pub path: PathBuf,
    /// Its entries by key.
    pub entries: BTreeMap<String, Entry>,
}

/// The interface strings of every language of the site, in the order of `languages`.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    /// One catalog per language whose file exists and could be read.
    pub catalogs: Vec<Catalog>,
}

impl Translations {
    /// The catalog of `lang`, if its file was read.
    pub fn catalog(&self, lang: &str) -> Option<&Catalog> {
        self.catalogs.iter().find(|c| c.lang == lang)
    }

    /// Every key defined in any file, sorted.
    pub fn keys(&self) -> std::collections::BTreeSet<&str> {
        self.catalogs.iter().flat_map(|c| c.entries.keys().map(String::as_str)).collect()
    }
}

/// The folder of the translation files, under the content folder.
pub const FOLDER: &str = "i18n";

/// Read the file of each of the site's languages. A missing file for the default language is an
/// error; other languages' missing files show as gaps in the coverage report.
pub(super) fn load(loader: &mut Loader, root: &Path, config: &Config) -> Translations {
    let mut catalogs = Vec::new();
    for lang in &config.languages {
        let path = root.join(FOLDER).join(format!("{lang}.yaml"));
        if !path.exists() {
            if *lang == config.default_language {
                loader.notices.push(
                    Notice::error(
                        &path,
                        Pos::new(1, 1),
                        "missing_translation_file",
                        format!("the interface strings of the default language `{lang}` are missing"),
                    )
                    .hint("restore the file from the repository: every page's labels come from it"),
                );
            }
            continue;
        }
        if let Some(read) = loader.read_yaml::<BTreeMap<Spanned<String>, Message>>(&path, &[]) {
            let entries = read.into_iter().map(|(k, message)| (k.value, Entry { pos: k.pos, message })).collect();
            catalogs.push(Catalog { lang: lang.clone(), path, entries });
        }
    }
    Translations { catalogs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_texts_and_plural_forms_with_their_lines() {
        let text = "facts: Facts\ncount:\n  one: \"{n} checkpoint\"\n  other: \"{n} checkpoints\"\n";
        let entries: BTreeMap<Spanned<String>, Message> = crate::yaml::from_str(text).unwrap();
        let find = |key: &str| entries.iter().find(|(k, _)| k.value == key).unwrap();
        let (facts, count) = (find("facts"), find("count"));
        assert_eq!((facts.0.value.as_str(), facts.0.pos), ("facts", Pos::new(1, 1)));
        assert_eq!(*facts.1, Message::Text("Facts".into()));
        assert_eq!((count.0.value.as_str(), count.0.pos), ("count", Pos::new(2, 1)));
        let Message::Plural(forms) = count.1 else { panic!("plural expected") };
        assert_eq!(forms.form("one"), "{n} checkpoint");
        assert_eq!(forms.form("few"), "{n} checkpoints");
    }
}
