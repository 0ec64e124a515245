//! What rendering a page sees: the page to render ([`Job`]), what its builder decides
//! ([`Page`]), what the whole site shares ([`Shared`]) and one language's version of it
//! ([`Language`]). The site driver (`driver.rs`) makes them; page builders and writers read them.

use std::collections::HashMap;
use std::sync::Arc;

use super::map;
use super::templates;
use super::ui::Ui;
use super::view::{CheckpointItem, LinkView};
use crate::content::{Border, Content, Rule};

/// One page to render, in every language.
#[derive(Debug, Clone, Copy)]
pub enum Job {
    /// The home page: map, list, filters.
    Index,
    /// Every checkpoint.
    CheckpointList,
    /// One checkpoint, by index.
    Checkpoint(usize),
    /// Every rule.
    RuleList,
    /// One rule, by index in [`rule_view::rule_ids`].
    Rule(usize),
    /// Every border.
    BorderList,
    /// One border.
    Border(Border),
    /// The data downloads.
    Data,
    /// The 404 page.
    NotFound,
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
    /// The list of rules that apply on each border (and with no border) as checkpoint pages show
    /// it (`checkpoint-rules.html`), for the pages of checkpoints no rule names: rendered once,
    /// not once per page.
    pub border_rules: HashMap<Option<Border>, String>,
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
