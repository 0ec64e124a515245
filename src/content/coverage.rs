//! The coverage report: how much of the reference the records cover, by border and mode, and
//! the share of records with each kind of fact, against an official count of checkpoints
//! (`reference/official-counts.yaml`). `crossings stats` prints it; the Data page shows it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::{Border, Checkpoint, Content, Fact, Mode, Vocabulary};

/// An official count of checkpoints, with its source.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialCounts {
    /// Where the counts come from.
    pub source: CountSource,
    /// One count per group: a border's code, `sea` or `air`.
    pub counts: Vec<GroupCount>,
}

/// The source of official counts.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CountSource {
    /// The page's address.
    pub url: String,
    /// Its publisher.
    pub publisher: String,
    /// The date it describes.
    pub as_of: String,
}

/// How many checkpoints one group has by the official count.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GroupCount {
    /// A border's code (`RU`), `sea` or `air`.
    pub group: String,
    /// The official count.
    pub count: u32,
}

/// The report.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    /// Records in all.
    pub records: usize,
    /// Records by border (`none` for sea and air) and mode stated yes (`unknown` where none is).
    pub by_border_mode: BTreeMap<String, BTreeMap<String, usize>>,
    /// Records with each kind of fact, by name: `coordinates` (and `coordinates_<precision>`
    /// by how they were found), `classification`, `open_to`, `hours` (the Kazakh side's own),
    /// `hours_opposite` (only the checkpoint opposite's, standing in), `status` (a state known
    /// today), `name_kk`, `name_ru`, `name_en`, `stale` (a fact whose newest source is older than
    /// `stale_after_days`), `stale_state` (a state today that rests on a source older than that).
    pub with: BTreeMap<String, usize>,
    /// Each official count beside the records of its group.
    pub against_official: Vec<GroupCoverage>,
    /// The official counts' source.
    pub official_source: Option<CountSource>,
}

/// One official group's count beside the records.
#[derive(Debug, Clone, Serialize)]
pub struct GroupCoverage {
    /// The group.
    pub group: String,
    /// The official count.
    pub official: u32,
    /// Records of the group.
    pub records: usize,
    /// The group's records by mode, where a border's checkpoints are of several.
    pub by_mode: BTreeMap<String, usize>,
}

/// Read `reference/official-counts.yaml` under `root`, if it is there.
pub fn official_counts(root: &Path) -> anyhow::Result<Option<OfficialCounts>> {
    let path = root.join("reference/official-counts.yaml");
    if !path.exists() {
        return Ok(None);
    }
    let text = crate::fs::read_to_string(&path)?;
    crate::yaml::from_str(&text).map(Some).map_err(|e| anyhow::anyhow!("{}:{}: {}", path.display(), e.pos, e.message))
}

/// The group a record counts in: `air` or `sea` for an airport or port, else its border.
fn group(c: &Checkpoint) -> Option<String> {
    if c.modes.get(Mode::Air) == Fact::Yes {
        return Some("air".into());
    }
    if c.modes.get(Mode::Sea) == Fact::Yes {
        return Some("sea".into());
    }
    c.border.as_ref().map(|b| b.value.code().to_string())
}

