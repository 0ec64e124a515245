//! Field names, derived from the model's types: the "did you mean" lists of the loader, the
//! field paths a source may support, and their order. Adding a field to the model adds it here.

use std::sync::OnceLock;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::model::{Checkpoint, Location, Mode, Traffic, Vocabulary};
use super::rule_meta::RuleMeta;

/// The fields of a struct that derives `Deserialize`, in declaration order, as serde names them.
pub fn struct_fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldNames { fields: &mut fields });
    fields
}

/// A deserializer that only asks the type for its field names, then stops.
struct FieldNames<'a> {
    fields: &'a mut &'static [&'static str],
}

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.fields = fields;
        Err(de::Error::custom("field names read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// Every key a checkpoint file may use, at any depth (for "did you mean" hints).
pub fn checkpoint_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| schema_keys(schemars::schema_for!(Checkpoint)))
}

/// Every key a rule's front matter may use, at any depth.
pub fn rule_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| schema_keys(schemars::schema_for!(RuleMeta)))
}

/// The property names anywhere in a JSON Schema, sorted, without repeats.
fn schema_keys(schema: schemars::Schema) -> Vec<String> {
    fn walk(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().cloned());
                }
                map.values().for_each(|v| walk(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut keys = Vec::new();
    walk(schema.as_value(), &mut keys);
    // The values of `modes` and `traffic` are keys too.
    keys.extend(Mode::ALL.iter().map(|m| m.code().to_string()));
    keys.extend(Traffic::ALL.iter().map(|t| t.code().to_string()));
    keys.sort();
    keys.dedup();
    keys
}

/// The field paths a source may say it supports (`sources[].supports`), in the model's order:
/// a checkpoint's fields, `modes` and `traffic` also per value (`traffic.cargo`), the parts of
/// `location` (`location.coordinates` for `lat` and `lon`), then a rule document's.
pub fn supportable_fields() -> &'static [String] {
    static FIELDS: OnceLock<Vec<String>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        const NOT_FACTS: &[&str] = &["id", "also_stated", "same_place", "sources", "last_verified", "verified_against"];
        let mut out = Vec::new();
        for field in struct_fields::<Checkpoint>().iter().filter(|f| !NOT_FACTS.contains(f)) {
            out.push(field.to_string());
            match *field {
                "modes" => out.extend(Mode::ALL.iter().map(|m| format!("modes.{}", m.code()))),
                "traffic" => out.extend(Traffic::ALL.iter().map(|t| format!("traffic.{}", t.code()))),
                // The other side's own facts, which its register gives.
                "counterpart" => out.extend(["counterpart.hours".to_string(), "counterpart.location".to_string()]),
                "location" => {
                    let parts = struct_fields::<Location>()
                        .iter()
                        .filter(|f| matches!(**f, "region" | "district" | "settlement"));
                    out.extend(parts.map(|p| format!("location.{p}")));
                    out.push("location.coordinates".to_string());
                }
                _ => {}
            }
        }
        out.push("text".to_string());
        let rule_facts =
            struct_fields::<RuleMeta>().iter().filter(|f| matches!(**f, "applies_to" | "allowances" | "lists"));
        out.extend(rule_facts.map(|f| f.to_string()));
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_field_names_in_declaration_order() {
        let fields = struct_fields::<Checkpoint>();
        assert_eq!(&fields[..4], ["id", "name", "aliases", "border"]);
        assert!(fields.contains(&"verified_against"), "{fields:?}");
    }

    #[test]
    fn supportable_fields_follow_the_model() {
        let fields = supportable_fields();
        let at = |f: &str| fields.iter().position(|x| x == f).unwrap_or_else(|| panic!("{f} missing: {fields:?}"));
        assert!(at("name") < at("modes") && at("modes") < at("modes.road") && at("modes.road") < at("traffic"));
        assert!(at("traffic.cargo") < at("location.coordinates") && at("location.coordinates") < at("text"));
        assert!(!fields.iter().any(|f| f == "sources" || f == "id"));
    }

    #[test]
    fn keys_reach_nested_structs() {
        let keys = checkpoint_keys();
        for key in ["utc_offset", "precision", "as_of", "verified_against", "passenger", "road"] {
            assert!(keys.iter().any(|k| k == key), "{key} missing");
        }
        assert!(rule_keys().iter().any(|k| k == "currency"));
    }
}
