//! `crossings build`: the site is complete, linked, safe, deterministic and replaced atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use scraper::{Html, Selector};

use crate::util::{Project, repo_root};

/// Every file under `dir`, by path relative to it, with its bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("list output") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn html_pages(tree: &BTreeMap<PathBuf, Vec<u8>>) -> impl Iterator<Item = (&PathBuf, String)> {
    tree.iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .map(|(p, b)| (p, String::from_utf8_lossy(b).into_owned()))
}

/// The repository's site, built once per test process: every file by path, with its bytes.
pub fn repo_site() -> &'static BTreeMap<PathBuf, Vec<u8>> {
    static SITE: LazyLock<BTreeMap<PathBuf, Vec<u8>>> = LazyLock::new(|| {
        let project = Project::from_repo();
        project.run(&["build"]).expect_code(0).expect_no_panic();
        read_tree(&project.path().join("output"))
    });
    &SITE
}

#[test]
fn every_checkpoint_rule_and_border_has_a_page() {
    let tree = repo_site();
    let has = |page: String| assert!(tree.contains_key(&PathBuf::from(&page)), "missing {page}");
    for prefix in ["", "ru/", "kk/"] {
        for entry in std::fs::read_dir(repo_root().join("content/checkpoints")).unwrap() {
            let stem = entry.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned();
            has(format!("{prefix}checkpoints/{stem}/index.html"));
        }
        for entry in std::fs::read_dir(repo_root().join("content/rules")).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            has(format!("{prefix}rules/{}/index.html", name.split('.').next().unwrap()));
        }
        for page in ["index.html", "404.html", "borders/cn/index.html", "borders/ru/index.html", "data/index.html"] {
            has(format!("{prefix}{page}"));
        }
        has(format!("{prefix}feed.xml"));
    }
    for file in ["sitemap.xml", "robots.txt", "static/search-index.en.js", "static/search-index.kk.js"] {
        has(file.to_string());
    }
}

