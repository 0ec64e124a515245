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

    /// The position of byte `offset` in `text` (the end of `text` for an offset past it, the
    /// character it falls in for one inside a character).
    pub fn at_offset(text: &str, offset: usize) -> Pos {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Pos::new(u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX))
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

/// Serialise a string in double quotes, for values a YAML 1.1 reader would take for a number:
/// `09:00` and `+06:00` are base-60 integers there (540, 360). Use with
/// `#[serde(serialize_with = "crate::yaml::quoted")]`; other formats see a plain string.
pub fn quoted<S: Serializer>(value: &Spanned<String>, serializer: S) -> Result<S::Ok, S::Error> {
    serde_saphyr::DoubleQuoted(value.value.as_str()).serialize(serializer)
}

/// [`quoted`] for an optional value (skipped when absent, with `skip_serializing_if`).
pub fn quoted_option<S: Serializer>(value: &Option<Spanned<String>>, serializer: S) -> Result<S::Ok, S::Error> {
    value.as_ref().map(|v| serde_saphyr::DoubleQuoted(v.value.as_str())).serialize(serializer)
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
    /// The dotted path of keys to the entry (`location.lat`), when the entry was set aside to
    /// read on (see [`from_str_recovering`]).
    pub path: Option<String>,
    /// For a key given twice (`duplicate_key`), where it was first given, when that can be told.
    pub first: Option<Pos>,
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

/// The most problems [`from_str_recovering`] reports from one file.
const MAX_RECOVERED_ERRORS: usize = 64;

/// Parse `text` into `T` like [`from_str`], but on a misplaced or mistyped entry carry on: the
/// entry is set aside (its lines blanked, so positions stay put) and the rest parsed again, so
/// one run names every unknown key, wrong type and bad value in the file, in line order. The
/// value is what the rest of the file gives, when that is complete.
///
/// A syntax error, a limit or a missing field ends the search: nothing after it can be trusted
/// or mended by leaving an entry out. A missing field that only an entry set aside gave is not
/// reported again.
pub fn from_str_recovering<T: DeserializeOwned>(text: &str) -> (Option<T>, Vec<YamlError>) {
    let mut text = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
    let mut errors: Vec<YamlError> = Vec::new();
    let mut set_aside: Vec<String> = Vec::new();
    loop {
        let mut error = match from_str::<T>(&text) {
            Ok(value) => return (Some(value), sorted(errors)),
            Err(e) => e,
        };
        // A text that is not YAML at all has one problem, wherever the model's first complaint is.
        // A key given twice is a mistake in the shape like an unknown one: the rest is still read.
        if errors.is_empty() && set_aside.is_empty() {
            match from_str::<serde::de::IgnoredAny>(&text) {
                Err(syntax) if syntax.code == "yaml_syntax" => return (None, vec![syntax]),
                Err(other) if other.code != "duplicate_key" => return (None, vec![error]),
                _ => {}
            }
        }
        // A mapping whose only or required entry was set aside: set the mapping aside too,
        // without a second report.
        if error.code == "missing_field" && error.subject.as_ref().is_some_and(|s| set_aside.contains(s)) {
            match blank_entry(&text, error.pos) {
                Some((mended, key)) if set_aside.len() < MAX_RECOVERED_ERRORS => {
                    text = mended;
                    set_aside.extend(key);
                    continue;
                }
                _ => break,
            }
        }
        let seen = errors.iter().any(|e| e.pos == error.pos && e.code == error.code);
        let mendable = matches!(error.code, "unknown_field" | "invalid_value" | "invalid_type" | "duplicate_key");
        let mended =
            if mendable && !seen && errors.len() < MAX_RECOVERED_ERRORS { blank_entry(&text, error.pos) } else { None };
        if !seen && errors.len() < MAX_RECOVERED_ERRORS {
            error.path = mended.as_ref().and_then(|_| key_path(&text, error.pos));
            if error.code == "duplicate_key" {
                error.first = error.subject.as_deref().and_then(|key| first_given(&text, error.pos, key));
            }
            errors.push(error);
        }
        match mended {
            Some((mended, key)) => {
                text = mended;
                set_aside.extend(key);
            }
            None => break,
        }
    }
    (None, sorted(errors))
}

fn sorted(mut errors: Vec<YamlError>) -> Vec<YamlError> {
    errors.sort_by_key(|e| e.pos);
    errors
}

/// `text` with the entry at `pos` blanked with spaces (lines and columns of the rest kept),
/// and the entry's key if it has one; `None` when no entry can be told apart there.
///
/// In block style the entry is the `key: value` or `- item` the position falls in, with the
/// more indented lines under it; inside a flow collection (`[a, b]`, `{k: v}`) it is the one
/// element between commas.
fn blank_entry(text: &str, pos: Pos) -> Option<(String, Option<String>)> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let index = (pos.line as usize).checked_sub(1)?;
    let line: Vec<char> = lines.get(index)?.chars().collect();
    let at = (pos.column as usize).saturating_sub(1).min(line.len());
    if open_brackets(&line[..at]) > 0 {
        let (start, end) = flow_element(&line, at);
        let key = entry_key(&line[start..end]);
        let mut blanked = line.clone();
        blanked[start..end].iter_mut().for_each(|c| *c = ' ');
        lines[index] = blanked.into_iter().collect();
        return Some((lines.join("\n"), key));
    }
    let indent = line.iter().take_while(|c| **c == ' ').count();
    let rest: String = line[indent..].iter().collect();
    // Blank from the key when the entry is a mapping's (`- key: v` keeps the dash: the item's
    // other keys stay an item), else the whole `- item`.
    let (start, key) = match entry_key(&line[indent..]) {
        Some(key) if rest.starts_with("- ") => {
            let start = indent + 2 + rest[2..].chars().take_while(|c| *c == ' ').count();
            // The item keeps its dash only if it has other keys (lines at the key's column).
            let siblings = lines[index + 1..]
                .iter()
                .map(|l| (l.len() - l.trim_start_matches(' ').len(), l.trim_start_matches(' ')))
                .filter(|(_, t)| !t.is_empty() && !t.starts_with('#'))
                .take_while(|(depth, _)| *depth >= start)
                .any(|(depth, _)| depth == start);
            (if siblings { start } else { indent }, Some(key))
        }
        Some(key) => (indent, Some(key)),
        None if rest.starts_with('-') => (indent, None),
        None => return None,
    };
    if line.len() <= start {
        return None;
    }
    let mut blanked = line.clone();
    blanked[start..].iter_mut().for_each(|c| *c = ' ');
    lines[index] = blanked.into_iter().collect();
    let mut end = index + 1;
    for next in lines.iter_mut().skip(index + 1) {
        let trimmed = next.trim_start_matches(' ');
        let depth = next.len() - trimmed.len();
        let child = trimmed.is_empty()
            || trimmed.starts_with('#')
            || depth > start
            || (depth == start && key.is_some() && trimmed.starts_with("- "));
        if !child {
            break;
        }
        *next = " ".repeat(next.chars().count());
        end += 1;
    }
    keep_parent_a_collection(&mut lines, index, end, start == indent && key.is_none());
    if lines.iter().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        // Nothing left: an empty mapping, so that what the file lacks is still named.
        lines[index] = "{}".to_string();
    }
    Some((lines.join("\n"), key))
}

