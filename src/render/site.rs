//! The site: which pages exist, the context each is rendered with, and writing them all.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::exports::{self, FeedEntry};
use super::map;
use super::output::Staging;
use super::templates;
use super::view::*;
use super::views::{self, checkpoint_summary, checkpoint_view, rule_view};
use crate::content::{Border, Content, HoursKind, Mode, StatusState, Traffic};

/// One page to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Index,
    CheckpointList,
    Checkpoint(usize),
    RuleList,
    Rule(usize),
    BorderList,
    Border(Border),
    Data,
    NotFound,
}

/// What every template gets under `page`.
#[derive(Serialize)]
struct PageMeta {
    title: String,
    description: String,
    canonical: String,
    path: String,
    kind: &'static str,
}

/// What is drawn once per site and shared by many pages.
struct Shared {
    locator: (map::Frame, String),
    neighbours: Vec<Vec<(usize, Option<f64>)>>,
}

/// Render every page of `content` with `tera` into `staging`.
pub fn write_site(content: &Content, tera: &mut tera::Tera, staging: &Staging) -> anyhow::Result<()> {
    use crate::timing::phase;
    set_globals(content, tera);
    let locator = phase("locator", || map::locator_outline(content));
    let shared = Shared { locator, neighbours: phase("neighbours", || super::nearby::neighbours(content)) };
    let jobs = plan(content);
    phase("pages", || {
        jobs.par_iter().try_for_each(|job| {
            let (path, html) = render_job(*job, content, tera, &shared)?;
            staging.write(&path, html.as_bytes())
        })
    })?;
    phase("exports", || write_exports(content, &jobs, staging))
}

fn plan(content: &Content) -> Vec<Job> {
    let mut jobs = vec![Job::Index, Job::CheckpointList, Job::RuleList, Job::BorderList, Job::Data, Job::NotFound];
    jobs.extend((0..content.checkpoints.len()).map(Job::Checkpoint));
    jobs.extend(first_rule_per_id(content).map(Job::Rule));
    jobs.extend(Border::ALL.into_iter().map(Job::Border));
    jobs
}

/// Indices of the rule documents pages are made from (the default language's, one per id).
fn first_rule_per_id(content: &Content) -> impl Iterator<Item = usize> + '_ {
    let lang = &content.config.default_language;
    content.rules.iter().enumerate().filter(move |(_, r)| &r.lang == lang).map(|(i, _)| i)
}

fn set_globals(content: &Content, tera: &mut tera::Tera) {
    let cfg = &content.config;
    let globals = tera.global_context();
    globals.insert(
        "site",
        &json!({
            "title": cfg.title,
            "description": cfg.description,
            "base_url": cfg.base_url,
            "repository_url": cfg.repository_url,
            "licence": cfg.licence,
            "lang": cfg.default_language,
        }),
    );
    let borders: Vec<LinkView> = Border::ALL
        .into_iter()
        .map(|b| LinkView {
            title: border_label(b, content),
            url: border_url(b),
            detail: Some(format!("{} checkpoints", count_on(content, b))),
        })
        .collect();
    globals.insert("borders", &borders);
}

fn count_on(content: &Content, border: Border) -> usize {
    content.checkpoints.iter().filter(|c| c.data.border.as_ref().is_some_and(|b| b.value == border)).count()
}

fn render_job(job: Job, content: &Content, tera: &tera::Tera, shared: &Shared) -> anyhow::Result<(String, String)> {
    let (path, template, mut ctx, title, description, kind) = match job {
        Job::Index => index_page(content),
        Job::CheckpointList => list_page(content, "checkpoints", "All checkpoints"),
        Job::RuleList => list_page(content, "rules", "Rules for crossing"),
        Job::BorderList => list_page(content, "borders", "Borders"),
        Job::Checkpoint(i) => checkpoint_page(content, i, shared),
        Job::Rule(i) => rule_page(content, i),
        Job::Border(b) => border_page(content, b),
        Job::Data => data_page(content),
        Job::NotFound => not_found_page(content),
    };
    let depth = path.matches('/').count();
    let root = if matches!(job, Job::NotFound) { content.config.base_url.clone() } else { "../".repeat(depth) };
    ctx.insert("root", &root);
    let canonical = exports::absolute_url(content, &path);
    ctx.insert("page", &PageMeta { title, description, canonical, path: path.clone(), kind });
    let html = templates::render(tera, template, &ctx)?;
    Ok((path, html))
}

