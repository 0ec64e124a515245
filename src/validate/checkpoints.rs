//! Checks on checkpoint records.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::common::Settings;
use super::common::{self, TextOrigin};
use super::notice::{Notice, did_you_mean};
use crate::content::date::Date;
use crate::content::{Border, Checkpoint, ContactKind, Content, Location, Precision, Record};
use crate::yaml::{Pos, Spanned};

/// Kazakhstan's bounding box (west, south, east, north) in degrees, with a small margin;
/// the border polygon replaces it once boundary data is loaded.
pub const KAZAKHSTAN_BBOX: [f64; 4] = [46.4, 40.5, 87.4, 55.5];

/// Check every checkpoint, and that ids are unique.
pub fn check_all(content: &Content, settings: Settings, out: &mut Vec<Notice>) {
    let per_record: Vec<Vec<Notice>> = content
        .checkpoints
        .par_iter()
        .map(|record| {
            let mut notices = Vec::new();
            check_one(record, content, settings, &mut notices);
            for n in &mut notices {
                n.record.get_or_insert_with(|| record.data.id.value.clone());
            }
            notices
        })
        .collect();
    out.extend(per_record.into_iter().flatten());
    let mut first_use: BTreeMap<&str, &Record<Checkpoint>> = BTreeMap::new();
    for record in &content.checkpoints {
        let id = &record.data.id;
        match first_use.get(id.value.as_str()) {
            Some(first) => out.push(
                Notice::error(&record.path, id.pos, "duplicate_id", format!("id `{}` is used by two files", id.value))
                    .record(id.value.clone())
                    .field("id")
                    .related(&first.path, first.data.id.pos, "first used here")
                    .hint("each checkpoint needs its own id; rename one file and its `id`"),
            ),
            None => {
                first_use.insert(&id.value, record);
            }
        }
    }
}

fn check_one(record: &Record<Checkpoint>, content: &Content, settings: Settings, out: &mut Vec<Notice>) {
    let path = record.path.as_path();
    let c = &record.data;
    if !common::is_valid_id(&record.stem) {
        out.push(
            Notice::error(
                path,
                Pos::new(1, 1),
                "invalid_file_name",
                format!("`{}` is not a valid file name for a checkpoint", record.stem),
            )
            .hint("name the file `<id>.yaml` with a lowercase kebab-case id"),
        );
    }
    if common::check_id(path, &c.id, out) && c.id.value != record.stem {
        out.push(
            Notice::error(
                path,
                c.id.pos,
                "id_mismatch",
                format!("id `{}` differs from the file name `{}.yaml`", c.id.value, record.stem),
            )
            .field("id")
            .hint(format!("rename the file to `{}.yaml` or set `id: {}`", c.id.value, record.stem)),
        );
    }
    if c.name.is_empty() {
        out.push(
            Notice::error(path, c.name.pos, "missing_name", "the name is empty in every language")
                .field("name")
                .hint("give the name in at least one of en, ru, kk"),
        );
    }
    for (field, text, pos) in c
        .name
        .all()
        .map(|(l, t)| (format!("name.{l}"), t, c.name.pos))
        .chain(c.aliases.iter().enumerate().map(|(i, a)| (format!("aliases[{i}]"), a.value.as_str(), a.pos)))
    {
        if let Some(ch) = text.chars().find(|ch| is_invisible_control(*ch)) {
            out.push(
                Notice::warning(path, pos, "suspicious_unicode", format!("invisible character U+{:04X} in `{}`", ch as u32, text.escape_debug()))
                    .field(field)
                    .hint("remove direction overrides and zero-width characters: they make a name display or match differently from how it reads"),
            );
        }
    }
    for (i, alias) in c.aliases.iter().enumerate() {
        if alias.value.trim().is_empty() {
            out.push(
                Notice::warning(path, alias.pos, "empty_alias", "empty alias")
                    .field(format!("aliases[{i}]"))
                    .hint("remove it"),
            );
        }
    }
    check_counterpart(path, c, content, out);
    super::hours::check(path, c, out);
    check_status(path, c, out);
    super::state::check(path, c, content, settings, out);
    if let Some(location) = &c.location {
        check_location(path, location, c.border.as_ref().map(|b| b.value), content, out);
    }
    for (i, contact) in c.contacts.iter().enumerate() {
        check_contact(path, &format!("contacts[{i}]"), contact.kind, &contact.value, out);
    }
    if let Some(notes) = &c.notes {
        let origin = || TextOrigin { pos: notes.pos, file_text: content.files.text(path) };
        common::check_markdown_links(path, "notes", &notes.value, origin, content, out);
    }
    common::check_sources(path, &c.sources, content, settings, out);
    if c.sources.is_empty() {
        out.push(
            Notice::warning(path, c.id.pos, "no_source", "the record names no source")
                .field("sources")
                .hint("add the source each fact comes from under `sources`"),
        );
    }
    common::check_verification(
        path,
        c.last_verified.as_ref(),
        c.verified_against.as_ref(),
        &c.sources,
        content,
        settings,
        out,
    );
    check_same_place(path, c, content, out);
    check_stale_facts(path, c, content, settings, out);
    let unknown = c.unknown_fields();
    if !unknown.is_empty() {
        out.push(
            Notice::warning(
                path,
                c.id.pos,
                "unknown_values",
                format!("{} unknown: {}", unknown.len(), unknown.join(", ")),
            )
            .hint("fill these in from a source when one gives them; pages show them as unknown"),
        );
    }
}

