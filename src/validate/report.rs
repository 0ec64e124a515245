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

    /// The report in `format`; `files` supplies source lines for the human format.
    pub fn render(&self, format: Format, files: &SourceFiles) -> String {
        match format {
            Format::Human => self.render_human(files),
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

    fn render_human(&self, files: &SourceFiles) -> String {
        let mut out = String::new();
        for n in &self.notices {
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
    fn warnings_fail_only_when_denied() {
        let n = Notice::warning(Path::new("a.yaml"), Pos::new(1, 1), "x", "m");
        let report = Report::new(vec![n], 1, 0);
        assert!(!report.fails(false));
        assert!(report.fails(true));
    }
}
