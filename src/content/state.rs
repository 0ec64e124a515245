//! What state a checkpoint is in on a date, from all its dated evidence: the one answer every
//! page, card, map marker, filter, feed and export gives.
//!
//! - A status whose `until` has passed is over; one whose `since` is still to come has not begun.
//! - A closure or suspension of everyone gives way to evidence of operation from a source dated
//!   after it (after its own source's date and its `since`): "closed in 2020, not reported
//!   since; later sources show it working".
//! - A partial closure (cars and buses, while trucks cross) stands beside evidence of operation:
//!   the checkpoint works for the traffic it spares.
//! - With no status in effect, the newest evidence of operation says it is working as of its
//!   date; with none, the state is unknown.
//!
//! The answer is stale when its date is older than `stale_after_days` on the date asked.

use super::date::Date;
use super::{Checkpoint, Concern, Content, Operating, SourceRef, Status, StatusState};

/// A checkpoint's state on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Working (for everyone, or for the traffic a partial closure spares).
    Open,
    /// Closed, for good or for an unknown time.
    Closed,
    /// Temporarily not working.
    Suspended,
    /// No source in effect says.
    Unknown,
}

impl State {
    /// Every value, in the order pages list them.
    pub const ALL: [State; 4] = [State::Open, State::Closed, State::Suspended, State::Unknown];

    /// The code exports, filters and map markers use.
    pub fn code(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Closed => "closed",
            State::Suspended => "suspended",
            State::Unknown => "unknown",
        }
    }

    /// The state a status states.
    pub fn of(state: StatusState) -> State {
        match state {
            StatusState::Open => State::Open,
            StatusState::Closed => State::Closed,
            StatusState::Suspended => State::Suspended,
        }
    }
}

/// What holds on a date, with where it comes from.
#[derive(Debug, Clone, Copy)]
pub struct StateOn<'a> {
    /// The state.
    pub state: State,
    /// Whom it concerns, when it stops only some traffic; empty: everyone.
    pub concerns: &'a [Concern],
    /// Since when it holds (YYYY-MM-DD), where the source says.
    pub since: Option<&'a str>,
    /// Until when it is expected to hold (YYYY-MM-DD), where the source says.
    pub until: Option<&'a str>,
    /// Whether `since` and `until` are approximate.
    pub approximate: bool,
    /// The date of the source the answer rests on (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub as_of: Option<&'a str>,
    /// The record's `sources` entry the answer rests on; `None` for a listed source the record
    /// does not list (its id is in `source_id`).
    pub source: Option<&'a SourceRef>,
    /// The source's id in `sources.yaml`, or its address.
    pub source_id: Option<&'a str>,
    /// Whether `as_of` is older than `stale_after_days` on the date asked.
    pub stale: bool,
    /// The status in effect, if the answer is one.
    pub status: Option<&'a Status>,
    /// The evidence of operation the answer rests on, if it does.
    pub evidence: Option<&'a Operating>,
    /// A closure or suspension that later evidence of operation overrides.
    pub superseded: Option<&'a Status>,
    /// A status whose `until` has passed.
    pub ended: Option<&'a Status>,
}

/// A dated source of a record: its `sources` entry (if listed there), id or address, and date.
#[derive(Debug, Clone, Copy)]
pub struct Dated<'a> {
    /// The record's entry.
    pub source: Option<&'a SourceRef>,
    /// The id or address.
    pub id: &'a str,
    /// Its `as_of`.
    pub as_of: Option<&'a str>,
}

impl Dated<'_> {
    /// The first day of the period its `as_of` names.
    pub fn start(&self) -> Option<Date> {
        self.as_of.and_then(Date::start_of_period)
    }

    /// The last day of the period its `as_of` names.
    pub fn end(&self) -> Option<Date> {
        self.as_of.and_then(Date::end_of_period)
    }
}

