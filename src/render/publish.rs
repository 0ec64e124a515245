//! The files beside the pages: each language's search index and feed, and once per site the
//! data exports, the sitemap (every language's pages, with their alternates) and robots.txt.

use rayon::prelude::*;

use super::exports::{self, FeedEntry};
use super::output::Staging;
use super::rule_view::rule_ids;
use super::site::{Job, Language, Shared};
use super::view::border_url;
use super::views::status_key;
use crate::content::Content;

/// The search index of `lang`, relative to the site's root.
pub fn search_index_path(lang: &str) -> String {
    format!("static/search-index.{lang}.js")
}

/// A language's search index and feed.
pub fn write_language_files(l: &Language, staging: &Staging) -> anyhow::Result<()> {
    let index = super::search::index_script(l);
    staging.write(&search_index_path(&l.ui.lang), index.as_bytes())?;
    let feed = exports::atom(l, feed_entries(l));
    staging.write(&format!("{}feed.xml", l.prefix), feed.as_bytes())
}

/// The data exports, sitemap and robots.txt.
pub fn write_exports(content: &Content, jobs: &[Job], shared: &Shared, staging: &Staging) -> anyhow::Result<()> {
    type Export = (&'static str, fn(&Content, &mut dyn std::io::Write) -> std::io::Result<()>);
    let files: [Export; 3] = [
        ("data/checkpoints.geojson", exports::geojson),
        ("data/checkpoints.csv", exports::csv),
        ("data/checkpoints.json", exports::json_export),
    ];
    files.par_iter().try_for_each(|(path, write)| staging.write_with(path, |out| Ok(write(content, out)?)))?;
    let mut pages: Vec<(String, Option<String>)> = jobs.iter().filter_map(|j| page_of(content, *j)).collect();
    pages.sort();
    let prefixes: Vec<(&str, &str)> = shared.languages.iter().map(|(l, p, _)| (l.as_str(), p.as_str())).collect();
    staging.write("sitemap.xml", exports::sitemap(content, &pages, &prefixes).as_bytes())?;
    staging.write("robots.txt", exports::robots(content).as_bytes())
}

/// A page's path under its language's root and its last-modified date (none for the 404 page).
fn page_of(content: &Content, job: Job) -> Option<(String, Option<String>)> {
    Some(match job {
        Job::Checkpoint(i) => {
            let c = &content.checkpoints[i].data;
            (format!("checkpoints/{}/index.html", c.id.value), c.last_verified.as_ref().map(|d| d.value.clone()))
        }
        Job::Rule(i) => {
            let id = rule_ids(content)[i];
            let date = content
                .rules
                .iter()
                .filter(|r| r.id == id)
                .filter_map(|r| r.meta.last_verified.as_ref().map(|d| &d.value))
                .max();
            (format!("rules/{id}/index.html"), date.cloned())
        }
        Job::Border(b) => (border_url(b), None),
        Job::Index => ("index.html".into(), None),
        Job::CheckpointList => ("checkpoints/index.html".into(), None),
        Job::RuleList => ("rules/index.html".into(), None),
        Job::BorderList => ("borders/index.html".into(), None),
        Job::Data => ("data/index.html".into(), None),
        Job::NotFound => return None,
    })
}

fn feed_entries(l: &Language) -> Vec<FeedEntry> {
    let ui = &l.ui;
    let mut entries = Vec::new();
    for (r, view) in l.content.checkpoints.iter().zip(&l.items) {
        let c = &r.data;
        let status_date = c.status.as_ref().and_then(|s| s.since.as_ref()).map(|d| d.value.clone());
        let date = [c.last_verified.as_ref().map(|d| d.value.clone()), status_date].into_iter().flatten().max();
        if let Some(date) = date {
            let status =
                c.status_on(crate::content::date::Date::build_date()).map_or("status_unknown", |s| status_key(s.state));
            entries.push(FeedEntry {
                path: format!("{}checkpoints/{}/", l.prefix, c.id.value),
                title: view.name.text.clone(),
                title_lang: view.name.lang.clone(),
                date,
                summary: ui.fill("feed_checkpoint", &[("status", ui.get(status))]),
                summary_lang: ui.lang.clone(),
            });
        }
    }
    for rule in &l.rules {
        if let Some(date) = &rule.meta.last_verified {
            entries.push(FeedEntry {
                path: format!("{}rules/{}/", l.prefix, rule.id),
                title: rule.meta.title.value.clone(),
                title_lang: rule.lang.clone(),
                date: date.value.clone(),
                summary: rule.meta.summary.clone().unwrap_or_default(),
                summary_lang: rule.lang.clone(),
            });
        }
    }
    entries
}
