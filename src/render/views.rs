//! Building the view models from content.

use super::markdown;
use super::view::*;
use crate::content::{
    Checkpoint, Classification, Contact, ContactKind, Content, Direction, HoursKind, Mode, OpenTo, Precision, Record,
    Rule, StatusState, Traffic,
};

/// Label of a mode.
pub fn mode_label(m: Mode) -> &'static str {
    match m {
        Mode::Road => "Road",
        Mode::Rail => "Rail",
        Mode::Air => "Air",
        Mode::Sea => "Sea",
        Mode::River => "River",
        Mode::Pedestrian => "On foot",
    }
}

/// Label of a traffic kind.
pub fn traffic_label(t: Traffic) -> &'static str {
    match t {
        Traffic::Passenger => "Passengers",
        Traffic::Cargo => "Cargo",
    }
}

/// Label of hours.
pub fn hours_label(h: HoursKind) -> &'static str {
    match h {
        HoursKind::RoundTheClock => "24 hours",
        HoursKind::Daytime => "Daytime only",
        HoursKind::Schedule => "Fixed hours",
        HoursKind::Seasonal => "Seasonal",
    }
}

/// Label of a state.
pub fn status_label(s: StatusState) -> &'static str {
    match s {
        StatusState::Open => "Open",
        StatusState::Closed => "Closed",
        StatusState::Suspended => "Suspended",
    }
}

fn classification_label(c: Classification) -> &'static str {
    match c {
        Classification::International => "International",
        Classification::Multilateral => "Multilateral (international)",
        Classification::Bilateral => "Bilateral",
    }
}

fn precision_label(p: Precision) -> &'static str {
    match p {
        Precision::Surveyed => "surveyed at the checkpoint",
        Precision::Settlement => "centre of the nearest settlement",
        Precision::Approximate => "approximate",
    }
}

fn labelled(code: impl serde::Serialize, label: &str) -> Labelled {
    let code = serde_json::to_value(code).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    Labelled { code, label: label.to_string() }
}

/// Rewrite a Markdown link: site-root paths become relative to the page at `root`.
pub fn rewrite_link(dest: &str, root: &str) -> String {
    match dest.strip_prefix('/') {
        Some(path) if !path.starts_with('/') => {
            let (path, fragment) = path.split_once('#').map_or((path, ""), |(p, f)| (p, f));
            let mut url = format!("{root}{path}");
            if url.ends_with('/') || path.is_empty() {
                url.push_str("index.html");
            }
            if !fragment.is_empty() {
                url.push('#');
                url.push_str(fragment);
            }
            url
        }
        _ => dest.to_string(),
    }
}

/// Build a checkpoint's view for its own page; `root` is the relative path from the page to the
/// site's root.
pub fn checkpoint_view(record: &Record<Checkpoint>, content: &Content, root: &str) -> CheckpointView {
    let mut view = checkpoint_summary(record, content);
    let c = &record.data;
    view.notes_html = c.notes.as_ref().map(|n| markdown::to_html(&n.value, &|d| rewrite_link(d, root)));
    view
}

