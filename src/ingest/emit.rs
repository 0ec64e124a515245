//! Writing a [`Node`] as YAML text in the style editors write content: block mappings, short
//! lists of plain values in flow style (`[passenger, cargo]`), strings unquoted where YAML
//! reads them back unchanged, double-quoted otherwise, multi-line text as `|` blocks. Typed
//! records go in and out of nodes through that text ([`to_node`], [`from_node`]).

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::node::Node;
use crate::yaml;

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&inline(self))
    }
}

/// A typed value as a node, in its serialisation's field order.
pub fn to_node<T: Serialize>(value: &T) -> anyhow::Result<Node> {
    let text = yaml::to_string(value)?;
    yaml::from_str::<Node>(&text).map_err(|e| anyhow::anyhow!("cannot re-read serialised YAML: {}", e.message))
}

/// A node read as a typed value (which checks its shape).
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, yaml::YamlError> {
    yaml::from_str::<T>(&document(node))
}

/// Widest line a flow sequence may make before it is written as a block.
const FLOW_WIDTH: usize = 100;

/// A whole document (a mapping, usually), ending in a newline.
pub fn document(node: &Node) -> String {
    let mut out = String::new();
    match node {
        Node::Map(entries) if !entries.is_empty() => write_map(entries, 0, &mut out),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

/// A value on one line (flow style), for messages and flow sequences.
pub fn inline(node: &Node) -> String {
    match node {
        Node::Null => "null".to_string(),
        Node::Bool(b) => b.to_string(),
        Node::Num(n) => number(*n),
        Node::Str(s) => scalar(s, true),
        Node::Seq(items) => format!("[{}]", items.iter().map(inline).collect::<Vec<_>>().join(", ")),
        Node::Map(entries) => {
            let parts: Vec<String> =
                entries.iter().map(|(k, v)| format!("{}: {}", scalar(k, true), inline(v))).collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

fn write_map(entries: &[(String, Node)], indent: usize, out: &mut String) {
    for (key, value) in entries {
        if matches!(value, Node::Null) {
            continue;
        }
        out.push_str(&" ".repeat(indent));
        out.push_str(&scalar(key, false));
        out.push(':');
        write_value(value, indent, key.len() + indent + 2, out);
    }
}

/// Write `value` after `key:` at `indent`; `column` is where an inline value would start.
fn write_value(value: &Node, indent: usize, column: usize, out: &mut String) {
    match value {
        Node::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            write_map(entries, indent + 2, out);
        }
        Node::Seq(items) if !items.is_empty() && !fits_flow(items, column) => {
            out.push('\n');
            write_block_seq(items, indent + 2, out);
        }
        Node::Str(s) if s.contains('\n') && literal_ok(s) => {
            out.push_str(if s.ends_with('\n') { " |\n" } else { " |-\n" });
            for line in s.strip_suffix('\n').unwrap_or(s).split('\n') {
                if !line.is_empty() {
                    out.push_str(&" ".repeat(indent + 2));
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        other => {
            out.push(' ');
            out.push_str(&inline_block(other));
            out.push('\n');
        }
    }
}

fn write_block_seq(items: &[Node], indent: usize, out: &mut String) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push('-');
        match item {
            Node::Map(entries) if !entries.is_empty() => {
                let mut inner = String::new();
                write_map(entries, indent + 2, &mut inner);
                out.push(' ');
                out.push_str(inner.get(indent + 2..).unwrap_or(""));
            }
            other => write_value(other, indent, indent + 2, out),
        }
    }
}

fn fits_flow(items: &[Node], column: usize) -> bool {
    items.iter().all(|i| !i.is_collection() && !matches!(i, Node::Str(s) if s.contains('\n')))
        && column + inline(&Node::Seq(items.to_vec())).chars().count() <= FLOW_WIDTH
}

/// A scalar or empty collection written after `key: ` in block context.
fn inline_block(node: &Node) -> String {
    match node {
        Node::Str(s) => scalar(s, false),
        other => inline(other),
    }
}

fn number(n: f64) -> String {
    if n.is_finite() { format!("{n}") } else { ".nan".to_string() }
}

/// A string as a plain scalar when YAML reads that back as the same string, else double-quoted.
pub fn scalar(s: &str, in_flow: bool) -> String {
    if is_plain_safe(s, in_flow) { s.to_string() } else { double_quoted(s) }
}

fn is_plain_safe(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else { return false };
    let reserved = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"];
    s.trim() == s
        && !s.chars().any(|c| c.is_control())
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !s.contains(": ")
        && !s.ends_with(':')
        && !s.contains(" #")
        && !(in_flow && s.contains([',', '[', ']', '{', '}']))
        && !reserved.contains(&s.to_ascii_lowercase().as_str())
        && !looks_numeric(s)
}

fn looks_numeric(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    s.parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.trim_start_matches(['+', '-']).starts_with(".inf")
        || lower == ".nan"
        || s.trim_start_matches(['+', '-']).chars().all(|c| c.is_ascii_digit() || c == '_')
        || (s.contains(':') && s.chars().all(|c| c.is_ascii_digit() || c == ':'))
}

fn literal_ok(s: &str) -> bool {
    !s.starts_with([' ', '\n'])
        && !s.ends_with("\n\n")
        && !s.contains(['\r', '\t'])
        && !s.lines().any(|l| l.ends_with(' '))
        && !s.chars().any(|c| c.is_control() && c != '\n')
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    #[test]
    fn typed_values_round_trip() {
        let text = "name:\n  en: Dostyk\nborder: CN\nid: dostyk\n";
        let c: crate::content::Checkpoint = yaml::from_str(text).unwrap();
        let node = to_node(&c).unwrap();
        let Node::Map(entries) = &node else { panic!("map") };
        assert_eq!(entries[0].0, "id", "model order");
        let back: crate::content::Checkpoint = from_node(&node).unwrap();
        assert_eq!(back, c);
    }

    fn round_trip(node: &Node) -> Node {
        let text = document(node);
        yaml::from_str::<Node>(&text).unwrap_or_else(|e| panic!("{e:?} in\n{text}"))
    }

    #[test]
    fn writes_content_style() {
        let node = Node::Map(vec![
            ("id".into(), Node::str("dostyk")),
            ("name".into(), Node::Map(vec![("en".into(), Node::str("Dostyk"))])),
            ("aliases".into(), Node::strs(["Friendship", "Druzhba"])),
            (
                "sources".into(),
                Node::Seq(vec![Node::Map(vec![
                    ("source".into(), Node::str("equeue")),
                    ("retrieved".into(), Node::str("2026-11-25")),
                    ("supports".into(), Node::strs(["name", "border"])),
                ])]),
            ),
        ]);
        let expected = "id: dostyk\nname:\n  en: Dostyk\naliases: [Friendship, Druzhba]\nsources:\n  \
                        - source: equeue\n    retrieved: 2026-11-25\n    supports: [name, border]\n";
        assert_eq!(document(&node), expected);
        assert_eq!(round_trip(&node), node);
        let date = Node::Map(vec![("d".into(), Node::str("2026-11-25")), ("t".into(), Node::str("09:00"))]);
        assert_eq!(document(&date), "d: 2026-11-25\nt: \"09:00\"\n");
    }

    #[test]
    fn quotes_what_would_change_meaning() {
        let tricky = [
            "yes",
            "No",
            "0.5",
            "10000",
            "-x",
            "a: b",
            "a #b",
            "Tel.:",
            "",
            " lead",
            "x,y",
            "[x]",
            "\"q\"",
            "'q'",
            "tab\there",
            "null",
            "~",
            "24h",
            "Park \"T\"",
            "Нур Жолы",
            "2026-11-25",
            "a\\b",
            "line\u{7}",
            "09:00",
            "1_000",
            "-1",
            "+5",
        ];
        for s in tricky {
            let node = Node::Map(vec![("k".into(), Node::str(s)), ("l".into(), Node::strs([s, "x"]))]);
            assert_eq!(round_trip(&node), node, "{s:?}");
        }
    }

    #[test]
    fn writes_multi_line_text_as_a_block() {
        let body = "First line\n\n- item\n  indented: yes\n";
        let node = Node::Map(vec![("body".into(), Node::str(body)), ("n".into(), Node::Num(0.5))]);
        assert!(document(&node).starts_with("body: |\n  First line\n\n  - item\n"), "{}", document(&node));
        assert_eq!(round_trip(&node), node);
        let awkward = Node::Map(vec![("b".into(), Node::str(" x\ny \n"))]);
        assert_eq!(round_trip(&awkward), awkward);
    }

    #[test]
    fn long_lists_go_in_blocks() {
        let items: Vec<String> = (0..30).map(|i| format!("item number {i}")).collect();
        let node = Node::Map(vec![("items".into(), Node::strs(&items))]);
        assert!(document(&node).contains("\n  - item number 0\n"));
        assert_eq!(round_trip(&node), node);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::yaml;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_string_reads_back_unchanged(s in "\\PC*", t in any::<String>()) {
            let node = Node::Map(vec![("a".into(), Node::str(&s)), ("b".into(), Node::strs([&t, &s])), ("c".into(), Node::str(&t))]);
            let text = document(&node);
            let back = yaml::from_str::<Node>(&text);
            prop_assert!(back.as_ref().is_ok_and(|b| *b == node), "{:?}\n{}", back, text);
        }
    }
}
