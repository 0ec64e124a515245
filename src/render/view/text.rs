//! The small parts of every view model: a text with its language, dates, labelled values, links,
//! facts with their yes/no/unknown labels, and the labels of fields and borders.

use serde::Serialize;

use crate::content::{Border, Content, Facts, LocalizedText, Vocabulary};
use crate::render::ui::Ui;

/// A text and the language it is in (pages mark text not in the page's language).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Text {
    /// The text.
    pub text: String,
    /// Its language code; `ru-Latn` or `kk-Latn` for a romanisation.
    pub lang: String,
    /// For a romanisation: the name it romanises, shown beside it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// For a romanisation: the original's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_lang: Option<String>,
}

impl Text {
    /// A text in `lang`.
    pub fn new(text: impl Into<String>, lang: impl Into<String>) -> Text {
        Text { text: text.into(), lang: lang.into(), original: None, original_lang: None }
    }
}

/// `text` marked with its script (`und-Latn`, `und-Cyrl`) where that differs from the script
/// `lang` is written in; in the page's language otherwise.
pub fn in_script(text: &str, lang: &str) -> Text {
    let latin_page = lang == "en";
    let cyrillic = text.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'));
    let latin = text.chars().any(|c| c.is_ascii_alphabetic());
    let marked = match (latin_page, cyrillic, latin) {
        (true, true, _) => "und-Cyrl",
        (false, _, true) if !cyrillic => "und-Latn",
        _ => lang,
    };
    Text::new(text, marked)
}

/// `text` marked with the language [`crate::translit::script_lang`] reads in it.
pub fn source_words(text: &str) -> Text {
    Text::new(text, crate::translit::script_lang(text))
}

/// A name for a `lang` page: its form in that language; on pages in Latin script (English)
/// without one, the romanisation of the name the sources give, marked as such (`ru-Latn`) and
/// with the original beside it; else the form of the nearest language.
pub fn name_in(name: &LocalizedText, lang: &str) -> Option<Text> {
    let best = text_in(name, lang)?;
    if best.lang == lang || lang != "en" || best.text.is_ascii() {
        return Some(best);
    }
    Some(Text {
        text: crate::translit::romanise(&best.text),
        lang: format!("{}-Latn", best.lang),
        original: Some(best.text),
        original_lang: Some(best.lang),
    })
}

/// The best form of `text` for a `lang` page, if any.
pub fn text_in(text: &LocalizedText, lang: &str) -> Option<Text> {
    text.best(lang).map(|(l, t)| Text::new(t, l))
}

/// A date: as written in content (for `<time datetime>`) and as the page's language writes it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `YYYY-MM-DD`.
    pub iso: String,
    /// In words.
    pub text: String,
}

impl DateView {
    /// The date `iso` for a page in `ui`'s language.
    pub fn new(iso: &str, ui: &Ui) -> DateView {
        DateView { iso: iso.to_string(), text: ui.date(iso) }
    }
}

/// A value and its label.
#[derive(Debug, Clone, Serialize)]
pub struct Labelled {
    /// The YAML value.
    pub code: String,
    /// The label shown.
    pub label: String,
}

/// A link to another page, relative to the site's root.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// The link text.
    pub title: String,
    /// The target, relative to the site's root (no leading `/`).
    pub url: String,
    /// A short line under the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The title's language, when it is not the page's (content not yet translated, or a
    /// romanisation: `ru-Latn`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// For a romanised title: the original name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original: Option<Text>,
}

impl LinkView {
    /// A link whose title is in the page's language.
    pub fn new(title: impl Into<String>, url: impl Into<String>, detail: Option<String>) -> LinkView {
        LinkView { title: title.into(), url: url.into(), detail, lang: None, original: None }
    }
}

/// What is stated of one value of `modes` or `traffic`: yes, no or unknown, with labels.
#[derive(Debug, Clone, Serialize)]
pub struct FactView {
    /// The value's YAML code (`cargo`).
    pub code: String,
    /// The value's label ("Cargo").
    pub label: String,
    /// `yes`, `no` or `unknown`.
    pub fact: &'static str,
    /// The fact's label ("yes").
    pub fact_label: String,
}

/// A titled list.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    /// Kind.
    pub kind: String,
    /// Heading.
    pub title: String,
    /// Entries.
    pub items: Vec<String>,
    /// Where and for whom the list applies, when narrower than its document.
    pub scope: Option<String>,
}

/// The label of a border code: the neighbour's name in the page's language.
pub fn border_label(border: Border, content: &Content, ui: &Ui) -> String {
    match border {
        Border::None => ui.get("border_none").to_string(),
        b => content
            .reference
            .country(b.code())
            .and_then(|c| text_in(&c.name, &ui.lang))
            .map_or_else(|| b.code().to_string(), |t| t.text),
    }
}

/// The key of a supported field's label (the field path itself when it has none): a value of
/// `modes` or `traffic` takes its value's label (`traffic.cargo`: "Cargo").
pub fn field_key(field: &str) -> std::borrow::Cow<'_, str> {
    if let Some((prefix @ ("modes" | "traffic"), code)) = field.split_once('.') {
        return format!("{}_{code}", prefix.trim_end_matches('s')).into();
    }
    std::borrow::Cow::Borrowed(match field {
        "name" => "field_name",
        "aliases" => "field_aliases",
        "border" => "field_border",
        "counterpart" => "field_counterpart",
        "counterpart.hours" => "field_counterpart_hours",
        "counterpart.location" => "field_counterpart_location",
        "modes" => "field_modes",
        "traffic" => "field_traffic",
        "open_to" => "field_open_to",
        "classification" => "field_classification",
        "hours" => "field_hours",
        "status" => "field_status",
        "operating" => "field_operating",
        "e_queue" => "field_e_queue",
        "location" => "field_location",
        "location.region" => "field_region",
        "location.district" => "field_district",
        "location.settlement" => "field_settlement",
        "location.coordinates" => "field_coordinates",
        "contacts" => "field_contacts",
        "notes" => "field_notes",
        "text" => "field_text",
        "allowances" => "field_allowances",
        "lists" => "field_lists",
        "applies_to" => "field_applies_to",
        other => other,
    })
}

/// The key of a vocabulary value's label: `mode_road`, `traffic_cargo`.
pub fn value_key(prefix: &str, code: &str) -> String {
    format!("{prefix}_{code}")
}

/// Every value of `facts` with its fact and labels (`prefix` names the labels' keys).
pub fn fact_views<K: Vocabulary>(facts: &Facts<K>, prefix: &str, ui: &Ui) -> Vec<FactView> {
    facts
        .all()
        .map(|(k, fact)| FactView {
            code: k.code().to_string(),
            label: ui.get(&value_key(prefix, k.code())).to_string(),
            fact: fact.code(),
            fact_label: ui.get(&value_key("fact", fact.code())).to_string(),
        })
        .collect()
}

/// A value's YAML code and its label under `key` in the page's language.
pub fn labelled(code: impl serde::Serialize, key: &str, ui: &Ui) -> Labelled {
    let code = serde_json::to_value(code).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    Labelled { code, label: ui.get(key).to_string() }
}
