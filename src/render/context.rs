//! What rendering a page sees: the page to render ([`Job`]), what its builder decides
//! ([`Page`]), what the whole site shares ([`Shared`]) and one language's version of it
//! ([`Language`]). The site driver (`driver.rs`) makes them; page builders and writers read them.

use std::collections::HashMap;
use std::sync::Arc;

use super::map;
use super::templates;
use super::ui::Ui;
use super::url::{border_url, checkpoint_url, rule_url};
use super::view::{CheckpointItem, LinkView, rule_ids};
use crate::content::{Border, Content, Place, Rule};

/// One page to render, in every language.
#[derive(Debug, Clone, Copy)]
pub enum Job {
    /// The home page: map, list, filters.
    Index,
    /// A list of every checkpoint, rule or border.
    List(List),
    /// One checkpoint, by index.
    Checkpoint(usize),
    /// One rule, by index in [`rule_ids`].
    Rule(usize),
    /// One border.
    Border(Border),
    /// The data downloads.
    Data,
    /// The truck e-queue: its fees, where to book, and the checkpoints in it.
    EQueue,
    /// The 404 page.
    NotFound,
}

/// The pages that list every thing of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Every checkpoint.
    Checkpoints,
    /// Every rule document.
    Rules,
    /// Every border.
    Borders,
}

impl List {
    /// Every list, in the order pages are planned.
    pub const ALL: [List; 3] = [List::Checkpoints, List::Rules, List::Borders];

    /// Its folder under the language's root, which is also the page's kind.
    pub fn section(self) -> &'static str {
        match self {
            List::Checkpoints => "checkpoints",
            List::Rules => "rules",
            List::Borders => "borders",
        }
    }

    /// The key of its title.
    pub fn title_key(self) -> &'static str {
        match self {
            List::Checkpoints => "title_checkpoints",
            List::Rules => "title_rules",
            List::Borders => "title_borders",
        }
    }
}

impl Job {
    /// Where the page goes, under its language's root.
    pub fn path(self, content: &Content) -> String {
        match self {
            Job::Index => "index.html".into(),
            Job::List(list) => format!("{}/index.html", list.section()),
            Job::Checkpoint(i) => checkpoint_url(&content.checkpoints[i].data.id.value),
            Job::Rule(i) => rule_url(rule_ids(content)[i]),
            Job::Border(b) => border_url(b),
            Job::Data => "data/index.html".into(),
            Job::EQueue => "e-queue/index.html".into(),
            Job::NotFound => "404.html".into(),
        }
    }

    /// Its template.
    pub fn template(self) -> &'static str {
        match self {
            Job::Index => "index.html",
            Job::List(_) => "list.html",
            Job::Checkpoint(_) => "checkpoint.html",
            Job::Rule(_) => "rule.html",
            Job::Border(_) => "border.html",
            Job::Data => "data.html",
            Job::EQueue => "e-queue.html",
            Job::NotFound => "404.html",
        }
    }

    /// `page.kind`, the body's class.
    pub fn kind(self) -> &'static str {
        match self {
            Job::Index => "index",
            Job::List(list) => list.section(),
            Job::Checkpoint(_) => "checkpoint",
            Job::Rule(_) => "rule",
            Job::Border(_) => "border",
            Job::Data => "data",
            Job::EQueue => "e-queue",
            Job::NotFound => "404",
        }
    }
}

/// What a page builder decides: where the page goes (under its language's root), its
/// template, title, description and kind.
pub struct Page {
    /// Output path under the language's root.
    pub path: String,
    /// Template name.
    pub template: &'static str,
    /// Title.
    pub title: String,
    /// One sentence for search engines and link previews.
    pub description: String,
    /// `page.kind` (the body's class).
    pub kind: &'static str,
}

/// What is worked out once per site and shared by every language.
pub struct Shared {
    /// Kazakhstan's outline for locator maps, and its frame.
    pub locator: (map::Frame, String),
    /// Each checkpoint's neighbours on its border.
    pub neighbours: Vec<Vec<(usize, Option<f64>)>>,
    /// Each rule document's body as HTML, by its index in `content.rules`.
    pub bodies: Vec<String>,
    /// Checkpoints per border (see [`Shared::count`]).
    pub counts: HashMap<Border, usize>,
    /// Where the index map's country labels go.
    pub anchors: Vec<map::CountryAnchor>,
    /// The languages: code, output prefix, and name in itself.
    pub languages: Vec<(String, String, String)>,
    /// The truck e-queue's terms (`reference/e-queue.yaml`), where given and readable
    /// (`validate` reports a file that is not).
    pub e_queue_terms: Option<crate::content::equeue::EQueueTerms>,
    /// The official count of checkpoints (`reference/official-counts.yaml`), where given and
    /// readable (`crossings stats` reports a file that is not).
    pub official: Option<crate::content::coverage::OfficialCounts>,
}

impl Shared {
    /// How many checkpoints are on `border`.
    pub fn count(&self, border: Border) -> usize {
        self.counts.get(&border).copied().unwrap_or(0)
    }
}

/// One language's version of the site: its strings and what its pages share.
pub struct Language<'a> {
    /// The content.
    pub content: &'a Content,
    /// What every language shares.
    pub shared: &'a Shared,
    /// The interface strings.
    pub ui: Arc<Ui>,
    /// Where its pages go: `` or `<lang>/`.
    pub prefix: String,
    /// Every checkpoint as lists show it, in content order.
    pub items: Vec<CheckpointItem>,
    /// Positions in `items` in the order lists show them: by displayed name, in the
    /// language's alphabet.
    pub order: Vec<usize>,
    /// The version of each rule its pages show, in id order.
    pub rules: Vec<&'a Rule>,
    /// Where each of `rules` is in `content.rules`.
    pub rule_positions: Vec<usize>,
    /// The list of rules that apply at each place (border, airport, sea port) as checkpoint
    /// pages show it (`checkpoint-rules.html`), for the pages of checkpoints no rule names:
    /// rendered once per place, not once per page.
    pub place_rules: HashMap<Place, String>,
    /// Checkpoints some rule names: their pages list the rules that apply to them one by one.
    pub named_by_rules: std::collections::HashSet<&'a str>,
    /// The context every page of the language starts from: its strings and the site's settings.
    pub base: tera::Context,
}

impl Language<'_> {
    /// `links` (to rules) as a checkpoint page lists them, from `checkpoint-rules.html`.
    pub fn rules_html(&self, links: &[LinkView], tera: &tera::Tera) -> anyhow::Result<String> {
        let mut ctx = self.base.clone();
        ctx.insert("root", "../../");
        ctx.insert("rules", links);
        templates::render(tera, "checkpoint-rules.html", &ctx)
    }

    /// Every checkpoint in the order lists show them.
    pub fn listed(&self) -> impl Iterator<Item = &CheckpointItem> {
        self.order.iter().map(|i| &self.items[*i])
    }

    /// The checkpoints on `border`, in the order lists show them.
    pub fn on_border(&self, border: Border) -> impl Iterator<Item = &CheckpointItem> {
        self.listed().filter(move |v| v.border.as_ref().is_some_and(|b| b.code == border.code()))
    }

    /// The neighbouring borders' pages, with their checkpoint counts.
    pub fn border_links(&self) -> Vec<LinkView> {
        Border::ALL
            .into_iter()
            .map(|b| {
                let count = self.shared.count(b) as u64;
                LinkView::new(
                    super::view::border_label(b, self.content, &self.ui),
                    super::url::border_url(b),
                    Some(self.ui.count("count_checkpoints", count)),
                )
            })
            .collect()
    }
}
