//! The site in English, Russian and Kazakh: every page in every language, linked to
//! its translations; every interface string resolved; untranslated content marked; the
//! coverage report and key checks right on a fixture with known gaps.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::build::repo_site;
use crate::util::{Project, repo_root};

const BASE: &str = "https://crossings-kz.github.io/crossings/";
const LANGUAGES: [(&str, &str); 3] = [("en", ""), ("ru", "ru/"), ("kk", "kk/")];

/// The language of an output path and the path under that language's root.
fn split_language(path: &str) -> (&'static str, &str) {
    for (lang, prefix) in LANGUAGES.iter().skip(1) {
        if let Some(rest) = path.strip_prefix(prefix) {
            return (lang, rest);
        }
    }
    ("en", path)
}

fn pages(tree: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<(String, String)> {
    tree.iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html") && !p.ends_with("404.html"))
        .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), String::from_utf8_lossy(b).into_owned()))
        .collect()
}

fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for piece in href.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

fn prefix_of(lang: &str) -> &'static str {
    LANGUAGES.iter().find(|(l, _)| *l == lang).unwrap().1
}

/// A page's `<link rel="alternate" hreflang>`: each an existing file, the same page in its
/// language (x-default: the default language's).
fn check_alternates(path: &str, doc: &Html, tree: &BTreeMap<PathBuf, Vec<u8>>) {
    let rest = split_language(path).1;
    let alternates = Selector::parse("link[rel=alternate][hreflang]").unwrap();
    let mut seen: Vec<&str> = Vec::new();
    for link in doc.select(&alternates) {
        let (hreflang, url) = (link.value().attr("hreflang").unwrap(), link.value().attr("href").unwrap());
        let target = url.strip_prefix(BASE).unwrap_or_else(|| panic!("{path}: alternate {url} not absolute"));
        let file =
            if target.is_empty() || target.ends_with('/') { format!("{target}index.html") } else { target.into() };
        let prefix = prefix_of(if hreflang == "x-default" { "en" } else { hreflang });
        assert_eq!(file, format!("{prefix}{rest}"), "{path}: alternate {hreflang} is another page");
        assert!(tree.contains_key(&PathBuf::from(&file)), "{path}: alternate {hreflang} {file} is missing");
        seen.push(hreflang);
    }
    assert_eq!(seen, ["en", "ru", "kk", "x-default"], "{path}: alternates");
}

/// A page's language switcher: a link to the same page in each language. Returns how many.
fn check_switcher(path: &str, doc: &Html) -> usize {
    let switcher = Selector::parse("nav.langs a[hreflang]").unwrap();
    let links: Vec<(&str, &str)> =
        doc.select(&switcher).map(|a| (a.value().attr("hreflang").unwrap(), a.value().attr("href").unwrap())).collect();
    assert_eq!(links.len(), 3, "{path}: the language switcher");
    for (other, href) in &links {
        let expected = format!("{}{}", prefix_of(other), split_language(path).1);
        assert_eq!(resolve(path, href), expected, "{path}: switcher link to {other}");
    }
    links.len()
}

#[test]
fn every_page_exists_in_every_language_and_links_to_its_translations() {
    let tree = repo_site();
    let all = pages(tree);
    let mut checked = 0;
    for (path, html) in &all {
        let (lang, rest) = split_language(path);
        let doc = Html::parse_document(html);
        assert_eq!(doc.root_element().value().attr("lang"), Some(lang), "{path}: <html lang>");
        check_alternates(path, &doc, tree);
        checked += check_switcher(path, &doc);
        for (_, prefix) in LANGUAGES {
            assert!(tree.contains_key(&PathBuf::from(format!("{prefix}{rest}"))), "{path} has no {prefix} version");
        }
    }
    assert!(checked > 300, "only {checked} switcher links checked");
}

/// Every key of the English file that could only be a key (it has an underscore).
fn key_names() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("content/i18n/en.yaml")).unwrap();
    text.lines()
        .filter_map(|l| l.split_once(':').map(|(k, _)| k))
        .filter(|k| k.contains('_') && !k.starts_with([' ', '#']))
        .map(str::to_string)
        .collect()
}

