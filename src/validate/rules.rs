//! Checks on rule documents.

use std::collections::BTreeMap;

use super::common::Settings;
use super::common::{self, TextOrigin};
use super::notice::Notice;
use crate::content::{Content, Rule};
use crate::yaml::{Pos, Spanned};

/// Check every rule document, and that each (id, language) appears once.
pub fn check_all(content: &Content, settings: Settings, out: &mut Vec<Notice>) {
    let mut first_use: BTreeMap<(&str, &str), &Rule> = BTreeMap::new();
    for rule in &content.rules {
        let before = out.len();
        check_one(rule, content, settings, out);
        if let Some(first) = first_use.get(&(rule.id.as_str(), rule.lang.as_str())) {
            out.push(
                Notice::error(
                    &rule.path,
                    Pos::new(1, 1),
                    "duplicate_id",
                    format!("rule `{}` ({}) is defined twice", rule.id, rule.lang),
                )
                .related(&first.path, Pos::new(1, 1), "first defined here")
                .hint("merge the two documents or rename one"),
            );
        } else {
            first_use.insert((&rule.id, &rule.lang), rule);
        }
        for n in &mut out[before..] {
            n.record.get_or_insert_with(|| rule.id.clone());
        }
    }
}

fn check_one(rule: &Rule, content: &Content, settings: Settings, out: &mut Vec<Notice>) {
    let path = rule.path.as_path();
    let start = Pos::new(1, 1);
    common::check_id(path, &Spanned { value: rule.id.clone(), pos: start }, out);
    if !content.config.languages.contains(&rule.lang) {
        out.push(
            Notice::error(
                path,
                start,
                "unknown_language",
                format!("`{}` is not one of the site's languages ({})", rule.lang, content.config.languages.join(", ")),
            )
            .hint("name translations `<id>.<lang>.md` with a language from site.yaml"),
        );
    }
    let meta = &rule.meta;
    if meta.title.value.trim().is_empty() {
        out.push(
            Notice::error(path, meta.title.pos, "missing_title", "the title is empty")
                .field("title")
                .hint("give the document a title"),
        );
    }
    if let Some(applies) = &meta.applies_to {
        for (i, id) in applies.checkpoints.iter().enumerate() {
            if !content.has_checkpoint(&id.value) {
                out.push(
                    Notice::error(path, id.pos, "unknown_checkpoint", format!("no checkpoint `{}`", id.value))
                        .field(format!("applies_to.checkpoints[{i}]"))
                        .hint("use the id of a file in content/checkpoints/"),
                );
            }
        }
        for (i, code) in applies.nationalities.iter().enumerate() {
            if content.reference.country(&code.value).is_none() {
                out.push(
                    Notice::error(
                        path,
                        code.pos,
                        "unknown_country",
                        format!("`{}` is not a known ISO 3166-1 alpha-2 code", code.value),
                    )
                    .field(format!("applies_to.nationalities[{i}]"))
                    .hint("use a code listed in content/reference/countries.yaml"),
                );
            }
        }
    }
    for (i, a) in meta.allowances.iter().enumerate() {
        let field = format!("allowances[{i}]");
        if let Some(amount) = &a.amount
            && (!amount.value.is_finite() || amount.value < 0.0)
        {
            out.push(
                Notice::error(
                    path,
                    amount.pos,
                    "invalid_amount",
                    format!("amount {} is not a positive number", amount.value),
                )
                .field(format!("{field}.amount"))
                .hint("amounts are plain positive numbers; put the unit in `unit` or `currency`"),
            );
        }
        if let Some(currency) = &a.currency
            && !(currency.value.len() == 3 && currency.value.bytes().all(|b| b.is_ascii_uppercase()))
        {
            out.push(
                Notice::error(
                    path,
                    currency.pos,
                    "invalid_currency",
                    format!("`{}` is not an ISO 4217 currency code", currency.value),
                )
                .field(format!("{field}.currency"))
                .hint("use three capital letters, e.g. USD, EUR, KZT, RUB"),
            );
        }
        if let Some(amount) = &a.amount
            && a.unit.is_none()
            && a.currency.is_none()
        {
            out.push(
                Notice::warning(path, amount.pos, "missing_unit", "an amount without a unit or currency")
                    .field(field)
                    .hint("say what the amount counts: `unit: l`, `unit: kg`, `unit: pieces` or `currency: USD`"),
            );
        }
    }
    common::check_sources(path, &meta.sources, content, settings, out);
    common::check_verification(
        path,
        meta.last_verified.as_ref(),
        meta.verified_against.as_ref(),
        &meta.sources,
        content,
        settings,
        out,
    );
    super::rule_text::check_numbers(rule, out);
    super::rule_text::check_translation(rule, content, out);
    let origin = || TextOrigin { pos: Pos::new(rule.body_line, 1), file_text: None };
    common::check_markdown_links(path, "body", &rule.body, origin, content, out);
}
