//! The report of a validation run, printed for people, for scripts or for GitHub.

use std::fmt::Write as _;

use serde::Serialize;

use super::notice::{Notice, Severity};
use crate::content::SourceFiles;

/// How to print a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style lines with the source line underlined.
    Human,
    /// One JSON document.
    Json,
    /// GitHub Actions workflow commands, shown on the pull request's lines.
    Github,
}

/// Warnings that describe the state of the data rather than a mistake: the human report sums
/// them up, one line per kind, unless asked for every one.
/// Each with what one of them is, and what several are.
const DATA_STATE: &[(&str, &str, &str)] = &[
    ("unknown_values", "record has unknown values", "records have unknown values"),
    (
        "stale_facts",
        "record has facts older than `stale_after_days`",
        "records have facts older than `stale_after_days`",
    ),
    (
        "stale_verification",
        "record was last verified longer ago than `stale_after_days`",
        "records were last verified longer ago than `stale_after_days`",
    ),
    (
        "status_superseded",
        "record's closure gives way to later evidence that it works",
        "records' closures give way to later evidence that they work",
    ),
    (
        "translation_coverage",
        "kind of text is not yet translated into every language",
        "kinds of text are not yet translated into every language",
    ),
];

/// Every notice of a run, sorted by file and position.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// The notices, in file, line and column order.
    pub notices: Vec<Notice>,
    /// Number of checkpoint files read.
    pub checkpoints: usize,
    /// Number of rule documents read.
    pub rules: usize,
}

impl Report {
    /// A report of `notices`, sorted and without exact repeats.
    pub fn new(mut notices: Vec<Notice>, checkpoints: usize, rules: usize) -> Report {
        notices.sort();
        notices.dedup();
        Report { notices, checkpoints, rules }
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.notices.iter().filter(|n| n.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.notices.len() - self.errors()
    }

    /// Whether the content fails: any error, or any warning when warnings are denied.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.errors() > 0 || (deny_warnings && self.warnings() > 0)
    }

    /// The one-line summary.
    pub fn summary(&self) -> String {
        format!(
            "{} error{}, {} warning{} in {} checkpoint{} and {} rule document{}",
            self.errors(),
            plural(self.errors()),
            self.warnings(),
            plural(self.warnings()),
            self.checkpoints,
            plural(self.checkpoints),
            self.rules,
            plural(self.rules)
        )
    }

    /// The report in `format`; `files` supplies source lines for the human format, which sums
    /// up the warnings about the data's state (see [`Report::render_verbose`]).
    pub fn render(&self, format: Format, files: &SourceFiles) -> String {
        self.render_verbose(format, files, false)
    }

    /// The report in `format`, the human one with every notice when `verbose`.
    pub fn render_verbose(&self, format: Format, files: &SourceFiles, verbose: bool) -> String {
        match format {
            Format::Human => self.render_human(files, verbose),
            Format::Json => {
                let doc = serde_json::json!({
                    "summary": {
                        "errors": self.errors(),
                        "warnings": self.warnings(),
                        "checkpoints": self.checkpoints,
                        "rules": self.rules,
                    },
                    "notices": self.notices,
                });
                serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
            }
            Format::Github => self.render_github(),
        }
    }