/// `html` without its `<code>` elements (the data page lists CSV columns, which look like keys).
fn without_code(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<code>") {
        out.push_str(&rest[..start]);
        rest = rest[start..].split_once("</code>").map_or("", |(_, after)| after);
    }
    out + rest
}

#[test]
fn every_interface_string_resolves() {
    let tree = repo_site();
    let keys = key_names();
    assert!(keys.len() > 100, "{} keys", keys.len());
    let labelled =
        Selector::parse("h1, h2, h3, dt, th, legend, summary, button, label, caption, title, a, option").unwrap();
    let text_nodes = Selector::parse("body").unwrap();
    for (path, html) in pages(tree) {
        let doc = Html::parse_document(&without_code(&html));
        for element in doc.select(&labelled) {
            let text: String = element.text().collect();
            let named = element.value().attr("aria-label").is_some_and(|l| !l.trim().is_empty());
            assert!(!text.trim().is_empty() || named, "{path}: empty <{}>", element.value().name());
        }
        let body: String = doc.select(&text_nodes).next().unwrap().text().collect();
        for key in &keys {
            assert!(
                !body.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == key),
                "{path}: key `{key}` shown"
            );
        }
        assert!(
            !body.contains("{n}") && !body.contains("{name}") && !body.contains("{date}"),
            "{path}: unfilled value"
        );
        for attr in ["aria-label=\"\"", "placeholder=\"\"", "data-shown=\"\"", "content=\"\""] {
            assert!(!html.contains(attr), "{path}: empty {attr}");
        }
    }
    let ru = String::from_utf8(tree[&PathBuf::from("ru/checkpoints/khorgos/index.html")].clone()).unwrap();
    assert!(ru.contains("Пункты пропуска") && ru.contains("Последняя проверка") && ru.contains("8 декабря 2026 г."));
    let kk = String::from_utf8(tree[&PathBuf::from("kk/checkpoints/khorgos/index.html")].clone()).unwrap();
    assert!(kk.contains("Өткізу пункттері") && kk.contains("2026 жылғы 8 желтоқсан"));
    let cash = String::from_utf8(tree[&PathBuf::from("ru/rules/cash/index.html")].clone()).unwrap();
    assert!(cash.contains("10\u{202F}000\u{A0}USD"), "numbers in Russian");
    let goods = String::from_utf8(tree[&PathBuf::from("ru/rules/goods-eaeu/index.html")].clone()).unwrap();
    assert!(goods.contains("1\u{202F}557\u{202F}000\u{A0}KZT"), "numbers in Russian");
}

#[test]
fn untranslated_content_is_shown_in_its_language_and_marked() {
    let tree = repo_site();
    let page = |p: &str| Html::parse_document(&String::from_utf8_lossy(&tree[&PathBuf::from(p)]));
    let h1 = Selector::parse("h1").unwrap();
    let note = Selector::parse("h1 + p > small.untr, h1 + p.untr").unwrap();
    // Zhanybek has only a Russian name: the Kazakh page shows it, marked as Russian; the
    // English page shows its romanisation, marked as one, with the original beside it.
    for (path, shown, lang, marked) in [
        ("kk/checkpoints/zhanybek/index.html", "Жаныбек", Some("ru"), true),
        ("ru/checkpoints/zhanybek/index.html", "Жаныбек", None, false),
        ("checkpoints/zhanybek/index.html", "Zhanybek", Some("ru-Latn"), false),
    ] {
        let doc = page(path);
        let title = doc.select(&h1).next().unwrap();
        assert_eq!(title.text().collect::<String>(), shown, "{path}");
        assert_eq!(title.value().attr("lang"), lang, "{path}");
        assert_eq!(doc.select(&note).next().is_some(), marked, "{path}: note");
    }
    let romanised = Selector::parse("h1 + p.romanised > span[lang=ru]").unwrap();
    let doc = page("checkpoints/zhanybek/index.html");
    assert_eq!(doc.select(&romanised).next().map(|s| s.text().collect::<String>()).as_deref(), Some("Жаныбек"));
    // Rule documents are written in every language: no page shows another language's text.
    for path in ["kk/rules/customs/index.html", "ru/rules/registration/index.html", "rules/customs/index.html"] {
        let doc = page(path);
        assert_eq!(doc.select(&h1).next().unwrap().value().attr("lang"), None, "{path}");
        assert!(doc.select(&note).next().is_none(), "{path}: no note");
    }
}

