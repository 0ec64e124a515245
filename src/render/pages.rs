//! Each page's own context, title and description, in the language being rendered.

use serde_json::json;

use super::completeness::completeness;
use super::context::{Job, Language, List, Page};
use super::exports;
use super::map;
use super::url::absolute_url;
use super::view::*;
use super::view::{checkpoint_view, hours_key, status_key, value_key};
use super::view::{rule_link, rule_view};
use crate::content::{Border, Fact, HoursKind, Mode, Place, StatusState, Traffic, Vocabulary};

/// Fill `ctx` for `job` and say what the page is.
pub fn build(job: Job, l: &Language, ctx: &mut tera::Context, tera: &tera::Tera) -> anyhow::Result<Page> {
    Ok(match job {
        Job::Index => index(l, ctx),
        Job::List(list) => {
            list_items(l, ctx, list);
            page(job, l, l.ui.get(list.title_key()), "")
        }
        Job::Checkpoint(i) => checkpoint(l, ctx, i, tera)?,
        Job::Rule(i) => rule(l, ctx, i),
        Job::Border(b) => border(l, ctx, b),
        Job::Data => data(l, ctx),
        Job::EQueue => e_queue_page(l, ctx),
        Job::NotFound => page(job, l, l.ui.get("title_not_found"), ""),
    })
}

/// The page of `job`, with its title and description.
fn page(job: Job, l: &Language, title: &str, description: &str) -> Page {
    Page {
        path: job.path(l.content),
        template: job.template(),
        title: title.into(),
        description: description.into(),
        kind: job.kind(),
    }
}

/// A link to a checkpoint, marked with its name's language when that is not the page's.
fn checkpoint_link(v: &CheckpointItem, lang: &str, detail: Option<String>) -> LinkView {
    super::view::name_link(&v.name, &v.id, lang, detail)
}

/// What a page that lists checkpoints (the index, a border's page) is given as
/// `checkpoint_rows` to print where the rows go: the rows, rendered a few hundred at a time by the
/// page's rows template (`index-rows.html`, `border-rows.html`), are written there straight into
/// the file, so that a long list is never held in memory whole.
pub const ROWS_MARK: &str = "<!--crossings:checkpoint-rows-->";

/// What the index template prints (as `map.svg`) where the map goes; the map is written there.
pub const INDEX_MAP_MARK: &str = "<!--crossings:index-map-->";

fn index(l: &Language, ctx: &mut tera::Context) -> Page {
    let unplaced: Vec<LinkView> = l
        .items
        .iter()
        .filter(|v| v.lat.is_none() || v.lon.is_none())
        .map(|v| checkpoint_link(v, &l.ui.lang, v.border.as_ref().map(|b| b.label.clone())))
        .collect();
    ctx.insert("checkpoint_count", &l.items.len());
    ctx.insert("checkpoint_rows", ROWS_MARK);
    ctx.insert("names_untranslated", &names_untranslated(l.items.iter(), &l.ui.lang));
    ctx.insert("facets", &facets(l));
    ctx.insert("completeness", &completeness(l, None));
    if l.items.iter().any(|v| v.open_hours.is_some()) {
        ctx.insert("hours_strings", &super::hours::badge_strings(&l.ui));
    }
    let placed = l.items.len() - unplaced.len();
    ctx.insert("map", &json!({"svg": INDEX_MAP_MARK, "placed": placed, "unplaced": unplaced}));
    ctx.insert("rules", &l.rules.iter().map(|r| rule_link(r, &l.ui)).collect::<Vec<_>>());
    let description = l.content.config.description.get(&l.ui.lang, &l.content.config.default_language);
    let title = l.content.config.title.get(&l.ui.lang, &l.content.config.default_language);
    page(Job::Index, l, title, description)
}

/// Every page records and rules cite by address (editors' digests' pages among them), once,
/// newest first.
fn pages_cited(l: &Language) -> Vec<SourceView> {
    let content = l.content;
    let refs = content
        .checkpoints
        .iter()
        .flat_map(|r| r.data.sources.iter())
        .chain(content.rules.iter().flat_map(|r| r.meta.sources.iter()))
        .filter(|s| s.url.is_some() && s.source.is_none());
    let mut seen = std::collections::BTreeMap::new();
    for s in refs {
        let url = s.url.as_ref().map(|u| u.value.clone()).unwrap_or_default();
        seen.entry(url).or_insert_with(|| source_view(s, content, &l.ui));
    }
    let mut pages: Vec<SourceView> = seen
        .into_values()
        .map(|mut v| {
            v.supports.clear();
            v
        })
        .collect();
    pages.sort_by(|a, b| b.as_of_iso.cmp(&a.as_of_iso).then_with(|| a.title.cmp(&b.title)));
    pages
}

