//! What matching works on and makes: the records candidates can match ([`Entry`], [`pool`]),
//! which candidates make which record ([`Assignment`]), and what an editor must look at
//! ([`Unresolved`]). [`matching`](super::matching) and [`spelling`](super::spelling) share them.

use std::collections::BTreeMap;

use crate::content::{Border, Checkpoint, Mode, Record};

use crate::ingest::names;
use crate::ingest::node::Node;

/// A record candidates can match: from content, from the last ingest, or made in this run.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The record's id.
    pub id: String,
    /// Its border, if known.
    pub border: Option<Border>,
    /// Keys of the Kazakh side's names and aliases.
    pub names: Vec<String>,
    /// Keys of the counterpart's names and aliases.
    pub counterparts: Vec<String>,
    /// Languages it has a name in.
    pub langs: Vec<&'static str>,
    /// Modes a source or editor states it has.
    pub modes: Vec<Mode>,
    /// Its region's code, if known.
    pub region: Option<String>,
    /// Keys of the names its file gives, per language (none for a record made in this run).
    pub named: Vec<(&'static str, String)>,
    /// How to show it in reports: "kurmangazy (Курмангазы – Караузек)".
    pub label: String,
    /// True when an editor deleted its file after an earlier ingest made it.
    pub deleted: bool,
}

/// What matching found that an editor must look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// The source's id.
    pub source: String,
    /// The source's wording of the entry.
    pub label: String,
    /// `ambiguous` or `unmatched`.
    pub kind: &'static str,
    /// What was found.
    pub message: String,
    /// What an editor can do.
    pub hint: String,
}

/// Which candidates make which record.
#[derive(Debug, Default)]
pub struct Assignment {
    /// Record id → indices of its candidates, in source order.
    pub records: BTreeMap<String, Vec<usize>>,
    /// Ids of records this run creates.
    pub created: Vec<String>,
    /// Candidates not assigned, and why.
    pub unresolved: Vec<Unresolved>,
    /// Ids of records matched that an editor deleted (not recreated).
    pub deleted: Vec<String>,
    /// Candidates matched to a record by another spelling of its name (`spelling_variant`).
    pub spellings: Vec<Unresolved>,
}

/// The records in content, and those the last ingest wrote that are gone from it.
pub fn pool(checkpoints: &[Record<Checkpoint>], base: &BTreeMap<String, Node>) -> Vec<Entry> {
    let mut out: Vec<Entry> = checkpoints.iter().map(|r| entry_of_checkpoint(&r.data)).collect();
    for (id, node) in base {
        if !out.iter().any(|e| &e.id == id)
            && let Ok(data) = crate::ingest::emit::from_node::<Checkpoint>(node)
        {
            out.push(Entry { deleted: true, ..entry_of_checkpoint(&data) });
        }
    }
    out
}

fn entry_of_checkpoint(c: &Checkpoint) -> Entry {
    let names_given: Vec<&str> =
        c.name.all().map(|(_, n)| n).chain(c.aliases.iter().map(|a| a.value.as_str())).collect();
    let cp = c.counterpart.as_ref();
    let cp_names: Vec<&str> =
        cp.and_then(|p| p.name.as_ref()).map(|n| n.all().map(|(_, t)| t).collect()).unwrap_or_default();
    let cp_aliases = cp.map(|p| p.aliases.iter().map(String::as_str).collect::<Vec<_>>()).unwrap_or_default();
    let label =
        format!("{} ({} – {})", c.id.value, names_given.first().unwrap_or(&"?"), cp_names.first().unwrap_or(&"?"));
    Entry {
        id: c.id.value.clone(),
        border: c.border.as_ref().map(|b| b.value),
        names: names_given.iter().flat_map(|n| names::keys(n)).collect(),
        langs: c.name.all().map(|(l, _)| l).collect(),
        modes: c.modes.yes().collect(),
        counterparts: cp_names.iter().chain(&cp_aliases).flat_map(|n| names::keys(n)).collect(),
        region: c.location.as_ref().and_then(|l| l.region.as_ref()).map(|r| r.value.clone()),
        named: c.name.all().map(|(l, n)| (l, names::fold(n))).collect(),
        label,
        deleted: false,
    }
}
