//! The one module that knows the YAML crate: parsing with limits, positions, and worded errors.
//!
//! Everything else sees [`Spanned`], [`Pos`] and [`YamlError`], never `serde_saphyr` itself.

use std::fmt;
use std::ops::Deref;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Largest content file accepted, in bytes: far above any real record, far below trouble.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// A 1-based line and column in a source file (0 when not known).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Pos {
    /// A position not tied to the source (a value made by a program).
    pub const UNKNOWN: Pos = Pos { line: 0, column: 0 };

    /// The position `line`:`column`.
    pub fn new(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    /// This position moved down by `lines` (for YAML embedded after other text).
    pub fn below(self, lines: u32) -> Pos {
        if self.line == 0 { self } else { Pos { line: self.line + lines, ..self } }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line.max(1), self.column.max(1))
    }
}

/// A value with the position it was read from. Equality and serialisation ignore the position.
#[derive(Debug, Clone, Default)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where the value starts in its file.
    pub pos: Pos,
}

impl<T> Spanned<T> {
    /// A value with no source position (made by ingest, tests or defaults).
    pub fn new(value: T) -> Spanned<T> {
        Spanned { value, pos: Pos::UNKNOWN }
    }

    /// This value with its position moved down by `lines`.
    pub fn below(mut self, lines: u32) -> Spanned<T> {
        self.pos = self.pos.below(lines);
        self
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for Spanned<T> {}

impl<T: Ord> PartialOrd for Spanned<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Ordered by value alone, like equality, so spanned keys (of a map read from YAML) sort as
/// their text does.
impl<T: Ord> Ord for Spanned<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let inner = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let pos = Pos::new(
            u32::try_from(inner.referenced.line()).unwrap_or(u32::MAX),
            u32::try_from(inner.referenced.column()).unwrap_or(u32::MAX),
        );
        Ok(Spanned { value: inner.value, pos })
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

/// Why a YAML text could not be read into the expected shape.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// Where the problem is.
    pub pos: Pos,
    /// Stable notice code: `yaml_syntax`, `unknown_field`, `missing_field`, `invalid_value`,
    /// `invalid_type`, `duplicate_key` or `yaml_limit`.
    pub code: &'static str,
    /// The offending key or value, when the parser names one.
    pub subject: Option<String>,
    /// What is wrong, in the parser's words tidied up.
    pub message: String,
}

/// Parse one YAML document from `text` into `T`, with limits against hostile input.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 32,
            max_aliases: 100,
            max_anchors: 100,
            max_events: 200_000,
            max_nodes: 100_000,
            max_total_scalar_bytes: 4 * 1024 * 1024,
            max_documents: 1,
            max_merge_keys: 100,
        },
        with_snippet: false,
        reject_unsupported_tags: true,
        reject_tagged_field_names: true,
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|e| word_error(&e))
}

/// Write `value` as YAML text.
pub fn to_string<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_saphyr::to_string(value)?)
}

fn word_error(error: &serde_saphyr::Error) -> YamlError {
    let pos = error
        .location()
        .map(|l| Pos::new(u32::try_from(l.line()).unwrap_or(u32::MAX), u32::try_from(l.column()).unwrap_or(u32::MAX)))
        .unwrap_or(Pos::new(1, 1));
    let raw = strip_location(&error.without_snippet().to_string());
    let subject = first_backticked(&raw);
    let lower = raw.to_lowercase();
    let code = if lower.contains("unknown field") {
        "unknown_field"
    } else if lower.contains("missing field") {
        "missing_field"
    } else if lower.contains("unknown variant") {
        "invalid_value"
    } else if lower.contains("duplicate") {
        "duplicate_key"
    } else if lower.contains("budget") || lower.contains("limit") || lower.contains("exceed") {
        "yaml_limit"
    } else if lower.contains("invalid type") || lower.contains("expected") {
        "invalid_type"
    } else {
        "yaml_syntax"
    };
    YamlError { pos, code, subject, message: reword(&raw) }
}

