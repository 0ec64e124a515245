//! Checks shared by checkpoints and rules: ids, dates, URLs, sources, Markdown links; and what
//! every check compares against ([`Settings`]).

use std::cell::LazyCell;
use std::path::Path;
use std::sync::Arc;

use super::notice::{Notice, did_you_mean};
use crate::content::date::Date;
use crate::content::{Content, SourceRef};
use crate::render::markdown;
use crate::translit::{MAX_ID_LEN, suggest_id};
use crate::yaml::{Pos, Spanned};

/// What the checks compare against.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The day "in the future" and "too old" are measured from.
    pub today: Date,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { today: Date::today() }
    }
}

/// Whether `id` is lowercase kebab-case ASCII: `a-z`, `0-9`, single hyphens inside.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// Check an id's form; `what` names the kind of record.
pub fn check_id(path: &Path, id: &Spanned<String>, out: &mut Vec<Notice>) -> bool {
    if is_valid_id(&id.value) {
        return true;
    }
    let visible: String = id.value.chars().flat_map(char::escape_debug).collect();
    let suggestion = suggest_id(&id.value);
    let hint = if suggestion.is_empty() {
        "use lowercase letters a-z, digits and single hyphens, e.g. `nur-zholy`".to_string()
    } else {
        format!("use lowercase letters a-z, digits and single hyphens, e.g. `{suggestion}`")
    };
    out.push(
        Notice::error(path, id.pos, "invalid_id", format!("`{visible}` is not a valid id")).field("id").hint(hint),
    );
    false
}

/// Check a `YYYY-MM-DD` date that may not lie in the future; returns it when valid.
pub fn check_date(
    path: &Path,
    field: &str,
    date: &Spanned<String>,
    settings: Settings,
    out: &mut Vec<Notice>,
) -> Option<Date> {
    let Some(parsed) = Date::parse(&date.value) else {
        out.push(
            Notice::error(path, date.pos, "invalid_date", format!("`{}` is not a date", date.value))
                .field(field)
                .hint("write dates as YYYY-MM-DD, e.g. 2026-11-25"),
        );
        return None;
    };
    if parsed > settings.today {
        out.push(
            Notice::error(
                path,
                date.pos,
                "future_date",
                format!("{parsed} is in the future (today is {})", settings.today),
            )
            .field(field)
            .hint("use the date the check or retrieval actually happened"),
        );
    }
    Some(parsed)
}

/// Check that a URL is an absolute http(s) address.
pub fn check_url(path: &Path, field: &str, url: &Spanned<String>, out: &mut Vec<Notice>) {
    let lower = url.value.trim().to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !url.value.chars().any(char::is_whitespace)
    });
    if !ok {
        out.push(
            Notice::error(path, url.pos, "invalid_url", format!("`{}` is not an http(s) address", url.value))
                .field(field)
                .hint("give the full address, starting with https:// or http://"),
        );
    }
}

/// Check a record's sources.
pub fn check_sources(path: &Path, sources: &[SourceRef], content: &Content, settings: Settings, out: &mut Vec<Notice>) {
    for (i, source) in sources.iter().enumerate() {
        let field = format!("sources[{i}]");
        if source.url.is_none() && source.source.is_none() {
            let pos = source.retrieved.as_ref().map_or(Pos::new(1, 1), |r| r.pos);
            out.push(
                Notice::error(path, pos, "missing_field", "a source needs `url` or `source`")
                    .field(field.clone())
                    .hint("give the page's address as `url`, or the id of a source in sources.yaml as `source`"),
            );
        }
        if let Some(url) = &source.url {
            check_url(path, &format!("{field}.url"), url, out);
        }
        if let Some(id) = &source.source
            && !content.sources.iter().any(|known| known.id.value == id.value)
        {
            let known = content.sources.iter().map(|k| k.id.value.as_str());
            out.push(
                Notice::error(path, id.pos, "unknown_source", format!("no source `{}` in sources.yaml", id.value))
                    .field(format!("{field}.source"))
                    .hint(
                        did_you_mean(&id.value, known)
                            .unwrap_or_else(|| "list the source in content/sources.yaml first".to_string()),
                    ),
            );
        }
        if let Some(date) = &source.retrieved {
            check_date(path, &format!("{field}.retrieved"), date, settings, out);
        }
        check_as_of(path, &field, source, content, settings, out);
        let supportable = crate::content::supportable_fields();
        for s in &source.supports {
            if !supportable.contains(&s.value) {
                out.push(
                    Notice::error(
                        path,
                        s.pos,
                        "unknown_field_path",
                        format!("`{}` is not a field a source can support", s.value),
                    )
                    .field(format!("{field}.supports"))
                    .hint(
                        did_you_mean(&s.value, supportable.iter().map(String::as_str))
                            .unwrap_or_else(|| format!("use one of: {}", supportable.join(", "))),
                    ),
                );
            }
        }
    }
}