/// The coverage report as the Data page shows it, labelled in the page's language.
fn coverage_view(l: &Language) -> serde_json::Value {
    use crate::content::coverage;
    let (content, ui) = (l.content, &l.ui);
    let report = coverage::coverage(content, l.shared.official.as_ref(), crate::content::date::Date::build_date());
    let modes: Vec<(String, String)> = Mode::ALL
        .iter()
        .map(|m| (m.code().to_string(), ui.get(&value_key("mode", m.code())).to_string()))
        .chain([("unknown".to_string(), ui.get("unknown").to_string())])
        .collect();
    let rows: Vec<serde_json::Value> = Border::ALL
        .iter()
        .filter_map(|b| {
            let row = report.by_border_mode.get(b.code())?;
            let cells: Vec<usize> = modes.iter().map(|(m, _)| row.get(m).copied().unwrap_or(0)).collect();
            Some(json!({"label": border_label(*b, content, ui), "cells": cells}))
        })
        .collect();
    let share = |n: usize| (n * 100 + report.records / 2).checked_div(report.records).unwrap_or(0);
    let facts = [
        ("coordinates", ui.get("field_coordinates").to_string()),
        ("classification", ui.get("field_classification").to_string()),
        ("hours", ui.get("field_hours").to_string()),
        ("status", ui.get("field_status").to_string()),
        ("name_kk", ui.fill("coverage_name", &[("lang", ui.get("lang_kk"))])),
        ("name_ru", ui.fill("coverage_name", &[("lang", ui.get("lang_ru"))])),
        ("name_en", ui.fill("coverage_name", &[("lang", ui.get("lang_en"))])),
        ("stale", ui.get("coverage_stale").to_string()),
    ];
    let with: Vec<serde_json::Value> = facts
        .iter()
        .map(|(key, label)| {
            let n = report.with.get(*key).copied().unwrap_or(0);
            json!({"label": label, "n": n, "share": share(n)})
        })
        .collect();
    let groups: Vec<serde_json::Value> = report
        .against_official
        .iter()
        .map(|g| {
            let label = match g.group.as_str() {
                "sea" | "air" => ui.get(&value_key("mode", &g.group)).to_string(),
                code => Border::ALL
                    .iter()
                    .find(|b| b.code() == code)
                    .map_or(code.to_string(), |b| border_label(*b, content, ui)),
            };
            json!({"label": label, "official": g.official, "records": g.records})
        })
        .collect();
    let source = report
        .official_source
        .as_ref()
        .map(|s| json!({"url": s.url, "publisher": publisher(&s.publisher), "date": ui.partial_date(&s.as_of)}));
    json!({"records": report.records, "modes": modes.iter().map(|(_, label)| label).collect::<Vec<_>>(), "rows": rows, "with": with, "groups": groups, "source": source})
}

