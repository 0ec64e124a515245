//! A checkpoint's state on the build's date ([`Checkpoint::state_on`]) in the page's language:
//! "Working · as of 6 July 2026", "Suspended for cars and buses · until about the end of 2026",
//! and the line beneath it on the page ("Closed 4 April 2020 – not reported since; later
//! sources show it working").

use super::text::Labelled;
use crate::content::date::Date;
use crate::content::state::{State, StateOn};
use crate::content::{Checkpoint, Concern, Content, Status, Vocabulary};
use crate::render::ui::Ui;

/// The key of a state's label.
pub fn state_key(s: State) -> &'static str {
    match s {
        State::Open => "status_open",
        State::Closed => "status_closed",
        State::Suspended => "status_suspended",
        State::Unknown => "status_unknown",
    }
}

/// The key of the label of whom a partial closure concerns.
pub fn concern_key(c: Concern) -> String {
    format!("concern_{}", c.code())
}

/// The state of `c` on the build's date.
pub fn state_now<'a>(c: &'a Checkpoint, content: &'a Content) -> StateOn<'a> {
    c.state_on(Date::build_date(), content)
}

/// The state's label where lists and the page's first lines show it, with whom it concerns,
/// its end, its date and "may be out of date" when its source is older than the site's limit;
/// `None` when no source says.
pub fn state_label(s: &StateOn, ui: &Ui) -> Option<Labelled> {
    if s.state == State::Unknown {
        return None;
    }
    let mut parts = vec![state_words(s.state, s.concerns, ui)];
    parts.extend(s.until.map(|d| until_words(d, s.approximate, ui)));
    parts.extend(s.as_of.map(|d| ui.fill("as_of", &[("date", &ui.partial_date(d))])));
    if s.stale {
        parts.push(ui.get("may_be_out_of_date").to_string());
    }
    Some(Labelled { code: s.state.code().to_string(), label: parts.join(" · ") })
}

/// "Suspended for cars and buses", or the state's label alone when it concerns everyone.
pub fn state_words(state: State, concerns: &[Concern], ui: &Ui) -> String {
    let label = ui.get(state_key(state));
    if concerns.is_empty() {
        return label.to_string();
    }
    let names: Vec<String> = concerns.iter().map(|c| ui.get(&concern_key(*c)).to_string()).collect();
    let whom = match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => ui.fill("and_join", &[("first", &rest.join(", ")), ("last", last.as_str())]),
        None => String::new(),
    };
    ui.fill("status_for", &[("state", label), ("whom", &whom)])
}

/// "until 3 October 2025", "until about the end of 2026".
fn until_words(date: &str, approximate: bool, ui: &Ui) -> String {
    if !approximate {
        return ui.fill("status_until", &[("date", &ui.date(date))]);
    }
    let end_of_year = Date::parse(date).filter(|d| d.month == 12 && d.day == 31);
    let when = match end_of_year {
        Some(d) => ui.fill("date_end_of_year", &[("year", &d.year.to_string())]),
        None => ui.date(date),
    };
    ui.fill("status_until_about", &[("date", &when)])
}

/// "since 4 April 2020", "since about 4 April 2020".
fn since_words(date: &str, approximate: bool, ui: &Ui) -> String {
    let key = if approximate { "status_since_about" } else { "status_since" };
    ui.fill(key, &[("date", &ui.date(date))])
}

/// The line beneath the state on the page: a closure later evidence overrides, one whose end
/// has passed, or the dates of the state in effect; then what the evidence of operation is.
pub fn state_detail(s: &StateOn, ui: &Ui) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(old) = s.superseded {
        parts.push(superseded_words(old, ui));
    } else if let Some(old) = s.ended.filter(|_| s.state != State::Unknown) {
        parts.push(over_words(old, ui));
    } else if let Some(old) = s.ended {
        parts.push(ui.fill("status_ended", &[("state", ui.get(state_key(state_of(old))))]));
    } else if let Some(since) = s.since {
        parts.push(since_words(since, s.approximate, ui));
    }
    if let Some(e) = s.evidence {
        let what = ui.get(&format!("evidence_{}", e.evidence.code())).to_string();
        parts.push(ui.fill("status_evidence", &[("evidence", &what)]));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// "Closed 4 April 2020 – not reported since; later sources show it working".
fn superseded_words(old: &Status, ui: &Ui) -> String {
    ui.fill("status_superseded", &[("closure", &closure_words(old, ui))])
}

/// "Closed 16 December 2025 until 17 December 2025: over".
fn over_words(old: &Status, ui: &Ui) -> String {
    let closure = closure_words(old, ui);
    let until = old.until.as_ref().map_or(String::new(), |d| ui.date(&d.value));
    ui.fill("status_over", &[("closure", &closure), ("date", &until)])
}

/// "Closed 4 April 2020", "Suspended for cars and buses 4 August 2025".
fn closure_words(old: &Status, ui: &Ui) -> String {
    let state = state_words(state_of(old), &old.concerns, ui);
    old.since.as_ref().map_or(state.clone(), |d| format!("{state} {}", ui.date(&d.value)))
}

fn state_of(s: &Status) -> State {
    State::of(*s.state)
}

/// The kinds of traffic a closure of some traffic only spares, space-separated (`cargo`);
/// empty for a closure of everyone and for any other state.
pub fn spared_traffic(s: &StateOn) -> String {
    if matches!(s.state, State::Open | State::Unknown) {
        return String::new();
    }
    Concern::spared(s.concerns).iter().map(|t| t.code()).collect::<Vec<_>>().join(" ")
}
