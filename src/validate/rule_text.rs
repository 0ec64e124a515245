//! Checks on what rule documents state: every number has its source, and every translation is
//! as new as the text it translates.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::notice::Notice;
use crate::content::date::Date;
use crate::content::{Content, Rule};
use crate::render::markdown;
use crate::yaml::Pos;

/// Refuse numbers without a source in `rule`: an allowance's amount with no `source`, or a
/// paragraph, list or table of the body that holds a figure but cites nothing (no link, no
/// numbered note). Where one source alone supports the allowances (or the text), it gives them
/// all, and a figure needs no citation of its own.
pub fn check_numbers(rule: &Rule, out: &mut Vec<Notice>) {
    let sole =
        |field: &str| rule.meta.sources.iter().filter(|s| s.supports.iter().any(|f| f.value == field)).count() == 1;
    let (sole_allowances, sole_text) = (sole("allowances"), sole("text"));
    for (i, a) in rule.meta.allowances.iter().enumerate() {
        if let Some(amount) = a.amount.as_ref().filter(|_| a.source.is_none() && !sole_allowances) {
            out.push(
                Notice::error(&rule.path, amount.pos, "number_without_source", "a figure without a source")
                    .field(format!("allowances[{i}].source"))
                    .hint(
                        "name the source that gives it: `source:` with an id or address from the document's `sources`",
                    ),
            );
        }
        let named = a.source.iter().map(|s| ("source", s)).chain(a.computed_from.iter().map(|s| ("computed_from", s)));
        for (field, name) in named {
            let listed = rule.meta.sources.iter().any(|s| {
                s.source.as_ref().is_some_and(|id| id.value == name.value)
                    || s.url.as_ref().is_some_and(|u| u.value == name.value)
            });
            if !listed {
                out.push(
                    Notice::error(
                        &rule.path,
                        name.pos,
                        "unlisted_source",
                        format!("`{}` is not among the document's sources", name.value),
                    )
                    .field(format!("allowances[{i}].{field}"))
                    .hint("add it to `sources`, or use the id or address a `sources` entry gives"),
                );
            }
        }
    }
    let uncited = if sole_text { Vec::new() } else { uncited_figures(&rule.body) };
    for offset in uncited {
        let line = rule.body_line + rule.body[..offset].matches('\n').count() as u32;
        out.push(
            Notice::error(
                &rule.path,
                Pos::new(line, 1),
                "number_without_source",
                "a figure in the text without a source",
            )
            .field("body")
            .hint("cite the source in the same paragraph: a link, or a numbered note `[^1]` that links to it"),
        );
    }
}

/// The byte offsets of the top-level blocks (paragraphs, lists, tables, quotations) of
/// Markdown `text` that hold a digit but neither a link nor a note reference. Headings and the
/// notes themselves are not checked.
fn uncited_figures(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let (mut depth, mut start, mut skip) = (0usize, 0usize, false);
    let (mut figure, mut cited) = (false, false);
    for (event, range) in Parser::new_ext(text, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    (start, figure, cited) = (range.start, false, false);
                    skip = matches!(tag, Tag::Heading { .. } | Tag::FootnoteDefinition(_) | Tag::HtmlBlock);
                }
                cited |= matches!(tag, Tag::Link { .. });
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && !skip && figure && !cited && !matches!(end, TagEnd::Heading(_)) {
                    found.push(start);
                }
            }
            Event::Text(t) | Event::Code(t) => figure |= t.chars().any(|c| c.is_ascii_digit()),
            Event::FootnoteReference(_) => cited = true,
            _ => {}
        }
    }
    found
}

/// Report a translation of `rule` made from an older text than its default-language document
/// now has (`translated_from` before `revised`), or one that does not say what it translates.
pub fn check_translation(rule: &Rule, content: &Content, out: &mut Vec<Notice>) {
    let default = &content.config.default_language;
    if rule.lang == *default {
        if let Some(t) = &rule.meta.translated_from {
            out.push(
                Notice::warning(
                    &rule.path,
                    t.pos,
                    "translated_from_in_original",
                    "the original text is not a translation",
                )
                .field("translated_from")
                .hint("give `translated_from` in the translations; here, `revised` dates the text"),
            );
        }
        return;
    }
    let original = content.rules.iter().find(|r| r.id == rule.id && r.lang == *default);
    let Some(revised) = original.and_then(|o| o.meta.revised.as_ref()) else { return };
    match &rule.meta.translated_from {
        None => out.push(
            Notice::warning(
                &rule.path,
                Pos::new(1, 1),
                "translation_undated",
                "the translation does not say which text it translates",
            )
            .field("translated_from")
            .hint(format!("add `translated_from: {}` once it matches the {default} text revised then", revised.value)),
        ),
        Some(from) if Date::parse(&from.value) < Date::parse(&revised.value) => out.push(
            Notice::warning(
                &rule.path,
                from.pos,
                "translation_outdated",
                format!(
                    "translated from the text of {}, but the {default} text was revised on {}",
                    from.value, revised.value
                ),
            )
            .field("translated_from")
            .hint(format!(
                "bring the translation up to date with the {default} text, then set `translated_from: {}`",
                revised.value
            )),
        ),
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::uncited_figures;

    #[test]
    fn a_paragraph_with_a_figure_needs_a_link_or_a_note() {
        let text = "Up to 200 cigarettes.\n\nUp to 3 litres.[^1]\n\n## Since 2026\n\nNo figure here.\n\n\
                    - 5 kg of fish\n- see [the rules](https://example.org)\n\n[^1]: Decision No. 107, 2017.\n";
        assert_eq!(uncited_figures(text), [0]);
    }

    #[test]
    fn a_list_without_any_citation_is_reported_once_at_its_start() {
        let text = "Intro with no digits.\n\n- 5 kg of fish\n- 250 g of caviar\n";
        assert_eq!(uncited_figures(text), [text.find("- 5").unwrap()]);
    }
}