impl Checkpoint {
    /// What state the checkpoint is in on `date`, from its status and its evidence of
    /// operation (see the module's rules).
    pub fn state_on<'a>(&'a self, date: Date, content: &'a Content) -> StateOn<'a> {
        let status = self.status.as_ref();
        let started = |s: &&Status| parse(&s.since).is_none_or(|since| since <= date);
        let ended = status.filter(|s| parse(&s.until).is_some_and(|until| until < date));
        let in_effect = status.filter(started).filter(|_| ended.is_none());
        // Evidence counts against a status only when dated after it: after its source's date
        // and after its `since`.
        let report = in_effect.or(ended).and_then(|_| self.status_source(content));
        let after = |d: &Dated| {
            let since = in_effect.or(ended).and_then(|s| parse(&s.since));
            let later = |bound: Option<Date>| bound.is_none_or(|b| d.start().is_some_and(|start| start > b));
            later(report.and_then(|r| r.end())) && later(since)
        };
        let evidence = self.newest_evidence(date, content).filter(|(_, d)| after(d));
        let answer = match (in_effect, evidence) {
            (Some(s), Some((e, dated))) if *s.state != StatusState::Open && s.concerns.is_empty() => {
                StateOn { superseded: Some(s), ..from_evidence(e, dated) }
            }
            (Some(s), _) => {
                let confirmed = evidence.filter(|_| *s.state == StatusState::Open).map(|(_, d)| d);
                StateOn {
                    status: Some(s),
                    ..from_status(s, confirmed.into_iter().chain(report).max_by_key(Dated::end))
                }
            }
            (None, Some((e, dated))) => from_evidence(e, dated),
            (None, None) => unknown(),
        };
        let stale = answer.as_of.and_then(Date::end_of_period).is_some_and(|end| content.is_stale_on(end, date));
        StateOn { stale: stale && answer.state != State::Unknown, ended, ..answer }
    }

    /// The newest source of the record's status (the sources whose `supports` name `status`).
    fn status_source<'a>(&'a self, content: &'a Content) -> Option<Dated<'a>> {
        let supports = |s: &&SourceRef| s.supports.iter().any(|f| f.value.split('.').next() == Some("status"));
        self.sources.iter().filter(supports).map(|s| dated(s, content)).max_by_key(Dated::end)
    }

    /// The newest evidence of operation dated on or before `date`, with its source.
    pub fn newest_evidence<'a>(&'a self, date: Date, content: &'a Content) -> Option<(&'a Operating, Dated<'a>)> {
        let on_time = |(_, d): &(&Operating, Dated)| d.start().is_some_and(|start| start <= date);
        self.operating
            .iter()
            .map(|o| (o, self.source_of(&o.source.value, content)))
            .filter(on_time)
            .max_by_key(|(o, d)| (d.end(), std::cmp::Reverse(self.operating.iter().position(|x| std::ptr::eq(x, *o)))))
    }

    /// The source `key` (an id of `sources.yaml` or an address among the record's sources),
    /// dated by the record's entry, else by `sources.yaml`.
    pub fn source_of<'a>(&'a self, key: &'a str, content: &'a Content) -> Dated<'a> {
        let named = |s: &&SourceRef| {
            s.source.as_ref().is_some_and(|id| id.value == key) || s.url.as_ref().is_some_and(|u| u.value == key)
        };
        match self.sources.iter().find(named) {
            Some(s) => Dated { id: key, ..dated(s, content) },
            None => Dated {
                source: None,
                id: key,
                as_of: content.listed(key).and_then(|l| l.as_of.as_ref().map(|d| d.value.as_str())),
            },
        }
    }
}

/// A record's source entry with its date.
fn dated<'a>(s: &'a SourceRef, content: &'a Content) -> Dated<'a> {
    let id = s.source.as_ref().or(s.url.as_ref()).map_or("", |v| v.value.as_str());
    let own = s.as_of.as_ref().map(|d| d.value.as_str());
    let listed = || content.listed_source(s).and_then(|l| l.as_of.as_ref().map(|d| d.value.as_str()));
    Dated { source: Some(s), id, as_of: own.or_else(listed) }
}

fn parse(date: &Option<crate::yaml::Spanned<String>>) -> Option<Date> {
    date.as_ref().and_then(|d| Date::parse(&d.value))
}

fn unknown<'a>() -> StateOn<'a> {
    StateOn {
        state: State::Unknown,
        concerns: &[],
        since: None,
        until: None,
        approximate: false,
        as_of: None,
        source: None,
        source_id: None,
        stale: false,
        status: None,
        evidence: None,
        superseded: None,
        ended: None,
    }
}

fn from_status<'a>(s: &'a Status, dated: Option<Dated<'a>>) -> StateOn<'a> {
    StateOn {
        state: State::of(*s.state),
        concerns: &s.concerns,
        since: s.since.as_ref().map(|d| d.value.as_str()),
        until: s.until.as_ref().map(|d| d.value.as_str()),
        approximate: s.approximate,
        as_of: dated.and_then(|d| d.as_of),
        source: dated.and_then(|d| d.source),
        source_id: dated.map(|d| d.id),
        ..unknown()
    }
}

