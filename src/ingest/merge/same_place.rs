//! Checkpoints at one place: records on one border whose Kazakh names share their first name
//! (a road and a rail checkpoint, "Жайсан" and "Жайсан, Шынгырлау"; a station facing two
//! across the border, "Мамлютка" twice) are separate records, each listing the others in
//! `same_place`.

use std::collections::BTreeMap;

use crate::ingest::names;
use crate::ingest::node::Node;

/// What tells whether two records are at one place.
struct Placed<'a> {
    id: &'a str,
    border: Option<&'a str>,
    keys: Vec<String>,
}

/// The records each record shares its place with, by id (sorted), for records that have any.
pub fn links(records: &[(String, Node)]) -> BTreeMap<String, Vec<String>> {
    let placed: Vec<Placed> = records.iter().map(|(id, node)| placed(id, node)).collect();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in &placed {
        for b in placed.iter().filter(|b| b.id != a.id) {
            if at_one_place(a, b) {
                out.entry(a.id.to_string()).or_default().push(b.id.to_string());
            }
        }
    }
    out.values_mut().for_each(|ids| ids.sort());
    out
}

fn placed<'a>(id: &'a str, node: &'a Node) -> Placed<'a> {
    let names: Vec<&str> = match node.get("name") {
        Some(Node::Map(entries)) => entries.iter().filter_map(|(_, n)| n.as_str()).collect(),
        _ => Vec::new(),
    };
    // "Кайрак, Магнай": a row naming two points is at the first one's place.
    let keys = names.iter().map(|n| names::fold(n.split(", ").next().unwrap_or(n))).filter(|k| !k.is_empty()).collect();
    Placed { id, border: node.get("border").and_then(Node::as_str), keys }
}

fn at_one_place(a: &Placed, b: &Placed) -> bool {
    a.border.is_some() && a.border == b.border && a.keys.iter().any(|k| b.keys.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(yaml: &str) -> (String, Node) {
        let node: Node = crate::yaml::from_str(yaml).unwrap();
        (node.get("id").and_then(Node::as_str).unwrap_or_default().to_string(), node)
    }

    #[test]
    fn links_records_of_one_first_name_on_one_border() {
        let records = [
            record("{id: zhaysan, name: {ru: Жайсан}, border: RU, modes: {road: 'yes'}}"),
            record("{id: zhaysan-shyngyrlau, name: {ru: 'Жайсан, Шынгырлау'}, border: RU, modes: {rail: 'yes'}}"),
            record("{id: zhaysan-cn, name: {ru: Жайсан}, border: CN, modes: {rail: 'yes'}}"),
            record("{id: mamlyutka, name: {ru: Мамлютка}, border: RU, modes: {rail: 'yes'}}"),
            record("{id: mamlyutka-petukhovo, name: {ru: Мамлютка}, border: RU, modes: {rail: 'yes'}}"),
            record("{id: aksu-buskul, name: {ru: 'Аксу, Бускуль'}, border: RU, modes: {rail: 'yes'}}"),
            record("{id: buskul, name: {ru: Бускуль}, border: RU, modes: {rail: 'yes'}}"),
        ];
        let links = links(&records);
        assert_eq!(links.get("zhaysan"), Some(&vec!["zhaysan-shyngyrlau".to_string()]));
        assert_eq!(links.get("zhaysan-shyngyrlau"), Some(&vec!["zhaysan".to_string()]));
        assert_eq!(links.get("mamlyutka"), Some(&vec!["mamlyutka-petukhovo".to_string()]));
        assert_eq!(links.len(), 4, "another border, or a second name, is not one place: {links:?}");
    }
}
