//! What a run found and did, printed for editors: updates, conflicts, entries an editor must
//! resolve, and the files written (or, with `--check`, that would be).

use std::fmt::Write as _;

use super::extract::table::SkippedRow;
use super::matching::assignment::Unresolved;
use super::write::plan::Plan;

/// A run's outcome.
#[derive(Debug, Default)]
pub struct Report {
    /// Entries read per source: (source id, checkpoint entries, rule documents).
    pub read: Vec<(String, usize, usize)>,
    /// Records matched to existing files.
    pub matched: usize,
    /// Candidates that could not be assigned.
    pub unresolved: Vec<Unresolved>,
    /// Candidates matched by another spelling of a record's name.
    pub spellings: Vec<Unresolved>,
    /// Table rows read and left out (footnotes, rows without a name).
    pub skipped: Vec<SkippedRow>,
    /// Hours whose words could not be read: (source id, the entry's wording, the hours' text).
    /// Only their words are kept.
    pub unread_hours: Vec<(String, String, String)>,
    /// Records an editor deleted that sources still list (not recreated).
    pub deleted: Vec<String>,
    /// The plan: records, differences, writes.
    pub plan: Plan,
    /// True for `--check`: nothing was written.
    pub check: bool,
}

impl Report {
    /// True when content differs from what the sources say (the files to write).
    pub fn differs(&self) -> bool {
        !self.plan.writes.is_empty()
    }

    /// Number of conflicts (editor's value kept).
    pub fn conflicts(&self) -> usize {
        self.plan.records.iter().flat_map(|r| &r.differences).filter(|d| d.conflict).count()
    }

    /// The report as text.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (id, checkpoints, rules) in &self.read {
            let _ = writeln!(out, "source {id}: {checkpoints} checkpoint entries, {rules} rule documents");
        }
        self.render_differences(&mut out);
        self.render_findings(&mut out);
        let verb = if self.check { "differs" } else { "wrote" };
        for w in &self.plan.writes {
            let _ = writeln!(out, "{verb}: {} ({})", w.path.display(), w.reason);
        }
        out.push_str(&self.summary());
        out
    }

    /// Updates of existing records (new ones are listed as written), and every conflict.
    fn render_differences(&self, out: &mut String) {
        for record in &self.plan.records {
            let file = record.file.display();
            for d in record.differences.iter().filter(|d| d.conflict || record.status != "new") {
                let (ours, theirs) = (short(d.ours.as_deref()), short(d.theirs.as_deref()));
                let _ = if d.conflict {
                    writeln!(
                        out,
                        "warning[conflict] {file}: {}: the file has `{ours}`, the sources say `{theirs}`; the file's value is kept (take the source's by writing it in)",
                        d.path
                    )
                } else {
                    writeln!(out, "{file}: {}: `{ours}` → `{theirs}`", d.path)
                };
            }
        }
    }

    /// What an editor should look at: disagreements, unresolved entries, deleted and gone records.
    fn render_findings(&self, out: &mut String) {
        for d in &self.plan.disagreements {
            let _ = writeln!(
                out,
                "warning[sources_disagree] {}: {}: kept `{}`, also given `{}`",
                d.id, d.path, d.kept, d.other
            );
        }
        for row in &self.skipped {
            let why = match row.code {
                "footnote_row" => "a footnote or a row of one cell across the table",
                "row_without_name" => "a row without a name",
                "row_without_border" => "a row whose neighbouring country is not named or not known",
                _ => "a row on another border than the recipe's",
            };
            let _ = writeln!(out, "note[{}] {}: {why}, left out: `{}`", row.code, row.at, row.row);
        }
        for u in self.spellings.iter().chain(&self.unresolved) {
            let _ =
                writeln!(out, "warning[{}] {}: `{}`: {}\n    = hint: {}", u.kind, u.source, u.label, u.message, u.hint);
        }
        for (source, label, text) in &self.unread_hours {
            let _ = writeln!(
                out,
                "warning[hours_not_read] {source}: `{label}`: hours `{text}` not understood; only the source's words are kept\n    = hint: write the hours in the record by hand, or teach src/ingest/hours/ the wording"
            );
        }
        for id in &self.deleted {
            let _ = writeln!(out, "note: `{id}` was deleted by an editor after an earlier ingest; not recreated");
        }
        for file in &self.plan.comments_dropped {
            let _ = writeln!(
                out,
                "warning[comments_dropped] {}: rewritten without its comments; keep remarks in `notes`",
                file.display()
            );
        }
        for id in &self.plan.gone {
            let _ = writeln!(
                out,
                "warning[not_in_sources] `{id}`: no source lists it any more; its file is kept for an editor to decide"
            );
        }
    }

    fn summary(&self) -> String {
        let count = |s: &str| {
            self.plan
                .records
                .iter()
                .filter(|r| r.status == s && r.file.extension().is_some_and(|e| e == "yaml"))
                .count()
        };
        let ambiguous = self.unresolved.iter().filter(|u| u.kind == "ambiguous").count();
        let mut line = format!(
            "checkpoints: {} from the sources ({} matched existing records, {} new, {} updated, {} unchanged); {} ambiguous, {} unmatched, {} conflicts",
            self.plan.records.iter().filter(|r| r.file.extension().is_some_and(|e| e == "yaml")).count(),
            self.matched,
            count("new"),
            count("updated"),
            count("unchanged"),
            ambiguous,
            self.unresolved.len() - ambiguous,
            self.conflicts(),
        );
        line.push('\n');
        if self.check {
            line.push_str(if self.differs() {
                "check: content/ differs from the sources; run `crossings ingest` and review the changes\n"
            } else {
                "check: content/ agrees with the sources\n"
            });
        }
        line
    }
}

/// A value for one line of the report: long texts cut short.
fn short(value: Option<&str>) -> String {
    let Some(v) = value else { return "(absent)".to_string() };
    if v.chars().count() <= 100 { v.to_string() } else { format!("{}…", v.chars().take(97).collect::<String>()) }
}