/// `same_place` names other existing checkpoints, and they name this one back.
fn check_same_place(path: &Path, c: &Checkpoint, content: &Content, out: &mut Vec<Notice>) {
    for (i, other) in c.same_place.iter().enumerate() {
        let field = format!("same_place[{i}]");
        match content.checkpoints.iter().find(|r| r.data.id.value == other.value) {
            None => out.push(
                Notice::error(path, other.pos, "unknown_checkpoint", format!("no checkpoint `{}`", other.value))
                    .field(field)
                    .hint("use the id of a file in content/checkpoints/"),
            ),
            Some(r) if other.value == c.id.value => out.push(
                Notice::error(path, other.pos, "invalid_value", "a checkpoint is not at the same place as itself")
                    .field(field)
                    .hint(format!("remove `{}`", r.data.id.value)),
            ),
            Some(r) if !r.data.same_place.iter().any(|back| back.value == c.id.value) => out.push(
                Notice::warning(
                    path,
                    other.pos,
                    "one_way_link",
                    format!("`{}` does not list `{}` in its `same_place`", other.value, c.id.value),
                )
                .field(field)
                .hint(format!("add `{}` to `same_place` in {}", c.id.value, r.path.display())),
            ),
            Some(_) => {}
        }
    }
}

/// Warn about facts whose newest source is older than `stale_after_days`: one notice per
/// record, naming the fields.
fn check_stale_facts(path: &Path, c: &Checkpoint, content: &Content, settings: Settings, out: &mut Vec<Notice>) {
    let limit = content.config.stale_after_days;
    let stale = content.stale_fields(c, settings.today);
    if !stale.is_empty() {
        out.push(
            Notice::warning(
                path,
                c.id.pos,
                "stale_facts",
                format!("the newest source of these facts is older than {limit} days: {}", stale.join(", ")),
            )
            .field("sources")
            .hint("check these facts against a newer source and cite it; pages mark them \"may be out of date\""),
        );
    }
}

