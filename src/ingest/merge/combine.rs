//! What the sources say about one record, combined: the first source (in `sources.yaml` order)
//! gives a value, later ones add to lists (aliases, modes, traffic) and are reported where they
//! disagree. Each source is listed with the fields it supports.

use crate::ingest::extract::candidate::Candidate;
use crate::ingest::names;
use crate::ingest::node::Node;

/// Paths whose values are sets: the sources' values are joined.
const UNION_PATHS: &[&str] = &["aliases", "counterpart.aliases", "contacts"];

/// Facts one source states whole, its words beside its normalised value: never pieced
/// together from two sources (one's kind with another's words).
const WHOLE_PATHS: &[&str] = &["hours", "classification", "status"];

/// Two sources giving different values for one field.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// The record.
    pub id: String,
    /// The field.
    pub path: String,
    /// The value kept, from the first source.
    pub kept: String,
    /// The other value and its source.
    pub other: String,
    /// The other value, in the source's words where it gives them.
    pub value: String,
    /// The other source: its id, or its page's address.
    pub source: String,
}

/// The record the sources make of `candidates` (in source order), with its `sources` list.
pub fn combine(
    id: &str,
    candidates: &[&Candidate],
    retrieved: &dyn Fn(&str) -> Option<String>,
) -> anyhow::Result<(Node, Vec<Disagreement>)> {
    let mut acc = Node::Map(vec![("id".into(), Node::str(id))]);
    let mut disagreements = Vec::new();
    for c in candidates {
        let part = c.to_node()?;
        let source = c.cite.as_ref().map_or(c.source.as_str(), |p| p.url.as_str());
        join(&mut acc, part, "", source, id, &mut disagreements);
    }
    tidy_aliases(&mut acc);
    let also: Vec<Node> = disagreements
        .iter()
        .filter(|d| !d.path.starts_with("location"))
        .map(|d| {
            Node::Map(vec![
                ("field".into(), Node::str(&d.path)),
                ("value".into(), Node::str(&d.value)),
                ("source".into(), Node::str(&d.source)),
            ])
        })
        .collect();
    if !also.is_empty() {
        acc.set("also_stated", Node::Seq(also));
    }
    let sources = source_entries(&acc, candidates, retrieved);
    acc.set("sources", Node::Seq(sources));
    Ok((acc, disagreements))
}

/// One `sources` entry per source, with the fields its candidates support.
fn source_entries(record: &Node, candidates: &[&Candidate], retrieved: &dyn Fn(&str) -> Option<String>) -> Vec<Node> {
    let mut sources: Vec<Node> = Vec::new();
    for c in candidates {
        let part = c.to_node().unwrap_or(Node::Null);
        let kept = |f: &String| match f.as_str() {
            "aliases" => c.aliases.iter().any(|a| kept_alias(record, a)),
            "name" | "border" | "counterpart" | "location" | "contacts" => true,
            path => part.at(path) == record.at(path),
        };
        let supports = c.supports().into_iter().filter(kept);
        let key = |s: &Node| s.get("url").or_else(|| s.get("source")).and_then(Node::as_str).map(str::to_string);
        let own = c.cite.as_ref().map_or(c.source.clone(), |p| p.url.clone());
        match sources.iter_mut().find(|s| key(s).as_deref() == Some(own.as_str())) {
            Some(entry) => {
                let mut all: Vec<String> = entry.get("supports").map(strings).unwrap_or_default();
                all.extend(supports);
                entry.set("supports", Node::strs(canonical(all)));
            }
            None => {
                let mut entry = match &c.cite {
                    Some(page) => page.entry(),
                    None => Node::Map(vec![("source".into(), Node::str(&c.source))]),
                };
                if let (None, Some(date)) = (&c.cite, retrieved(&c.source)) {
                    entry.set("retrieved", Node::str(date));
                }
                entry.set("supports", Node::strs(canonical(supports.collect())));
                sources.push(entry);
            }
        }
    }
    sources
}

fn join(acc: &mut Node, part: Node, path: &str, source: &str, id: &str, out: &mut Vec<Disagreement>) {
    let Node::Map(entries) = part else { return };
    for (key, value) in entries {
        let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        match acc.get(&key).cloned() {
            None => acc.set(&key, value),
            Some(Node::Seq(mut have)) if UNION_PATHS.contains(&here.as_str()) => {
                if let Node::Seq(new) = value {
                    new.into_iter()
                        .filter(|v| !have.contains(v))
                        .collect::<Vec<_>>()
                        .into_iter()
                        .for_each(|v| have.push(v));
                }
                acc.set(&key, Node::Seq(have));
            }
            Some(mut have @ Node::Map(_)) if matches!(value, Node::Map(_)) && !WHOLE_PATHS.contains(&here.as_str()) => {
                let value = if here == "name" || here == "counterpart.name" {
                    spellings_to_aliases(acc, &have, value)
                } else {
                    value
                };
                join(&mut have, value, &here, source, id, out);
                acc.set(&key, have);
            }
            Some(have) if have != value => out.push(Disagreement {
                id: id.to_string(),
                path: here,
                kept: have.to_string(),
                other: format!("{value} ({source})"),
                value: in_words(&value),
                source: source.to_string(),
            }),
            Some(_) => {}
        }
    }
}

