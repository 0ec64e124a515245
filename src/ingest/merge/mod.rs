//! The three-way merge that keeps editors' work: for every field, *base* is what ingest wrote
//! last time (`snapshots/ingested.yaml`), *ours* is the file now, *theirs* is what the sources
//! say now.
//!
//! - ours = theirs: nothing to do;
//! - ours = base (not edited): take theirs, the source's update;
//! - theirs = base (the source did not change): keep ours, an editor's edit;
//! - all three differ: a conflict; keep ours and report it.
//!
//! An absent value takes part like any other, so a record ingest never wrote has no base and
//! a value an editor wrote before any ingest is kept (and reported if the source differs).
//! Aliases and `supports` are sets: what an editor added stays, what a source added is added,
//! what a source dropped goes unless an editor re-added it. `sources` entries are matched by
//! `source` (or `url`). Fields no source speaks of (coordinates, notes, `last_verified`) are
//! never touched.

pub mod combine;
pub mod coordinates;
pub mod geocode;
pub mod provenance;

use super::node::Node;

/// Paths whose sequences are merged as sets.
const SET_PATHS: &[&str] = &["aliases", "counterpart.aliases", "sources.supports"];

/// A difference between what the sources say and the record: an update or a conflict.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// The field's path, e.g. `hours.kind` or `sources[equeue].supports`.
    pub path: String,
    /// The record's value (`None`: absent).
    pub ours: Option<String>,
    /// The sources' value.
    pub theirs: Option<String>,
    /// True when both the editor and the source changed it: the editor's value is kept.
    pub conflict: bool,
}

/// A merged record and how it differs from the file.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The record to write (`None`: nothing).
    pub value: Option<Node>,
    /// Every field the sources changed, or that conflicts.
    pub differences: Vec<Difference>,
}

/// Merge one record.
pub fn merge(base: Option<&Node>, ours: Option<&Node>, theirs: Option<&Node>) -> Merged {
    let mut differences = Vec::new();
    let value = merge_at("", "", base, ours, theirs, &mut differences);
    Merged { value, differences }
}

fn merge_at(
    path: &str,
    shown: &str,
    b: Option<&Node>,
    o: Option<&Node>,
    t: Option<&Node>,
    out: &mut Vec<Difference>,
) -> Option<Node> {
    let is_map = |n: Option<&Node>| n.is_none() || matches!(n, Some(Node::Map(_)));
    if SET_PATHS.contains(&path) {
        return merge_set(shown, b, o, t, out);
    }
    if path == "sources" {
        return merge_sources(b, o, t, out);
    }
    if [b, o, t].iter().any(|n| matches!(n, Some(Node::Map(_)))) && [b, o, t].iter().all(|n| is_map(*n)) {
        return merge_map(path, shown, b, o, t, out);
    }
    leaf(shown, b, o, t, out)
}

fn leaf(shown: &str, b: Option<&Node>, o: Option<&Node>, t: Option<&Node>, out: &mut Vec<Difference>) -> Option<Node> {
    if o == t || t == b {
        return o.cloned();
    }
    let conflict = o != b;
    out.push(Difference {
        path: shown.to_string(),
        ours: o.map(Node::to_string),
        theirs: t.map(Node::to_string),
        conflict,
    });
    if conflict { o.cloned() } else { t.cloned() }
}

fn merge_map(
    path: &str,
    shown: &str,
    b: Option<&Node>,
    o: Option<&Node>,
    t: Option<&Node>,
    out: &mut Vec<Difference>,
) -> Option<Node> {
    let mut keys: Vec<String> = Vec::new();
    for node in [o, t, b].into_iter().flatten() {
        if let Node::Map(entries) = node {
            keys.extend(entries.iter().map(|(k, _)| k.clone()).filter(|k| !keys.contains(k)).collect::<Vec<_>>());
        }
    }
    fn get<'a>(n: Option<&'a Node>, k: &str) -> Option<&'a Node> {
        n.and_then(|n| n.get(k)).filter(|v| !matches!(v, Node::Null))
    }
    let mut entries = Vec::new();
    for key in keys {
        let sub = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        let sub_shown = if shown.is_empty() { key.clone() } else { format!("{shown}.{key}") };
        if let Some(v) = merge_at(&sub, &sub_shown, get(b, &key), get(o, &key), get(t, &key), out) {
            entries.push((key, v));
        }
    }
    // A map the merge empties goes; one the editor wrote empty stays.
    let written_empty = matches!(o, Some(Node::Map(e)) if e.is_empty());
    (!entries.is_empty() || written_empty).then_some(Node::Map(entries))
}

fn merge_set(
    shown: &str,
    b: Option<&Node>,
    o: Option<&Node>,
    t: Option<&Node>,
    out: &mut Vec<Difference>,
) -> Option<Node> {
    let items = |n: Option<&Node>| match n {
        Some(Node::Seq(v)) => v.clone(),
        _ => Vec::new(),
    };
    let (base, ours, theirs) = (items(b), items(o), items(t));
    let mut result: Vec<Node> = ours.iter().filter(|x| !base.contains(x) || theirs.contains(x)).cloned().collect();
    result.extend(theirs.iter().filter(|x| !ours.contains(x) && !base.contains(x)).cloned());
    let result = (!result.is_empty()).then_some(Node::Seq(result));
    if result.as_ref() != o {
        out.push(Difference {
            path: shown.to_string(),
            ours: o.map(Node::to_string),
            theirs: result.as_ref().map(Node::to_string),
            conflict: false,
        });
    }
    result
}