type PageParts = (String, &'static str, tera::Context, String, String, &'static str);

fn index_page(content: &Content) -> PageParts {
    let mut ctx = tera::Context::new();
    let views: Vec<CheckpointView> = content.checkpoints.par_iter().map(|r| checkpoint_summary(r, content)).collect();
    ctx.insert("checkpoints", &views);
    ctx.insert("facets", &facets());
    let unplaced: Vec<LinkView> = views
        .iter()
        .filter(|v| v.lat.is_none() || v.lon.is_none())
        .map(|v| LinkView {
            title: v.name.text.clone(),
            url: v.url.clone(),
            detail: v.border.as_ref().map(|b| b.label.clone()),
        })
        .collect();
    ctx.insert(
        "map",
        &json!({"svg": map::index_map(content, ""), "placed": views.len() - unplaced.len(), "unplaced": unplaced}),
    );
    ctx.insert("rules", &rule_links(content));
    let description = content.config.description.clone();
    ("index.html".into(), "index.html", ctx, content.config.title.clone(), description, "index")
}

/// The filter groups of the index: field, label, and the values offered.
fn facets() -> serde_json::Value {
    let group = |values: Vec<(String, String)>| {
        values.into_iter().map(|(code, label)| json!({"code": code, "label": label})).collect::<Vec<_>>()
    };
    let code = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
    json!([
        {"field": "border", "label": "Border", "values": group(Border::ALL.iter().map(|b| (b.code().to_string(), b.code().to_string())).collect())},
        {"field": "modes", "label": "Mode", "values": group([Mode::Road, Mode::Rail, Mode::Air, Mode::Sea, Mode::River, Mode::Pedestrian].iter().map(|m| (code(json!(m)), views::mode_label(*m).to_string())).collect())},
        {"field": "traffic", "label": "Traffic", "values": group([Traffic::Passenger, Traffic::Cargo].iter().map(|t| (code(json!(t)), views::traffic_label(*t).to_string())).collect())},
        {"field": "hours", "label": "Hours", "values": group([HoursKind::RoundTheClock, HoursKind::Daytime, HoursKind::Schedule, HoursKind::Seasonal].iter().map(|h| (h.code().to_string(), views::hours_label(*h).to_string())).collect())},
        {"field": "status", "label": "Status", "values": group([StatusState::Open, StatusState::Closed, StatusState::Suspended].iter().map(|s| (code(json!(s)), views::status_label(*s).to_string())).collect())},
    ])
}

fn rule_links(content: &Content) -> Vec<LinkView> {
    first_rule_per_id(content)
        .map(|i| {
            let r = &content.rules[i];
            LinkView {
                title: r.meta.title.value.clone(),
                url: format!("rules/{}/index.html", r.id),
                detail: r.meta.summary.clone(),
            }
        })
        .collect()
}

fn list_page(content: &Content, section: &'static str, title: &str) -> PageParts {
    let mut ctx = tera::Context::new();
    let items: Vec<LinkView> = match section {
        "checkpoints" => content
            .checkpoints
            .iter()
            .map(|r| {
                let v = checkpoint_summary(r, content);
                LinkView { title: v.name.text, url: v.url, detail: v.border.map(|b| b.label) }
            })
            .collect(),
        "rules" => rule_links(content),
        _ => Border::ALL
            .into_iter()
            .map(|b| LinkView {
                title: border_label(b, content),
                url: border_url(b),
                detail: Some(format!("{} checkpoints", count_on(content, b))),
            })
            .collect(),
    };
    ctx.insert("items", &items);
    (format!("{section}/index.html"), "list.html", ctx, title.to_string(), String::new(), section)
}

