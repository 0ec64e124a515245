//! Data exports (GeoJSON, CSV, JSON) and the machine-read files: sitemap, robots.txt, Atom
//! feeds. Exports carry every language: names per language, and each page's address in each.

use std::io::Write;

use serde_json::{Value, json};

use super::url::{absolute_url, prefix};
use crate::content::date::Date;
use crate::content::{Checkpoint, Content, EQueue, Facts, Mode, Traffic, Vocabulary};

/// The names of the state-today fields, in the exports' order (CSV columns, GeoJSON
/// properties, the JSON export's `state_today`).
const STATE_FIELDS: [&str; 9] = [
    "status",
    "status_concerns",
    "status_since",
    "status_until",
    "status_approximate",
    "status_as_of",
    "status_stale",
    "status_source",
    "status_evidence",
];

/// The state on the build's date ([`Checkpoint::state_on`]), as [`STATE_FIELDS`] name it:
/// the state, whom it concerns, its dates, the date and id (or address) of its source, whether
/// that is older than `stale_after_days`, and the kind of evidence of operation it rests on.
fn state_values(c: &Checkpoint, content: &Content) -> [Value; 9] {
    let s = c.state_on(Date::build_date(), content);
    let concerns: Vec<&str> = s.concerns.iter().map(|k| k.code()).collect();
    [
        json!(s.state.code()),
        json!(concerns),
        json!(s.since),
        json!(s.until),
        json!(s.approximate),
        json!(s.as_of),
        json!(s.stale),
        json!(s.source_id),
        json!(s.evidence.map(|e| e.evidence.code())),
    ]
}

/// The state-today fields as a JSON object's entries.
fn state_object(c: &Checkpoint, content: &Content) -> serde_json::Map<String, Value> {
    STATE_FIELDS.iter().map(|f| f.to_string()).zip(state_values(c, content)).collect()
}

fn properties(c: &Checkpoint, content: &Content) -> Value {
    let loc = c.location.as_ref();
    let mut properties = json!({
        "id": c.id.value,
        "name": c.name,
        "aliases": c.aliases,
        "border": c.border.as_ref().map(|b| b.value.code()),
        "counterpart": c.counterpart,
        "modes": every_fact(&c.modes),
        "traffic": every_fact(&c.traffic),
        "open_to": c.open_to,
        "classification": c.classification.as_ref().and_then(|k| k.kind),
        "hours": c.crossing_hours().and_then(|(h, _)| h.kind),
        "hours_side": c.crossing_hours().map(|(_, side)| side.code()),
        "opening_hours": opening_hours(c),
        "e_queue": EQueue::booking_code(c.e_queue.as_ref()),
        "e_queue_since": e_queue_since(c),
        "region": loc.and_then(|l| l.region.as_ref()),
        "settlement": loc.and_then(|l| l.settlement.as_ref()),
        "precision": loc.and_then(|l| l.precision),
        "last_verified": c.last_verified,
        "verified_against": c.verified_against,
        "url": absolute_url(content, &format!("checkpoints/{}/", c.id.value)),
        "urls": page_urls(content, &format!("checkpoints/{}/", c.id.value)),
    });
    if let Value::Object(fields) = &mut properties {
        fields.extend(state_object(c, content));
    }
    properties
}

/// The hours as an OpenStreetMap `opening_hours` value, where they are round the clock or
/// fixed times: the Kazakh side's, else the checkpoint opposite's (`hours_side` says whose).
fn opening_hours(c: &Checkpoint) -> Option<String> {
    c.crossing_hours().and_then(|(h, _)| super::hours::osm(h))
}

/// The date the truck e-queue started at `c`, where a source gives it.
fn e_queue_since(c: &Checkpoint) -> Option<&str> {
    c.e_queue.as_ref().and_then(|q| q.since.as_ref()).map(|d| d.value.as_str())
}

/// Every value of a vocabulary with what is stated of it: `{"road": "yes", "rail": "unknown"}`.
fn every_fact<K: Vocabulary>(facts: &Facts<K>) -> serde_json::Map<String, Value> {
    facts.all().map(|(k, f)| (k.code().to_string(), json!(f.code()))).collect()
}

/// A record as the JSON export gives it: as in its file, with `modes` and `traffic` naming
/// every value (unknown ones too), the hours' `opening_hours` string (`null` where none) and each source's `as_of` (its own or its listed source's)
/// and `retrieved` (`null` where not known).
fn export_record(c: &Checkpoint, content: &Content) -> Value {
    let mut record = serde_json::to_value(c).unwrap_or(Value::Null);
    let Value::Object(fields) = &mut record else { return record };
    fields.insert("modes".into(), Value::Object(every_fact(&c.modes)));
    fields.insert("traffic".into(), Value::Object(every_fact(&c.traffic)));
    fields.insert("opening_hours".into(), json!(opening_hours(c)));
    fields.insert("hours_side".into(), json!(c.crossing_hours().map(|(_, side)| side.code())));
    // `status` and `operating` stay as the file has them: the history the state follows from.
    fields.insert("state_today".into(), Value::Object(state_object(c, content)));
    let sources = c.sources.iter().map(|s| {
        let mut entry = serde_json::to_value(s).unwrap_or(Value::Null);
        if let Value::Object(e) = &mut entry {
            e.insert("as_of".into(), json!(content.as_of(s)));
            e.entry("retrieved").or_insert(Value::Null);
        }
        entry
    });
    fields.insert("sources".into(), Value::Array(sources.collect()));
    record
}