#[test]
fn feeds_and_exports_carry_every_language() {
    let tree = repo_site();
    for (lang, prefix) in LANGUAGES {
        let feed = String::from_utf8(tree[&PathBuf::from(format!("{prefix}feed.xml"))].clone()).unwrap();
        assert!(feed.contains(&format!("xml:lang=\"{lang}\"")), "{lang} feed");
        assert!(feed.contains(&format!("<link href=\"{BASE}{prefix}checkpoints/")), "{lang} feed links its pages");
    }
    let ru_feed = String::from_utf8(tree[&PathBuf::from("ru/feed.xml")].clone()).unwrap();
    assert!(
        ru_feed.contains("<title>Наличные деньги на разных границах</title>"),
        "rule titles in the feed's language"
    );
    let geo: serde_json::Value = serde_json::from_slice(&tree[&PathBuf::from("data/checkpoints.geojson")]).unwrap();
    let props = &geo["features"][0]["properties"];
    for (lang, prefix) in LANGUAGES {
        assert!(props["urls"][lang].as_str().unwrap().starts_with(&format!("{BASE}{prefix}checkpoints/")));
    }
    let csv = String::from_utf8(tree[&PathBuf::from("data/checkpoints.csv")].clone()).unwrap();
    assert!(csv.lines().next().unwrap().contains("counterpart_name_en,counterpart_name_ru,counterpart_name_kk"));
    let sitemap = String::from_utf8(tree[&PathBuf::from("sitemap.xml")].clone()).unwrap();
    assert!(
        sitemap.contains(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"kk\" href=\"{BASE}kk/checkpoints/khorgos/\"/>"
        ))
    );
}

/// Bytes a page costs over the network, gzip-compressed as servers send it: its HTML (without
/// an inline locator map), the stylesheet and its scripts.
fn page_weight(tree: &BTreeMap<PathBuf, Vec<u8>>, path: &Path) -> usize {
    let gzipped = |bytes: &[u8]| {
        use std::io::Write as _;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap().len()
    };
    let mut html = String::from_utf8_lossy(&tree[path]).into_owned();
    if let Some(start) = html.find("<svg class=\"locator\"") {
        let end = start + html[start..].find("</svg>").unwrap() + 6;
        html.replace_range(start..end, "");
    }
    let doc = Html::parse_document(&html);
    let assets = Selector::parse("link[rel=stylesheet], script[src]").unwrap();
    let linked: usize = doc
        .select(&assets)
        .map(|e| {
            let href = e.value().attr("href").or_else(|| e.value().attr("src")).unwrap();
            gzipped(&tree[&PathBuf::from(resolve(&path.to_string_lossy(), href))])
        })
        .sum();
    gzipped(html.as_bytes()) + linked
}

/// The budget: the page, its stylesheet and its scripts, the open-now script (1.8 KB gzipped)
/// included where the checkpoint's hours are structured.
#[test]
fn a_checkpoint_page_weighs_under_13_kb_gzipped_in_every_language() {
    let tree = repo_site();
    let heaviest = tree
        .keys()
        .filter(|p| p.to_string_lossy().contains("checkpoints/") && p.ends_with("index.html"))
        .filter(|p| !p.to_string_lossy().ends_with("checkpoints/index.html"))
        .map(|p| (page_weight(tree, p), p.clone()))
        .max()
        .unwrap();
    assert!(heaviest.0 < 13_000, "{} weighs {} bytes gzipped", heaviest.1.display(), heaviest.0);
}

