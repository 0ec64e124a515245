//! Editors' digests (`content/digests/*.yaml`): what an editor wrote down from public pages,
//! one entry per page (address, title, publisher, language, the date it describes) and one row
//! per statement. Statements about one checkpoint on one page make one candidate, cited by the
//! page; a digest's `checkpoints` map names the record an editor took a page's name to mean
//! ("Nur-Sultan" and "Astana" are one airport). Every problem is an error at its line.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::bail;
use serde::Deserialize;

use super::candidate::Candidate;
use super::candidate::PageCite;
use super::normalise;
use crate::content::date::Date;
use crate::content::recipe::Lang;
use crate::content::{Border, Fact, Location, Mode, Reference, Status, StatusState, Traffic, Vocabulary};
use crate::ingest::names;
use crate::yaml::{self, Spanned};

/// A digest file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DigestFile {
    /// A page's name for a checkpoint → the id of the record an editor took it to mean.
    #[serde(default)]
    checkpoints: BTreeMap<String, Spanned<String>>,
    /// The pages read.
    pages: Vec<Page>,
}

/// One page an editor read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Page {
    id: Spanned<String>,
    url: Spanned<String>,
    title: String,
    #[serde(default)]
    publisher: Option<String>,
    language: Spanned<String>,
    as_of: Spanned<String>,
    retrieved: Spanned<String>,
    #[serde(default)]
    statements: Vec<Statement>,
}

/// One statement of a page about one checkpoint.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Statement {
    checkpoint: Spanned<String>,
    #[serde(default)]
    border: Option<Spanned<Border>>,
    field: Spanned<String>,
    value: Spanned<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

/// The candidates of the digest at `path` (its text `text`), for source `source`.
pub fn candidates(path: &Path, text: &str, source: &str, reference: &Reference) -> anyhow::Result<Vec<Candidate>> {
    let file: DigestFile =
        yaml::from_str(text).map_err(|e| anyhow::anyhow!("{}:{}: {}", path.display(), e.pos, e.message))?;
    let at = |pos: yaml::Pos| format!("{}:{pos}", path.display());
    let mut out = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    for page in &file.pages {
        if ids.contains(&page.id.value.as_str()) {
            bail!("{}: two pages have the id `{}`", at(page.id.pos), page.id.value);
        }
        ids.push(&page.id.value);
        check_page(page, &at)?;
        let cite = PageCite {
            url: page.url.value.clone(),
            title: page.title.clone(),
            publisher: page.publisher.clone(),
            language: page.language.value.clone(),
            as_of: page.as_of.value.clone(),
            retrieved: page.retrieved.value.clone(),
        };
        let mut by_name: Vec<(String, Candidate)> = Vec::new();
        let mut stated_state: Vec<String> = Vec::new();
        for s in &page.statements {
            let name = s.checkpoint.value.trim().to_string();
            let at_name = by_name.iter().position(|(n, _)| *n == name);
            let i = at_name.unwrap_or_else(|| {
                let record = file.checkpoints.get(&name).map(|r| r.value.clone());
                let c = Candidate {
                    source: source.to_string(),
                    label: format!("{} ({}): {name}", page.id.value, path.display()),
                    cite: Some(cite.clone()),
                    as_of: Some(page.as_of.value.clone()),
                    record,
                    ..Candidate::default()
                };
                by_name.push((name.clone(), c));
                by_name.len() - 1
            });
            if s.field.value == "status.state" {
                stated_state.push(name.clone());
            }
            let candidate = &mut by_name[i].1;
            if let Some(border) = &s.border {
                if candidate.border.is_some_and(|b| b != border.value) {
                    bail!("{}: `{name}` is on two borders on one page", at(border.pos));
                }
                candidate.border = Some(border.value);
            }
            apply(candidate, s, &page.language.value, reference)
                .map_err(|e| anyhow::anyhow!("{}: {e}", at(s.field.pos)))?;
        }
        for (name, mut c) in by_name {
            // Dates and a note make a status only with the state they qualify: a page that
            // tells of works or a queue without saying the checkpoint is open or closed
            // states no status.
            if !stated_state.contains(&name) {
                c.status = None;
            }
            // The page's own name for the checkpoint is its name in the page's language, unless
            // the editor wrote its names out; then it is one more spelling.
            match lang(&page.language.value) {
                Some(l) if c.name.is_empty() => c.name.push((l, name)),
                _ if !c.name.iter().any(|(_, n)| names::same(n, &name))
                    && !c.aliases.iter().any(|a| names::same(a, &name)) =>
                {
                    c.aliases.push(name)
                }
                _ => {}
            }
            out.push(c);
        }
    }
    // Newer pages first: where two pages disagree, the newer one's value is kept.
    out.sort_by(|a, b| {
        let date = |c: &Candidate| c.cite.as_ref().and_then(|p| Date::end_of_period(&p.as_of));
        date(b).cmp(&date(a))
    });
    Ok(out)
}