/// A value as a page shows it: a fact's own words (`source_text`) where it has them, else its
/// state or kind, else the value itself.
fn in_words(value: &Node) -> String {
    let part = |k: &str| value.get(k).and_then(Node::as_str).map(str::to_string);
    if let Some(state) = part("state") {
        // A state and its dates, in codes pages word in their language: `closed 2020-04-04..`.
        let (since, until) = (part("since").unwrap_or_default(), part("until").unwrap_or_default());
        return if since.is_empty() && until.is_empty() { state } else { format!("{state} {since}..{until}") };
    }
    match part("source_text").or_else(|| part("kind")) {
        Some(words) => words,
        None => value.as_str().map_or_else(|| value.to_string(), str::to_string),
    }
}

/// A later source's name in a language the record already has a name in is another spelling,
/// not a disagreement: it goes to the aliases of `holder` (the record, or its counterpart), and
/// what is left of `names` is returned.
fn spellings_to_aliases(holder: &mut Node, have: &Node, names: Node) -> Node {
    let Node::Map(entries) = names else { return names };
    let mut aliases = match holder.get("aliases") {
        Some(Node::Seq(items)) => items.clone(),
        _ => Vec::new(),
    };
    let mut rest = Vec::new();
    for (lang, name) in entries {
        match have.get(&lang) {
            Some(kept) if *kept != name => {
                if !aliases.contains(&name) {
                    aliases.push(name);
                }
            }
            _ => rest.push((lang, name)),
        }
    }
    if !aliases.is_empty() {
        holder.set("aliases", Node::Seq(aliases));
    }
    Node::Map(rest)
}

/// Drop aliases that repeat a name (or another alias), ignoring case.
fn tidy_aliases(record: &mut Node) {
    for (names_path, aliases_key, holder) in
        [("name", "aliases", None), ("counterpart.name", "aliases", Some("counterpart"))]
    {
        let taken: Vec<String> = record
            .at(names_path)
            .map(|n| match n {
                Node::Map(e) => e.iter().filter_map(|(_, v)| v.as_str().map(str::to_string)).collect(),
                _ => Vec::new(),
            })
            .unwrap_or_default();
        let target = match holder {
            Some(h) => match record.get(h).cloned() {
                Some(node) => node,
                None => continue,
            },
            None => record.clone(),
        };
        let mut kept: Vec<String> = Vec::new();
        for a in target.get(aliases_key).map(strings).unwrap_or_default() {
            if !taken.iter().chain(&kept).any(|t| names::same(t, &a)) {
                kept.push(a);
            }
        }
        let mut target = target;
        if kept.is_empty() {
            target.remove(aliases_key);
        } else {
            target.set(aliases_key, Node::strs(kept));
        }
        match holder {
            Some(h) => record.set(h, target),
            None => *record = target,
        }
    }
}

fn kept_alias(record: &Node, alias: &str) -> bool {
    record.get("aliases").map(strings).unwrap_or_default().iter().any(|a| a == alias)
}

/// The strings of a sequence node.
pub fn strings(node: &Node) -> Vec<String> {
    match node {
        Node::Seq(items) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// Field paths in the model's order, without repeats.
fn canonical(mut fields: Vec<String>) -> Vec<String> {
    let order = crate::content::supportable_fields();
    fields.sort_by_key(|f| order.iter().position(|o| o == f).unwrap_or(order.len()));
    fields.dedup();
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::recipe::Lang;
    use crate::content::{Border, Fact, Facts, Mode, Traffic};

    #[test]
    fn joins_two_sources_and_lists_both() {
        let seed = Candidate {
            source: "seed".into(),
            name: vec![(Lang::En, "Maykapchagay".into())],
            border: Some(Border::CN),
            counterpart: vec![(Lang::En, "Zimunai".into())],
            traffic: Facts::from_pairs([(Traffic::Passenger, Fact::Yes), (Traffic::Cargo, Fact::Yes)]),
            ..Candidate::default()
        };
        let mut queue = Candidate {
            source: "queue".into(),
            name: vec![(Lang::Ru, "Майкапчагай".into())],
            border: Some(Border::CN),
            counterpart: vec![(Lang::Ru, "Зимунай".into())],
            modes: Facts::from_pairs([(Mode::Road, Fact::Yes)]),
            traffic: Facts::from_pairs([(Traffic::Cargo, Fact::Yes)]),
            ..Candidate::default()
        };
        queue.add_romanised_aliases();
        let (node, disagreements) = combine("maykapchagay", &[&seed, &queue], &|_| Some("2026-01-01".into())).unwrap();
        assert!(disagreements.is_empty(), "{disagreements:?}");
        assert_eq!(node.at("name").unwrap().to_string(), "{en: Maykapchagay, ru: Майкапчагай}");
        assert_eq!(node.get("aliases"), None, "the romanisation repeats the English name");
        assert_eq!(node.at("counterpart.aliases").unwrap().to_string(), "[Zimunay]");
        assert_eq!(node.get("traffic").unwrap().to_string(), r#"{passenger: "yes", cargo: "yes"}"#);
        let sources = node.get("sources").unwrap().to_string();
        assert!(
            sources.contains(
                "{source: queue, retrieved: 2026-01-01, supports: [name, border, counterpart, modes.road, traffic.cargo]}"
            ),
            "{sources}"
        );
    }
}