/// A small site with known gaps: three checkpoints named in some languages, two rule
/// documents with one Russian version, and a Kazakh file lacking two strings.
fn fixture() -> Project {
    let project = Project::empty();
    copy_templates(&project);
    project.write(
        "content/site.yaml",
        "title: {en: Fixture, ru: Фикстура, kk: Фикстура}\nbase_url: https://example.org/\nlanguages: [en, ru, kk]\ndefault_language: en\n",
    );
    for (id, names, other) in [
        ("alpha", "{en: Alpha, ru: Альфа}", "{en: A-side, ru: А-сторона}"),
        ("beta", "{ru: Бета}", "{ru: Б-сторона}"),
        ("gamma", "{en: Gamma, ru: Гамма, kk: Гамма}", "{en: G-side}"),
    ] {
        project.write(
            &format!("content/checkpoints/{id}.yaml"),
            format!("id: {id}\nname: {names}\nborder: CN\ncounterpart: {{country: CN, name: {other}}}\n"),
        );
    }
    let rule = |title: &str| format!("---\ntitle: {title}\ncategory: customs\n---\nText of {title}.\n");
    project.write("content/rules/x.md", rule("Rule X")).write("content/rules/x.ru.md", rule("Правило X"));
    project.write("content/rules/y.md", rule("Rule Y"));
    let kk = std::fs::read_to_string(repo_root().join("content/i18n/kk.yaml")).unwrap();
    let kept: Vec<&str> = kk.lines().filter(|l| !l.starts_with("facts:") && !l.starts_with("nearby:")).collect();
    project.write("content/i18n/kk.yaml", kept.join("\n") + "\n");
    project
}

fn copy_templates(project: &Project) {
    crate::util::copy_dir(&repo_root().join("templates"), &project.path().join("templates"));
}

#[test]
fn coverage_report_counts_each_gap_once_per_language_and_kind() {
    let project = fixture();
    let run = project.run(&["validate", "--verbose"]);
    run.expect_code(0).expect_no_panic();
    let total = key_count();
    for line in [
        "warning[translation_coverage] en: 2 of 3 checkpoint names translated".to_string(),
        "warning[translation_coverage] kk: 1 of 3 checkpoint names translated".into(),
        "warning[translation_coverage] en: 2 of 3 counterpart names translated".into(),
        "warning[translation_coverage] ru: 2 of 3 counterpart names translated".into(),
        "warning[translation_coverage] kk: 0 of 3 counterpart names translated".into(),
        "warning[translation_coverage] ru: 1 of 2 rule documents translated".into(),
        "warning[translation_coverage] kk: 0 of 2 rule documents translated".into(),
        format!(
            "content/i18n/kk.yaml:1:1: warning[translation_coverage] kk: {} of {total} interface strings translated",
            total - 2
        ),
    ] {
        run.expect_output(&line);
    }
    run.expect_output("not yet in `kk`: `facts`, `nearby`").expect_output("not yet in `en`: `beta`");
    for absent in ["ru: 3 of 3", "en: 2 of 2", "en: 3 of 3"] {
        assert!(!run.stdout.contains(absent), "unexpected `{absent}`:\n{}", run.output());
    }
    let interface = run.stdout.lines().filter(|l| l.contains("interface strings translated")).count();
    assert_eq!(interface, 1, "only Kazakh lacks interface strings:\n{}", run.output());
    assert_eq!(run.stdout.matches("translation_coverage").count(), 8, "{}", run.output());

    project.run(&["build"]).expect_code(0);
    let page = |p: &str| std::fs::read_to_string(project.path().join("output").join(p)).unwrap();
    let beta = page("kk/checkpoints/beta/index.html");
    assert!(beta.contains("<h1 lang=\"ru\">Бета</h1>") && beta.contains("әлі аударылмаған"), "{beta}");
    assert!(page("kk/checkpoints/alpha/index.html").contains("<h2 id=\"facts\">Facts</h2>"), "falls back to English");
    let x = page("ru/rules/x/index.html");
    assert!(x.contains("<h1>Правило X</h1>") && !x.contains("class=\"untr\""), "the Russian version, unmarked");
    let y = page("ru/rules/y/index.html");
    assert!(y.contains("<h1 lang=\"en\">Rule Y</h1>") && y.contains("class=\"untr\""), "English, marked");
}

