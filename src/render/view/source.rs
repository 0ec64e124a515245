//! Sources as pages show them: a reference with its date and the facts it supports, the
//! attribution beside a fact, and a listed source on the Data page.

use serde::Serialize;

use super::text::{DateView, Text, field_key, source_words};
use crate::content::{Content, SourceRef};
use crate::render::ui::Ui;

/// A source as pages list it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// Title shown.
    pub title: String,
    /// The language of the title: the page's own for a cited page, the site's default
    /// language for a source listed in `sources.yaml` (editors describe those).
    pub lang: String,
    /// Publisher, a name in the language its letters say (see [`publisher`]).
    pub publisher: Option<Text>,
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

/// A source reference as pages show it, with the facts it supports in the page's language.
pub fn source_view(s: &SourceRef, content: &Content, ui: &Ui) -> SourceView {
    let default = content.config.default_language.as_str();
    let listed = content.listed_source(s).map(|l| (l, l.named_in(&ui.lang, default)));
    let as_of_iso = content.as_of(s);
    let lang = match (&s.title, &s.language, &listed) {
        (Some(_), Some(page_lang), _) => page_lang.clone(),
        (None, _, Some((_, (_, _, named)))) => named.to_string(),
        _ => default.to_string(),
    };
    SourceView {
        lang,
        title: s
            .title
            .clone()
            .or_else(|| listed.map(|(_, (title, _, _))| title.to_string()))
            .unwrap_or_else(|| ui.get("source_untitled").to_string()),
        publisher: s.publisher.as_deref().or_else(|| listed.and_then(|(_, (_, p, _))| p)).map(publisher),
        url: s
            .url
            .as_ref()
            .map(|u| u.value.clone())
            .or_else(|| listed.and_then(|(l, _)| l.url.as_ref().or(l.published_url.as_ref()).map(|u| u.value.clone()))),
        as_of: as_of_iso.as_deref().map(|d| ui.partial_date(d)),
        as_of_iso,
        retrieved: s.retrieved.as_ref().map(|d| DateView::new(&d.value, ui)),
        supports: s.supports.iter().map(|f| ui.get(&field_key(&f.value)).to_string()).collect(),
        note: None,
    }
}

/// A listed source as the Data page shows it, with its provenance note.
pub fn listed_source_view(s: &crate::content::sources::Source, content: &Content, ui: &Ui) -> SourceView {
    let (title, publisher_name, lang) = s.named_in(&ui.lang, &content.config.default_language);
    SourceView {
        title: title.to_string(),
        lang: lang.to_string(),
        publisher: publisher_name.map(publisher),
        url: s.url.as_ref().or(s.published_url.as_ref()).map(|u| u.value.clone()),
        as_of: s.as_of.as_ref().map(|d| ui.partial_date(d)),
        as_of_iso: s.as_of.as_ref().map(|d| d.value.clone()),
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
    let by = view.publisher.unwrap_or(Text::new(view.title, view.lang));
    Attribution { by: by.text, lang: by.lang, proper, as_of: view.as_of, when, url: view.url, stale }
}

/// A publisher's name, in the language its letters say: a name in Latin letters ("Maral-Sai",
/// "Lada.kz") is marked English on a Russian or Kazakh page, whatever the language of the page
/// it published; one in Cyrillic is Russian or Kazakh.
pub fn publisher(name: &str) -> Text {
    source_words(name)
}

/// The name of a source an editor checked a record against: a listed source's publisher (in
/// its letters' language) or title (in the editors' language), else the address as written.
pub fn verified_label(against: &str, content: &Content) -> Text {
    let editors = || content.config.default_language.clone();
    content.listed(against).map_or_else(
        || Text::new(against, editors()),
        |s| {
            s.publisher
                .as_deref()
                .map_or_else(|| Text::new(s.title.as_deref().unwrap_or_default(), editors()), publisher)
        },
    )
}
