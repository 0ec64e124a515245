//! Rule documents from an article: its blocks (headings, paragraphs, lists) in order, the runs
//! of them a recipe names, as Markdown, with the structured lists and allowances it asks for.

use anyhow::{Context as _, bail};
use scraper::{ElementRef, Html, Node as HtmlNode};

use super::allowance;
use super::text_of;
use crate::content::recipe::{HtmlRecipe, RuleRecipe, selector};
use crate::ingest::emit::to_node;
use crate::ingest::names::clean_item;
use crate::ingest::names::collapse;
use crate::ingest::node::Node;

/// A rule document as a source gives it: front matter fields and `body`.
#[derive(Debug, Clone)]
pub struct RuleDraft {
    /// The document's id.
    pub id: String,
    /// Front matter, plus the Markdown text under `body`.
    pub node: Node,
}

#[derive(Debug, Clone)]
enum Kind {
    Heading,
    Paragraph,
    List { ordered: bool },
}

#[derive(Debug, Clone)]
struct Block {
    kind: Kind,
    /// Plain text, to find the block by.
    text: String,
    /// Markdown: a paragraph's inline text, a heading's text, or nothing for lists.
    markdown: String,
    /// A list's entries, as Markdown.
    items: Vec<String>,
}

/// The rule documents a recipe makes from a page.
pub fn rule_drafts(
    page: &Html,
    recipe: &HtmlRecipe,
    source: &str,
    retrieved: Option<&str>,
) -> anyhow::Result<Vec<RuleDraft>> {
    if recipe.rules.is_empty() {
        return Ok(Vec::new());
    }
    let css = recipe.content.as_deref().unwrap_or("body");
    let container = page
        .select(&selector(css)?)
        .next()
        .with_context(|| format!("the content selector `{css}` matched nothing: update the recipe in sources.yaml"))?;
    let mut blocks = Vec::new();
    collect_blocks(container, &mut blocks);
    recipe
        .rules
        .iter()
        .map(|r| draft(&blocks, r, source, retrieved).with_context(|| format!("rule `{}`", r.id)))
        .collect()
}

fn draft(blocks: &[Block], recipe: &RuleRecipe, source: &str, retrieved: Option<&str>) -> anyhow::Result<RuleDraft> {
    let (chosen, heading) = choose(blocks, recipe)?;
    let title = recipe
        .title
        .clone()
        .or(heading)
        .context("give the rule a `title`: its first part does not start with a heading")?;
    let mut node =
        Node::Map(vec![("title".into(), Node::str(title)), ("category".into(), Node::str(recipe.category.code()))]);
    let mut supports = vec!["text"];
    let mut allowances = Vec::new();
    for spec in &recipe.allowances {
        allowances.extend(list_after(&chosen, &spec.after)?.iter().flat_map(|i| allowance::parse(i, spec.direction)));
    }
    if !allowances.is_empty() {
        node.set("allowances", Node::Seq(allowances));
        supports.push("allowances");
    }
    let lists = structured_lists(&chosen, recipe)?;
    if !lists.is_empty() {
        node.set("lists", Node::Seq(lists));
        supports.push("lists");
    }
    let mut entry = Node::Map(vec![("source".into(), Node::str(source))]);
    if let Some(date) = retrieved {
        entry.set("retrieved", Node::str(date));
    }
    entry.set("supports", Node::strs(supports));
    node.set("sources", Node::Seq(vec![entry]));
    node.set("body", Node::str(markdown(&chosen)));
    Ok(RuleDraft { id: recipe.id.clone(), node })
}

/// The blocks of the recipe's parts, in order, and the heading that opened the first part.
fn choose<'a>(blocks: &'a [Block], recipe: &RuleRecipe) -> anyhow::Result<(Vec<&'a Block>, Option<String>)> {
    let mut chosen: Vec<&Block> = Vec::new();
    let mut heading = None;
    for part in &recipe.parts {
        let start = find(blocks, 0, &part.start)?;
        let end = match &part.end {
            Some(end) => find(blocks, start + 1, end)?,
            None => blocks.len(),
        };
        let mut run = &blocks[start..end];
        if matches!(run.first().map(|b| &b.kind), Some(Kind::Heading)) && !part.keep_heading {
            heading = heading.or_else(|| run.first().map(|b| b.text.clone()));
            run = &run[1..];
        }
        chosen.extend(run);
    }
    Ok((chosen, heading))
}

/// The recipe's structured lists, from the chosen blocks.
fn structured_lists(chosen: &[&Block], recipe: &RuleRecipe) -> anyhow::Result<Vec<Node>> {
    let mut lists = Vec::new();
    for spec in &recipe.lists {
        let items: Vec<String> = list_after(chosen, &spec.after)?.iter().map(|i| clean_item(i)).collect();
        let title = spec.title.clone().unwrap_or_else(|| spec.after.trim_end_matches([':', ' ']).to_string());
        lists.push(Node::Map(vec![
            ("kind".into(), to_node(&spec.kind)?),
            ("title".into(), Node::str(title)),
            ("items".into(), Node::strs(items)),
        ]));
    }
    Ok(lists)
}

/// The first block at or after `from` whose text starts with `start`.
fn find(blocks: &[Block], from: usize, start: &str) -> anyhow::Result<usize> {
    let wanted = collapse(start);
    blocks.iter().enumerate().skip(from).find(|(_, b)| b.text.starts_with(&wanted)).map(|(i, _)| i).with_context(|| {
        format!(
            "no heading, paragraph or list starts with `{start}`: the page changed; update the recipe in sources.yaml"
        )
    })
}