/// The address of the page at `path` in each of the site's languages.
fn page_urls(content: &Content, path: &str) -> serde_json::Map<String, Value> {
    content
        .config
        .languages
        .iter()
        .map(|l| (l.clone(), json!(absolute_url(content, &format!("{}{path}", prefix(content, l))))))
        .collect()
}

/// `data/checkpoints.geojson` (RFC 7946: lon, lat; null geometry where the place is unknown),
/// written feature by feature: a large site never holds the whole collection.
pub fn geojson(content: &Content, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"{\"features\":[")?;
    for (i, r) in content.checkpoints.iter().enumerate() {
        let c = &r.data;
        let loc = c.location.as_ref();
        let geometry = match (loc.and_then(|l| l.lat.as_ref()), loc.and_then(|l| l.lon.as_ref())) {
            (Some(lat), Some(lon)) => json!({"type": "Point", "coordinates": [lon.value, lat.value]}),
            _ => Value::Null,
        };
        let feature =
            json!({"type": "Feature", "id": c.id.value, "geometry": geometry, "properties": properties(c, content)});
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &feature)?;
    }
    out.write_all(b"],\"type\":\"FeatureCollection\"}\n")
}

/// The JSON export's document: fields in alphabetical order, records serialised straight from
/// the content (no intermediate tree).
#[derive(serde::Serialize)]
struct JsonExport<'a, T: serde::Serialize> {
    #[serde(serialize_with = "records")]
    checkpoints: (&'a Content, Vec<&'a Checkpoint>),
    languages: &'a [String],
    licence: &'a T,
    sources: Vec<Value>,
    title: &'a T,
}