fn key_count() -> usize {
    let text = std::fs::read_to_string(repo_root().join("content/i18n/en.yaml")).unwrap();
    text.lines().filter(|l| l.contains(':') && !l.starts_with([' ', '#'])).count()
}

#[test]
fn unused_and_undefined_keys_are_errors_at_their_place() {
    let project = fixture();
    let ru = std::fs::read_to_string(project.path().join("content/i18n/ru.yaml")).unwrap();
    let line = ru.lines().count() + 1;
    project.write("content/i18n/ru.yaml", format!("{ru}left_over: Лишнее\n"));
    let list = std::fs::read_to_string(project.path().join("templates/list.html")).unwrap();
    project.write("templates/list.html", list.replacen("<h1>", "<h1>{{ t.never_defined }}", 1));
    let run = project.run(&["validate"]);
    run.expect_code(1).expect_no_panic();
    run.expect_output(&format!(
        "content/i18n/ru.yaml:{line}:1: error[unused_translation_key] left_over: `left_over` is not used"
    ));
    run.expect_output("templates/list.html:4:8: error[undefined_translation_key] `never_defined` is used here");
    project.run(&["build"]).expect_code(1).expect_output("error[undefined_translation_key]");
}

/// Words in Latin script that the interface itself writes on Russian and Kazakh pages: names of
/// data formats, licences, services and GeoJSON's own terms, which stay as they are in every
/// language.
const PROPER_NAMES: &[&str] = &[
    "GeoNames",
    "Natural",
    "Earth",
    "CC",
    "BY",
    "Atom",
    "GeoJSON",
    "CSV",
    "JSON",
    "RFC",
    "UTF",
    "Feature",
    "null",
    "OpenStreetMap",
    "Google",
    "Maps",
    "2GIS",
];

/// The text nodes of `html` that are the page's own in `lang`: not inside an element marked
/// with another `lang` or `translate="no"`, nor in code, time, script or the document head.
fn unmarked_text(html: &str, lang: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.tree
        .nodes()
        .filter_map(|node| {
            let text = node.value().as_text()?;
            let marked = node.ancestors().filter_map(|a| a.value().as_element()).any(|e| {
                matches!(e.name(), "script" | "style" | "head" | "code" | "time")
                    || e.attr("lang").is_some_and(|l| l != lang)
                    || e.attr("translate") == Some("no")
            });
            (!marked).then(|| text.to_string())
        })
        .collect()
}

/// Text nodes of `html` that a reader of `lang` would meet in another script, unmarked: on a
/// Russian or Kazakh page, Latin words that are not a proper name of [`PROPER_NAMES`], a code
/// (`KZ-33`, `USD`), an address or a file name; on an English page, any Cyrillic. Text inside
/// an element marked with another `lang` (untranslated content, romanisations as `ru-Latn`,
/// spellings as `und-Latn`) or with `translate="no"` (publishers' names) is marked, and so is
/// code, time, script and the document head.
fn unmarked_foreign_script(html: &str, lang: &str) -> Vec<String> {
    let mut found = Vec::new();
    for text in unmarked_text(html, lang) {
        let bad: Vec<&str> = if lang == "en" {
            text.split_whitespace().filter(|w| w.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))).collect()
        } else {
            text.split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
                // An address or a file name (`checkpoints.csv`) is not a word.
                .filter(|w| !w.contains("://") && (!w.contains('.') || w.ends_with('.')))
                .filter(|w| !w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'))
                .filter(|w| !PROPER_NAMES.contains(w))
                .collect()
        };
        if !bad.is_empty() {
            found.push(format!("{bad:?} in {:?}", text.trim()));
        }
    }
    found
}

