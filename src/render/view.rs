//! View models: content turned into what templates print, with labels, links and unknowns
//! worked out once in Rust so templates stay simple.

use serde::Serialize;

use super::i18n::Ui;
use crate::content::{Border, Content, LocalizedText, SourceRef};

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

/// The languages to show a content value in on a `lang` page, in order: the page's own, then
/// the one its readers most likely read too (Russian and Kazakh readers read both; signs at the
/// border are in both), then the rest.
pub fn fallbacks(lang: &str) -> [&'static str; 3] {
    match lang {
        "ru" => ["ru", "kk", "en"],
        "kk" => ["kk", "ru", "en"],
        _ => ["en", "ru", "kk"],
    }
}

/// The best form of `text` for a `lang` page, if any.
pub fn text_in(text: &LocalizedText, lang: &str) -> Option<Text> {
    fallbacks(lang).into_iter().find_map(|l| text.get(l).map(|t| Text::new(t, l)))
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

/// The sources a page names beside one fact: the newest few, and how many more the Sources
/// section lists.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cited {
    /// The newest sources, newest first.
    pub shown: Vec<Attribution>,
    /// "and 3 more", when there are more.
    pub more: Option<String>,
}

/// Another source's value for a fact, shown beneath the kept one.
#[derive(Debug, Clone, Serialize)]
pub struct AlsoView {
    /// The value, in the source's words (or, for a state, in the page's language).
    pub value: Text,
    /// Who states it, and as of when.
    pub cited: Attribution,
}

/// Who states a fact and as of when, as a page shows it beside the fact.
#[derive(Debug, Clone, Serialize)]
pub struct Attribution {
    /// The source's short name: its publisher, else its title.
    pub by: String,
    /// The language `by` is written in.
    pub lang: String,
    /// Whether `by` is a publisher's name (a proper name, not translated).
    pub proper: bool,
    /// The date its statements describe, in words.
    pub as_of: Option<String>,
    /// "as of 2021", in the page's language.
    pub when: Option<String>,
    /// The source's address.
    pub url: Option<String>,
    /// Whether the date is older than the site's `stale_after_days`.
    pub stale: bool,
}

/// A source as pages list it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// Title shown.
    pub title: String,
    /// The language of the title and publisher: the page's own for a cited page, the site's
    /// default language for a source listed in `sources.yaml` (editors describe those).
    pub lang: String,
    /// Publisher.
    pub publisher: Option<String>,
    /// The page's address, when there is one.
    pub url: Option<String>,
    /// The date its statements describe (year, month or day), in words.
    pub as_of: Option<String>,
    /// `as_of` as written (`2021`, `2023-08`, `2023-08-17`), for `<time datetime>`.
    pub as_of_iso: Option<String>,
    /// Retrieval date.
    pub retrieved: Option<DateView>,
    /// The facts it supports.
    pub supports: Vec<String>,
    /// Editors' provenance note (the Data page shows it; checkpoint pages do not).
    pub note: Option<String>,
}

/// A checkpoint as lists show it (the index, border pages, nearby links, search): what is
/// kept for every checkpoint while a language's pages are written.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckpointItem {
    /// Id.
    pub id: String,
    /// Page, relative to the site's root.
    pub url: String,
    /// Display name.
    pub name: Text,
    /// Other spellings, each marked with its script where that is not the page's
    /// (`und-Latn` for a Latin spelling on a Russian page).
    pub aliases: Vec<Text>,
    /// The border.
    pub border: Option<Labelled>,
    /// The other side's name.
    pub counterpart_name: Option<Text>,
    /// The modes a source states (yes or no).
    pub modes: Vec<FactView>,
    /// Every kind of traffic with what is stated of it (yes, no or unknown).
    pub traffic: Vec<FactView>,
    /// The labels of the modes stated to be yes, joined for reading ("Road, on foot"); `None`
    /// when no mode is known.
    pub modes_label: Option<String>,
    /// Filter tokens of the modes stated yes, space-separated, or `unknown`.
    pub mode_codes: String,
    /// What is stated of each kind of traffic, for reading ("Cargo: yes, passengers: unknown");
    /// `None` when nothing is.
    pub traffic_label: Option<String>,
    /// Filter tokens of the traffic: `cargo cargo:yes` for yes, `passenger passenger:unknown`
    /// for unknown (a filter on passengers keeps the checkpoints nobody has said refuse them),
    /// `cargo:no` for no.
    pub traffic_codes: String,
    /// Normalised hours.
    pub hours: Option<Labelled>,
    /// The schedule in words, beyond the kind's label: days, times, break, season, UTC offset.
    pub hours_words: Option<String>,
    /// The schedule as `static/hours.js` reads it to say whether the checkpoint is open now
    /// (compact JSON), where the hours say so and the checkpoint is not closed.
    pub open_hours: Option<String>,
    /// State.
    pub status: Option<Labelled>,
    /// Region name and code.
    pub region: Option<Labelled>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