#[test]
fn every_internal_link_and_asset_resolves() {
    let tree = repo_site();
    let selector = Selector::parse("a[href], link[href], script[src], img[src]").unwrap();
    let mut checked = 0;
    for (path, html) in html_pages(tree) {
        if path == Path::new("404.html") {
            continue; // links from the 404 page are absolute, to the published site
        }
        let doc = Html::parse_document(&html);
        for element in doc.select(&selector) {
            let target = element.value().attr("href").or_else(|| element.value().attr("src")).unwrap();
            if target.contains(':') || target.starts_with('#') || target.starts_with("//") {
                continue;
            }
            let target = target.split(['#', '?']).next().unwrap();
            let resolved = normalise(&path.parent().unwrap().join(target));
            let resolved = if target.is_empty() { path.clone() } else { resolved };
            assert!(
                tree.contains_key(&resolved),
                "{}: link `{target}` resolves to missing {}",
                path.display(),
                resolved.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn every_page_has_a_policy_and_no_inline_script() {
    let tree = repo_site();
    let csp = Selector::parse("meta[http-equiv=\"Content-Security-Policy\"]").unwrap();
    let scripts = Selector::parse("script").unwrap();
    let all = Selector::parse("*").unwrap();
    for (path, html) in html_pages(tree) {
        let doc = Html::parse_document(&html);
        let policy = doc.select(&csp).next().unwrap_or_else(|| panic!("{} has no CSP", path.display()));
        let content = policy.value().attr("content").unwrap();
        assert!(content.contains("script-src 'self'") && !content.contains("unsafe-inline"), "{content}");
        for script in doc.select(&scripts) {
            let is_data = script.value().attr("type") == Some("application/ld+json");
            assert!(script.value().attr("src").is_some() || is_data, "{}: inline script", path.display());
        }
        for element in doc.select(&all) {
            for (name, _) in element.value().attrs() {
                assert!(!name.starts_with("on"), "{}: event handler attribute {name}", path.display());
                assert!(name != "style", "{}: style attribute (CSP forbids it)", path.display());
            }
        }
        assert!(doc.root_element().value().attr("lang").is_some(), "{}: no lang", path.display());
    }
}

#[test]
fn exports_parse_and_match_the_content() {
    let tree = repo_site();
    let count = std::fs::read_dir(repo_root().join("content/checkpoints")).unwrap().count();
    let geo: serde_json::Value = serde_json::from_slice(&tree[&PathBuf::from("data/checkpoints.geojson")]).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), count);
    for f in features {
        let geometry = &f["geometry"];
        if !geometry.is_null() {
            let [lon, lat] =
                [geometry["coordinates"][0].as_f64().unwrap(), geometry["coordinates"][1].as_f64().unwrap()];
            assert!((46.0..88.0).contains(&lon) && (40.0..56.0).contains(&lat), "lon, lat order: {geometry}");
        }
        assert!(f["properties"]["url"].as_str().unwrap().starts_with("https://"));
    }
    let json: serde_json::Value = serde_json::from_slice(&tree[&PathBuf::from("data/checkpoints.json")]).unwrap();
    assert_eq!(json["checkpoints"].as_array().unwrap().len(), count);
    let csv = String::from_utf8(tree[&PathBuf::from("data/checkpoints.csv")].clone()).unwrap();
    assert_eq!(csv.lines().count(), count + 1);
    assert!(csv.starts_with("id,name_en,name_ru,name_kk,border,"));
}

#[test]
fn sitemap_lists_every_page() {
    let tree = repo_site();
    let sitemap = String::from_utf8(tree[&PathBuf::from("sitemap.xml")].clone()).unwrap();
    for (path, _) in html_pages(tree) {
        if path.ends_with("404.html") {
            continue;
        }
        let pretty = path.to_string_lossy().trim_end_matches("index.html").to_string();
        let loc = format!("<loc>https://crossings-kz.github.io/crossings/{pretty}</loc>");
        assert!(sitemap.contains(&loc), "sitemap lacks {loc}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let project = Project::from_repo();
    project.run(&["build", "--out", "one"]).expect_code(0);
    project.run(&["build", "--out", "two"]).expect_code(0);
    let (one, two) = (read_tree(&project.path().join("one")), read_tree(&project.path().join("two")));
    assert_eq!(one.keys().collect::<Vec<_>>(), two.keys().collect::<Vec<_>>());
    for (path, bytes) in &one {
        assert!(bytes == &two[path], "{} differs between builds", path.display());
    }
}

#[test]
fn broken_content_leaves_the_earlier_site_intact() {
    let project = Project::from_repo();
    project.run(&["build"]).expect_code(0);
    let before = read_tree(&project.path().join("output"));
    project
        .write("content/checkpoints/khorgos.yaml", "id: khorgos\nname: {en: Khorgos}\nlocation: {lat: 95, lon: 80}\n");
    let run = project.run(&["build"]);
    run.expect_code(1).expect_output("content/checkpoints/khorgos.yaml:3:17: error[lat_out_of_range]");
    assert_eq!(read_tree(&project.path().join("output")), before);
    let leftovers: Vec<_> = std::fs::read_dir(project.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left: {leftovers:?}");
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let project = Project::from_repo();
    project.write("precious/notes.txt", "keep me");
    project.run(&["build", "--out", "precious"]).expect_code(2).expect_output("refusing to replace");
    assert_eq!(std::fs::read_to_string(project.path().join("precious/notes.txt")).unwrap(), "keep me");
    project.run(&["build", "--out", "content"]).expect_code(2);
}

#[test]
fn injected_markup_never_appears_live() {
    let project = Project::from_repo();
    project.write(
        "content/checkpoints/evil.yaml",
        "id: evil\nname:\n  en: \"<script>alert('name')</script>\"\naliases: [\"<img src=x onerror=alert(1)>\"]\n\
         counterpart: {name: {en: \"</title><script>alert(2)</script>\"}}\n\
         notes: |\n  Raw <script>alert(3)</script> and <a href=\"javascript:alert(4)\">x</a>\n  <img src=x onerror=\"alert(5)\"> <iframe src=\"https://x.org\"></iframe>\n\
         contacts:\n  - {kind: phone, value: \"+7 (7282) 12-34-56\", label: \"<b onmouseover=alert(6)>duty</b>\"}\n",
    );
    project.write(
        "content/rules/evil.md",
        "---\ntitle: \"<script>alert(7)</script>\"\ncategory: customs\nsummary: \"\\\"><svg onload=alert(8)>\"\n---\n<script>alert(9)</script>\n\n<a href=\"JaVaScRiPt:alert(10)\">y</a> <a href=\"data:text/html,<script>alert(11)</script>\">z</a>\n",
    );
    let run = project.run(&["build"]);
    run.expect_code(0);
    let tree = read_tree(&project.path().join("output"));
    let all = Selector::parse("*").unwrap();
    for (path, html) in html_pages(&tree) {
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script>alert"), "{}: live script", path.display());
        assert!(!lower.contains("javascript:"), "{}: javascript: URL", path.display());
        assert!(!lower.contains("data:text/html"), "{}: data: URL", path.display());
        assert!(!lower.contains("<iframe"), "{}: iframe", path.display());
        let doc = Html::parse_document(&html);
        for element in doc.select(&all) {
            assert!(
                !element.value().attrs().any(|(n, _)| n.starts_with("on")),
                "{}: handler in {:?}",
                path.display(),
                element.value()
            );
        }
    }
    let page = String::from_utf8(tree[&PathBuf::from("checkpoints/evil/index.html")].clone()).unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(&#x27;name&#x27;)") || page.contains("&lt;script&gt;alert("),
        "the name is shown, escaped"
    );
}

/// The ids of the rule documents a page of the repository's site links to from its lists.
fn rules_listed_on(page: &str) -> Vec<String> {
    let html = Html::parse_document(&String::from_utf8_lossy(&repo_site()[&PathBuf::from(page)]));
    let links = Selector::parse("ul.link-list a").unwrap();
    html.select(&links)
        .filter_map(|a| a.value().attr("href"))
        .filter_map(|href| href.split("rules/").nth(1)?.split('/').next().map(str::to_string))
        .filter(|id| id != "index.html")
        .collect()
}

#[test]
fn a_checkpoint_lists_only_the_rules_that_apply_where_it_is() {
    // The Russian border lies inside the EAEU: no customs control, so the outer border's
    // allowances are not listed there, and the rules for goods from EAEU countries are.
    let russian = rules_listed_on("checkpoints/aksay/index.html");
    for id in ["goods-eaeu", "cash", "procedure", "documents", "exit-bans"] {
        assert!(russian.contains(&id.to_string()), "{id} missing on a Russian-border checkpoint: {russian:?}");
    }
    for id in ["customs", "khorgos"] {
        assert!(!russian.contains(&id.to_string()), "{id} listed on a Russian-border checkpoint: {russian:?}");
    }
    let chinese = rules_listed_on("ru/checkpoints/bakhty/index.html");
    assert!(chinese.contains(&"customs".to_string()), "{chinese:?}");
    for id in ["goods-eaeu", "procedure", "exit-bans", "khorgos"] {
        assert!(!chinese.contains(&id.to_string()), "{id} listed on a Chinese-border checkpoint: {chinese:?}");
    }
    let airport = rules_listed_on("kk/checkpoints/aktobe-airport/index.html");
    assert!(airport.contains(&"customs".to_string()) && !airport.contains(&"goods-eaeu".to_string()), "{airport:?}");
    assert!(rules_listed_on("checkpoints/khorgos/index.html").contains(&"khorgos".to_string()));
}