/// The filter groups of the index: field, label, and the values offered.
fn facets(l: &Language) -> serde_json::Value {
    let ui = &l.ui;
    let code = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let group = |values: Vec<(String, String)>| {
        values.into_iter().map(|(code, label)| json!({"code": code, "label": label})).collect::<Vec<_>>()
    };
    let borders = Border::ALL.iter().map(|b| (b.code().to_string(), border_label(*b, l.content, ui))).collect();
    let modes =
        Mode::ALL.iter().map(|m| (m.code().to_string(), ui.get(&value_key("mode", m.code())).to_string())).collect();
    // Each kind of traffic twice: where a source says yes or none has said (a traveller is
    // not told a crossing refuses what nobody has stated), and where a source says yes.
    let traffic = Traffic::ALL
        .iter()
        .flat_map(|t| {
            let label = ui.get(&value_key("traffic", t.code())).to_string();
            let confirmed = ui.fill("filter_confirmed", &[("label", &label)]);
            [(t.code().to_string(), label), (format!("{}:yes", t.code()), confirmed)]
        })
        .collect();
    let hours = HoursKind::ALL.iter().map(|h| (h.code().to_string(), ui.get(hours_key(*h)).to_string())).collect();
    let open_to = vec![("all".to_string(), ui.get("filter_open_to_all").to_string())];
    let states = StatusState::ALL.iter().map(|s| (code(json!(s)), ui.get(status_key(*s)).to_string())).collect();
    let e_queue = [Fact::Yes, Fact::No]
        .iter()
        .map(|f| (f.code().to_string(), ui.get(&value_key("e_queue_short", f.code())).to_string()))
        .collect();
    json!([
        {"field": "border", "label": ui.get("filter_border"), "values": group(borders)},
        {"field": "modes", "label": ui.get("filter_mode"), "values": group(modes)},
        {"field": "traffic", "label": ui.get("filter_traffic"), "values": group(traffic)},
        {"field": "hours", "label": ui.get("filter_hours"), "values": group(hours)},
        // Only one choice: a checkpoint whose class is unknown is kept (`all unknown`).
        {"field": "open_to", "label": ui.get("filter_open_to"), "values": group(open_to)},
        {"field": "status", "label": ui.get("filter_status"), "values": group(states)},
        {"field": "equeue", "label": ui.get("filter_e_queue"), "values": group(e_queue)},
    ])
}

/// Whether some of `items` are named in another language than `lang` (not romanised): the page
/// then says so once, above its list, instead of beside every name.
fn names_untranslated<'a>(mut items: impl Iterator<Item = &'a CheckpointItem>, lang: &str) -> bool {
    items.any(|v| v.name.lang != lang && v.name.original.is_none())
}

/// Fill in the entries of `list`.
fn list_items(l: &Language, ctx: &mut tera::Context, list: List) {
    ctx.insert("names_untranslated", &false);
    let items: Vec<LinkView> = match list {
        List::Checkpoints => {
            ctx.insert("names_untranslated", &names_untranslated(l.listed(), &l.ui.lang));
            ctx.insert("completeness", &completeness(l, None));
            l.listed().map(|v| checkpoint_link(v, &l.ui.lang, v.border.as_ref().map(|b| b.label.clone()))).collect()
        }
        List::Rules => l.rules.iter().map(|r| rule_link(r, &l.ui)).collect(),
        List::Borders => l.border_links(),
    };
    ctx.insert("items", &items);
}

fn checkpoint(l: &Language, ctx: &mut tera::Context, index: usize, tera: &tera::Tera) -> anyhow::Result<Page> {
    let (content, ui) = (l.content, &l.ui);
    let record = &content.checkpoints[index];
    let view = checkpoint_view(record, l.items[index].clone(), content, ui);
    if l.named_by_rules.contains(record.data.id.value.as_str()) {
        let rules: Vec<LinkView> =
            l.rules.iter().filter(|r| r.applies_at(&record.data)).map(|r| rule_link(r, ui)).collect();
        ctx.insert("rules_html", &l.rules_html(&rules, tera)?);
    } else {
        ctx.insert("rules_html", &l.place_rules[&Place::of(&record.data)]);
    }
    let (frame, outline) = &l.shared.locator;
    ctx.insert("nearby", &nearby(l, &l.shared.neighbours[index]));
    ctx.insert("jsonld", &json_ld(l, &view));
    ctx.insert("locator_svg", &map::locator_map(&record.data, frame, outline, ui.get("locator_label")));
    let name = view.item.name.text.as_str();
    let description = match &view.item.border {
        Some(b) => ui.fill("checkpoint_description_border", &[("name", name), ("country", &b.label)]),
        None => ui.fill("checkpoint_description", &[("name", name)]),
    };
    let title = view.item.name.text.clone();
    if view.item.open_hours.is_some() {
        ctx.insert("hours_strings", &super::hours::badge_strings(ui));
    }
    if view.item.e_queue.as_ref().is_some_and(|q| q.code == "yes") {
        let terms = l.shared.e_queue_terms.as_ref().map(|t| terms_view(t, content, ui));
        ctx.insert("e_queue_terms", &terms);
    }
    ctx.insert("checkpoint", &view);
    Ok(page(Job::Checkpoint(index), l, &title, &description))
}