#[test]
fn every_page_speaks_its_language_s_script_or_marks_what_does_not() {
    let tree = repo_site();
    let mut problems = Vec::new();
    for (path, html) in pages(tree) {
        let (lang, _) = split_language(&path);
        problems.extend(unmarked_foreign_script(&html, lang).into_iter().map(|p| format!("{path}: {p}")));
    }
    assert!(problems.is_empty(), "{} unmarked:\n{}", problems.len(), problems.join("\n"));
    // The check itself finds an unmarked English word on a Russian page, and Cyrillic on an
    // English one.
    assert_eq!(unmarked_foreign_script("<p>Пункт <b>closed</b></p>", "ru").len(), 1);
    assert!(unmarked_foreign_script("<p>Пункт <span lang=\"en\">closed</span> (KZ-33)</p>", "ru").is_empty());
    assert_eq!(unmarked_foreign_script("<p>Also: Нур Жолы</p>", "en").len(), 1);
}

/// The English interface's own words: each fragment of an English text between its `{...}`
/// values, of two words or more, that the language's file does not also use.
fn english_fragments(lang_file: &str) -> Vec<String> {
    let read = |name: &str| -> serde_json::Value {
        let text = std::fs::read_to_string(repo_root().join("content/i18n").join(name)).unwrap();
        serde_json::to_value(crossings::yaml::from_str::<serde_json::Value>(&text).unwrap()).unwrap()
    };
    let texts = |v: &serde_json::Value| -> Vec<String> {
        let mut out = Vec::new();
        for entry in v.as_object().unwrap().values() {
            match entry {
                serde_json::Value::String(s) => out.push(s.clone()),
                serde_json::Value::Object(forms) => {
                    out.extend(forms.values().filter_map(|f| f.as_str().map(String::from)))
                }
                _ => {}
            }
        }
        out
    };
    let theirs = texts(&read(lang_file)).join("\n");
    let mut fragments: Vec<String> = texts(&read("en.yaml"))
        .iter()
        .flat_map(|t| t.split(['{', '}']).map(str::trim).map(String::from).collect::<Vec<_>>())
        .filter(|f| f.split_whitespace().count() >= 2 && f.chars().any(|c| c.is_ascii_lowercase()))
        .filter(|f| !theirs.contains(f.as_str()))
        .collect();
    fragments.sort();
    fragments.dedup();
    fragments
}

#[test]
fn russian_and_kazakh_pages_carry_no_english_interface_text() {
    let tree = repo_site();
    for (lang, prefix) in LANGUAGES.iter().skip(1) {
        let fragments = english_fragments(&format!("{lang}.yaml"));
        assert!(fragments.iter().any(|f| f.contains("placed on the map")), "the plural text is among them");
        for (path, html) in pages(tree).into_iter().filter(|(p, _)| p.starts_with(prefix)) {
            let text = unmarked_text(&html, lang).join(" ");
            for f in &fragments {
                assert!(!text.contains(f.as_str()), "{path}: English interface text `{f}`");
            }
        }
    }
}

#[test]
fn names_and_sources_read_in_the_page_s_language_with_one_note_at_most() {
    let tree = repo_site();
    let html = |p: &str| String::from_utf8_lossy(&tree[&PathBuf::from(p)]).into_owned();
    // A name sourced only in Russian is shown as it is, with one note for the page, not one per
    // name (there were 93 on the Kazakh home page).
    for path in ["kk/index.html", "ru/index.html", "kk/borders/ru/index.html", "kk/checkpoints/index.html"] {
        let notes = html(path).matches("class=\"untr\"").count();
        assert!(notes <= 1, "{path}: {notes} notes");
    }
    assert_eq!(html("kk/index.html").matches("class=\"untr\"").count(), 1, "the Kazakh home page says it once");
    // A listed source's name in the page's language.
    let ru = html("ru/checkpoints/akbalshyk/index.html");
    assert!(ru.contains("Электронная очередь Казахстана для грузовиков") && !ru.contains("truck e-queue"), "Russian");
    let kk = html("kk/checkpoints/akbalshyk/index.html");
    assert!(kk.contains("электрондық кезегі") && !kk.contains("truck e-queue"), "Kazakh");
    assert!(html("checkpoints/akbalshyk/index.html").contains("Kazakhstan&#39;s truck e-queue"), "English");
    // Romanised names keep no quotation marks.
    let en = html("index.html");
    assert!(en.contains("Oral khalyqaralyq auezhayy") && !en.contains("&lt;&lt;Oral"), "romanised without quotes");
}