/// A checkpoint as its own page shows it: its list item and everything else, made only while
/// that page is rendered.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckpointView {
    /// What lists show.
    #[serde(flatten)]
    pub item: CheckpointItem,
    /// Every given name, with its language.
    pub names: Vec<Text>,
    /// The other side's country name.
    pub counterpart_country: Option<String>,
    /// Who may cross.
    pub open_to: Option<String>,
    /// Classification label.
    pub classification: Option<String>,
    /// The source's words for the classification.
    pub classification_text: Option<Text>,
    /// The source's words for the hours.
    pub hours_text: Option<Text>,
    /// Status details in the page's language: ended, since, until.
    pub status_detail: Option<String>,
    /// The status's note, as the editor wrote it.
    pub status_note: Option<Text>,
    /// District.
    pub district: Option<Text>,
    /// Settlement.
    pub settlement: Option<Text>,
    /// The source's words for the place.
    pub place_text: Option<Text>,
    /// Coordinates as text, e.g. "44.2123, 80.4001".
    pub coordinates: Option<String>,
    /// Precision label.
    pub precision: Option<Labelled>,
    /// Links to open the place in map apps.
    pub map_links: Vec<LinkView>,
    /// Contacts: label, value, href.
    pub contacts: Vec<LinkView>,
    /// Notes as sanitised HTML.
    pub notes_html: Option<String>,
    /// Sources.
    pub sources: Vec<SourceView>,
    /// Who states each fact and as of when, by field (`traffic`, `hours`, `location`...): the
    /// sources whose `supports` name the field or a part of it, newest first.
    pub cited: std::collections::BTreeMap<String, Cited>,
    /// What other sources state where they disagree with the value shown, by field, with who
    /// states it and as of when.
    pub also: std::collections::BTreeMap<String, Vec<AlsoView>>,
    /// Other checkpoints at the same place.
    pub same_place: Vec<LinkView>,
    /// The date an editor checked the record, and against what.
    pub last_verified: Option<DateView>,
    /// The source of that check.
    pub verified_against: Option<String>,
    /// Fields unknown.
    pub unknown: Vec<&'static str>,
    /// Edit link to the YAML file.
    pub edit_url: Option<String>,
}

/// A rule document as its page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    /// Id.
    pub id: String,
    /// Page, relative to the site's root.
    pub url: String,
    /// The language the document is written in (the page's, or another until it is translated).
    pub lang: String,
    /// Title.
    pub title: String,
    /// Category.
    pub category: Labelled,
    /// Summary.
    pub summary: Option<String>,
    /// Where it applies, in words.
    pub applies_to: Vec<String>,
    /// Allowance rows.
    pub allowances: Vec<AllowanceRow>,
    /// Structured lists.
    pub lists: Vec<ListView>,
    /// The body as sanitised HTML.
    pub body_html: String,
    /// Sources.
    pub sources: Vec<SourceView>,
    /// The date an editor checked the document.
    pub last_verified: Option<DateView>,
    /// The source of that check.
    pub verified_against: Option<String>,
    /// Edit link to the Markdown file.
    pub edit_url: Option<String>,
}

/// One row of an allowances table.
#[derive(Debug, Clone, Serialize)]
pub struct AllowanceRow {
    /// What.
    pub item: String,
    /// Direction label.
    pub direction: Option<String>,
    /// Amount with unit or currency, e.g. "10,000 USD".
    pub limit: Option<String>,
    /// Condition.
    pub condition: Option<String>,
    /// Source's words.
    pub source_text: Option<String>,
    /// Who gives this figure and as of when.
    pub cited: Option<Attribution>,
    /// Other sources' figures for the same item, with their dates (shown beneath the kept one).
    pub others: Vec<AllowanceRow>,
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

/// The page of a border, relative to the language's root.
pub fn border_url(border: Border) -> String {
    format!("borders/{}/index.html", border.code().to_lowercase())
}

/// A source reference as pages show it, with the facts it supports in the page's language.
pub fn source_view(s: &SourceRef, content: &Content, ui: &Ui) -> SourceView {
    let listed = content.listed_source(s);
    let as_of_iso = content.as_of(s);
    let lang = match (&s.title, &s.language) {
        (Some(_), Some(page_lang)) => page_lang.clone(),
        _ => content.config.default_language.clone(),
    };
    SourceView {
        lang,
        title: s
            .title
            .clone()
            .or_else(|| listed.map(|l| l.title.clone()))
            .unwrap_or_else(|| ui.get("source_untitled").to_string()),
        publisher: s.publisher.clone().or_else(|| listed.and_then(|l| l.publisher.clone())),
        url: s
            .url
            .as_ref()
            .map(|u| u.value.clone())
            .or_else(|| listed.and_then(|l| l.url.clone().or_else(|| l.published_url.clone()))),
        as_of: as_of_iso.as_deref().map(|d| ui.partial_date(d)),
        as_of_iso,
        retrieved: s.retrieved.as_ref().map(|d| DateView::new(&d.value, ui)),
        supports: s.supports.iter().map(|f| ui.get(&field_key(&f.value)).to_string()).collect(),
        note: None,
    }
}

/// A listed source as the Data page shows it, with its provenance note.
pub fn listed_source_view(s: &crate::content::SourceInfo, content: &Content, ui: &Ui) -> SourceView {
    SourceView {
        title: s.title.clone(),
        lang: content.config.default_language.clone(),
        publisher: s.publisher.clone(),
        url: s.url.clone().or_else(|| s.published_url.clone()),
        as_of: s.as_of.as_deref().map(|d| ui.partial_date(d)),
        as_of_iso: s.as_of.clone(),
        retrieved: None,
        supports: Vec::new(),
        note: s.note.clone(),
    }
}

/// Who a reference is, as a page says it beside a fact, and whether its date is stale.
pub fn attribution(s: &SourceRef, content: &Content, ui: &Ui) -> Attribution {
    let view = source_view(s, content, ui);
    let stale = view.as_of_iso.as_deref().is_some_and(|d| content.is_stale(d));
    let when = view.as_of.as_deref().map(|d| ui.fill("as_of", &[("date", d)]));
    let proper = view.publisher.is_some();
    Attribution {
        by: view.publisher.unwrap_or(view.title),
        lang: view.lang,
        proper,
        as_of: view.as_of,
        when,
        url: view.url,
        stale,
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
        "modes" => "field_modes",
        "traffic" => "field_traffic",
        "open_to" => "field_open_to",
        "classification" => "field_classification",
        "hours" => "field_hours",
        "status" => "field_status",
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