/// Check a source reference's `as_of` (its own, or its listed source's): given, and a year,
/// month or day that is not in the future.
fn check_as_of(
    path: &Path,
    field: &str,
    source: &SourceRef,
    content: &Content,
    settings: Settings,
    out: &mut Vec<Notice>,
) {
    let Some(own) = &source.as_of else {
        let listed = content.listed_source(source);
        if source.url.is_some() && listed.is_none() && !source.only_places() {
            let pos = source.url.as_ref().map_or(Pos::new(1, 1), |u| u.pos);
            out.push(
                Notice::warning(path, pos, "undated_source", "the source gives no `as_of` date")
                    .field(format!("{field}.as_of"))
                    .hint("add `as_of:` with the date the page's statements describe (YYYY, YYYY-MM or YYYY-MM-DD), as the page gives it"),
            );
        }
        return;
    };
    match crate::content::date::Date::end_of_period(&own.value) {
        None => out.push(
            Notice::error(path, own.pos, "invalid_date", format!("`{}` is not a year, month or date", own.value))
                .field(format!("{field}.as_of"))
                .hint("write YYYY, YYYY-MM or YYYY-MM-DD"),
        ),
        Some(end) if Date { day: 1, ..end } > settings.today => out.push(
            Notice::error(path, own.pos, "future_date", format!("`{}` is in the future", own.value))
                .field(format!("{field}.as_of"))
                .hint("`as_of` is the date the source describes: its publication date at the latest"),
        ),
        Some(_) => {}
    }
}

/// Check `last_verified` and `verified_against`: both or neither, the date valid and past and
/// not older than the configured age, the source one of the record's.
pub fn check_verification(
    path: &Path,
    date: Option<&Spanned<String>>,
    against: Option<&Spanned<String>>,
    sources: &[SourceRef],
    content: &Content,
    settings: Settings,
    out: &mut Vec<Notice>,
) {
    match (date, against) {
        (Some(date), None) => out.push(
            Notice::error(path, date.pos, "missing_field", "`last_verified` names no `verified_against`")
                .field("verified_against")
                .hint("add `verified_against:` with the source (id or address) the record was checked against, or remove `last_verified`"),
        ),
        (None, Some(against)) => out.push(
            Notice::error(path, against.pos, "missing_field", "`verified_against` without `last_verified`")
                .field("last_verified")
                .hint("add `last_verified:` with the date of the check"),
        ),
        _ => {}
    }
    if let Some(against) = against {
        let cited = sources.iter().any(|s| {
            s.source.as_ref().is_some_and(|id| id.value == against.value)
                || s.url.as_ref().is_some_and(|u| u.value == against.value)
        });
        if !cited {
            out.push(
                Notice::error(
                    path,
                    against.pos,
                    "unknown_source",
                    format!("`{}` is not one of the record's sources", against.value),
                )
                .field("verified_against")
                .hint("name a source listed under `sources` (its `source` id or `url`)"),
            );
        }
    }
    if let Some(date) = date {
        check_last_verified(path, date, content, settings, out);
    }
}

/// Check `last_verified`: a valid, past date, not older than the configured age.
fn check_last_verified(
    path: &Path,
    date: &Spanned<String>,
    content: &Content,
    settings: Settings,
    out: &mut Vec<Notice>,
) {
    if let Some(d) = check_date(path, "last_verified", date, settings, out) {
        let age = settings.today.days() - d.days();
        let limit = i64::from(content.config.stale_after_days);
        if age > limit {
            out.push(
                Notice::warning(
                    path,
                    date.pos,
                    "stale_verification",
                    format!("last verified {age} days ago (limit {limit})"),
                )
                .field("last_verified")
                .hint("check the record against its sources and update the date"),
            );
        }
    }
}

/// Where a Markdown text starts: its first line and column, and whether it is a block
/// scalar (`|`/`>`) whose text begins on the following lines.
pub struct TextOrigin {
    /// Position of the text's first character, or of its block indicator.
    pub pos: Pos,
    /// The file's text, to find the indentation of block-scalar lines.
    pub file_text: Option<Arc<str>>,
}

