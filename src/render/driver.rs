//! The site driver: which pages exist, in which languages, what every page shares, and writing
//! them all, with the files beside them (search indexes, feeds, exports, sitemap) and last what a
//! browser keeps offline. The default language's pages sit at the site's root, the others' under
//! `<lang>/`; each page links to its translations relatively, so the site works from a sub-path
//! and from disk.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::context::{Job, Language, List, Shared};
use super::output::Staging;
use super::ui::{self, Ui, Uis};
use super::url::{absolute_url, prefix, search_index_path};
use super::view::{self as rule_view, CheckpointItem, LinkView, checkpoint_item, rules_for};
use super::{exports, feeds, map, pages, search, sitemap, templates};
use crate::content::{Border, Content, Place, Rule};

/// A language's version of a page, for `<link rel="alternate">` and the language switcher.
#[derive(Debug, Serialize)]
struct Alternate {
    lang: String,
    name: String,
    href: String,
    url: String,
    current: bool,
}

/// What every template gets under `page`.
#[derive(Serialize)]
struct PageMeta {
    title: String,
    description: String,
    canonical: String,
    path: String,
    kind: &'static str,
    alternates: Vec<Alternate>,
    x_default: String,
}

/// Which pages a build writes.
#[derive(Debug, Clone, Default)]
pub enum Pages {
    /// Every page.
    #[default]
    All,
    /// Every page but the checkpoints' and the borders', and of those only these.
    Some {
        /// Checkpoints, by index in the content.
        checkpoints: std::collections::HashSet<usize>,
        /// Borders.
        borders: std::collections::HashSet<Border>,
    },
}

impl Pages {
    fn includes(&self, job: Job) -> bool {
        match (self, job) {
            (Pages::Some { checkpoints, .. }, Job::Checkpoint(i)) => checkpoints.contains(&i),
            (Pages::Some { borders, .. }, Job::Border(b)) => borders.contains(&b),
            _ => true,
        }
    }
}

/// Render the `pages` of `content`, in every language, with `tera` into `staging`; the files
/// beside them (search indexes, feeds, exports, sitemap) are always written, and last what a
/// browser keeps offline (see [`super::offline`]).
pub fn write_site(content: &Content, tera: &mut tera::Tera, staging: &Staging, pages: &Pages) -> anyhow::Result<()> {
    use crate::timing::phase;
    let uis: Uis = content.config.languages.iter().map(|l| (l.clone(), Arc::new(Ui::new(content, l)))).collect();
    let uis = Arc::new(uis);
    ui::register(tera, Arc::clone(&uis));
    let shared = phase("shared", || shared(content, &uis));
    let jobs = plan(content);
    let tera = &*tera;
    // What is written once per language (search index, feed) and once per site (exports,
    // sitemap) is mostly one thread's work: it runs beside the pages, on the cores they leave.
    let (languages, exports) = rayon::join(
        || -> anyhow::Result<()> {
            for lang in &content.config.languages {
                let language = phase("language", || Language::new(content, &shared, Arc::clone(&uis[lang]), tera))?;
                let (written, files) = rayon::join(
                    || phase("pages", || write_pages(&jobs, pages, &language, tera, staging)),
                    || phase("lang files", || write_language_files(&language, staging)),
                );
                written.and(files)?;
            }
            Ok(())
        },
        || phase("exports", || write_exports(content, &jobs, &shared, staging)),
    );
    languages.and(exports)?;
    phase("offline", || super::offline::write_offline(content, &uis, tera, staging))
}

/// Render and write the `jobs` that `pages` includes, in `language`.
fn write_pages(
    jobs: &[Job],
    pages: &Pages,
    language: &Language,
    tera: &tera::Tera,
    staging: &Staging,
) -> anyhow::Result<()> {
    jobs.par_iter().filter(|job| pages.includes(**job)).try_for_each(|job| {
        let (path, html, ctx) = render_job(*job, language, tera)?;
        let (rows, template): (Vec<&CheckpointItem>, _) = match job {
            Job::Index => (language.listed().collect(), "index-rows.html"),
            Job::Border(b) => (language.on_border(*b).collect(), "border-rows.html"),
            _ => return staging.write(&path, html.as_bytes()),
        };
        write_listing(&path, &html, &ctx, &rows, template, language, tera, staging)
    })
}

