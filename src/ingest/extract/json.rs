//! Reading checkpoints out of a JSON document by recipe: an official register's API answer.
//!
//! A path is dot-separated: object keys, array indices, and `*` for every member of an object
//! or item of an array (`data.federal_districts.*.*.checkpoints.*`). Each field's value goes
//! through the reader a table cell of that kind goes through (mode and class wording, the hours
//! reader), so the register and the pages speak one vocabulary.

use anyhow::bail;
use serde_json::Value;

use super::candidate::Candidate;
use crate::content::recipe::{JsonField, JsonRecipe, Side};
use crate::content::{Evidence, Fact, Reference, Status, StatusState};
use crate::ingest::sources::RecipeAt;
use crate::yaml::Spanned;

/// The largest document read: a register of a country's checkpoints is a few megabytes.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// Parse `bytes` as JSON, refusing a document over `limit` bytes; a syntax error names its
/// byte offset. serde_json's nesting limit (128) stops a deeply nested document.
pub fn parse(bytes: &[u8], limit: usize) -> anyhow::Result<Value> {
    if bytes.len() > limit {
        bail!("the document is {} bytes, over the limit of {limit}: it cannot be a register", bytes.len());
    }
    serde_json::from_slice(bytes).map_err(|e| {
        let offset = byte_offset(bytes, e.line(), e.column());
        anyhow::anyhow!("malformed JSON at byte {offset} (line {}, column {}): {e}", e.line(), e.column())
    })
}

/// The byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn byte_offset(bytes: &[u8], line: usize, column: usize) -> usize {
    let start: usize = bytes.split(|b| *b == b'\n').take(line.saturating_sub(1)).map(|l| l.len() + 1).sum();
    (start + column.saturating_sub(1)).min(bytes.len())
}

/// Every value at `path` under `value`, with its concrete path.
pub fn select<'a>(value: &'a Value, path: &str) -> Vec<(String, &'a Value)> {
    let mut at = vec![(String::new(), value)];
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let mut next = Vec::new();
        for (here, v) in at {
            let join = |key: &str| if here.is_empty() { key.to_string() } else { format!("{here}.{key}") };
            match (v, segment) {
                (Value::Object(map), "*") => next.extend(map.iter().map(|(k, v)| (join(k), v))),
                (Value::Array(items), "*") => {
                    next.extend(items.iter().enumerate().map(|(i, v)| (join(&i.to_string()), v)))
                }
                (Value::Object(map), key) => next.extend(map.get(key).map(|v| (join(key), v))),
                (Value::Array(items), index) => {
                    next.extend(index.parse::<usize>().ok().and_then(|i| items.get(i)).map(|v| (join(index), v)));
                }
                _ => {}
            }
        }
        at = next;
    }
    at
}

/// A scalar's text: a string as it is, a number or boolean written out; nothing for null,
/// an empty string, an object or an array.
pub fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The text at `path` within `record` (the first match).
fn text_at(record: &Value, path: &str) -> Option<String> {
    select(record, path).into_iter().find_map(|(_, v)| scalar(v))
}

/// Candidates from a JSON document by its recipe.
pub fn candidates(
    document: &Value,
    recipe: &JsonRecipe,
    at: RecipeAt,
    reference: &Reference,
) -> anyhow::Result<Vec<Candidate>> {
    let records = select(document, &recipe.records);
    if records.is_empty() {
        return Err(at.error(recipe.records.pos, format!("`{}` matches nothing in the document", *recipe.records)));
    }
    let wanted = filters(document, recipe, at)?;
    let mut out = Vec::new();
    for (path, record) in records {
        if !wanted.iter().all(|(p, values)| text_at(record, p).is_some_and(|v| values.contains(&v))) {
            continue;
        }
        out.push(record_candidate(record, &path, recipe, at, reference)?);
    }
    if out.is_empty() {
        let pos = recipe.filter.first().map_or(recipe.records.pos, |f| f.path.pos);
        return Err(at.error(pos, "no record passes the filter: the document or the recipe changed"));
    }
    Ok(out)
}

/// Each filter's path and the values it accepts.
fn filters(document: &Value, recipe: &JsonRecipe, at: RecipeAt) -> anyhow::Result<Vec<(String, Vec<String>)>> {
    let mut out = Vec::new();
    for f in &recipe.filter {
        let values = match (&f.equals, &f.lookup) {
            (Some(v), None) => vec![v.clone()],
            (None, Some(l)) => {
                let found: Vec<String> = select(document, &l.entries)
                    .into_iter()
                    .filter(|(_, e)| text_at(e, &l.where_path).as_deref() == Some(l.is.as_str()))
                    .filter_map(|(_, e)| text_at(e, &l.take))
                    .collect();
                if found.is_empty() {
                    let message =
                        format!("the lookup finds no entry of `{}` whose `{}` is `{}`", *l.entries, l.where_path, l.is);
                    return Err(at.error(l.entries.pos, message));
                }
                found
            }
            _ => return Err(at.error(f.path.pos, "a filter gives `equals` or `lookup`, one of them")),
        };
        out.push((f.path.value.clone(), values));
    }
    Ok(out)
}