/// Bidirectional overrides and isolates, zero-width characters and other invisible format
/// characters that make text display or compare differently from how it reads.
pub fn is_invisible_control(ch: char) -> bool {
    matches!(ch, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
        || (ch.is_control() && ch != '\n' && ch != '\t')
}

fn check_counterpart(path: &Path, c: &Checkpoint, content: &Content, out: &mut Vec<Notice>) {
    let Some(country) = c.counterpart.as_ref().and_then(|p| p.country.as_ref()) else { return };
    if content.reference.country(&country.value).is_none() {
        let known = content.reference.countries.iter().map(|k| k.code.as_str());
        out.push(
            Notice::error(
                path,
                country.pos,
                "unknown_country",
                format!("`{}` is not a known ISO 3166-1 alpha-2 code", country.value),
            )
            .field("counterpart.country")
            .hint(
                did_you_mean(&country.value, known)
                    .unwrap_or_else(|| "use a code listed in content/reference/countries.yaml".to_string()),
            ),
        );
    }
    if let Some(border) = &c.border
        && border.value != Border::None
        && border.value.code() != country.value
    {
        out.push(
            Notice::error(
                path,
                country.pos,
                "counterpart_mismatch",
                format!(
                    "the counterpart is in `{}` but the checkpoint is on the border with `{}`",
                    country.value,
                    border.value.code()
                ),
            )
            .field("counterpart.country")
            .related(path, border.pos, "border given here")
            .hint("a land checkpoint's counterpart lies in the neighbouring country: correct one of the two"),
        );
    }
}

fn check_status(path: &Path, c: &Checkpoint, out: &mut Vec<Notice>) {
    let Some(status) = &c.status else { return };
    let parse = |field: &str, d: &Option<Spanned<String>>, out: &mut Vec<Notice>| -> Option<Date> {
        let d = d.as_ref()?;
        let parsed = Date::parse(&d.value);
        if parsed.is_none() {
            out.push(
                Notice::error(path, d.pos, "invalid_date", format!("`{}` is not a date", d.value))
                    .field(format!("status.{field}"))
                    .hint("write dates as YYYY-MM-DD"),
            );
        }
        parsed
    };
    let since = parse("since", &status.since, out);
    let until = parse("until", &status.until, out);
    if let (Some(since), Some(until), Some(u)) = (since, until, &status.until)
        && until < since
    {
        out.push(
            Notice::error(path, u.pos, "date_order", format!("`until` {until} is before `since` {since}"))
                .field("status.until")
                .hint("swap the dates or correct one"),
        );
    }
}

/// How far outside Kazakhstan's outline a point may lie and still count as inside (km): the
/// outline is drawn at 1:50m, so it can be a few kilometres off the real border.
pub const OUTLINE_TOLERANCE_KM: f64 = 3.0;

/// Coordinates must lie in Kazakhstan (its outline when loaded, else its bounding box) and
/// near the border the checkpoint is on.
fn check_placement(
    path: &Path,
    lat: &Spanned<f64>,
    lon: f64,
    border: Option<Border>,
    content: &Content,
    out: &mut Vec<Notice>,
) {
    let outline = content.geo.boundaries.as_ref().and_then(|b| b.country("KZ"));
    let inside = match outline {
        Some(kz) => kz.contains(lon, lat.value) || kz.distance_km(lon, lat.value) <= OUTLINE_TOLERANCE_KM,
        None => {
            let [west, south, east, north] = KAZAKHSTAN_BBOX;
            (south..=north).contains(&lat.value) && (west..=east).contains(&lon)
        }
    };
    if !inside {
        out.push(
            Notice::error(path, lat.pos, "outside_kazakhstan", format!("{}, {lon} lies outside Kazakhstan", lat.value))
                .field("location")
                .hint("a checkpoint's coordinates are those of its Kazakh side; check the signs and whether lat and lon are swapped"),
        );
        return;
    }
    let neighbour =
        border.filter(|b| *b != Border::None).and_then(|b| content.geo.boundaries.as_ref()?.country(b.code()));
    if let Some(shape) = neighbour {
        let km = shape.distance_km(lon, lat.value);
        let limit = content.config.border_distance_km;
        if km > limit {
            out.push(
                Notice::warning(path, lat.pos, "far_from_border", format!("{km:.0} km from the border with {}", shape.name))
                    .field("location")
                    .hint(format!("checkpoints lie on their border (limit {limit} km, set by border_distance_km in site.yaml): check the coordinates and `border`")),
            );
        }
    }
}

/// A point placed at the checkpoint opposite lies across the border, but within
/// `opposite_distance_km` of Kazakhstan's border line.
fn check_opposite(path: &Path, lat: &Spanned<f64>, lon: f64, content: &Content, out: &mut Vec<Notice>) {
    let Some(kz) = content.geo.boundaries.as_ref().and_then(|b| b.country("KZ")) else { return };
    let (km, limit) = (kz.distance_km(lon, lat.value), content.config.opposite_distance_km);
    if !kz.contains(lon, lat.value) && km > limit {
        out.push(
            Notice::error(path, lat.pos, "opposite_too_far", format!("the checkpoint opposite lies {km:.0} km from the border"))
                .field("location")
                .hint(format!("a point across the border places a checkpoint only within {limit} km of it (opposite_distance_km in site.yaml): remove the coordinates or give the Kazakh side's own")),
        );
    }
}

fn check_location(path: &Path, location: &Location, border: Option<Border>, content: &Content, out: &mut Vec<Notice>) {
    if let Some(region) = &location.region
        && content.reference.region(&region.value).is_none()
    {
        let hint = match content.reference.region_formerly(&region.value) {
            Some(now) => format!(
                "`{}` is a former code; today this is `{}` ({})",
                region.value,
                now.code,
                now.name.best("en").map_or("", |n| n.1)
            ),
            None => did_you_mean(&region.value, content.reference.regions.iter().map(|r| r.code.as_str()))
                .unwrap_or_else(|| {
                    "use an ISO 3166-2:KZ code from content/reference/regions.yaml, e.g. KZ-19".to_string()
                }),
        };
        out.push(
            Notice::error(
                path,
                region.pos,
                "unknown_region",
                format!("`{}` is not a current ISO 3166-2:KZ region code", region.value),
            )
            .field("location.region")
            .hint(hint),
        );
    }
    let (lat, lon) = (location.lat.as_ref(), location.lon.as_ref());
    let mut in_range = true;
    if let Some(lat) = lat
        && !(-90.0..=90.0).contains(&lat.value)
    {
        in_range = false;
        out.push(
            Notice::error(path, lat.pos, "lat_out_of_range", format!("latitude {} is outside -90..90", lat.value))
                .field("location.lat")
                .hint("latitude is the north-south coordinate; in Kazakhstan it lies between 40.5 and 55.5 (did you swap lat and lon?)"),
        );
    }
    if let Some(lon) = lon
        && !(-180.0..=180.0).contains(&lon.value)
    {
        in_range = false;
        out.push(
            Notice::error(path, lon.pos, "lon_out_of_range", format!("longitude {} is outside -180..180", lon.value))
                .field("location.lon")
                .hint("longitude is the east-west coordinate; in Kazakhstan it lies between 46.4 and 87.4"),
        );
    }
    match (lat, lon) {
        (Some(lat), Some(lon)) if in_range => {
            if location.precision == Some(Precision::Opposite) {
                check_opposite(path, lat, lon.value, content, out);
            } else {
                check_placement(path, lat, lon.value, border, content, out);
            }
            if location.precision.is_none() {
                out.push(
                    Notice::warning(path, lat.pos, "missing_precision", "coordinates without a precision")
                        .field("location.precision")
                        .hint("say how they were found: surveyed, settlement, opposite, namesake or approximate"),
                );
            }
        }
        (Some(one), None) | (None, Some(one)) => out.push(
            Notice::error(path, one.pos, "incomplete_coordinates", "only one of lat and lon is given")
                .field("location")
                .hint("give both lat and lon, or neither"),
        ),
        _ => {}
    }
}

fn check_contact(path: &Path, field: &str, kind: ContactKind, value: &Spanned<String>, out: &mut Vec<Notice>) {
    let v = value.value.trim();
    let (ok, hint) = match kind {
        ContactKind::Phone => (
            v.chars().filter(char::is_ascii_digit).count() >= 5
                && v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)),
            "write the number with its country code, e.g. +7 7282 12 34 56",
        ),
        ContactKind::Email => (
            v.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.')) && !v.contains(' '),
            "write an address like name@example.kz",
        ),
        ContactKind::Web => {
            let mut n = Vec::new();
            common::check_url(path, field, value, &mut n);
            (n.is_empty(), "give the full address, starting with https://")
        }
    };
    if !ok {
        out.push(
            Notice::error(
                path,
                value.pos,
                "invalid_contact",
                format!("`{v}` is not a valid {kind:?} contact").to_lowercase(),
            )
            .field(format!("{field}.value"))
            .hint(hint),
        );
    }
}
