//! Building checkpoints' view models from content, with labels in the page's language.

use serde::Serialize;

use super::source::{Attribution, SourceView, attribution, source_view, verified_label};
use super::text::*;
use crate::content::state::State;
use crate::content::{
    Checkpoint, Classification, Contact, ContactKind, Content, Fact, HoursKind, Precision, Record, StatusState,
};
use crate::render::markdown;
use crate::render::ui::Ui;
use crate::render::url::{checkpoint_url, edit_url, rewrite_link};

/// The key of an hours kind's label.
pub fn hours_key(h: HoursKind) -> &'static str {
    match h {
        HoursKind::RoundTheClock => "hours_24h",
        HoursKind::Daytime => "hours_daytime",
        HoursKind::Schedule => "hours_schedule",
        HoursKind::Seasonal => "hours_seasonal",
    }
}

/// The key of a state's label.
pub fn status_key(s: StatusState) -> &'static str {
    match s {
        StatusState::Open => "status_open",
        StatusState::Closed => "status_closed",
        StatusState::Suspended => "status_suspended",
    }
}

fn classification_key(c: Classification) -> &'static str {
    match c {
        Classification::International => "classification_international",
        Classification::Multilateral => "classification_multilateral",
        Classification::Bilateral => "classification_bilateral",
    }
}

fn precision_key(p: Precision) -> &'static str {
    match p {
        Precision::Surveyed => "precision_surveyed",
        Precision::Settlement => "precision_settlement",
        Precision::Opposite => "precision_opposite",
        Precision::Namesake => "precision_namesake",
        Precision::Approximate => "precision_approximate",
    }
}

/// A checkpoint's notes as sanitised HTML, for its page (two folders below its language's
/// root).
pub fn notes_html(c: &Checkpoint) -> Option<String> {
    c.notes.as_ref().map(|n| markdown::to_html(&n.value, &|d| rewrite_link(d, "../../")))
}

/// A checkpoint as lists show it, with labels in `ui`'s language.
pub fn checkpoint_item(c: &Checkpoint, content: &Content, ui: &Ui) -> CheckpointItem {
    let loc = c.location.as_ref();
    let region = loc.and_then(|l| l.region.as_ref()).map(|code| Labelled {
        code: code.value.clone(),
        label: content
            .reference
            .region(code)
            .and_then(|r| text_in(&r.name, &ui.lang))
            .map_or(code.to_string(), |t| t.text),
    });
    let modes: Vec<FactView> = fact_views(&c.modes, "mode", ui).into_iter().filter(|m| m.fact != "unknown").collect();
    let traffic = fact_views(&c.traffic, "traffic", ui);
    // Joined here once, not by every template that shows them.
    let yes_modes: Vec<&FactView> = modes.iter().filter(|m| m.fact == Fact::Yes.code()).collect();
    let traffic_said = traffic.iter().map(|t| format!("{}: {}", t.label, t.fact_label)).collect::<Vec<_>>();
    let state = super::state::state_now(c, content);
    let traffic_tokens = traffic.iter().map(|t| match t.fact {
        "yes" => format!("{0} {0}:yes", t.code),
        "unknown" => format!("{0} {0}:unknown", t.code),
        _ => format!("{}:no", t.code),
    });
    CheckpointItem {
        modes_label: (!yes_modes.is_empty()).then(|| ui.join_labels(yes_modes.iter().map(|m| m.label.as_str()))),
        mode_codes: if yes_modes.is_empty() {
            "unknown".to_string()
        } else {
            yes_modes.iter().map(|m| m.code.as_str()).collect::<Vec<_>>().join(" ")
        },
        traffic_label: (!c.traffic.is_empty()).then(|| ui.join_labels(traffic_said.iter().map(String::as_str))),
        traffic_codes: traffic_tokens.collect::<Vec<_>>().join(" "),
        modes,
        traffic,
        id: c.id.value.clone(),
        url: checkpoint_url(&c.id.value),
        name: name_in(&c.name, &ui.lang).unwrap_or_else(|| Text::new(c.id.value.clone(), "en")),
        aliases: c.aliases.iter().map(|a| in_script(&a.value, &ui.lang)).collect(),
        border: c
            .border
            .as_ref()
            .map(|b| Labelled { code: b.value.code().to_string(), label: border_label(b.value, content, ui) }),
        counterpart_name: c.counterpart.as_ref().and_then(|p| p.name.as_ref()).and_then(|n| name_in(n, &ui.lang)),
        hours: c.crossing_hours().and_then(|(h, _)| h.kind).map(|h| labelled(h, hours_key(h), ui)),
        hours_words: c.crossing_hours().and_then(|(h, _)| crate::render::hours::words(h, ui)),
        hours_side: super::sides::hours_side(c, content, ui),
        open_hours: open_hours(c, &state),
        open_for: super::state::spared_traffic(&state),
        open_to: super::sides::open_to_label(c, content, ui),
        open_to_codes: super::sides::open_to_codes(c).to_string(),
        status: super::state::state_label(&state, ui),
        e_queue: super::equeue::e_queue_label(c.e_queue.as_ref(), ui),
        region,
        lat: loc.and_then(|l| l.lat.as_ref()).map(|v| v.value),
        lon: loc.and_then(|l| l.lon.as_ref()).map(|v| v.value),
    }
}