/// After lines `blanked` (start..end) were set aside: if they held the last entry under a
/// block key (`modes:`), write an empty collection after that key, so that it still reads as
/// an (empty) mapping or list rather than as nothing.
fn keep_parent_a_collection(lines: &mut [String], start: usize, end: usize, item: bool) {
    let depth_of = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let meaningful = |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let Some(parent) = (0..start).rev().find(|&i| meaningful(&lines[i])) else { return };
    let parent_depth = depth_of(&lines[parent]);
    let opens_block =
        lines[parent].trim_end().ends_with(':') && entry_key(&lines[parent].chars().collect::<Vec<_>>()).is_some();
    if !opens_block {
        return;
    }
    let children_left = lines[end..]
        .iter()
        .filter(|l| meaningful(l))
        .take_while(|l| {
            depth_of(l) > parent_depth || (item && depth_of(l) == parent_depth && l.trim_start().starts_with("- "))
        })
        .next()
        .is_some();
    if !children_left {
        let empty = if item { " []" } else { " {}" };
        let trimmed = lines[parent].trim_end().to_string();
        lines[parent] = trimmed + empty;
    }
}

/// The keys leading to the entry on `pos`'s line, outermost first (`location.lat`), judged by
/// indentation; flow collections and list positions are not part of it.
fn key_path(text: &str, pos: Pos) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let index = (pos.line as usize).checked_sub(1)?;
    // Where a line's key starts: after its indentation and a list item's dash.
    let key_column = |line: &str| {
        let trimmed = line.trim_start_matches(' ');
        let dash = trimmed.strip_prefix("- ").map_or(0, |rest| trimmed.len() - rest.trim_start().len());
        line.len() - trimmed.len() + dash
    };
    let line_key = |line: &str| entry_key(&line.chars().collect::<Vec<_>>());
    let own = lines.get(index)?;
    let mut column = key_column(own);
    let chars: Vec<char> = own.chars().collect();
    let at = (pos.column as usize).saturating_sub(1).min(chars.len());
    let in_flow = open_brackets(&chars[..at]) > 0;
    let element = in_flow.then(|| flow_element(&chars, at)).and_then(|(start, end)| entry_key(&chars[start..end]));
    let mut keys: Vec<String> = element.into_iter().chain(line_key(own)).collect();
    for line in lines[..index].iter().rev() {
        let trimmed = line.trim_start();
        if column == 0 {
            break;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || key_column(line) >= column {
            continue;
        }
        keys.extend(line_key(line));
        column = key_column(line);
    }
    keys.reverse();
    (!keys.is_empty()).then(|| keys.join("."))
}

