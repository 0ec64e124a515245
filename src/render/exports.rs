//! Data exports (GeoJSON, CSV, JSON) and the machine-read files: sitemap, robots.txt, Atom
//! feeds. Exports carry every language: names per language, and each page's address in each.

use std::fmt::Write as _;
use std::io::Write;

use serde_json::{Value, json};

use super::site::Language;
use crate::content::{Checkpoint, Content, Facts, Mode, Traffic, Vocabulary};

/// The public address of a page whose output path is `path` (`index.html` dropped).
pub fn absolute_url(content: &Content, path: &str) -> String {
    let base = content.config.base_url.trim_end_matches('/');
    format!("{base}/{}", path.strip_suffix("index.html").unwrap_or(path))
}

fn properties(c: &Checkpoint, content: &Content) -> Value {
    let loc = c.location.as_ref();
    json!({
        "id": c.id.value,
        "name": c.name,
        "aliases": c.aliases,
        "border": c.border.as_ref().map(|b| b.value.code()),
        "counterpart": c.counterpart,
        "modes": every_fact(&c.modes),
        "traffic": every_fact(&c.traffic),
        "classification": c.classification.as_ref().and_then(|k| k.kind),
        "hours": c.hours.as_ref().and_then(|h| h.kind),
        "opening_hours": opening_hours(c),
        "status": c.status.as_ref().map(|s| s.state),
        "region": loc.and_then(|l| l.region.as_ref()),
        "settlement": loc.and_then(|l| l.settlement.as_ref()),
        "precision": loc.and_then(|l| l.precision),
        "last_verified": c.last_verified,
        "verified_against": c.verified_against,
        "url": absolute_url(content, &format!("checkpoints/{}/", c.id.value)),
        "urls": page_urls(content, &format!("checkpoints/{}/", c.id.value)),
    })
}

/// The hours as an OpenStreetMap `opening_hours` value, where they are round the clock or
/// fixed times.
fn opening_hours(c: &Checkpoint) -> Option<String> {
    c.hours.as_ref().and_then(|h| super::hours::osm(h))
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
        .map(|l| (l.clone(), json!(absolute_url(content, &format!("{}{path}", super::site::prefix(content, l))))))
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
                json!({"id": s.id, "title": s.title, "publisher": s.publisher, "url": s.url.as_ref().or(s.published_url.as_ref()), "as_of": s.as_of, "note": s.note})
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
/// `traffic_passenger`: yes, no or unknown).
pub fn csv_columns() -> Vec<String> {
    let head = ["id", "name_en", "name_ru", "name_kk", "border", "counterpart_country"];
    let names = ["counterpart_name_en", "counterpart_name_ru", "counterpart_name_kk"];
    let modes = Mode::ALL.iter().map(|m| format!("mode_{}", m.code()));
    let traffic = Traffic::ALL.iter().map(|t| format!("traffic_{}", t.code()));
    let tail = [
        "classification",
        "hours",
        "opening_hours",
        "status",
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
        .chain(tail.iter().chain(&end).map(|c| c.to_string()))
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
            code(json!(c.classification.as_ref().and_then(|k| k.kind))),
            code(json!(c.hours.as_ref().and_then(|h| h.kind))),
            opening_hours(c).unwrap_or_default(),
            code(json!(c.status.as_ref().map(|s| s.state))),
            loc.and_then(|l| l.region.as_ref()).map(|x| x.value.clone()).unwrap_or_default(),
            loc.and_then(|l| l.district.clone()).unwrap_or_default(),
            loc.and_then(|l| l.settlement.clone()).unwrap_or_default(),
            loc.and_then(|l| l.lat.as_ref()).map(|x| x.value.to_string()).unwrap_or_default(),
            loc.and_then(|l| l.lon.as_ref()).map(|x| x.value.to_string()).unwrap_or_default(),
            code(json!(loc.and_then(|l| l.precision))),
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

/// Escape text for XML.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `sitemap.xml`: each page (its path under a language's root, with its last-modified date) in
/// every language, each entry naming its translations (`prefixes`: language code and prefix).
pub fn sitemap(content: &Content, pages: &[(String, Option<String>)], prefixes: &[(&str, &str)]) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    ));
    for (path, lastmod) in pages {
        let mut alternates = String::new();
        for (lang, prefix) in prefixes {
            let url = xml_escape(&absolute_url(content, &format!("{prefix}{path}")));
            let _ = write!(alternates, "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{url}\"/>");
        }
        for (_, prefix) in prefixes {
            let _ = write!(out, "  <url><loc>{}</loc>", xml_escape(&absolute_url(content, &format!("{prefix}{path}"))));
            if let Some(date) = lastmod {
                let _ = write!(out, "<lastmod>{}</lastmod>", xml_escape(date));
            }
            if prefixes.len() > 1 {
                out.push_str(&alternates);
            }
            out.push_str("</url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`.
pub fn robots(content: &Content) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}\n", absolute_url(content, "sitemap.xml"))
}

/// One change in the feed: a page and the date it last changed.
pub struct FeedEntry {
    /// Output path of the page.
    pub path: String,
    /// Title.
    pub title: String,
    /// The title's language.
    pub title_lang: String,
    /// Date (YYYY-MM-DD).
    pub date: String,
    /// One line on what it is.
    pub summary: String,
    /// The summary's language.
    pub summary_lang: String,
}

/// ` xml:lang="x"` when `lang` is not the feed's language.
fn lang_attr(lang: &str, feed_lang: &str) -> String {
    if lang == feed_lang { String::new() } else { format!(" xml:lang=\"{}\"", xml_escape(lang)) }
}

/// A language's `feed.xml`: an Atom feed of content changes, newest first (dates from content,
/// never the clock), in that language, each text marked with its own language where it differs.
pub fn atom(l: &Language, mut entries: Vec<FeedEntry>) -> String {
    let (content, lang) = (l.content, l.ui.lang.as_str());
    let title = xml_escape(content.config.title.get(lang, &content.config.default_language));
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
    let updated = entries.first().map_or("1970-01-01".to_string(), |e| e.date.clone());
    let home = xml_escape(&absolute_url(content, &l.prefix));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(lang)
    );
    let _ = writeln!(out, "  <title>{title}</title>\n  <id>{home}</id>");
    let _ = writeln!(
        out,
        "  <link rel=\"self\" href=\"{}\"/>",
        xml_escape(&absolute_url(content, &format!("{}feed.xml", l.prefix)))
    );
    let _ = writeln!(out, "  <link href=\"{home}\"/>");
    let _ = writeln!(out, "  <updated>{updated}T00:00:00Z</updated>\n  <author><name>{title}</name></author>");
    for e in entries {
        let url = xml_escape(&absolute_url(content, &e.path));
        let _ = writeln!(
            out,
            "  <entry>\n    <title{}>{}</title>\n    <id>{url}#{}</id>\n    <link href=\"{url}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <summary{}>{}</summary>\n  </entry>",
            lang_attr(&e.title_lang, lang),
            xml_escape(&e.title),
            e.date,
            e.date,
            lang_attr(&e.summary_lang, lang),
            xml_escape(&e.summary)
        );
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-12.5"), "-12.5");
    }

    #[test]
    fn xml_is_escaped() {
        assert_eq!(xml_escape("<a & 'b'>\u{1}"), "&lt;a &amp; &apos;b&apos;&gt;");
    }
}