/// A checkpoint as its own page shows it: `item` (its list item) and the rest, notes included.
pub fn checkpoint_view(
    record: &Record<Checkpoint>,
    item: CheckpointItem,
    content: &Content,
    ui: &Ui,
) -> CheckpointView {
    let c = &record.data;
    let loc = c.location.as_ref();
    let coordinates = item.lat.zip(item.lon);
    let state = super::state::state_now(c, content);
    CheckpointView {
        names: c.name.all().map(|(l, t)| Text::new(t, l)).collect(),
        counterpart_country: c.counterpart.as_ref().and_then(|p| p.country.as_ref()).map(|code| {
            content
                .reference
                .country(code)
                .and_then(|k| text_in(&k.name, &ui.lang))
                .map_or(code.to_string(), |t| t.text)
        }),
        classification: c.classification.as_ref().and_then(|k| k.kind).map(|k| ui.get(classification_key(k)).into()),
        classification_text: c.classification.as_ref().and_then(|k| k.source_text.as_deref()).map(source_words),
        hours_text: c.crossing_hours().and_then(|(h, _)| h.source_text.as_deref()).map(source_words),
        status_detail: super::state::state_detail(&state, ui),
        status_note: state
            .status
            .or(state.superseded)
            .and_then(|s| s.note.as_deref())
            .map(|n| Text::new(n, content.config.default_language.clone())),
        district: loc.and_then(|l| l.district.as_deref()).map(source_words),
        settlement: loc.and_then(|l| l.settlement.as_deref()).map(source_words),
        place_text: loc.and_then(|l| l.source_text.as_deref()).map(source_words),
        coordinates: coordinates.map(|(a, o)| format!("{a:.5}, {o:.5}")),
        precision: loc.and_then(|l| l.precision).map(|p| labelled(p, precision_key(p), ui)),
        map_links: coordinates
            .map(|(a, o)| map_links(a, o, loc.and_then(|l| l.precision), &c.id.value, ui))
            .unwrap_or_default(),
        contacts: c.contacts.iter().map(contact_view).collect(),
        notes_html: notes_html(c),
        // Each fact names its sources where it is shown, so the list need not repeat which; when
        // a source was read is editors' provenance, on the Data page.
        sources: c
            .sources
            .iter()
            .map(|s| SourceView { supports: Vec::new(), retrieved: None, ..source_view(s, content, ui) })
            .collect(),
        cited: cited(c, content, ui),
        also: also_stated(c, content, ui),
        same_place: c
            .same_place
            .iter()
            .filter_map(|id| content.checkpoints.iter().find(|r| r.data.id.value == id.value))
            .map(|r| name_link(&name_in(&r.data.name, &ui.lang).unwrap_or_default(), &r.data.id.value, &ui.lang, None))
            .collect(),
        last_verified: c.last_verified.as_ref().map(|d| DateView::new(&d.value, ui)),
        verified_against: c.verified_against.as_ref().map(|v| verified_label(&v.value, content)),
        unknown: c.unknown_fields(),
        edit_url: edit_url(content, &record.path),
        item,
    }
}

/// A link to a checkpoint's page titled with `name`, marked with its language where that is not
/// the page's (with the original beside a romanisation).
pub fn name_link(name: &Text, id: &str, lang: &str, detail: Option<String>) -> LinkView {
    let original = name.original.clone().map(|o| Text::new(o, name.original_lang.clone().unwrap_or_default()));
    LinkView {
        title: name.text.clone(),
        url: checkpoint_url(id),
        detail,
        lang: (name.lang != lang).then(|| name.lang.clone()),
        original,
    }
}

/// How many sources a page names beside one fact; the Sources section lists them all.
const CITED_SHOWN: usize = 2;