fn checkpoint_page(content: &Content, index: usize, shared: &Shared) -> PageParts {
    let record = &content.checkpoints[index];
    let (frame, outline) = &shared.locator;
    let view = checkpoint_view(record, content, "../../");
    let mut ctx = tera::Context::new();
    let rules: Vec<LinkView> = first_rule_per_id(content)
        .filter(|i| rule_applies(&content.rules[*i], &record.data))
        .map(|i| {
            let r = &content.rules[i];
            LinkView {
                title: r.meta.title.value.clone(),
                url: format!("rules/{}/index.html", r.id),
                detail: r.meta.summary.clone(),
            }
        })
        .collect();
    ctx.insert("rules", &rules);
    ctx.insert("nearby", &nearby(content, &shared.neighbours[index]));
    ctx.insert("jsonld", &json_ld(content, &view));
    ctx.insert("locator_svg", &map::locator_map(&record.data, frame, outline));
    let title = view.name.text.clone();
    let description = format!(
        "{}: border checkpoint{} — hours, traffic, place, rules and sources.",
        view.name.text,
        view.border.as_ref().map(|b| format!(" on the border with {}", b.label)).unwrap_or_default()
    );
    let path = format!("checkpoints/{}/index.html", view.id);
    ctx.insert("checkpoint", &view);
    (path, "checkpoint.html", ctx, title, description, "checkpoint")
}

/// Links to a checkpoint's neighbours on its border.
fn nearby(content: &Content, neighbours: &[(usize, Option<f64>)]) -> Vec<LinkView> {
    let lang = content.config.default_language.as_str();
    neighbours
        .iter()
        .map(|(j, km)| {
            let c = &content.checkpoints[*j].data;
            let title = c.name.best(lang).map_or(c.id.value.clone(), |(_, t)| t.to_string());
            LinkView {
                title,
                url: format!("checkpoints/{}/index.html", c.id.value),
                detail: km.map(|k| format!("{k:.0} km")),
            }
        })
        .collect()
}

/// Great-circle distance in kilometres between two (lat, lon) points.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// schema.org JSON-LD for a checkpoint, safe to place inside a `<script>` element.
fn json_ld(content: &Content, v: &CheckpointView) -> String {
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentBuilding",
        "name": v.name.text,
        "alternateName": v.aliases,
        "url": exports::absolute_url(content, &v.url),
        "address": {"@type": "PostalAddress", "addressCountry": "KZ", "addressRegion": v.region.as_ref().map(|r| &r.label), "addressLocality": v.settlement},
    });
    if let (Some(lat), Some(lon)) = (v.lat, v.lon) {
        doc["geo"] = json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon});
    }
    if v.hours.as_ref().is_some_and(|h| h.code == "24h") {
        doc["openingHours"] = json!("Mo-Su 00:00-23:59");
    }
    serde_json::to_string(&doc)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn rule_page(content: &Content, index: usize) -> PageParts {
    let rule = &content.rules[index];
    let view = rule_view(rule, content, "../../");
    let mut ctx = tera::Context::new();
    let title = view.title.clone();
    let description = view.summary.clone().unwrap_or_default();
    let path = view.url.clone();
    ctx.insert("rule", &view);
    (path, "rule.html", ctx, title, description, "rule")
}

fn border_page(content: &Content, border: Border) -> PageParts {
    let mut ctx = tera::Context::new();
    let label = border_label(border, content);
    let checkpoints: Vec<CheckpointView> = content
        .checkpoints
        .iter()
        .filter(|r| r.data.border.as_ref().is_some_and(|b| b.value == border))
        .map(|r| checkpoint_summary(r, content))
        .collect();
    let rules: Vec<LinkView> = first_rule_per_id(content)
        .filter(|i| {
            let a = content.rules[*i].meta.applies_to.as_ref();
            a.is_none_or(|a| {
                a.borders.is_empty() && a.checkpoints.is_empty() || a.borders.iter().any(|b| b.value == border)
            })
        })
        .map(|i| {
            let r = &content.rules[i];
            LinkView {
                title: r.meta.title.value.clone(),
                url: format!("rules/{}/index.html", r.id),
                detail: r.meta.summary.clone(),
            }
        })
        .collect();
    ctx.insert("border", &Labelled { code: border.code().to_string(), label: label.clone() });
    ctx.insert("checkpoints", &checkpoints);
    ctx.insert("rules", &rules);
    let title = match border {
        Border::None => "Sea and air checkpoints".to_string(),
        _ => format!("Border with {label}"),
    };
    let description = format!("{} checkpoints and the rules that apply.", checkpoints.len());
    (border_url(border), "border.html", ctx, title, description, "border")
}