/// A checkpoint's view for lists: everything but the notes, which only its page shows.
pub fn checkpoint_summary(record: &Record<Checkpoint>, content: &Content) -> CheckpointView {
    let c = &record.data;
    let lang = content.config.default_language.as_str();
    let loc = c.location.as_ref();
    let (lat, lon) =
        (loc.and_then(|l| l.lat.as_ref()).map(|v| v.value), loc.and_then(|l| l.lon.as_ref()).map(|v| v.value));
    let name = text_in(&c.name, lang).unwrap_or(Text { text: c.id.value.clone(), lang: "en" });
    CheckpointView {
        id: c.id.value.clone(),
        url: format!("checkpoints/{}/index.html", c.id.value),
        names: c.name.all().map(|(l, t)| Text { text: t.to_string(), lang: l }).collect(),
        name,
        aliases: c.aliases.iter().map(|a| a.value.clone()).collect(),
        border: c
            .border
            .as_ref()
            .map(|b| Labelled { code: b.value.code().to_string(), label: border_label(b.value, content) }),
        counterpart_name: c.counterpart.as_ref().and_then(|p| p.name.as_ref()).and_then(|n| text_in(n, lang)),
        counterpart_country: c
            .counterpart
            .as_ref()
            .and_then(|p| p.country.as_ref())
            .map(|code| content.reference.country(code).and_then(|k| k.name.get(lang)).unwrap_or(code).to_string()),
        modes: c.modes.as_ref().map(|m| m.iter().map(|m| labelled(m, mode_label(*m))).collect()),
        traffic: c.traffic.as_ref().map(|t| t.iter().map(|t| labelled(t, traffic_label(*t))).collect()),
        open_to: c.open_to.map(|o| match o {
            OpenTo::All => "Anyone with valid documents, third-country nationals included".to_string(),
            OpenTo::Neighbours => "Only citizens of Kazakhstan and the neighbouring country".to_string(),
        }),
        classification: c.classification.as_ref().and_then(|k| k.kind).map(|k| classification_label(k).to_string()),
        classification_text: c.classification.as_ref().and_then(|k| k.source_text.clone()),
        hours: c.hours.as_ref().and_then(|h| h.kind).map(|h| labelled(h, hours_label(h))),
        schedule: c.hours.as_ref().and_then(|h| {
            let s = h.schedule.as_ref()?;
            let days = s.days.as_ref().map(|d| format!(", {d}")).unwrap_or_default();
            Some(format!("{}–{} ({}){days}", s.open.value, s.close.value, s.time_zone.value))
        }),
        hours_text: c.hours.as_ref().and_then(|h| h.source_text.clone().or_else(|| h.season.clone())),
        status: c.status.as_ref().map(|s| labelled(s.state, status_label(s.state))),
        status_detail: c.status.as_ref().map(|s| {
            let parts = [
                s.since.as_ref().map(|d| format!("since {}", d.value)),
                s.until.as_ref().map(|d| format!("until {}", d.value)),
                s.note.clone(),
            ];
            parts.into_iter().flatten().collect::<Vec<_>>().join("; ")
        }),
        region: loc.and_then(|l| l.region.as_ref()).map(|code| Labelled {
            code: code.value.clone(),
            label: content.reference.region(code).and_then(|r| r.name.get(lang)).unwrap_or(code).to_string(),
        }),
        district: loc.and_then(|l| l.district.clone()),
        settlement: loc.and_then(|l| l.settlement.clone()),
        place_text: loc.and_then(|l| l.source_text.clone()),
        lat,
        lon,
        coordinates: lat.zip(lon).map(|(a, o)| format!("{a:.5}, {o:.5}")),
        precision: loc.and_then(|l| l.precision).map(|p| labelled(p, precision_label(p))),
        map_links: lat.zip(lon).map(|(a, o)| map_links(a, o, &c.id.value)).unwrap_or_default(),
        contacts: c.contacts.iter().map(contact_view).collect(),
        notes_html: None,
        sources: c.sources.iter().map(|s| source_view(s, content)).collect(),
        last_verified: c.last_verified.as_ref().map(|d| d.value.clone()),
        unknown: crate::validate::unknown_fields(c),
        edit_url: edit_url(content, &record.path),
    }
}