/// One record's candidate.
fn record_candidate(
    record: &Value,
    path: &str,
    recipe: &JsonRecipe,
    at: RecipeAt,
    reference: &Reference,
) -> anyhow::Result<Candidate> {
    let id = text_at(record, &recipe.id).unwrap_or_else(|| "?".to_string());
    let mut c = Candidate {
        source: at.source.to_string(),
        border: Some(recipe.border),
        record_per_row: recipe.record_per_row,
        ..Candidate::default()
    };
    let label = read_fields(&mut c, record, (path, &id), recipe, at, reference)?;
    c.label = format!("{} (record {id})", label.join(" – "));
    if let Some(note) = two_points_note(&c, &at) {
        c.notes = Some(note);
    }
    if recipe.describes == Side::Counterpart {
        c.counterpart_hours = c.hours.take();
        c.counterpart_point = c.point.take();
        c.counterpart_address = c.address.take();
    }
    read_functioning(&mut c, recipe.describes);
    Ok(c)
}

/// Read each of the recipe's fields of `record` (at `path`, with `id`) into `c`; the names
/// read, for the entry's label.
fn read_fields(
    c: &mut Candidate,
    record: &Value,
    (path, id): (&str, &str),
    recipe: &JsonRecipe,
    at: RecipeAt,
    reference: &Reference,
) -> anyhow::Result<Vec<String>> {
    let mut point = (None, None);
    let mut label = Vec::new();
    for (field, field_path) in &recipe.fields {
        let Some(text) = text_at(record, field_path) else {
            if recipe.required.contains(field) {
                let message = format!(
                    "record `{id}` (at `{path}`) has no value at `{}`, which the recipe requires",
                    **field_path
                );
                return Err(at.error(field_path.pos, message));
            }
            continue;
        };
        if matches!(field, JsonField::Name | JsonField::Counterpart) {
            label.push(text.clone());
        }
        match field.column() {
            Some(column) => super::table::apply(c, column, &text, recipe.language, reference),
            None => read_own_field(c, *field, &text, &mut point),
        }
    }
    if let (Some(lat), Some(lon)) = point {
        c.point = Some((lat, lon));
    }
    Ok(label)
}

/// The fields only JSON records give.
fn read_own_field(c: &mut Candidate, field: JsonField, text: &str, point: &mut (Option<f64>, Option<f64>)) {
    match field {
        JsonField::Functioning => c.functioning = Some(fact(text)),
        JsonField::OpenTo => c.open_to = super::wording::open_to(text),
        JsonField::Lat => point.0 = text.parse().ok().filter(|v: &f64| v.is_finite() && v.abs() <= 90.0),
        JsonField::Lon => point.1 = text.parse().ok().filter(|v: &f64| v.is_finite() && v.abs() <= 180.0),
        JsonField::Address => c.address = Some(text.to_string()),
        JsonField::AsOf => {
            c.record_as_of = crate::content::date::Date::parse(text.get(..10).unwrap_or(text)).map(|d| d.to_string())
        }
        _ => {}
    }
}

/// A row naming two Kazakh points ("Аксу, Бускуль") is one checkpoint, as its source lists
/// one: the note says so.
fn two_points_note(c: &Candidate, at: &RecipeAt) -> Option<String> {
    let (_, name) = c.name.iter().find(|(_, n)| n.contains(", "))?;
    let (lang, words) = (c.name[0].0.code(), name.replace('"', "&quot;"));
    Some(format!(
        "The source `{}` names two points on the Kazakh side here, <span lang=\"{lang}\">{words}</span>, in one entry; \
         it is kept as one checkpoint, as listed, until a source says otherwise.",
        at.source
    ))
}

/// Yes, no or unknown, from a flag or a word.
pub fn fact(text: &str) -> Fact {
    match text.trim().to_lowercase().as_str() {
        "true" | "1" | "yes" | "да" | "иә" => Fact::Yes,
        "false" | "0" | "no" | "нет" | "жоқ" => Fact::No,
        _ => Fact::Unknown,
    }
}

/// A register's "functioning" flag: evidence of operation when set, a suspension (no date) when
/// cleared, in the words of whose side it is.
fn read_functioning(c: &mut Candidate, describes: Side) {
    let whose = match describes {
        Side::Counterpart => "the checkpoint opposite",
        Side::Kazakh => "the checkpoint",
    };
    match c.functioning {
        Some(Fact::Yes) => c.operating.push((Evidence::Register, Some(format!("{whose} is listed as functioning")))),
        Some(Fact::No) => {
            let note = Some(format!("{whose} is listed as not functioning"));
            c.status = Some(Status {
                state: Spanned::new(StatusState::Suspended),
                since: None,
                until: None,
                approximate: false,
                concerns: Vec::new(),
                note,
            });
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
