//! One language's interface strings, resolved once per build: the language's own text, else the
//! default language's, else any language's. Rust-made labels take their keys from
//! [`super::keys`]; templates use the `t` map and the `plural` function (see [`register`]).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::format::{Conventions, plural_category};
use super::keys::MONTHS;
use crate::content::Content;
use crate::content::i18n::{Message, PluralForms};

/// The interface strings and conventions of one language.
#[derive(Debug)]
pub struct Ui {
    /// The language code.
    pub lang: String,
    texts: BTreeMap<String, String>,
    plurals: HashMap<String, (String, PluralForms)>,
    /// Numbers and dates.
    pub conventions: Conventions,
}

impl Ui {
    /// Resolve `lang`'s strings from `content`'s translation files.
    pub fn new(content: &Content, lang: &str) -> Ui {
        let default = content.config.default_language.as_str();
        let mut order: Vec<&str> = vec![lang, default];
        order.extend(content.config.languages.iter().map(String::as_str));
        let mut texts = BTreeMap::new();
        let mut plurals = HashMap::new();
        for code in order.iter().rev() {
            let Some(catalog) = content.i18n.catalog(code) else { continue };
            for (key, entry) in &catalog.entries {
                // A language nearer the page's wins whole: its plain text over another
                // language's plural forms, and the other way round.
                match &entry.message {
                    Message::Text(text) => {
                        plurals.remove(key);
                        texts.insert(key.clone(), text.clone());
                    }
                    Message::Plural(forms) => {
                        texts.remove(key);
                        plurals.insert(key.clone(), (code.to_string(), forms.clone()));
                    }
                }
            }
        }
        let mut ui = Ui { lang: lang.to_string(), texts, plurals, conventions: placeholder_conventions() };
        ui.conventions = Conventions {
            group: ui.get("number_group").to_string(),
            decimal: ui.get("number_decimal").to_string(),
            months: std::array::from_fn(|i| ui.get(MONTHS[i]).to_string()),
            date: ui.get("date_format").to_string(),
        };
        ui
    }

    /// The text of `key`; the key itself where no file defines it (validate reports that).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.texts.get(key).map_or(key, String::as_str)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }

    /// The form of `key` for the count `n`, with `{n}` written as a number of this language.
    pub fn count(&self, key: &str, n: u64) -> String {
        self.count_with(key, n, &[])
    }

    /// [`Ui::count`], with other `{name}`s replaced too.
    pub fn count_with(&self, key: &str, n: u64, values: &[(&str, &str)]) -> String {
        let text = match self.plurals.get(key) {
            Some((lang, forms)) => forms.form(plural_category(lang, n)).to_string(),
            None => self.get(key).to_string(),
        };
        fill(&text.replace("{n}", &self.number(n as f64)), values)
    }

    /// A number as this language writes it.
    pub fn number(&self, n: f64) -> String {
        self.conventions.number(n)
    }

    /// A `YYYY-MM-DD` date as this language writes it.
    pub fn date(&self, iso: &str) -> String {
        self.conventions.date(iso)
    }

    /// An `as_of` date (a year, `YYYY-MM` or `YYYY-MM-DD`) as this language writes it: a year
    /// as it is, a month as `MM.YYYY`, a day in words.
    pub fn partial_date(&self, as_of: &str) -> String {
        match as_of.split('-').collect::<Vec<_>>()[..] {
            [year] => year.to_string(),
            [year, month] => format!("{month}.{year}"),
            _ => self.date(as_of),
        }
    }

    /// Labels joined into a list as this language writes one: in Russian and Kazakh only the
    /// first keeps its capital ("Грузовые, пассажирские"), in English each keeps its own.
    pub fn join_labels<'a>(&self, labels: impl IntoIterator<Item = &'a str>) -> String {
        let lower_after_first = matches!(self.lang.as_str(), "ru" | "kk");
        let mut out = String::new();
        for (i, label) in labels.into_iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if i > 0 && lower_after_first {
                let mut chars = label.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_lowercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push_str(label);
            }
        }
        out
    }

    /// Every plain text, as the `t` map templates read.
    pub fn strings(&self) -> tera::Value {
        tera::Value::from_serializable(&self.texts)
    }
}

fn placeholder_conventions() -> Conventions {
    Conventions { group: ",".into(), decimal: ".".into(), months: Default::default(), date: String::new() }
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Every language's strings, by code.
pub type Uis = BTreeMap<String, Arc<Ui>>;

/// Give templates `plural(key="...", n=..., name=value...)` (the count's form, with `{n}` and
/// each `{name}` filled in) and the `num` filter (a number as the page's language writes it).
/// Both read the page's language from the context's `lang`.
pub fn register(tera: &mut tera::Tera, uis: Arc<Uis>) {
    let for_plural = Arc::clone(&uis);
    tera.register_function("plural", move |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
        let ui = page_ui(&for_plural, state)?;
        let key: String = kwargs.must_get("key")?;
        let n: f64 = kwargs.must_get("n")?;
        let values: Vec<(String, String)> = kwargs
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), Some("key" | "n")))
            .map(|(k, v)| (k.to_string(), v.as_str().map_or_else(|| v.to_string(), str::to_string)))
            .collect();
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        Ok(ui.count_with(&key, n.max(0.0) as u64, &values))
    });
    tera.register_filter("num", move |n: f64, _: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
        Ok(page_ui(&uis, state)?.number(n))
    });
}

fn page_ui<'a>(uis: &'a Uis, state: &tera::State) -> tera::TeraResult<&'a Ui> {
    let lang: String = state.get("lang")?.unwrap_or_default();
    uis.get(&lang).map(|u| u.as_ref()).ok_or_else(|| tera::Error::message(format!("no strings for language `{lang}`")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_labels_by_the_language_s_capitalisation() {
        let ui = |lang: &str| Ui {
            lang: lang.into(),
            texts: BTreeMap::new(),
            plurals: HashMap::new(),
            conventions: placeholder_conventions(),
        };
        assert_eq!(ui("ru").join_labels(["Грузовые", "Пассажирские"]), "Грузовые, пассажирские");
        assert_eq!(ui("kk").join_labels(["Жүк", "Жолаушылар"]), "Жүк, жолаушылар");
        assert_eq!(ui("en").join_labels(["Cargo", "Passengers"]), "Cargo, Passengers");
        assert_eq!(ui("en").partial_date("2023-08"), "08.2023");
        assert_eq!(ui("en").partial_date("2021"), "2021");
    }

    #[test]
    fn fills_named_values() {
        assert_eq!(fill("{name}: {n} km", &[("name", "Dostyk"), ("n", "12")]), "Dostyk: 12 km");
    }

    #[test]
    fn every_key_the_program_uses_is_listed_once() {
        use crate::render::keys::{is_rust_key, rust_keys};
        let mut seen = std::collections::BTreeSet::new();
        for key in rust_keys() {
            assert!(seen.insert(key), "`{key}` is listed twice");
        }
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render")];
        let mut files = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                files += 1;
                let text = std::fs::read_to_string(&path).unwrap();
                for call in ["ui.get(\"", "ui.fill(\"", "ui.count(\"", "ui.count_with(\""] {
                    for piece in text.split(call).skip(1) {
                        let key = piece.split('"').next().unwrap();
                        assert!(is_rust_key(key), "{}: `{key}` is not in render::keys", path.display());
                    }
                }
            }
        }
        assert!(files > 10, "the render sources were read");
    }
}