fn check_page(page: &Page, at: &dyn Fn(yaml::Pos) -> String) -> anyhow::Result<()> {
    if !matches!(page.url.value.split_once("://"), Some(("http" | "https", rest)) if !rest.is_empty()) {
        bail!("{}: `{}` is not an http(s) address", at(page.url.pos), page.url.value);
    }
    if !Date::is_period(&page.as_of.value) {
        bail!("{}: `as_of` must be YYYY, YYYY-MM or YYYY-MM-DD, as the page dates itself", at(page.as_of.pos));
    }
    if Date::parse(&page.retrieved.value).is_none() {
        bail!("{}: `retrieved` must be the date (YYYY-MM-DD) the page was read", at(page.retrieved.pos));
    }
    if lang(&page.language.value).is_none() && page.language.value.len() != 2 {
        bail!("{}: `language` is a two-letter code (en, ru, kk, ...)", at(page.language.pos));
    }
    Ok(())
}

fn lang(code: &str) -> Option<Lang> {
    match code {
        "en" => Some(Lang::En),
        "ru" => Some(Lang::Ru),
        "kk" => Some(Lang::Kk),
        _ => None,
    }
}

/// A `yes` or `no` statement.
fn fact(value: &str) -> Result<Fact, String> {
    match value {
        "yes" => Ok(Fact::Yes),
        "no" => Ok(Fact::No),
        other => {
            Err(format!("`{other}`: a mode or kind of traffic is `yes` or `no` (leave out what the page does not say)"))
        }
    }
}

/// The value of a vocabulary named by its code.
fn word<K: Vocabulary>(code: &str) -> Option<K> {
    K::ALL.iter().copied().find(|k| k.code() == code)
}

/// Add what statement `s` of a page in `page_lang` says to `c`.
fn apply(c: &mut Candidate, s: &Statement, page_lang: &str, reference: &Reference) -> Result<(), String> {
    let value = s.value.value.trim();
    let field = s.field.value.as_str();
    let in_page_language = |code: &str| -> Result<Lang, String> {
        match lang(code) {
            Some(l) if code == page_lang => Ok(l),
            Some(_) => Err(format!("`{field}` comes from a page in `{page_lang}`: a name goes in the page's language")),
            None => Err(format!("`{field}`: names are given in en, ru or kk")),
        }
    };
    match field.split_once('.').unwrap_or((field, "")) {
        ("name", code) => c.name.push((in_page_language(code)?, value.to_string())),
        ("alias", "") => c.aliases.push(value.to_string()),
        ("counterpart", "country") => {}
        ("counterpart", rest) if rest.starts_with("name.") => {
            c.counterpart.push((in_page_language(&rest[5..])?, value.to_string()));
        }
        ("modes", code) => {
            let mode: Mode = word(code).ok_or_else(|| format!("`{code}` is not a mode"))?;
            c.modes.0.insert(mode, fact(value)?);
        }
        ("traffic", code) => {
            let kind: Traffic = word(code).ok_or_else(|| format!("`{code}` is not a kind of traffic"))?;
            c.traffic.0.insert(kind, fact(value)?);
        }
        ("classification", "") => {
            let (classified, traffic) = normalise::classification(value);
            c.classification = classified;
            for (kind, stated) in traffic.0 {
                c.traffic.0.entry(kind).or_insert(stated);
            }
        }
        ("hours", "") => c.hours = super::hours::parse(value, None, None),
        ("status", part) => status(c, part, value)?,
        ("location", part) => location(c, part, value, reference)?,
        ("code", "iata" | "icao") => c.aliases.push(value.to_string()),
        _ => return Err(format!("`{field}` is not a field a digest states; see content/digests/README.md")),
    }
    Ok(())
}