/// The entries of the list right after the block that starts with `after`.
fn list_after<'a>(blocks: &[&'a Block], after: &str) -> anyhow::Result<&'a [String]> {
    let wanted = collapse(after);
    let at = blocks
        .iter()
        .position(|b| b.text.starts_with(&wanted))
        .with_context(|| format!("no block starts with `{after}` in the rule's text"))?;
    match blocks.get(at + 1) {
        Some(Block { kind: Kind::List { .. }, items, .. }) => Ok(items),
        _ => bail!("the block after `{after}` is not a list: update the recipe in sources.yaml"),
    }
}

fn markdown(blocks: &[&Block]) -> String {
    let rendered: Vec<String> = blocks
        .iter()
        .map(|b| match &b.kind {
            Kind::Heading => format!("## {}", b.markdown),
            Kind::Paragraph => b.markdown.clone(),
            Kind::List { ordered: true } => {
                b.items.iter().enumerate().map(|(i, t)| format!("{}. {t}", i + 1)).collect::<Vec<_>>().join("\n")
            }
            Kind::List { ordered: false } => b.items.iter().map(|t| format!("- {t}")).collect::<Vec<_>>().join("\n"),
        })
        .filter(|s| !s.is_empty())
        .collect();
    let mut body = rendered.join("\n\n");
    body.push('\n');
    body
}

fn collect_blocks(element: ElementRef, out: &mut Vec<Block>) {
    for child in element.children() {
        match child.value() {
            HtmlNode::Text(t) if !t.trim().is_empty() => {
                let text = collapse(t);
                out.push(Block { kind: Kind::Paragraph, markdown: text.clone(), text, items: Vec::new() });
            }
            HtmlNode::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    element_block(el, out);
                }
            }
            _ => {}
        }
    }
}

fn element_block(el: ElementRef, out: &mut Vec<Block>) {
    let name = el.value().name();
    let text = text_of(el);
    let kind = match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
        "p" | "blockquote" | "pre" | "dt" | "dd" => Kind::Paragraph,
        "ul" | "ol" => Kind::List { ordered: name == "ol" },
        "script" | "style" | "template" | "noscript" => return,
        _ => return collect_blocks(el, out),
    };
    if text.is_empty() {
        return;
    }
    let items = if matches!(kind, Kind::List { .. }) {
        el.child_elements().filter(|c| c.value().name() == "li").map(|li| collapse(&inline(li))).collect()
    } else {
        Vec::new()
    };
    out.push(Block { kind, markdown: collapse(&inline(el)), text, items });
}

/// Inline Markdown: strong and emphasis marked, links kept when they are http(s).
fn inline(el: ElementRef) -> String {
    let mut out = String::new();
    for child in el.children() {
        match child.value() {
            HtmlNode::Text(t) => out.push_str(t),
            HtmlNode::Element(e) => {
                let Some(c) = ElementRef::wrap(child) else { continue };
                let inner = inline(c);
                let trimmed = collapse(&inner);
                match e.name() {
                    "strong" | "b" if !trimmed.is_empty() => out.push_str(&format!("**{trimmed}**")),
                    "em" | "i" if !trimmed.is_empty() => out.push_str(&format!("*{trimmed}*")),
                    "br" => out.push(' '),
                    "a" => match e.attr("href").filter(|h| h.starts_with("https://") || h.starts_with("http://")) {
                        Some(href) if !trimmed.is_empty() => out.push_str(&format!("[{trimmed}]({href})")),
                        _ => out.push_str(&inner),
                    },
                    _ => out.push_str(&inner),
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><body><div class=x><h2>Visa regime</h2><p>First <strong>bold.</strong> text.</p>\
        <div class=ad>Buy now</div><p>Documents:</p><ol><li>Passport;</li><li>Card.</li></ol>\
        <h2>Customs</h2><p>Up to:</p><ul><li>Up to 1000 cigarettes;</li></ul></div></body></html>";

    fn recipe(rules: &str) -> HtmlRecipe {
        crate::yaml::from_str(&format!("remove: [div.ad]\ncontent: div.x\nrules:\n{rules}")).unwrap()
    }

    #[test]
    fn makes_markdown_and_lists_from_parts() {
        let r = recipe(
            "  - id: visa\n    category: visa\n    parts: [{start: Visa regime, end: Customs}]\n    lists: [{after: 'Documents:', kind: documents}]\n",
        );
        let page = crate::ingest::extract::parse_page(PAGE, &r).unwrap();
        let drafts = rule_drafts(&page, &r, "s", Some("2026-01-01")).unwrap();
        let node = &drafts[0].node;
        assert_eq!(node.at("title").and_then(Node::as_str), Some("Visa regime"));
        assert_eq!(
            node.at("body").and_then(Node::as_str),
            Some("First **bold.** text.\n\nDocuments:\n\n1. Passport;\n2. Card.\n")
        );
        let lists = node.get("lists").unwrap().to_string();
        assert_eq!(lists, "[{kind: documents, title: Documents, items: [Passport, Card]}]");
    }

    #[test]
    fn a_missing_anchor_is_an_error_naming_it() {
        let r = recipe("  - id: visa\n    category: visa\n    parts: [{start: Nowhere}]\n");
        let page = crate::ingest::extract::parse_page(PAGE, &r).unwrap();
        let e = rule_drafts(&page, &r, "s", None).unwrap_err();
        assert!(format!("{e:#}").contains("`Nowhere`"), "{e:#}");
    }
}