impl TextOrigin {
    /// The file position of byte `offset` within the text.
    pub fn locate(&self, text: &str, offset: usize) -> Pos {
        let in_text = Pos::at_offset(text, offset);
        let (line_in_text, col_in_line) = (in_text.line - 1, in_text.column - 1);
        let file_line = |n: u32| self.file_text.as_deref()?.lines().nth(n.saturating_sub(1) as usize);
        let at_indicator = file_line(self.pos.line).is_some_and(|l| {
            let rest: String = l.chars().skip(self.pos.column.saturating_sub(1) as usize).collect();
            rest.starts_with('|') || rest.starts_with('>')
        });
        if !at_indicator && line_in_text == 0 {
            return Pos::new(self.pos.line, self.pos.column + col_in_line);
        }
        let line = self.pos.line + u32::from(at_indicator) + line_in_text;
        let indent = file_line(line).map_or(0, |l| l.chars().take_while(|c| *c == ' ').count()) as u32;
        Pos::new(line, indent + col_in_line + 1)
    }
}

/// Check the links of Markdown `text`: safe schemes, and internal links to existing content.
/// `origin` is made only when a link has a problem (it may read the file again).
pub fn check_markdown_links(
    path: &Path,
    field: &str,
    text: &str,
    origin: impl FnOnce() -> TextOrigin,
    content: &Content,
    out: &mut Vec<Notice>,
) {
    let origin = LazyCell::new(origin);
    for link in markdown::links(text) {
        if !markdown::is_safe_link(&link.dest) {
            out.push(
                Notice::error(
                    path,
                    origin.locate(text, link.offset),
                    "unsafe_link",
                    format!("link `{}` uses a scheme pages never publish", link.dest),
                )
                .field(field)
                .hint("links may be http(s), mailto, tel, or paths on this site such as /checkpoints/<id>/"),
            );
            continue;
        }
        if let Some(problem) = internal_link_problem(&link.dest, content) {
            out.push(Notice::error(path, origin.locate(text, link.offset), "broken_link", problem).field(field).hint(
                "internal links look like /checkpoints/<id>/, /rules/<id>/ or /borders/<code>/ and must name existing content",
            ));
        }
    }
}

/// Why an internal link does not resolve, or `None` when it does (or is not internal).
fn internal_link_problem(dest: &str, content: &Content) -> Option<String> {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let rest = path.strip_prefix('/')?;
    let mut parts = rest.trim_end_matches('/').split('/');
    let (section, id) = (parts.next().unwrap_or(""), parts.next());
    let exists = match (section, id) {
        ("", None) => true,
        ("checkpoints", Some(id)) => content.has_checkpoint(id),
        ("rules", Some(id)) => content.rules.iter().any(|r| r.id == id),
        ("borders", Some(cc)) => crate::content::Border::ALL.iter().any(|b| b.code().eq_ignore_ascii_case(cc)),
        ("checkpoints" | "rules" | "borders" | "data", None) => true,
        _ => false,
    };
    (!exists || parts.next().is_some()).then(|| format!("link `{dest}` points at no page of this site"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_kebab_case_only() {
        for good in ["khorgos", "nur-zholy", "a1-b2"] {
            assert!(is_valid_id(good), "{good}");
        }
        for bad in ["Khorgos", "../x", "a/b", "a--b", "-a", "a-", "", "a\u{200b}b", "хоргос", "a_b"] {
            assert!(!is_valid_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn suggests_ids_from_any_script() {
        assert_eq!(suggest_id("Нур Жолы"), "nur-zholy");
        assert_eq!(suggest_id("../../x"), "x");
        assert_eq!(suggest_id("Қорғас"), "qorghas");
    }

    #[test]
    fn locates_offsets_in_block_scalars() {
        let file = "id: x\nnotes: |\n  First line\n  see [a](/b/)\n";
        let origin = TextOrigin { pos: Pos::new(2, 8), file_text: Some(file.into()) };
        let text = "First line\nsee [a](/b/)\n";
        assert_eq!(origin.locate(text, text.find('[').unwrap()), Pos::new(4, 7));
    }

    #[test]
    fn locates_offsets_when_the_position_is_the_text_start() {
        let file = "id: x\nnotes: |\n  First line\n  see [a](/b/)\n";
        let origin = TextOrigin { pos: Pos::new(3, 3), file_text: Some(file.into()) };
        let text = "First line\nsee [a](/b/)\n";
        assert_eq!(origin.locate(text, text.find('[').unwrap()), Pos::new(4, 7));
        assert_eq!(origin.locate(text, 6), Pos::new(3, 9));
    }

    #[test]
    fn locates_offsets_in_plain_scalars() {
        let origin = TextOrigin { pos: Pos::new(3, 8), file_text: Some("a\nb\nnotes: see [a](/b/)\n".into()) };
        assert_eq!(origin.locate("see [a](/b/)", 4), Pos::new(3, 12));
    }
}