fn map_links(lat: f64, lon: f64, label: &str) -> Vec<LinkView> {
    let link = |title: &str, url: String| LinkView { title: title.to_string(), url, detail: None };
    vec![
        link(
            "OpenStreetMap",
            format!("https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=14/{lat:.5}/{lon:.5}"),
        ),
        link("Map app on this phone", format!("geo:{lat:.5},{lon:.5}?q={lat:.5},{lon:.5}({label})")),
        link("Google Maps", format!("https://www.google.com/maps/search/?api=1&query={lat:.5},{lon:.5}")),
        link("2GIS", format!("https://2gis.kz/geo/{lon:.5},{lat:.5}")),
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
    LinkView { title: value, url: href, detail: c.label.clone() }
}

/// The "edit this page" link for a content file.
pub fn edit_url(content: &Content, path: &std::path::Path) -> Option<String> {
    if content.config.edit_url.is_empty() {
        return None;
    }
    let relative = path.strip_prefix(&content.root).ok()?;
    let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    Some(format!("{}{}", content.config.edit_url, parts.join("/")))
}

/// Build a rule's view.
pub fn rule_view(rule: &Rule, content: &Content, root: &str) -> RuleView {
    let meta = &rule.meta;
    let mut applies_to = Vec::new();
    if let Some(a) = &meta.applies_to {
        if !a.borders.is_empty() {
            let names: Vec<String> = a.borders.iter().map(|b| border_label(b.value, content)).collect();
            applies_to.push(format!("Borders: {}", names.join(", ")));
        }
        if !a.checkpoints.is_empty() {
            let names: Vec<String> = a.checkpoints.iter().map(|c| checkpoint_name(content, c)).collect();
            applies_to.push(format!("Checkpoints: {}", names.join(", ")));
        }
        if !a.nationalities.is_empty() {
            let names: Vec<String> = a
                .nationalities
                .iter()
                .map(|n| content.reference.country(n).and_then(|c| c.name.get("en")).unwrap_or(n).to_string())
                .collect();
            applies_to.push(format!("Citizens of: {}", names.join(", ")));
        }
    }
    RuleView {
        id: rule.id.clone(),
        url: format!("rules/{}/index.html", rule.id),
        title: meta.title.value.clone(),
        category: labelled(meta.category, category_label(meta.category)),
        summary: meta.summary.clone(),
        applies_to,
        allowances: meta.allowances.iter().map(allowance_row).collect(),
        lists: meta
            .lists
            .iter()
            .map(|l| ListView { kind: labelled(l.kind, "").code, title: l.title.clone(), items: l.items.clone() })
            .collect(),
        body_html: markdown::to_html(&rule.body, &|d| rewrite_link(d, root)),
        sources: meta.sources.iter().map(|s| source_view(s, content)).collect(),
        last_verified: meta.last_verified.as_ref().map(|d| d.value.clone()),
        edit_url: edit_url(content, &rule.path),
    }
}

fn checkpoint_name(content: &Content, id: &str) -> String {
    content
        .checkpoints
        .iter()
        .find(|c| c.data.id.value == id)
        .and_then(|c| c.data.name.best(&content.config.default_language).map(|(_, t)| t.to_string()))
        .unwrap_or_else(|| id.to_string())
}

/// Label of a rule category.
pub fn category_label(c: crate::content::RuleCategory) -> &'static str {
    use crate::content::RuleCategory::*;
    match c {
        Visa => "Visas",
        Documents => "Documents",
        Procedure => "Procedure",
        Vehicles => "Vehicles",
        Customs => "Customs",
        Refusal => "Refusal of entry",
    }
}

fn allowance_row(a: &crate::content::Allowance) -> AllowanceRow {
    let limit = a.amount.as_ref().map(|amount| {
        let unit = a.currency.as_ref().map(|c| c.value.clone()).or_else(|| a.unit.clone()).unwrap_or_default();
        format!("{} {unit}", format_number(amount.value)).trim_end().to_string()
    });
    AllowanceRow {
        item: a.item.clone(),
        direction: a.direction.map(|d| {
            match d {
                Direction::Import => "Into Kazakhstan",
                Direction::Export => "Out of Kazakhstan",
                Direction::Both => "Both ways",
            }
            .to_string()
        }),
        limit,
        condition: a.condition.clone(),
        source_text: a.source_text.clone(),
    }
}

/// A number with thousands separated by commas and no needless decimals.
pub fn format_number(n: f64) -> String {
    if n.fract() != 0.0 {
        return format!("{n}");
    }
    let digits = format!("{}", n.abs() as u64);
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0.0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_site_paths_relative_to_the_page() {
        assert_eq!(rewrite_link("/rules/visa/", "../../"), "../../rules/visa/index.html");
        assert_eq!(rewrite_link("/rules/visa/#x", "../../"), "../../rules/visa/index.html#x");
        assert_eq!(rewrite_link("https://x.org/", "../"), "https://x.org/");
        assert_eq!(rewrite_link("//evil.org/", "../"), "//evil.org/");
    }

    #[test]
    fn formats_numbers() {
        assert_eq!(format_number(10000.0), "10,000");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(100.0), "100");
    }
}