/// `sources` entries, keyed by `source` or `url`: the file's order, then new ones.
fn merge_sources(b: Option<&Node>, o: Option<&Node>, t: Option<&Node>, out: &mut Vec<Difference>) -> Option<Node> {
    let entries = |n: Option<&Node>| match n {
        Some(Node::Seq(v)) => v.clone(),
        _ => Vec::new(),
    };
    let key = |n: &Node| n.get("source").or_else(|| n.get("url")).map(Node::to_string).unwrap_or_default();
    let (base, ours, theirs) = (entries(b), entries(o), entries(t));
    let mut keys: Vec<String> = ours.iter().map(key).collect();
    keys.extend(theirs.iter().map(key).filter(|k| !keys.contains(k)).collect::<Vec<_>>());
    let find = |list: &[Node], k: &str| list.iter().find(|n| key(n) == k).cloned();
    let mut result = Vec::new();
    for k in keys {
        let (eb, eo, et) = (find(&base, &k), find(&ours, &k), find(&theirs, &k));
        if et.is_none() && eb.is_some() && eo == eb {
            out.push(Difference {
                path: format!("sources[{k}]"),
                ours: eo.as_ref().map(Node::to_string),
                theirs: None,
                conflict: false,
            });
            continue;
        }
        if let Some(v) = merge_map("sources", &format!("sources[{k}]"), eb.as_ref(), eo.as_ref(), et.as_ref(), out) {
            result.push(v);
        }
    }
    (!result.is_empty()).then_some(Node::Seq(result))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn n(text: &str) -> Option<Node> {
        (!text.is_empty()).then(|| yaml::from_str::<Node>(text).unwrap())
    }

    fn run(b: &str, o: &str, t: &str) -> (String, Vec<Difference>) {
        let m = merge(n(b).as_ref(), n(o).as_ref(), n(t).as_ref());
        (m.value.map(|v| v.to_string()).unwrap_or_default(), m.differences)
    }

    #[test]
    fn takes_updates_keeps_edits_and_reports_conflicts() {
        let (v, d) = run("{hours: daytime, notes: x}", "{hours: daytime, notes: x, lat: 44}", "{hours: 24h, notes: x}");
        assert_eq!(v, "{hours: 24h, notes: x, lat: 44}");
        assert_eq!(d.len(), 1);
        assert!(!d[0].conflict);
        let (v, d) = run("{hours: daytime}", "{hours: schedule}", "{hours: daytime}");
        assert_eq!((v.as_str(), d.len()), ("{hours: schedule}", 0));
        let (v, d) = run("{hours: daytime}", "{hours: schedule}", "{hours: 24h}");
        assert_eq!(v, "{hours: schedule}");
        assert!(d[0].conflict && d[0].path == "hours");
    }

    #[test]
    fn a_map_whose_every_field_the_source_dropped_goes() {
        let (v, d) = run("{hours: {kind: daytime}, id: x}", "{hours: {kind: daytime}, id: x}", "{id: x}");
        assert_eq!(v, "{id: x}", "no empty `hours: {{}}` is left behind");
        assert_eq!(d.len(), 1);
        let (v, _) = run("{id: x}", "{hours: {}, id: x}", "{id: x}");
        assert_eq!(v, "{hours: {}, id: x}", "an editor's own empty map stays");
    }

    #[test]
    fn without_a_base_editors_values_win() {
        let (v, d) = run("", "{a: {b: mine}}", "{a: {b: theirs, c: new}}");
        assert_eq!(v, "{a: {b: mine, c: new}}");
        assert_eq!(d.iter().filter(|d| d.conflict).count(), 1);
    }

    #[test]
    fn merges_aliases_as_sets() {
        let (v, _) = run("{aliases: [A, B]}", "{aliases: [A, B, Mine]}", "{aliases: [A, New]}");
        assert_eq!(v, "{aliases: [A, Mine, New]}");
        let (v, _) = run("{aliases: [A]}", "{}", "{aliases: [A]}");
        assert_eq!(v, "{}", "an alias the editor removed stays removed");
    }

    #[test]
    fn merges_sources_by_id_keeping_editors_entries() {
        let b = "{sources: [{source: s, supports: [name]}]}";
        let o = "{sources: [{url: 'https://x.org', retrieved: 2026-01-01}, {source: s, supports: [name, applies_to]}]}";
        let t = "{sources: [{source: s, supports: [name, hours]}, {source: q, supports: [name]}]}";
        let (v, _) = run(b, o, t);
        assert_eq!(
            v,
            "{sources: [{url: https://x.org, retrieved: 2026-01-01}, {source: s, supports: [name, applies_to, hours]}, {source: q, supports: [name]}]}"
        );
    }
}