    /// Errors first, then warnings about mistakes, then (unless `verbose`, which prints each) one
    /// line per kind of warning about the data's state, then the summary.
    fn render_human(&self, files: &SourceFiles, verbose: bool) -> String {
        let is_state = |n: &&Notice| DATA_STATE.iter().any(|(code, ..)| *code == n.code);
        let errors = self.notices.iter().filter(|n| n.severity == Severity::Error);
        let warnings = self.notices.iter().filter(|n| n.severity == Severity::Warning);
        let mistakes = warnings.clone().filter(|n| verbose || !is_state(n));
        let mut out = String::new();
        for n in errors.chain(mistakes) {
            let severity = match n.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let field = if n.field.is_empty() { String::new() } else { format!(" {}:", n.field) };
            let _ = writeln!(out, "{}:{}: {severity}[{}]{field} {}", n.path.display(), n.pos, n.code, n.message);
            if let Some(line) = files.line(&n.path, n.pos.line) {
                let number = n.pos.line.to_string();
                let pad = " ".repeat(number.len());
                let shown: String = line.chars().take(160).collect();
                let caret_at = (n.pos.column.max(1) as usize - 1).min(shown.chars().count());
                let indent: String = shown.chars().take(caret_at).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
                let width = shown
                    .chars()
                    .skip(caret_at)
                    .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}'))
                    .count()
                    .max(1);
                let _ = writeln!(out, " {number} | {shown}\n {pad} | {indent}{}", "^".repeat(width));
            }
            for r in &n.related {
                let _ = writeln!(out, "    = {}: {}:{}", r.label, r.path.display(), r.pos);
            }
            if let Some(hint) = &n.hint {
                let _ = writeln!(out, "    = hint: {hint}");
            }
        }
        if !verbose {
            for (code, one, several) in DATA_STATE {
                let count = warnings.clone().filter(|n| n.code == *code).count();
                let what = if count == 1 { one } else { several };
                if count > 0 {
                    let _ = writeln!(
                        out,
                        "note: {count} {what} ({code}): `crossings validate --verbose` lists them, `crossings stats` sums them up"
                    );
                }
            }
        }
        let _ = writeln!(out, "validate: {}", self.summary());
        out
    }

    fn render_github(&self) -> String {
        let mut out = String::new();
        for n in &self.notices {
            let level = match n.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut message =
                if n.field.is_empty() { n.message.clone() } else { format!("{}: {}", n.field, n.message) };
            if let Some(hint) = &n.hint {
                message.push_str(" (hint: ");
                message.push_str(hint);
                message.push(')');
            }
            let _ = writeln!(
                out,
                "::{level} file={},line={},col={},title={}::{}",
                escape_property(&n.path.display().to_string()),
                n.pos.line.max(1),
                n.pos.column.max(1),
                escape_property(n.code),
                escape_data(&message)
            );
        }
        let _ = writeln!(out, "validate: {}", self.summary());
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Escape a workflow command's message (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a workflow command's property (GitHub's `escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Pos;
    use std::path::Path;

    #[test]
    fn github_lines_escape_commas_and_newlines() {
        let n = Notice::error(Path::new("a,b.yaml"), Pos::new(3, 4), "x", "two\nlines");
        let out = Report::new(vec![n], 1, 0).render(Format::Github, &SourceFiles::default());
        assert!(out.starts_with("::error file=a%2Cb.yaml,line=3,col=4,title=x::two%0Alines\n"), "{out}");
    }

    #[test]
    fn errors_come_first_and_the_data_s_state_is_summed_up() {
        let state = Notice::warning(Path::new("a.yaml"), Pos::new(1, 1), "unknown_values", "3 unknown");
        let mistake = Notice::warning(Path::new("a.yaml"), Pos::new(2, 1), "empty_alias", "empty alias");
        let error = Notice::error(Path::new("b.yaml"), Pos::new(9, 1), "invalid_id", "bad id");
        let other = Notice { path: "c.yaml".into(), ..state.clone() };
        let report = Report::new(vec![state, mistake, error, other], 3, 0);
        let out = report.render(Format::Human, &SourceFiles::default());
        let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s} missing: {out}"));
        assert!(at("error[invalid_id]") < at("warning[empty_alias]"), "{out}");
        assert!(!out.contains("warning[unknown_values]"), "{out}");
        assert!(at("warning[empty_alias]") < at("note: 2 records have unknown values"), "{out}");
        let verbose = report.render_verbose(Format::Human, &SourceFiles::default(), true);
        assert_eq!(verbose.matches("warning[unknown_values]").count(), 2, "{verbose}");
        let json = report.render(Format::Json, &SourceFiles::default());
        assert_eq!(json.matches("\"unknown_values\"").count(), 2, "JSON keeps every notice");
    }

    #[test]
    fn warnings_fail_only_when_denied() {
        let n = Notice::warning(Path::new("a.yaml"), Pos::new(1, 1), "x", "m");
        let report = Report::new(vec![n], 1, 0);
        assert!(!report.fails(false));
        assert!(report.fails(true));
    }
}