fn shared(content: &Content, uis: &Uis) -> Shared {
    let bodies = content.rules.par_iter().map(rule_view::body_html).collect();
    let mut counts = HashMap::new();
    for r in &content.checkpoints {
        if let Some(b) = &r.data.border {
            *counts.entry(b.value).or_insert(0) += 1;
        }
    }
    let languages = content
        .config
        .languages
        .iter()
        .map(|l| (l.clone(), prefix(content, l), uis[l].get("language_name").to_string()))
        .collect();
    Shared {
        locator: map::locator_outline(content),
        neighbours: crate::timing::phase("neighbours", || super::nearby::neighbours(content)),
        bodies,
        counts,
        anchors: map::index_anchors(content),
        languages,
        e_queue_terms: crate::content::equeue::terms(&content.root).ok().flatten(),
        official: crate::content::coverage::official_counts(&content.root).ok().flatten(),
    }
}

/// Every page of one language.
pub fn plan(content: &Content) -> Vec<Job> {
    let mut jobs = vec![Job::Index];
    jobs.extend(List::ALL.map(Job::List));
    jobs.extend([Job::Data, Job::NotFound]);
    if content.root.join(crate::content::equeue::TERMS_FILE).exists() {
        jobs.push(Job::EQueue);
    }
    jobs.extend((0..content.checkpoints.len()).map(Job::Checkpoint));
    jobs.extend((0..rule_view::rule_ids(content).len()).map(Job::Rule));
    jobs.extend(Border::ALL.into_iter().map(Job::Border));
    jobs
}

impl<'a> Language<'a> {
    fn new(content: &'a Content, shared: &'a Shared, ui: Arc<Ui>, tera: &tera::Tera) -> anyhow::Result<Language<'a>> {
        let items: Vec<CheckpointItem> =
            content.checkpoints.par_iter().map(|r| checkpoint_item(&r.data, content, &ui)).collect();
        let mut order: Vec<usize> = (0..items.len()).collect();
        let keys: Vec<Vec<u32>> =
            items.iter().map(|v| crate::translit::collation_key(&v.name.text, &ui.lang)).collect();
        order.sort_by(|a, b| keys[*a].cmp(&keys[*b]).then_with(|| items[*a].id.cmp(&items[*b].id)));
        let rule_positions = rules_for(content, &ui.lang);
        let rules: Vec<&Rule> = rule_positions.iter().map(|i| &content.rules[*i]).collect();
        let named_by_rules = rules
            .iter()
            .flat_map(|r| r.meta.applies_to.iter().flat_map(|a| a.checkpoints.iter().map(|id| id.value.as_str())))
            .collect();
        let cfg = &content.config;
        let (lang, default) = (ui.lang.as_str(), cfg.default_language.as_str());
        let mut base = tera::Context::new();
        base.insert("lang", lang);
        base.insert("content_lang", default);
        let built = ui.date(&crate::content::date::Date::build_date().to_string());
        base.insert("offline_copy", &ui.fill("offline_copy", &[("date", &built)]));
        base.insert_value("t", ui.strings());
        base.insert(
            "site",
            &json!({
                "title": cfg.title.get(lang, default),
                "description": cfg.description.get(lang, default),
                "base_url": cfg.base_url,
                "home_url": absolute_url(content, &prefix(content, lang)),
                "repository_url": cfg.repository_url,
                "licence": cfg.licence.get(lang, default),
            }),
        );
        let mut language = Language {
            content,
            shared,
            prefix: prefix(content, lang),
            ui,
            items,
            order,
            rules,
            rule_positions,
            place_rules: HashMap::new(),
            named_by_rules,
            base,
        };
        for place in Place::all() {
            let links: Vec<LinkView> = language
                .rules
                .iter()
                .filter(|r| r.applies_in(place))
                .map(|r| rule_view::rule_link(r, &language.ui))
                .collect();
            let html = language.rules_html(&links, tera)?;
            language.place_rules.insert(place, html);
        }
        Ok(language)
    }
}

/// Checkpoint rows rendered by one call of a rows template.
const ROWS_PER_RENDER: usize = 256;

/// Rows rendered (in parallel) before they are written: bounds what a long list holds in memory.
const ROWS_PER_WRITE: usize = 4 * ROWS_PER_RENDER;