fn data_page(content: &Content) -> PageParts {
    let mut ctx = tera::Context::new();
    let sources: Vec<SourceView> = content
        .sources
        .iter()
        .map(|s| SourceView {
            title: s.title.clone(),
            url: s.url.clone(),
            retrieved: None,
            supports: Vec::new(),
            note: s.note.clone(),
        })
        .collect();
    ctx.insert("sources", &sources);
    ctx.insert("columns", exports::CSV_COLUMNS);
    ctx.insert("count", &content.checkpoints.len());
    (
        "data/index.html".into(),
        "data.html",
        ctx,
        "Data".into(),
        "Download the checkpoints as GeoJSON, CSV or JSON.".into(),
        "data",
    )
}

fn not_found_page(content: &Content) -> PageParts {
    let _ = content;
    ("404.html".into(), "404.html", tera::Context::new(), "Page not found".into(), String::new(), "404")
}

fn write_exports(content: &Content, jobs: &[Job], staging: &Staging) -> anyhow::Result<()> {
    type Export = (&'static str, fn(&Content) -> String);
    let files: [Export; 4] = [
        ("static/search-index.js", super::search::index_script),
        ("data/checkpoints.geojson", exports::geojson),
        ("data/checkpoints.csv", exports::csv),
        ("data/checkpoints.json", exports::json_export),
    ];
    files.par_iter().try_for_each(|(path, make)| staging.write(path, make(content).as_bytes()))?;
    let mut pages: Vec<(String, Option<String>)> = jobs
        .iter()
        .filter(|j| !matches!(j, Job::NotFound))
        .map(|j| match *j {
            Job::Checkpoint(i) => {
                let c = &content.checkpoints[i].data;
                (format!("checkpoints/{}/index.html", c.id.value), c.last_verified.as_ref().map(|d| d.value.clone()))
            }
            Job::Rule(i) => {
                let r = &content.rules[i];
                (format!("rules/{}/index.html", r.id), r.meta.last_verified.as_ref().map(|d| d.value.clone()))
            }
            Job::Border(b) => (border_url(b), None),
            Job::Index => ("index.html".into(), None),
            Job::CheckpointList => ("checkpoints/index.html".into(), None),
            Job::RuleList => ("rules/index.html".into(), None),
            Job::BorderList => ("borders/index.html".into(), None),
            Job::Data | Job::NotFound => ("data/index.html".into(), None),
        })
        .collect();
    pages.sort();
    staging.write("sitemap.xml", exports::sitemap(content, &pages).as_bytes())?;
    staging.write("robots.txt", exports::robots(content).as_bytes())?;
    staging.write("feed.xml", exports::atom(content, feed_entries(content)).as_bytes())
}

fn feed_entries(content: &Content) -> Vec<FeedEntry> {
    let mut entries = Vec::new();
    for r in &content.checkpoints {
        let c = &r.data;
        let status_date = c.status.as_ref().and_then(|s| s.since.as_ref()).map(|d| d.value.clone());
        let date = [c.last_verified.as_ref().map(|d| d.value.clone()), status_date].into_iter().flatten().max();
        if let Some(date) = date {
            let name = c.name.best(&content.config.default_language).map_or(c.id.value.clone(), |(_, t)| t.to_string());
            let status = c.status.as_ref().map(|s| views::status_label(s.state)).unwrap_or("status unknown");
            entries.push(FeedEntry {
                path: format!("checkpoints/{}/", c.id.value),
                title: name,
                date,
                summary: format!("Checkpoint, {status}."),
            });
        }
    }
    for i in first_rule_per_id(content) {
        let r = &content.rules[i];
        if let Some(date) = &r.meta.last_verified {
            entries.push(FeedEntry {
                path: format!("rules/{}/", r.id),
                title: r.meta.title.value.clone(),
                date: date.value.clone(),
                summary: r.meta.summary.clone().unwrap_or_default(),
            });
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_between_almaty_and_astana() {
        let km = distance_km((43.25, 76.95), (51.17, 71.43));
        assert!((km - 970.0).abs() < 15.0, "{km}");
    }
}