/// Who states each of a checkpoint's facts, by top-level field, newest source first.
fn cited(c: &Checkpoint, content: &Content, ui: &Ui) -> std::collections::BTreeMap<String, Cited> {
    let mut all: std::collections::BTreeMap<String, Vec<(Option<String>, Attribution)>> =
        CITED_FIELDS.iter().map(|f| (f.to_string(), Vec::new())).collect();
    for s in &c.sources {
        // Evidence of operation is what the state rests on: cited beside it.
        fn top(f: &str) -> &str {
            match f.split('.').next().unwrap_or_default() {
                "operating" => "status",
                field => field,
            }
        }
        let mut fields: Vec<&str> = s.supports.iter().map(|f| top(&f.value)).collect();
        fields.sort_unstable();
        fields.dedup();
        for field in fields {
            let list = all.entry(field.to_string()).or_default();
            let who = attribution(s, content, ui);
            if !list.iter().any(|(_, a)| a.by == who.by && a.as_of == who.as_of) {
                list.push((content.as_of(s), who));
            }
        }
    }
    all.into_iter()
        .map(|(field, mut list)| {
            list.sort_by(|a, b| b.0.cmp(&a.0));
            let more = (list.len() > CITED_SHOWN).then(|| ui.count("cited_more", (list.len() - CITED_SHOWN) as u64));
            let shown = list.into_iter().take(CITED_SHOWN).map(|(_, a)| a).collect();
            (field, Cited { shown, more })
        })
        .collect()
}

/// The fact fields pages cite, each present (empty where no source speaks of it).
const CITED_FIELDS: [&str; 11] = [
    "name",
    "border",
    "counterpart",
    "modes",
    "traffic",
    "open_to",
    "classification",
    "hours",
    "status",
    "e_queue",
    "location",
];

/// Other sources' values for a checkpoint's facts, by top-level field.
fn also_stated(c: &Checkpoint, content: &Content, ui: &Ui) -> std::collections::BTreeMap<String, Vec<AlsoView>> {
    let mut out: std::collections::BTreeMap<String, Vec<AlsoView>> =
        CITED_FIELDS.iter().map(|f| (f.to_string(), Vec::new())).collect();
    for a in &c.also_stated {
        let named = |s: &&crate::content::SourceRef| {
            s.source.as_ref().is_some_and(|id| id.value == a.source.value)
                || s.url.as_ref().is_some_and(|u| u.value == a.source.value)
        };
        let Some(reference) = c.sources.iter().find(named) else { continue };
        let top = a.field.split('.').next().unwrap_or_default().to_string();
        let in_page = |text: String| Text::new(text, ui.lang.clone());
        let value = match a.field.split_once('.') {
            Some((prefix @ ("modes" | "traffic"), code)) => {
                let (label, fact) = (value_key(prefix.trim_end_matches('s'), code), value_key("fact", &a.value));
                in_page(format!("{}: {}", ui.get(&label), ui.get(&fact)))
            }
            _ if a.field == "status" => {
                // `closed 2020-04-04..2020-06-01`: a state's code and its dates.
                let (state, range) = a.value.split_once(' ').unwrap_or((a.value.as_str(), ""));
                let (since, until) = range.split_once("..").unwrap_or(("", ""));
                let label = ui.get(&value_key("status", state)).to_string();
                in_page(since_until(Some(since), Some(until), ui).map_or(label.clone(), |d| format!("{label}, {d}")))
            }
            _ => source_words(&a.value),
        };
        out.entry(top).or_default().push(AlsoView { value, cited: attribution(reference, content, ui) });
    }
    out
}

/// The schedule for the "open now" badge: none while the state today stops everyone (a
/// partial closure leaves the hours for the traffic it spares).
fn open_hours(c: &Checkpoint, state: &crate::content::state::StateOn) -> Option<String> {
    let stopped = matches!(state.state, State::Closed | State::Suspended) && state.concerns.is_empty();
    if stopped { None } else { crate::render::hours::badge_json(c.hours.as_ref()?) }
}

/// "since 4 April 2020; until 3 October 2025" in the page's language, if either is given.
fn since_until(since: Option<&str>, until: Option<&str>, ui: &Ui) -> Option<String> {
    let parts = [
        since.filter(|d| !d.is_empty()).map(|d| ui.fill("status_since", &[("date", &ui.date(d))])),
        until.filter(|d| !d.is_empty()).map(|d| ui.fill("status_until", &[("date", &ui.date(d))])),
    ];
    let text = parts.into_iter().flatten().collect::<Vec<_>>().join("; ");
    (!text.is_empty()).then_some(text)
}

/// Links to open the point in map apps, at the zoom its precision warrants: street level only
/// for a surveyed point (a guess opens on the district around it).
fn map_links(lat: f64, lon: f64, precision: Option<Precision>, label: &str, ui: &Ui) -> Vec<LinkView> {
    let zoom = precision.map_or(Precision::Namesake.zoom(), Precision::zoom);
    vec![
        LinkView::new(
            "OpenStreetMap",
            format!("https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map={zoom}/{lat:.5}/{lon:.5}"),
            None,
        ),
        LinkView::new(ui.get("map_phone"), format!("geo:{lat:.5},{lon:.5}?q={lat:.5},{lon:.5}({label})"), None),
        LinkView::new(
            "Google Maps",
            format!("https://www.google.com/maps/@?api=1&map_action=map&center={lat:.5},{lon:.5}&zoom={zoom}"),
            None,
        ),
        LinkView::new("2GIS", format!("https://2gis.kz/geo/{lon:.5},{lat:.5}?m={lon:.5},{lat:.5}/{zoom}"), None),
    ]
}

