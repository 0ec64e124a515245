//! Customs allowances from list entries: "Up to 3 liters of alcohol (plus two more with duty
//! paid);" → item Alcohol, amount 3, unit l, condition "plus two more with duty paid".
//!
//! An entry naming two amounts joined by "or" gives two allowances. Money is recognised by a
//! currency sign ($, €, ₽); units by litres, kilograms and otherwise pieces.

use crate::content::Direction;

use crate::ingest::emit::to_node;
use crate::ingest::names::clean_item;
use crate::ingest::names::collapse;
use crate::ingest::names::split_parenthesis;
use crate::ingest::node::Node;

/// The allowances of one list entry, as rule front-matter values.
pub fn parse(entry: &str, direction: Direction) -> Vec<Node> {
    let source_text = collapse(entry);
    let (text, condition) = split_parenthesis(&clean_item(entry));
    let parts: Vec<&str> = text.split(" or ").collect();
    let split = parts.len() > 1 && parts.iter().all(|p| p.chars().any(|c| c.is_ascii_digit()));
    let pieces: Vec<&str> = if split { parts } else { vec![text.as_str()] };
    pieces.iter().map(|p| one(p, direction, condition.as_deref(), &source_text)).collect()
}

fn one(text: &str, direction: Direction, condition: Option<&str>, source_text: &str) -> Node {
    let mut node = Node::Map(Vec::new());
    let (item, amount, unit, currency) = match money(text) {
        Some((amount, currency)) => (money_item(text), Some(amount), None, Some(currency)),
        None => match quantity(text) {
            Some((amount, unit, item)) => (item, Some(amount), Some(unit), None),
            None => (text.to_string(), None, None, None),
        },
    };
    node.set("item", Node::str(capitalise(&item)));
    node.set("direction", to_node(&direction).unwrap_or(Node::Null));
    if let Some(a) = amount {
        node.set("amount", Node::Num(a));
    }
    if let Some(u) = unit {
        node.set("unit", Node::str(u));
    }
    if let Some(c) = currency {
        node.set("currency", Node::str(c));
    }
    if let Some(c) = condition {
        node.set("condition", Node::str(c));
    }
    node.set("source_text", Node::str(source_text));
    node
}

/// "$10,000" → (10000, USD).
fn money(text: &str) -> Option<(f64, &'static str)> {
    let (at, currency) = [('$', "USD"), ('€', "EUR"), ('₽', "RUB")]
        .into_iter()
        .find_map(|(sign, code)| text.find(sign).map(|i| (i + sign.len_utf8(), code)))?;
    number_at(&text[at..]).map(|(n, _)| (n, currency))
}

/// The words before the first "in", "with", "for", "worth": "Cash in banknotes ..." → "Cash".
fn money_item(text: &str) -> String {
    let cut =
        [" in ", " with ", " for ", " worth ", " of "].iter().filter_map(|w| text.find(w)).min().unwrap_or(text.len());
    text[..cut].trim().to_string()
}

/// "Up to 3 liters of alcohol" → (3, "l", "alcohol"); "Up to 1000 cigarettes" → (1000, "pieces", "cigarettes").
fn quantity(text: &str) -> Option<(f64, String, String)> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let (amount, len) = number_at(&text[start..])?;
    let rest = text[start + len..].trim();
    let (first, after) = rest.split_once(' ').unwrap_or((rest, ""));
    let unit = match first.to_lowercase().as_str() {
        "l" | "liter" | "liters" | "litre" | "litres" | "л" => "l",
        "kg" | "kilograms" | "kilogram" | "кг" => "kg",
        _ => return Some((amount, "pieces".to_string(), rest.to_string())),
    };
    let item = after.strip_prefix("of ").unwrap_or(after).trim();
    Some((amount, unit.to_string(), item.to_string()))
}

/// The number at the start of `text` ("10,000", "0.5") and its length in bytes.
fn number_at(text: &str) -> Option<(f64, usize)> {
    let len = text.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(text.len());
    let digits = text[..len].trim_end_matches([',', '.']);
    let value = digits.replace(',', "").parse::<f64>().ok()?;
    Some((value, digits.len()))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(entry: &str) -> String {
        let items = parse(entry, Direction::Import);
        if items.len() == 1 { items[0].to_string() } else { Node::Seq(items).to_string() }
    }

    #[test]
    fn reads_amounts_units_and_currencies() {
        assert_eq!(
            show("Up to 1000 cigarettes;"),
            "{item: Cigarettes, direction: import, amount: 1000, unit: pieces, source_text: Up to 1000 cigarettes;}"
        );
        let cash = show("Cash in banknotes of any currency or checks for no more than the equivalent of $10,000;");
        assert!(
            cash.starts_with("{item: Cash, direction: import, amount: 10000, currency: USD, source_text: "),
            "{cash}"
        );
        assert!(
            show("Up to 3 liters of alcohol (plus two more with duty paid);").contains(
                "item: Alcohol, direction: import, amount: 3, unit: l, condition: plus two more with duty paid"
            )
        );
    }

    #[test]
    fn two_amounts_make_two_allowances() {
        let out = show("Up to 100 liters of gasoline or 150 liters of diesel fuel (for drivers of personal vehicles).");
        assert!(
            out.starts_with("[{item: Gasoline, direction: import, amount: 100, unit: l, condition: for drivers"),
            "{out}"
        );
        assert!(out.contains("{item: Diesel fuel, direction: import, amount: 150, unit: l"), "{out}");
    }
}