/// Write a page that lists checkpoints (the index, a border's page): its rendered template, with
/// the rows (rendered a batch at a time by `rows_template`) and the index's map written where the
/// template printed their marks.
#[allow(clippy::too_many_arguments)]
fn write_listing(
    path: &str,
    html: &str,
    ctx: &tera::Context,
    rows: &[&CheckpointItem],
    rows_template: &str,
    language: &Language,
    tera: &tera::Tera,
    staging: &Staging,
) -> anyhow::Result<()> {
    staging.write_with(path, |out| {
        let mut rest = html;
        loop {
            let next = [pages::ROWS_MARK, pages::INDEX_MAP_MARK]
                .into_iter()
                .filter_map(|mark| rest.find(mark).map(|at| (at, mark)))
                .min();
            let Some((at, mark)) = next else { break };
            out.write_all(&rest.as_bytes()[..at])?;
            rest = &rest[at + mark.len()..];
            if mark == pages::INDEX_MAP_MARK {
                let svg = map::index_map(language.content, "", &language.ui, &language.shared.anchors);
                out.write_all(svg.as_bytes())?;
                continue;
            }
            for block in rows.chunks(ROWS_PER_WRITE) {
                let rendered: Vec<String> = block
                    .par_chunks(ROWS_PER_RENDER)
                    .map(|batch| {
                        let mut ctx = ctx.clone();
                        ctx.insert("checkpoints", batch);
                        templates::render(tera, rows_template, &ctx)
                    })
                    .collect::<anyhow::Result<_>>()?;
                for part in rendered {
                    out.write_all(part.as_bytes())?;
                }
            }
        }
        out.write_all(rest.as_bytes())?;
        Ok(())
    })
}

/// Render `job` in `language`: where it goes, its HTML, and the context it was rendered with.
fn render_job(job: Job, language: &Language, tera: &tera::Tera) -> anyhow::Result<(String, String, tera::Context)> {
    let mut ctx = language.base.clone();
    let page = pages::build(job, language, &mut ctx, tera)?;
    let content = language.content;
    let out_path = format!("{}{}", language.prefix, page.path);
    let site_root = if matches!(job, Job::NotFound) {
        content.config.base_url.clone()
    } else {
        "../".repeat(out_path.matches('/').count())
    };
    let root = if matches!(job, Job::NotFound) {
        format!("{site_root}{}", language.prefix)
    } else {
        "../".repeat(page.path.matches('/').count())
    };
    ctx.insert("site_root", &site_root);
    ctx.insert("root", &root);
    let alternates = alternates(language, &page.path, &site_root);
    let x_default = absolute_url(content, &page.path);
    let meta = PageMeta {
        canonical: absolute_url(content, &out_path),
        title: page.title,
        description: page.description,
        path: page.path,
        kind: page.kind,
        alternates,
        x_default,
    };
    ctx.insert("page", &meta);
    let html = templates::render(tera, page.template, &ctx)?;
    Ok((out_path, html, ctx))
}

/// The page at `path` in every language: relative links for the switcher, absolute for search
/// engines.
fn alternates(language: &Language, path: &str, site_root: &str) -> Vec<Alternate> {
    language
        .shared
        .languages
        .iter()
        .map(|(code, prefix, name)| Alternate {
            lang: code.clone(),
            name: name.clone(),
            href: format!("{site_root}{prefix}{path}"),
            url: absolute_url(language.content, &format!("{prefix}{path}")),
            current: *code == language.ui.lang,
        })
        .collect()
}

/// A language's search index and feed.
pub fn write_language_files(l: &Language, staging: &Staging) -> anyhow::Result<()> {
    let index = search::index_script(l);
    staging.write(&search_index_path(&l.ui.lang), index.as_bytes())?;
    let feed = feeds::atom(l, feeds::feed_entries(l));
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
    let mut pages: Vec<(String, Option<String>)> = jobs.iter().filter_map(|j| sitemap::page_of(content, *j)).collect();
    pages.sort();
    let prefixes: Vec<(&str, &str)> = shared.languages.iter().map(|(l, p, _)| (l.as_str(), p.as_str())).collect();
    staging.write("sitemap.xml", sitemap::sitemap(content, &pages, &prefixes).as_bytes())?;
    staging.write("robots.txt", sitemap::robots(content).as_bytes())
}

/// Copy the theme's assets (`templates/static/`) into the site.
pub fn copy_static(templates_dir: &Path, staging: &Staging) -> anyhow::Result<()> {
    let dir = templates_dir.join("static");
    if !dir.is_dir() {
        return Ok(());
    }
    for file in crate::fs::walk(&dir)? {
        let relative = file.strip_prefix(templates_dir).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        let bytes = crate::fs::read(&file)?;
        staging.write(&relative, &bytes)?;
    }
    Ok(())
}