/// The coverage of `content` on `today`, against `official` counts when given.
pub fn coverage(content: &Content, official: Option<&OfficialCounts>, today: Date) -> Coverage {
    let mut by_border_mode: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut with: BTreeMap<String, usize> = BTreeMap::new();
    let mut count = |key: &str, yes: bool| *with.entry(key.to_string()).or_default() += usize::from(yes);
    for r in &content.checkpoints {
        let c = &r.data;
        let border = c.border.as_ref().map_or("unknown", |b| b.value.code()).to_string();
        let modes: Vec<&str> = c.modes.yes().map(|m| m.code()).collect();
        let row = by_border_mode.entry(border).or_default();
        for m in if modes.is_empty() { vec!["unknown"] } else { modes } {
            *row.entry(m.to_string()).or_default() += 1;
        }
        let loc = c.location.as_ref();
        count("coordinates", loc.is_some_and(|l| l.lat.is_some() && l.lon.is_some()));
        if let Some(l) = loc.filter(|l| l.lat.is_some() && l.lon.is_some()) {
            count(&format!("coordinates_{}", l.precision.map_or("unstated", |p| p.code())), true);
        }
        count("classification", c.classification.as_ref().is_some_and(|k| k.kind.is_some()));
        count("open_to", c.open_to.is_some());
        // The Kazakh side's own hours, and apart from them the opposite side's standing in.
        let side = c.crossing_hours().map(|(_, side)| side);
        count("hours", side == Some(super::sides::Side::Kazakh));
        count("hours_opposite", side == Some(super::sides::Side::Opposite));
        let state = c.state_on(today, content);
        count("status", state.state != super::state::State::Unknown);
        count("stale_state", state.stale);
        count("name_en", c.name.en.is_some());
        count("name_ru", c.name.ru.is_some());
        count("name_kk", c.name.kk.is_some());
        count("stale", !content.stale_fields(c, today).is_empty());
        count("undated", c.sources.iter().any(|s| content.as_of(s).is_none() && !s.only_places()));
    }
    let against_official = official
        .map(|o| {
            o.counts
                .iter()
                .map(|g| {
                    let members: Vec<&Checkpoint> = content
                        .checkpoints
                        .iter()
                        .map(|r| &r.data)
                        .filter(|c| group(c).as_deref() == Some(&g.group))
                        .collect();
                    let mut by_mode = BTreeMap::new();
                    for c in &members {
                        for m in c.modes.yes() {
                            *by_mode.entry(m.code().to_string()).or_default() += 1;
                        }
                    }
                    GroupCoverage { group: g.group.clone(), official: g.count, records: members.len(), by_mode }
                })
                .collect()
        })
        .unwrap_or_default();
    Coverage {
        records: content.checkpoints.len(),
        by_border_mode,
        with,
        against_official,
        official_source: official.map(|o| o.source.clone()),
    }
}

impl Coverage {
    /// The report as text for a terminal.
    pub fn render(&self) -> String {
        let mut out =
            format!("{} checkpoint records\n\nby border and mode (records stating the mode):\n", self.records);
        let modes: Vec<&str> = Mode::ALL.iter().map(|m| m.code()).chain(["unknown"]).collect();
        out.push_str(&format!("  {:<8}{}\n", "border", modes.iter().map(|m| format!("{m:>11}")).collect::<String>()));
        for border in Border::ALL.iter().map(|b| b.code()).chain(["unknown"]) {
            let Some(row) = self.by_border_mode.get(border) else { continue };
            let cells: String = modes.iter().map(|m| format!("{:>11}", row.get(*m).copied().unwrap_or(0))).collect();
            out.push_str(&format!("  {border:<8}{cells}\n"));
        }
        out.push_str("\nrecords with:\n");
        for (key, n) in &self.with {
            let share = if self.records == 0 { 0.0 } else { *n as f64 * 100.0 / self.records as f64 };
            out.push_str(&format!("  {key:<24}{n:>5}  {share:>5.1} %\n"));
        }
        if let Some(source) = &self.official_source {
            out.push_str(&format!("\nagainst the official count ({}, as of {}):\n", source.publisher, source.as_of));
            for g in &self.against_official {
                let missing = g.official.saturating_sub(g.records as u32);
                let modes: Vec<String> = g.by_mode.iter().map(|(m, n)| format!("{m} {n}")).collect();
                out.push_str(&format!(
                    "  {:<5} {:>3} of {:>3} on record{}{}\n",
                    g.group,
                    g.records,
                    g.official,
                    if modes.is_empty() { String::new() } else { format!(" ({})", modes.join(", ")) },
                    if missing > 0 { format!("; {missing} missing") } else { String::new() }
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_records_whose_state_today_rests_on_an_old_source() {
        let old = "id: old\nname: {en: Old}\nstatus: {state: closed, since: 2020-04-04}\nsources:\n  \
                   - url: https://example.kz/2020\n    as_of: 2020-04\n    supports: [status]\n";
        let listed = "id: listed\nname: {en: Listed}\nstatus: {state: closed, since: 2020-04-04}\noperating:\n  \
                      - {evidence: queue, source: queue}\nsources:\n  - source: queue\n    supports: [operating]\n  \
                      - url: https://example.kz/2020\n    as_of: 2020-04\n    supports: [status]\n";
        let content = crate::content::load_files(&[
            ("sources.yaml", "sources:\n  - id: queue\n    as_of: 2026-07-06\n"),
            ("checkpoints/old.yaml", old),
            ("checkpoints/listed.yaml", listed),
        ]);
        let report = coverage(&content, None, Date::parse("2026-12-08").unwrap());
        assert_eq!(report.with["stale_state"], 1, "the 2020 closure; the listed one works as of 2026");
        assert_eq!(report.with["status"], 2);
    }
}