/// Where the mapping that holds the key `key` at `pos` first gave it: the nearest line above
/// with the same key at the same column, within the same mapping (judged by indentation).
/// `None` inside a flow mapping, or when the first one cannot be found.
fn first_given(text: &str, pos: Pos, key: &str) -> Option<Pos> {
    let lines: Vec<&str> = text.split('\n').collect();
    let index = (pos.line as usize).checked_sub(1)?;
    let column = (pos.column as usize).checked_sub(1)?;
    let own: Vec<char> = lines.get(index)?.chars().collect();
    // In a flow mapping, or first in a list item (nothing of its mapping comes before it).
    let own_rest: String = own.iter().skip_while(|c| **c == ' ').collect();
    if open_brackets(&own[..column.min(own.len())]) > 0 || own_rest.starts_with("- ") {
        return None;
    }
    for (i, line) in lines[..index].iter().enumerate().rev() {
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        let rest: String = chars[indent..].iter().collect();
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        // A list item's first key sits after its dash: `- key:` at `column - 2`.
        let item = rest.strip_prefix("- ").map(|r| indent + 2 + r.chars().take_while(|c| *c == ' ').count());
        let key_column = item.unwrap_or(indent);
        if key_column == column && entry_key(&chars[indent..]).as_deref() == Some(key) {
            return Some(Pos::new(u32::try_from(i + 1).unwrap_or(u32::MAX), pos.column));
        }
        if key_column < column || (item.is_some() && key_column == column) {
            return None;
        }
    }
    None
}

/// How many `[` and `{` are open at the end of `prefix` (quotes not looked into).
fn open_brackets(prefix: &[char]) -> i32 {
    prefix.iter().fold(0, |depth, c| match c {
        '[' | '{' => depth + 1,
        ']' | '}' => depth - 1,
        _ => depth,
    })
}

/// The span of the flow element around `at`: after the previous `,`, `[` or `{`, up to the
/// next `,`, `]` or `}`.
fn flow_element(line: &[char], at: usize) -> (usize, usize) {
    let stop = |c: &char| matches!(c, ',' | '[' | ']' | '{' | '}');
    let start = line[..at].iter().rposition(stop).map_or(0, |i| i + 1);
    let end = line[at..].iter().position(stop).map_or(line.len(), |i| at + i);
    (start, end)
}