/// Links to a checkpoint's neighbours on its border.
fn nearby(l: &Language, neighbours: &[(usize, Option<f64>)]) -> Vec<LinkView> {
    neighbours
        .iter()
        .map(|(j, km)| {
            // The modes tell apart checkpoints of one name (a town's road and rail checkpoints).
            let item = &l.items[*j];
            let km = km.map(|k| l.ui.fill("distance_km", &[("km", &l.ui.number(k.round()))]));
            let detail = [item.modes_label.clone(), km].into_iter().flatten().collect::<Vec<_>>().join(" · ");
            checkpoint_link(item, &l.ui.lang, (!detail.is_empty()).then_some(detail))
        })
        .collect()
}

/// schema.org JSON-LD for a checkpoint, safe to place inside a `<script>` element.
fn json_ld(l: &Language, v: &CheckpointView) -> String {
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentBuilding",
        "name": v.item.name.text,
        "alternateName": v.item.aliases.iter().map(|a| &a.text).collect::<Vec<_>>(),
        "url": absolute_url(l.content, &format!("{}{}", l.prefix, v.item.url)),
        "address": {"@type": "PostalAddress", "addressCountry": "KZ", "addressRegion": v.item.region.as_ref().map(|r| &r.label), "addressLocality": v.settlement},
    });
    if let (Some(lat), Some(lon)) = (v.item.lat, v.item.lon) {
        doc["geo"] = json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon});
    }
    if v.item.hours.as_ref().is_some_and(|h| h.code == "24h") {
        doc["openingHours"] = json!("Mo-Su 00:00-23:59");
    }
    serde_json::to_string(&doc)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn rule(l: &Language, ctx: &mut tera::Context, index: usize) -> Page {
    let rule = l.rules[index];
    let view = rule_view(rule, l.content, &l.ui, l.shared.bodies[l.rule_positions[index]].clone());
    let (title, description) = (view.title.clone(), view.summary.clone().unwrap_or_default());
    ctx.insert("rule", &view);
    page(Job::Rule(index), l, &title, &description)
}

fn border(l: &Language, ctx: &mut tera::Context, border: Border) -> Page {
    let ui = &l.ui;
    let label = border_label(border, l.content, ui);
    let count = l.shared.count(border);
    let rules: Vec<LinkView> =
        l.rules.iter().filter(|r| r.applies_on_border(border)).map(|r| rule_link(r, ui)).collect();
    ctx.insert("border", &Labelled { code: border.code().to_string(), label: label.clone() });
    ctx.insert("checkpoint_count", &count);
    ctx.insert("completeness", &completeness(l, Some(border)));
    ctx.insert("checkpoint_rows", ROWS_MARK);
    ctx.insert("names_untranslated", &names_untranslated(l.on_border(border), &ui.lang));
    ctx.insert("rules", &rules);
    let title = match border {
        Border::None => ui.get("border_title_none").to_string(),
        _ => ui.fill("border_title", &[("country", &label)]),
    };
    let description = ui.count("border_description", count as u64);
    page(Job::Border(border), l, &title, &description)
}

fn data(l: &Language, ctx: &mut tera::Context) -> Page {
    let sources: Vec<SourceView> = l.content.sources.iter().map(|s| listed_source_view(s, l.content, &l.ui)).collect();
    ctx.insert("sources", &sources);
    ctx.insert("pages_cited", &pages_cited(l));
    ctx.insert("coverage", &coverage_view(l));
    ctx.insert("columns", &exports::csv_columns());
    ctx.insert("count", &l.content.checkpoints.len());
    page(Job::Data, l, l.ui.get("title_data"), l.ui.get("data_description"))
}

/// The truck e-queue's page: its fees and where to book, with their source, and the
/// checkpoints where trucks book, with since when.
fn e_queue_page(l: &Language, ctx: &mut tera::Context) -> Page {
    let terms = l.shared.e_queue_terms.as_ref().map(|t| terms_view(t, l.content, &l.ui));
    let listed: Vec<LinkView> = l
        .listed()
        .filter(|v| v.e_queue.as_ref().is_some_and(|q| q.code == "yes"))
        .map(|v| checkpoint_link(v, &l.ui.lang, v.e_queue.as_ref().map(|q| q.label.clone())))
        .collect();
    ctx.insert("e_queue_terms", &terms);
    ctx.insert("items", &listed);
    page(Job::EQueue, l, l.ui.get("title_e_queue"), l.ui.get("e_queue_lead"))
}
