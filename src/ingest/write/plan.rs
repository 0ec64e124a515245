//! Planning a run's writes: each record merged three ways, the new provenance, and the files
//! that change. Nothing is written here.

use std::path::{Path, PathBuf};

use super::PlannedWrite;
use super::checkpoint_text;
use super::rule_text;
use crate::content::{Checkpoint, Content, Rule, RuleMeta};
use crate::ingest::emit::from_node;
use crate::ingest::emit::to_node;
use crate::ingest::extract::candidate::Candidate;
use crate::ingest::extract::sections::RuleDraft;
use crate::ingest::matching::assignment::Assignment;
use crate::ingest::merge::Difference;
use crate::ingest::merge::combine::Disagreement;
use crate::ingest::merge::combine::combine;
use crate::ingest::merge::merge;
use crate::ingest::merge::provenance::Provenance;
use crate::ingest::node::Node;

/// What became of one record.
#[derive(Debug, Clone)]
pub struct RecordOutcome {
    /// Its file.
    pub file: PathBuf,
    /// `new`, `updated` or `unchanged`.
    pub status: &'static str,
    /// Updates and conflicts.
    pub differences: Vec<Difference>,
}

/// The plan so far.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to write.
    pub writes: Vec<PlannedWrite>,
    /// The provenance after the run.
    pub provenance: Provenance,
    /// Every record the sources speak of.
    pub records: Vec<RecordOutcome>,
    /// Sources disagreeing with each other.
    pub disagreements: Vec<Disagreement>,
    /// Records the last ingest wrote that no source lists any more (files kept).
    pub gone: Vec<String>,
    /// Files rewritten whose comments were not kept.
    pub comments_dropped: Vec<PathBuf>,
}

/// Merge every assigned checkpoint.
pub fn checkpoints(
    plan: &mut Plan,
    content: &Content,
    base: &Provenance,
    candidates: &[Candidate],
    assignment: &Assignment,
    retrieved: &dyn Fn(&str) -> Option<String>,
) -> anyhow::Result<()> {
    let airports = crate::ingest::merge::coordinates::load_airports(content)?;
    for (id, indices) in &assignment.records {
        // Newest first: where sources disagree, the one describing the latest date is kept
        // (then the order of `sources.yaml`).
        let mut chosen: Vec<&Candidate> = indices.iter().map(|&i| &candidates[i]).collect();
        let date = |c: &Candidate| c.as_of.as_deref().and_then(crate::content::date::Date::end_of_period);
        chosen.sort_by_key(|c| std::cmp::Reverse(date(c)));
        let (mut theirs, disagreements) = combine(id, &chosen, retrieved)?;
        plan.disagreements.extend(disagreements);
        crate::ingest::merge::coordinates::add_coordinates(&mut theirs, content, &airports);
        // In the model's field order when it is a whole record (it is not when only a source
        // naming the other side speaks of an existing record).
        let theirs = from_node::<Checkpoint>(&theirs).ok().map(|t| to_node(&t)).transpose()?.unwrap_or(theirs);
        checkpoint(plan, content, base, id, theirs)?;
    }
    for id in &assignment.deleted {
        if let Some(node) = base.checkpoints.get(id) {
            plan.provenance.checkpoints.insert(id.clone(), node.clone());
        }
    }
    plan.gone = base.checkpoints.keys().filter(|id| !plan.provenance.checkpoints.contains_key(*id)).cloned().collect();
    Ok(())
}

fn checkpoint(plan: &mut Plan, content: &Content, base: &Provenance, id: &str, theirs: Node) -> anyhow::Result<()> {
    let record = content.checkpoints.iter().find(|r| r.data.id.value == id);
    let ours = record.map(|r| to_node(&r.data)).transpose()?;
    let file = record.map_or_else(|| content.root.join("checkpoints").join(format!("{id}.yaml")), |r| r.path.clone());
    let merged = merge(base.checkpoints.get(id), ours.as_ref(), Some(&theirs));
    plan.provenance.checkpoints.insert(id.to_string(), theirs);
    let text = match &merged.value {
        Some(m) if ours.as_ref() != Some(m) => {
            let typed: Checkpoint = from_node(m).map_err(|e| invalid(&file, &e.message))?;
            if content.files.text(&file).is_some_and(|text| has_comments(&text)) {
                plan.comments_dropped.push(file.clone());
            }
            Some(checkpoint_text(&to_node(&typed)?))
        }
        _ => None,
    };
    push(plan, file, ours.is_some(), text, merged.differences);
    Ok(())
}

/// Merge every rule document.
pub fn rules(plan: &mut Plan, content: &Content, base: &Provenance, drafts: Vec<RuleDraft>) -> anyhow::Result<()> {
    for draft in drafts {
        let id = draft.id.clone();
        if plan.provenance.rules.contains_key(&id) {
            anyhow::bail!("two sources make the rule `{id}`: give one of the recipes another id in sources.yaml");
        }
        let rule = content.rules.iter().find(|r| r.id == id && r.lang == content.config.default_language);
        let ours = rule.map(rule_node).transpose()?;
        let file = rule.map_or_else(|| content.root.join("rules").join(format!("{id}.md")), |r| r.path.clone());
        let merged = merge(base.rules.get(&id), ours.as_ref(), Some(&draft.node));
        plan.provenance.rules.insert(id, draft.node);
        let text = match merged.value {
            Some(mut m) if ours.as_ref() != Some(&m) => {
                let body = m.remove("body").and_then(|b| b.as_str().map(str::to_string)).unwrap_or_default();
                let typed: RuleMeta = from_node(&m).map_err(|e| invalid(&file, &e.message))?;
                Some(rule_text(&to_node(&typed)?, &body))
            }
            _ => None,
        };
        push(plan, file, ours.is_some(), text, merged.differences);
    }
    Ok(())
}

/// Whether a checkpoint file has comments besides its schema line.
fn has_comments(text: &str) -> bool {
    text.lines().skip(1).any(|l| l.trim_start().starts_with('#') || l.contains(" #"))
}

/// A rule document as one node: its front matter, and its text under `body`.
fn rule_node(rule: &Rule) -> anyhow::Result<Node> {
    let mut node = to_node(&rule.meta)?;
    node.set("body", Node::str(&rule.body));
    Ok(node)
}

fn invalid(file: &Path, message: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "merging the sources into `{}` gave an invalid record ({message}): fix the file by hand",
        file.display()
    )
}

/// Record a record's outcome, and its new text if it changes.
fn push(plan: &mut Plan, file: PathBuf, existed: bool, text: Option<String>, differences: Vec<Difference>) {
    let status = match (&text, existed) {
        (None, _) => "unchanged",
        (Some(_), true) => "updated",
        (Some(_), false) => "new",
    };
    if let Some(text) = text {
        plan.writes.push(PlannedWrite { path: file.clone(), bytes: text.into_bytes(), reason: status.to_string() });
    }
    plan.records.push(RecordOutcome { file, status, differences });
}

/// Add `path` to the plan when its new text differs from what is on disk.
pub fn file_if_changed(plan: &mut Plan, path: &Path, bytes: Vec<u8>, reason: &str) -> anyhow::Result<()> {
    let current = crate::fs::read_if_exists(path)?;
    if current.as_deref() != Some(bytes.as_slice()) {
        plan.writes.push(PlannedWrite { path: path.to_path_buf(), bytes, reason: reason.to_string() });
    }
    Ok(())
}