fn status(c: &mut Candidate, part: &str, value: &str) -> Result<(), String> {
    let status = c.status.get_or_insert(Status { state: StatusState::Open, since: None, until: None, note: None });
    let date = |v: &str| {
        Date::parse(v).map(|_| Spanned::new(v.to_string())).ok_or(format!("`{v}` is not a date (YYYY-MM-DD)"))
    };
    match part {
        "state" => {
            status.state = match value {
                "open" => StatusState::Open,
                "closed" => StatusState::Closed,
                "suspended" => StatusState::Suspended,
                other => return Err(format!("`{other}`: a state is open, closed or suspended")),
            }
        }
        "since" => status.since = Some(date(value)?),
        "until" => status.until = Some(date(value)?),
        "note" => status.note = Some(value.to_string()),
        other => return Err(format!("`status.{other}` is not a field; use state, since, until or note")),
    }
    Ok(())
}

fn location(c: &mut Candidate, part: &str, value: &str, reference: &Reference) -> Result<(), String> {
    let location = c.location.get_or_insert_with(Location::default);
    match part {
        "region" => {
            let (placed, _) = normalise::place(value, reference);
            location.region = placed.and_then(|p| p.region);
            location.source_text = Some(value.to_string());
        }
        "district" => location.district = Some(value.to_string()),
        "settlement" => location.settlement = Some(value.to_string()),
        other => return Err(format!("`location.{other}` is not a field; use region, district or settlement")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Reference {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/reference/regions.yaml"));
        let regions: crate::content::reference::RegionList = crate::yaml::from_str(&text.unwrap()).unwrap();
        Reference { countries: Vec::new(), regions: regions.regions }
    }

    const PAGE: &str = "pages:\n  - id: p1\n    url: https://example.kz/a\n    title: A\n    publisher: Ex\n    language: ru\n    as_of: 2025-10\n    retrieved: 2026-12-02\n    statements:\n";

    #[test]
    fn a_page_s_statements_about_one_checkpoint_make_one_candidate() {
        let text = format!(
            "{PAGE}      - {{checkpoint: Кордай, border: KG, field: name.ru, value: Кордай}}\n      - {{checkpoint: Кордай, border: KG, field: traffic.passenger, value: \"yes\"}}\n      - {{checkpoint: Кордай, field: hours, value: круглосуточно}}\n      - {{checkpoint: Кордай, field: status.state, value: suspended}}\n      - {{checkpoint: Кордай, field: status.since, value: 2025-10-01}}\n      - {{checkpoint: Қарасу, border: KG, field: location.region, value: Жамбылская область}}\n"
        );
        let c = candidates(Path::new("d.yaml"), &text, "digest", &reference()).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].name, vec![(Lang::Ru, "Кордай".to_string())]);
        assert_eq!(c[0].traffic.get(Traffic::Passenger), Fact::Yes);
        assert_eq!(c[0].traffic.get(Traffic::Cargo), Fact::Unknown);
        assert_eq!(c[0].hours.as_ref().and_then(|h| h.kind), Some(crate::content::HoursKind::RoundTheClock));
        assert_eq!(c[0].status.as_ref().map(|s| s.state), Some(StatusState::Suspended));
        assert_eq!(c[0].cite.as_ref().map(|p| p.as_of.as_str()), Some("2025-10"));
        assert_eq!(c[1].name, vec![(Lang::Ru, "Қарасу".to_string())], "the page's name, in the page's language");
        assert_eq!(c[1].location.as_ref().and_then(|l| l.region.as_ref()).map(|r| r.value.as_str()), Some("KZ-31"));
    }

    #[test]
    fn a_wrong_statement_is_an_error_at_its_line() {
        for (row, says) in [
            ("{checkpoint: X, field: name.kk, value: Х}", "page's language"),
            ("{checkpoint: X, field: modes.road, value: maybe}", "`yes` or `no`"),
            ("{checkpoint: X, field: modes.boat, value: \"yes\"}", "not a mode"),
            ("{checkpoint: X, field: status.since, value: 2025-13-01}", "not a date"),
            ("{checkpoint: X, field: colour, value: red}", "not a field"),
        ] {
            let text = format!("{PAGE}      - {row}\n");
            let e = candidates(Path::new("d.yaml"), &text, "digest", &reference()).unwrap_err().to_string();
            assert!(e.starts_with("d.yaml:10:") && e.contains(says), "{row}: {e}");
        }
        let undated = PAGE.replace("as_of: 2025-10", "as_of: recently").replace("statements:\n", "statements: []\n");
        let e = candidates(Path::new("d.yaml"), &undated, "digest", &reference()).unwrap_err().to_string();
        assert!(e.starts_with("d.yaml:7:") && e.contains("as_of"), "{e}");
    }
}