fn contact_view(c: &Contact) -> LinkView {
    let value = c.value.value.trim().to_string();
    let href = match c.kind {
        ContactKind::Phone => {
            format!("tel:{}", value.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect::<String>())
        }
        ContactKind::Email => format!("mailto:{value}"),
        ContactKind::Web if markdown::is_safe_link(&value) => value.clone(),
        ContactKind::Web => String::new(),
    };
    LinkView::new(value, href, c.label.clone())
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
    /// Whose the hours are, where they are the checkpoint opposite's standing in for unknown
    /// Kazakh hours: "Russia's checkpoint Озинки, Rosgranstroy, as of 18 February 2026".
    pub hours_side: Option<super::sides::HoursSide>,
    /// The schedule as `static/hours.js` reads it to say whether the checkpoint is open now
    /// (compact JSON), where the hours say so and the checkpoint is not closed.
    pub open_hours: Option<String>,
    /// The state today, with whom it concerns, its end and date (see [`state_label`]).
    pub status: Option<Labelled>,
    /// The kinds of traffic a partial closure spares, space-separated (`cargo`): the filters
    /// count the checkpoint as open for them. Empty for any other state.
    pub open_for: String,
    /// Who may cross, in words ("Citizens of Kazakhstan and Russia only").
    pub open_to: Option<String>,
    /// Filter tokens of who may cross: `all` for everyone, `neighbours`, or `all unknown`
    /// (a filter for other nationalities never hides a checkpoint whose class is unknown).
    pub open_to_codes: String,
    /// Whether trucks book their crossing in the e-queue (`yes`, `no`; `None` where no source
    /// says), with since when in the label.
    pub e_queue: Option<Labelled>,
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
    /// Classification label.
    pub classification: Option<String>,
    /// The source's words for the classification.
    pub classification_text: Option<Text>,
    /// The source's words for the hours.
    pub hours_text: Option<Text>,
    /// The line beneath the state: a closure later sources override or one that ended, the
    /// state's start, and what shows it working.
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
    pub verified_against: Option<Text>,
    /// Fields unknown.
    pub unknown: Vec<&'static str>,
    /// Edit link to the YAML file.
    pub edit_url: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Vocabulary;

    #[test]
    fn rewrites_site_paths_relative_to_the_page() {
        assert_eq!(rewrite_link("/rules/visa/", "../../"), "../../rules/visa/index.html");
        assert_eq!(rewrite_link("/rules/visa/#x", "../../"), "../../rules/visa/index.html#x");
        assert_eq!(rewrite_link("https://x.org/", "../"), "https://x.org/");
        assert_eq!(rewrite_link("//evil.org/", "../"), "//evil.org/");
    }

    #[test]
    fn every_label_key_is_listed() {
        use crate::content::{Mode, Traffic};
        use crate::render::keys::is_rust_key;
        let modes: Vec<String> = Mode::ALL.iter().map(|m| value_key("mode", m.code())).collect();
        let traffic: Vec<String> = Traffic::ALL.iter().map(|t| value_key("traffic", t.code())).collect();
        let facts: Vec<String> = Fact::ALL.iter().map(|f| value_key("fact", f.code())).collect();
        let owned: Vec<&str> = modes.iter().chain(&traffic).chain(&facts).map(String::as_str).collect();
        let hours = HoursKind::ALL;
        let states = StatusState::ALL.map(status_key);
        let classes = Classification::ALL;
        let precisions = Precision::ALL.map(precision_key);
        let open = crate::content::OpenTo::ALL.map(super::super::sides::open_to_key);
        let fees: Vec<String> = crate::content::equeue::FeeKind::ALL.map(super::super::equeue::fee_key).into();
        let fields: Vec<String> =
            crate::content::supportable_fields().iter().map(|f| field_key(f).into_owned()).collect();
        let all = owned.into_iter().chain(hours.map(hours_key)).chain(states);
        let all = all
            .chain(classes.map(classification_key))
            .chain(precisions)
            .chain(open)
            .chain(fields.iter().map(String::as_str))
            .chain(fees.iter().map(String::as_str));
        for key in all {
            assert!(is_rust_key(key), "`{key}` is not in render::keys");
        }
    }
}