fn from_evidence<'a>(e: &'a Operating, dated: Dated<'a>) -> StateOn<'a> {
    StateOn {
        state: State::Open,
        as_of: dated.as_of,
        source: dated.source,
        source_id: Some(dated.id),
        evidence: Some(e),
        ..unknown()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Content of one checkpoint whose record is `record` (YAML after its id and name), with a
    /// listed source `queue` of 2026-07-06.
    fn content(record: &str) -> Content {
        let record = format!("id: x\nname: {{en: X}}\n{record}");
        let sources = "sources:\n  - id: queue\n    as_of: 2026-07-06\n";
        crate::content::load_files(&[("sources.yaml", sources), ("checkpoints/x.yaml", &record)])
    }

    const OLD_CLOSURE: &str = "status: {state: closed, since: 2020-04-04}\n";
    const OLD_SOURCE: &str = "  - url: https://example.kz/2020\n    as_of: 2020-04\n    supports: [status]\n";
    const QUEUE: &str = "operating:\n  - {evidence: queue, source: queue}\n";

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_closure_gives_way_to_later_evidence_of_operation() {
        let c = content(&format!(
            "{OLD_CLOSURE}{QUEUE}sources:\n  - source: queue\n    supports: [operating]\n{OLD_SOURCE}"
        ));
        let s = c.checkpoints[0].data.state_on(day("2026-12-01"), &c);
        assert_eq!(s.state, State::Open);
        assert_eq!((s.as_of, s.source_id), (Some("2026-07-06"), Some("queue")));
        assert!(s.superseded.is_some() && !s.stale);
        // Before the listing, the closure held, and was stale by 2025.
        let s = c.checkpoints[0].data.state_on(day("2025-01-01"), &c);
        assert_eq!((s.state, s.since, s.as_of), (State::Closed, Some("2020-04-04"), Some("2020-04")));
        assert!(s.stale && s.superseded.is_none());
    }

    #[test]
    fn a_closure_whose_end_has_passed_is_over() {
        let c = content(&format!(
            "status: {{state: closed, since: 2025-01-02, until: 2025-12-17}}\nsources:\n{}",
            OLD_SOURCE.replace("2020-04", "2025-01")
        ));
        let s = c.checkpoints[0].data.state_on(day("2026-01-10"), &c);
        assert_eq!(s.state, State::Unknown);
        assert!(s.ended.is_some());
        let s = c.checkpoints[0].data.state_on(day("2025-06-01"), &c);
        assert_eq!((s.state, s.until), (State::Closed, Some("2025-12-17")));
    }

    #[test]
    fn evidence_older_than_the_closure_does_not_override_it() {
        let record = format!(
            "status: {{state: suspended, since: 2026-08-01}}\n{QUEUE}sources:\n  - source: queue\n    supports: [operating]\n{}",
            OLD_SOURCE.replace("2020-04", "2026-08")
        );
        let c = content(&record);
        let s = c.checkpoints[0].data.state_on(day("2026-12-01"), &c);
        assert_eq!((s.state, s.as_of), (State::Suspended, Some("2026-08")));
    }

    #[test]
    fn a_partial_closure_stands_beside_evidence_of_operation() {
        let record = format!(
            "status: {{state: suspended, since: 2026-01-10, until: 2026-12-31, approximate: true, concerns: [cars, buses]}}\n\
             {QUEUE}sources:\n  - source: queue\n    supports: [operating]\n{}",
            OLD_SOURCE.replace("2020-04", "2026-01")
        );
        let c = content(&record);
        let s = c.checkpoints[0].data.state_on(day("2026-12-01"), &c);
        assert_eq!(s.state, State::Suspended);
        assert_eq!(s.concerns, [Concern::Cars, Concern::Buses]);
        assert!(s.approximate && s.superseded.is_none());
    }

    #[test]
    fn a_closure_for_cars_and_buses_spares_cargo_only() {
        use crate::content::Traffic;
        assert_eq!(Concern::spared(&[Concern::Cars, Concern::Buses]), vec![Traffic::Cargo]);
        assert_eq!(Concern::spared(&[Concern::Trucks]), vec![Traffic::Passenger]);
        assert_eq!(Concern::spared(&[]), Vec::<Traffic>::new(), "a closure of everyone spares nobody");
        assert_eq!(Concern::spared(&[Concern::Cars, Concern::Trucks]), Vec::<Traffic>::new());
    }

    #[test]
    fn evidence_alone_says_working_as_of_its_date() {
        let c = content(&format!("{QUEUE}sources:\n  - source: queue\n    supports: [operating]\n"));
        let s = c.checkpoints[0].data.state_on(day("2026-12-01"), &c);
        assert_eq!((s.state, s.as_of, s.stale), (State::Open, Some("2026-07-06"), false));
        assert!(c.checkpoints[0].data.state_on(day("2028-01-01"), &c).stale);
        let none = content("sources:\n  - source: queue\n    supports: [name]\n");
        assert_eq!(none.checkpoints[0].data.state_on(day("2026-12-01"), &none).state, State::Unknown);
    }
}