/// The key of an entry `key: value` (or `- key: value`), if `entry` starts with one.
fn entry_key(entry: &[char]) -> Option<String> {
    let text: String = entry.iter().collect();
    let text = text.trim_start().strip_prefix("- ").unwrap_or(text.trim_start()).trim_start();
    let (key, _) = text.split_once(':')?;
    let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
    let plain = !key.is_empty() && !key.contains(' ') && !key.starts_with(['#', '[', '{', '&', '*', '!', '|', '>']);
    plain.then(|| key.to_string())
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
    if let serde_saphyr::Error::DuplicateMappingKey { key, .. } = error.without_snippet() {
        let message = match key {
            Some(key) => format!("`{key}` is given twice"),
            None => "a key is given twice in this mapping".to_string(),
        };
        return YamlError { pos, code: "duplicate_key", subject: key.clone(), message, path: None, first: None };
    }
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
    } else if lower.contains("unexpected end") {
        "yaml_syntax"
    } else if lower.contains("invalid type")
        || lower.contains("expected")
        || lower.starts_with("invalid floating point")
        || lower.starts_with("invalid integer")
        || lower.starts_with("invalid bool")
    {
        "invalid_type"
    } else {
        "yaml_syntax"
    };
    YamlError { pos, code, subject, message: reword(&raw), path: None, first: None }
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
    if message.starts_with("invalid floating point") || message.starts_with("invalid integer") {
        return "expected a number here".to_string();
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

    #[test]
    fn an_offset_is_a_line_and_a_column_in_characters() {
        let text = "ab\nжзx\n";
        assert_eq!(Pos::at_offset(text, 0), Pos::new(1, 1));
        assert_eq!(Pos::at_offset(text, 3), Pos::new(2, 1));
        assert_eq!(Pos::at_offset(text, 7), Pos::new(2, 3), "after two two-byte letters");
        assert_eq!(Pos::at_offset(text, 4), Pos::new(2, 1), "inside a letter: the letter's own column");
        assert_eq!(Pos::at_offset(text, 99), Pos::new(3, 1), "past the end: the end");
    }

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
        assert_eq!(e.message, "`id` is given twice");
    }

    #[test]
    fn recovering_names_a_key_given_twice_where_it_was_first_given_and_reads_on() {
        let text = "id: a\nplace:\n  lat: 1\n  lat: 2\nplce: x\nsources:\n  - name: b\n    lat: 3\n    name: c\n  - name: d\nid: e\n";
        let (value, errors) = from_str_recovering::<Record>(text);
        let found: Vec<_> = errors.iter().map(|e| (e.pos, e.code, e.first)).collect();
        assert_eq!(
            found,
            [
                (Pos::new(4, 3), "duplicate_key", Some(Pos::new(3, 3))),
                (Pos::new(5, 1), "unknown_field", None),
                (Pos::new(9, 5), "duplicate_key", Some(Pos::new(7, 5))),
                (Pos::new(11, 1), "duplicate_key", Some(Pos::new(1, 1))),
            ]
        );
        let value = value.expect("the rest reads");
        assert_eq!(value.id, "a", "the first one is kept");
        assert_eq!(value.place, Some(Place { lat: Some(1.0), name: None }));
        assert_eq!(value.sources.len(), 2);
    }

    #[test]
    fn the_first_of_a_key_given_twice_is_looked_for_in_its_own_mapping_only() {
        assert_eq!(first_given("a:\n  k: 1\nb:\n  k: 2\n", Pos::new(4, 3), "k"), None);
        assert_eq!(first_given("- k: 1\n- k: 2\n", Pos::new(2, 3), "k"), None);
        assert_eq!(first_given("- k: 1\n  j: 0\n  k: 2\n", Pos::new(3, 3), "k"), Some(Pos::new(1, 3)));
        assert_eq!(first_given("m: {k: 1, k: 2}\n", Pos::new(1, 11), "k"), None);
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

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Record {
        id: String,
        #[serde(default)]
        place: Option<Place>,
        #[serde(default)]
        tags: Vec<Tag>,
        #[serde(default)]
        sources: Vec<Place>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Place {
        #[serde(default)]
        lat: Option<f64>,
        #[serde(default)]
        name: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Tag {
        Road,
        Rail,
    }

    fn problems(text: &str) -> Vec<(u32, &'static str, Option<String>)> {
        let (_, errors) = from_str_recovering::<Record>(text);
        errors.into_iter().map(|e| (e.pos.line, e.code, e.path)).collect()
    }

    #[test]
    fn recovering_names_every_mistake_in_line_order_and_reads_the_rest() {
        let text =
            "id: a\nplce: x\nplace:\n  lat: abc\n  nme: b\ntags: [road, raod]\nsources:\n  - lat: 1\n    nam: c\n";
        let (value, errors) = from_str_recovering::<Record>(text);
        let found: Vec<_> = errors.iter().map(|e| (e.pos.line, e.code, e.path.as_deref())).collect();
        assert_eq!(
            found,
            [
                (2, "unknown_field", Some("plce")),
                (4, "invalid_type", Some("place.lat")),
                (5, "unknown_field", Some("place.nme")),
                (6, "invalid_value", Some("tags")),
                (9, "unknown_field", Some("sources.nam")),
            ]
        );
        let value = value.expect("the rest of the file reads");
        assert_eq!(value.id, "a");
        assert_eq!(value.tags, [Tag::Road]);
        assert_eq!(value.sources, [Place { lat: Some(1.0), name: None }]);
    }

    #[test]
    fn recovering_keeps_an_emptied_mapping_a_mapping() {
        let (value, errors) = from_str_recovering::<Record>("id: a\nplace:\n  nme: b\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(value.expect("read").place, Some(Place { lat: None, name: None }));
    }

    #[test]
    fn recovering_reports_a_syntax_error_alone() {
        assert_eq!(problems("id: a\nplce: [\n"), [(2, "yaml_syntax", None)]);
    }

    #[test]
    fn recovering_reports_a_missing_field_the_editor_left_out() {
        assert_eq!(problems("plce: x\n"), [(1, "unknown_field", Some("plce".to_string())), (1, "missing_field", None)]);
    }

    #[test]
    fn recovering_a_valid_text_is_parsing_it() {
        let text = "id: a\ntags: [rail]\n";
        assert_eq!(from_str_recovering::<Record>(text), (Some(from_str::<Record>(text).unwrap()), Vec::new()));
    }

    #[test]
    fn recovering_is_bounded() {
        let text: String =
            std::iter::once("id: a\n".to_string()).chain((0..500).map(|i| format!("k{i}: x\n"))).collect();
        let (_, errors) = from_str_recovering::<Record>(&text);
        assert_eq!(errors.len(), MAX_RECOVERED_ERRORS);
    }
}