/// `data/checkpoints.json`: the records as in content, with licence and sources, serialised
/// straight into `out`, compact like the GeoJSON (indenting would add a third to the
/// download; browsers' JSON viewers indent it for reading).
pub fn json_export(content: &Content, out: &mut dyn Write) -> std::io::Result<()> {
    let doc = JsonExport {
        checkpoints: (content, content.checkpoints.iter().map(|r| &r.data).collect()),
        languages: &content.config.languages,
        licence: &content.config.licence,
        sources: content
            .sources
            .iter()
            .map(|s| {
                json!({"id": s.id, "title": s.title.as_deref().unwrap_or_default(), "publisher": s.publisher, "url": s.url.as_ref().or(s.published_url.as_ref()), "as_of": s.as_of, "note": s.note})
            })
            .collect(),
        title: &content.config.title,
    };
    serde_json::to_writer(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// Serialise the records one by one (see [`export_record`]), without a tree of them all.
fn records<S: serde::Serializer>(value: &(&Content, Vec<&Checkpoint>), s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let (content, list) = value;
    let mut seq = s.serialize_seq(Some(list.len()))?;
    for c in list {
        seq.serialize_element(&export_record(c, content))?;
    }
    seq.end()
}

/// The CSV columns, in order: one per mode and kind of traffic (`mode_road`,
/// `traffic_passenger`: yes, no or unknown), and whether trucks book in the e-queue (`e_queue`:
/// yes, no or unknown) since when.
pub fn csv_columns() -> Vec<String> {
    let head = ["id", "name_en", "name_ru", "name_kk", "border", "counterpart_country"];
    let names = ["counterpart_name_en", "counterpart_name_ru", "counterpart_name_kk"];
    let modes = Mode::ALL.iter().map(|m| format!("mode_{}", m.code()));
    let traffic = Traffic::ALL.iter().map(|t| format!("traffic_{}", t.code()));
    let tail = [
        "open_to",
        "classification",
        "hours",
        "hours_side",
        "opening_hours",
        "e_queue",
        "e_queue_since",
        "region",
        "district",
        "settlement",
        "lat",
        "lon",
        "precision",
    ];
    let end = ["last_verified", "verified_against", "url"];
    head.iter()
        .chain(&names)
        .map(|c| c.to_string())
        .chain(modes)
        .chain(traffic)
        .chain(tail.iter().chain(&STATE_FIELDS).chain(&end).map(|c| c.to_string()))
        .collect()
}

/// `data/checkpoints.csv` (RFC 4180; cells that a spreadsheet would run as formulas are defused).
pub fn csv(content: &Content, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all((csv_columns().join(",") + "\r\n").as_bytes())?;
    for r in &content.checkpoints {
        let c = &r.data;
        let loc = c.location.as_ref();
        let code = |v: Value| match v {
            Value::String(s) => s,
            Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(";"),
            _ => String::new(),
        };
        let name = c.counterpart.as_ref().and_then(|p| p.name.as_ref());
        let facts =
            c.modes.all().map(|(_, f)| f.code().to_string()).chain(c.traffic.all().map(|(_, f)| f.code().to_string()));
        let cells: Vec<String> = [
            c.id.value.clone(),
            c.name.en.clone().unwrap_or_default(),
            c.name.ru.clone().unwrap_or_default(),
            c.name.kk.clone().unwrap_or_default(),
            c.border.as_ref().map(|b| b.value.code().to_string()).unwrap_or_default(),
            c.counterpart.as_ref().and_then(|p| p.country.as_ref()).map(|x| x.value.clone()).unwrap_or_default(),
            name.and_then(|n| n.en.clone()).unwrap_or_default(),
            name.and_then(|n| n.ru.clone()).unwrap_or_default(),
            name.and_then(|n| n.kk.clone()).unwrap_or_default(),
        ]
        .into_iter()
        .chain(facts)
        .chain([
            code(json!(c.open_to)),
            code(json!(c.classification.as_ref().and_then(|k| k.kind))),
            code(json!(c.crossing_hours().and_then(|(h, _)| h.kind))),
            c.crossing_hours().map(|(_, side)| side.code().to_string()).unwrap_or_default(),
            opening_hours(c).unwrap_or_default(),
            EQueue::booking_code(c.e_queue.as_ref()).to_string(),
            e_queue_since(c).unwrap_or_default().to_string(),
            loc.and_then(|l| l.region.as_ref()).map(|x| x.value.clone()).unwrap_or_default(),
            loc.and_then(|l| l.district.clone()).unwrap_or_default(),
            loc.and_then(|l| l.settlement.clone()).unwrap_or_default(),
            loc.and_then(|l| l.lat.as_ref()).map(|x| x.value.to_string()).unwrap_or_default(),
            loc.and_then(|l| l.lon.as_ref()).map(|x| x.value.to_string()).unwrap_or_default(),
            code(json!(loc.and_then(|l| l.precision))),
        ])
        .chain(state_values(c, content).map(|v| match v {
            Value::Bool(b) => b.to_string(),
            v => code(v),
        }))
        .chain([
            c.last_verified.as_ref().map(|x| x.value.clone()).unwrap_or_default(),
            c.verified_against.as_ref().map(|x| x.value.clone()).unwrap_or_default(),
            absolute_url(content, &format!("checkpoints/{}/", c.id.value)),
        ])
        .collect();
        out.write_all(cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A closure whose end has passed, and one a later listing in the truck queue overrides.
    fn closures() -> Content {
        let ended = "id: ended\nname: {en: Ended}\nstatus: {state: closed, since: 2025-01-02, until: 2025-12-17}\n\
                     sources:\n  - url: https://example.kz/a\n    as_of: 2025-01\n    supports: [status]\n";
        let superseded = "id: superseded\nname: {en: Superseded}\nstatus: {state: closed, since: 2020-04-04}\n\
                          operating:\n  - {evidence: queue, source: queue}\nsources:\n  - source: queue\n    \
                          supports: [operating]\n  - url: https://example.kz/b\n    as_of: 2020-04\n    supports: [status]\n";
        crate::content::load_files(&[
            ("sources.yaml", "sources:\n  - id: queue\n    as_of: 2026-07-06\n"),
            ("checkpoints/ended.yaml", ended),
            ("checkpoints/superseded.yaml", superseded),
        ])
    }

    #[test]
    fn an_ended_or_superseded_closure_is_never_exported_as_the_state() {
        let content = closures();
        let mut csv_bytes = Vec::new();
        csv(&content, &mut csv_bytes).unwrap();
        let text = String::from_utf8(csv_bytes).unwrap();
        let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
        let cell = |id: &str, column: &str| {
            let row: Vec<&str> = text.lines().find(|l| l.starts_with(&format!("{id},"))).unwrap().split(',').collect();
            row[header.iter().position(|h| *h == column).unwrap()].to_string()
        };
        assert_eq!(cell("ended", "status"), "unknown");
        assert_eq!(cell("superseded", "status"), "open");
        assert_eq!(cell("superseded", "status_as_of"), "2026-07-06");
        assert_eq!(cell("superseded", "status_source"), "queue");
        assert_eq!(cell("superseded", "status_evidence"), "queue");
        let mut geo = Vec::new();
        geojson(&content, &mut geo).unwrap();
        let geo: Value = serde_json::from_slice(&geo).unwrap();
        for feature in geo["features"].as_array().unwrap() {
            assert_ne!(feature["properties"]["status"], "closed", "{feature}");
        }
        let mut json = Vec::new();
        json_export(&content, &mut json).unwrap();
        let json: Value = serde_json::from_slice(&json).unwrap();
        let records = json["checkpoints"].as_array().unwrap();
        assert!(records.iter().all(|r| r["state_today"]["status"] != "closed"), "{records:?}");
        assert!(records.iter().all(|r| r["status"]["state"] == "closed"), "the history stays: {records:?}");
    }

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-12.5"), "-12.5");
    }
}
