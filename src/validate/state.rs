//! Checks on what a record says of its state today: a closure newer evidence overrides, a
//! closure newer sources contradict, a verification against an old source, and one page dated
//! two ways in the editors' digests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::common::Settings;
use super::notice::Notice;
use crate::content::date::Date;
use crate::content::state::State;
use crate::content::{Checkpoint, Content, StatusState};
use crate::yaml::{self, Spanned};

/// Check the state of `c` (file `path`) on `settings.today`.
pub fn check(path: &Path, c: &Checkpoint, content: &Content, settings: Settings, out: &mut Vec<Notice>) {
    let state = c.state_on(settings.today, content);
    if let Some(old) = state.superseded {
        let newer = state.as_of.unwrap_or_default();
        out.push(
            Notice::warning(
                path,
                old.state.pos,
                "status_superseded",
                format!(
                    "the status `{}` is older than evidence that the checkpoint works ({newer})",
                    State::of(*old.state).code()
                ),
            )
            .field("status.state")
            .hint(
                "pages show it working; give the closure an `until`, or remove it, or add the newer source's statement",
            ),
        );
    } else if let Some(s) = state.status.filter(|s| *s.state != StatusState::Open && s.concerns.is_empty()) {
        contradicted(path, c, s, state.as_of, content, out);
    }
    verified_against_stale(path, c, content, settings, out);
}

/// A closure of everyone in effect, yet a newer source gives the checkpoint's hours or traffic.
fn contradicted(
    path: &Path,
    c: &Checkpoint,
    s: &crate::content::Status,
    as_of: Option<&str>,
    content: &Content,
    out: &mut Vec<Notice>,
) {
    let closure = [as_of.and_then(Date::end_of_period), s.since.as_ref().and_then(|d| Date::parse(&d.value))];
    let Some(closure) = closure.into_iter().flatten().max() else { return };
    let working = |f: &Spanned<String>| f.value == "hours" || f.value.starts_with("traffic");
    let newer = c
        .sources
        .iter()
        .filter(|r| r.supports.iter().any(working))
        .find(|r| content.as_of(r).and_then(|d| Date::start_of_period(&d)).is_some_and(|start| start > closure));
    if let Some(source) = newer {
        let who = source.source.as_ref().or(source.url.as_ref()).map_or("", |v| v.value.as_str());
        out.push(
            Notice::warning(
                path,
                s.state.pos,
                "status_contradicted",
                format!(
                    "the record is `{}`, yet a newer source gives its hours or traffic: {who}",
                    State::of(*s.state).code()
                ),
            )
            .field("status.state")
            .hint("read the newer source again: add what it shows under `operating`, or its closure"),
        );
    }
}

/// `last_verified` against a source whose date is older than `stale_after_days`: the check does
/// not make the record current.
fn verified_against_stale(path: &Path, c: &Checkpoint, content: &Content, settings: Settings, out: &mut Vec<Notice>) {
    let (Some(_), Some(against)) = (&c.last_verified, &c.verified_against) else { return };
    let source = c.source_of(&against.value, content);
    let Some(end) = source.end() else { return };
    if content.is_stale_on(end, settings.today) {
        out.push(
            Notice::warning(
                path,
                against.pos,
                "verified_against_stale",
                format!(
                    "the record was verified against `{}`, of {}: older than {} days",
                    against.value,
                    source.as_of.unwrap_or_default(),
                    content.config.stale_after_days
                ),
            )
            .field("verified_against")
            .hint("verify the record against a newer source"),
        );
    }
}

/// A digest's pages, as far as dating them goes.
#[derive(Deserialize)]
struct Digest {
    #[serde(default)]
    pages: Vec<DigestPage>,
}

#[derive(Deserialize)]
struct DigestPage {
    url: Spanned<String>,
    as_of: Spanned<String>,
}

/// One page address given two different `as_of` dates in the digests under `content/digests`.
pub fn check_digest_dates(content: &Content, out: &mut Vec<Notice>) {
    let folder = content.root.join("digests");
    let Ok(mut paths) = crate::fs::list(&folder) else { return };
    paths.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    let mut first: BTreeMap<String, (PathBuf, Spanned<String>)> = BTreeMap::new();
    for path in paths {
        let Ok(text) = crate::fs::read_to_string(&path) else { continue };
        // An unreadable digest is ingest's to report, at its line.
        let Ok(digest) = yaml::from_str::<Digest>(&text) else { continue };
        for page in digest.pages {
            match first.get(&page.url.value) {
                Some((at, date)) if date.value != page.as_of.value => out.push(
                    Notice::warning(
                        &path,
                        page.as_of.pos,
                        "page_dated_twice",
                        format!("`{}` is dated {} here and {} elsewhere", page.url.value, page.as_of.value, date.value),
                    )
                    .field("as_of")
                    .related(at, date.pos, "dated here")
                    .hint("a page has one date: the one it gives itself; correct one of the two"),
                ),
                Some(_) => {}
                None => {
                    first.insert(page.url.value.clone(), (path.clone(), page.as_of));
                }
            }
        }
    }
}