/// Drop the " at line L, column C" suffix the parser adds; positions are reported apart.
fn strip_location(message: &str) -> String {
    let first = message.lines().next().unwrap_or("").trim();
    match first.rfind(" at line ") {
        Some(i) => first[..i].trim_end_matches(',').to_string(),
        None => first.to_string(),
    }
}

fn first_backticked(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

/// Replace parser phrasing that misleads editors (a list where a number was expected is not
/// "expected string scalar").
fn reword(message: &str) -> String {
    if message.contains("expected string scalar") || message.contains("expected a scalar") {
        return "expected a single value here, not a list or mapping".to_string();
    }
    if message.contains("expected mapping start") {
        return "expected a mapping here (indented `key: value` lines), not a single value or a list".to_string();
    }
    if message.contains("Documents {") {
        return "a content file holds one YAML document: remove the second `---` and what follows, or split it into its own file".to_string();
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Probe {
        id: Spanned<String>,
        #[serde(default)]
        lat: Option<Spanned<f64>>,
    }

    #[test]
    fn keeps_positions_of_values() {
        let p: Probe = from_str("id: abc\nlat:   95\n").unwrap();
        assert_eq!(p.id.pos, Pos::new(1, 5));
        assert_eq!(p.lat.unwrap().pos, Pos::new(2, 8));
    }

    #[test]
    fn names_unknown_field_and_its_position() {
        let e = from_str::<Probe>("id: abc\nlatitude: 4\n").unwrap_err();
        assert_eq!(e.code, "unknown_field");
        assert_eq!(e.subject.as_deref(), Some("latitude"));
        assert_eq!(e.pos.line, 2);
        assert!(!e.message.contains("at line"), "{}", e.message);
    }

    #[test]
    fn rejects_duplicate_keys() {
        let e = from_str::<Probe>("id: a\nid: b\n").unwrap_err();
        assert_eq!(e.code, "duplicate_key", "{e:?}");
        assert_eq!(e.pos.line, 2);
    }

    #[test]
    fn stops_alias_bombs() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
            bomb.push_str(&format!(
                "b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        bomb.push_str("id: x\n");
        let e = from_str::<Probe>(&bomb).unwrap_err();
        assert!(!e.message.is_empty());
    }

    #[test]
    fn stops_deep_nesting() {
        let deep = format!("id: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(from_str::<Probe>(&deep).is_err());
    }

    #[test]
    fn limits_depth_even_where_any_value_fits() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = from_str::<serde_json::Value>(&deep).unwrap_err();
        assert_eq!(e.code, "yaml_limit", "{e:?}");
        let block: String = (0..2000).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        assert_eq!(from_str::<serde_json::Value>(&block).unwrap_err().code, "yaml_limit");
    }

    #[test]
    fn rewords_list_where_value_expected() {
        let e = from_str::<Probe>("id: x\nlat: [1, 2]\n").unwrap_err();
        assert_eq!(e.pos.line, 2, "{e:?}");
        assert!(!e.message.contains("string scalar"), "{}", e.message);
    }

    #[test]
    fn refuses_application_tags() {
        let e = from_str::<Probe>("id: !!python/object:os.system x\n").unwrap_err();
        assert_eq!(e.pos.line, 1, "{e:?}");
    }

    #[test]
    fn keeps_positions_of_map_keys() {
        let map: std::collections::BTreeMap<Spanned<String>, String> = from_str("a: x\n\nbee: y\n").unwrap();
        let keys: Vec<(String, Pos)> = map.keys().map(|k| (k.value.clone(), k.pos)).collect();
        assert_eq!(keys, [("a".to_string(), Pos::new(1, 1)), ("bee".to_string(), Pos::new(3, 1))]);
    }

    #[test]
    fn accepts_a_byte_order_mark() {
        let p: Probe = from_str("\u{feff}id: abc\n").unwrap();
        assert_eq!(p.id.value, "abc");
    }
}
