//! A deterministic synthetic corpus for benchmarks: N checkpoints with names in three scripts,
//! aliases, modes, hours, places, coordinates inside Kazakhstan near their border, 1 KB of
//! Markdown notes, sources, and rule documents; all valid for `crossings validate`.
//!
//! `cargo run --release --example corpus -- N OUT_DIR` writes OUT_DIR/content (the repository's
//! reference and geographic data, site settings, and the generated records).
//!
//! With `--hugo HUGO_DIR` it also writes the same records as a Hugo site (used by
//! `scripts/bench-build.sh`): `bench/hugo`'s configuration and layouts, and
//! HUGO_DIR/content/checkpoints/<id>.md and content/rules/<id>.md, whose YAML front matter holds
//! `title` (the English name), the `borders` taxonomy and the record's fields under `params`, with
//! the Markdown notes or rule text as the body. Each record is generated once and written both ways.
//! `--one-language` keeps only the default language in the copied site settings (the Hugo site has
//! one language, and crossings would otherwise write every page once per language).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crossings::content::geo::Boundaries;

/// SplitMix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SYLLABLES: &[(&str, &str, &str)] = &[
    ("ka", "ка", "қа"),
    ("ra", "ра", "ра"),
    ("zhol", "жол", "жол"),
    ("bai", "бай", "бай"),
    ("tau", "тау", "тау"),
    ("su", "су", "су"),
    ("ak", "ак", "ақ"),
    ("kol", "коль", "көл"),
    ("ta", "та", "та"),
    ("sar", "сар", "сар"),
    ("bek", "бек", "бек"),
    ("ush", "уш", "үш"),
    ("ar", "ар", "ар"),
    ("tal", "тал", "тал"),
    ("ki", "ки", "кі"),
    ("mys", "мыс", "мыс"),
    ("or", "ор", "өр"),
    ("dy", "ды", "ды"),
    ("en", "ен", "ең"),
    ("bu", "бу", "бұ"),
];

const REGIONS: &[&str] = &[
    "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-39", "KZ-47", "KZ-55", "KZ-59",
    "KZ-61", "KZ-63",
];
const NEIGHBOURS: &[&str] = &["CN", "RU", "KG", "UZ", "TM"];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A name in Latin, Russian and Kazakh spelling.
fn name(rng: &mut Rng) -> (String, String, String) {
    let n = 2 + rng.below(2);
    let parts: Vec<_> = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
    let join = |k: usize| capitalise(&parts.iter().map(|p| [p.0, p.1, p.2][k]).collect::<String>());
    (join(0), join(1), join(2))
}

/// A point inside Kazakhstan within 40 km of a neighbour; returns (lon, lat, neighbour).
fn place(rng: &mut Rng, geo: &Boundaries) -> (f64, f64, &'static str) {
    let kz = geo.country("KZ").expect("Kazakhstan's outline");
    loop {
        let (lon, lat) = (46.5 + rng.unit() * 40.8, 40.6 + rng.unit() * 14.8);
        if !kz.contains(lon, lat) {
            continue;
        }
        let near = NEIGHBOURS.iter().find(|code| geo.country(code).is_some_and(|c| c.distance_km(lon, lat) < 40.0));
        if let Some(code) = near {
            return (lon, lat, code);
        }
    }
}

/// About 1 KB of Markdown notes (1,000 bytes or more as an indented YAML block) with a list and links.
fn notes(rng: &mut Rng, rules: usize) -> String {
    let mut text = String::from("Trucks queue on the approach road; the queue is shorter early in the morning.\n\n");
    for i in 0..4 {
        let _ =
            writeln!(text, "- Point {}: bring the vehicle's registration, insurance and the driver's licence.", i + 1);
    }
    let _ = writeln!(
        text,
        "\nSee the [customs rules](/rules/rule-{}/) and the [operator's page](https://example.org/queue/{}).",
        rng.below(rules),
        rng.below(1000)
    );
    let yaml_len = |t: &str| t.len() + 2 * t.lines().filter(|l| !l.is_empty()).count();
    while yaml_len(&text) < 1000 {
        text.push_str("Border guards check passports and migration cards; customs may inspect luggage and vehicles.\n");
    }
    text
}

/// One generated record, kept in parts so that it can be written both as crossings content and as a
/// Hugo page: its title, its YAML fields without the title or the Markdown text, and that text.
struct Record {
    title: String,
    /// Fields before the Markdown text (checkpoints keep their notes in the middle of the file).
    head: String,
    /// Markdown, as it appears in a Hugo page's body.
    markdown: String,
    /// Fields after the Markdown text.
    tail: String,
    /// Hugo taxonomy terms (`borders`), so that Hugo writes a page per border as crossings does.
    borders: Option<&'static str>,
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| if l.is_empty() { "\n".to_string() } else { format!("{by}{l}\n") }).collect()
}

impl Record {
    /// The checkpoint's YAML file for crossings.
    fn checkpoint_yaml(&self) -> String {
        format!(
            "# yaml-language-server: $schema=../schema/checkpoint.schema.json\n{}notes: |\n{}{}",
            self.head,
            indent(&self.markdown, "  "),
            self.tail
        )
    }

    /// The rule's Markdown file for crossings: front matter, then the text.
    fn rule_markdown(&self) -> String {
        format!("---\ntitle: {}\n{}{}---\n{}", self.title, self.head, self.tail, self.markdown)
    }

    /// The same record as a Hugo page: `title`, the `borders` taxonomy, and every field under
    /// `params` (Hugo reserves `aliases` and `summary` at the top level); the Markdown as the body.
    fn hugo_page(&self) -> String {
        let mut page = format!("---\ntitle: {}\n", self.title);
        if let Some(border) = self.borders {
            let _ = writeln!(page, "borders: [{border}]");
        }
        let _ = write!(page, "params:\n{}{}---\n{}", indent(&self.head, "  "), indent(&self.tail, "  "), self.markdown);
        page
    }
}

fn checkpoint(i: usize, rng: &mut Rng, geo: &Boundaries, rules: usize) -> Record {
    let (en, ru, kk) = name(rng);
    let (other, other_ru, _) = name(rng);
    let (lon, lat, border) = place(rng, geo);
    // Facts as the model writes them: yes, no, or unknown (not written) per value.
    let modes = rng.pick(&[
        "{road: \"yes\"}",
        "{rail: \"yes\", road: \"no\"}",
        "{road: \"yes\", rail: \"yes\"}",
        "{road: \"yes\", pedestrian: \"yes\"}",
    ]);
    let traffic = rng.pick(&[
        "{passenger: \"yes\"}",
        "{cargo: \"yes\", passenger: \"no\"}",
        "{passenger: \"yes\", cargo: \"yes\"}",
    ]);
    // Hours as openings: weekdays, times, a break, a season, the UTC offset of the times.
    let hours = rng.pick(&[
        "{kind: 24h}",
        "{kind: daytime, source_text: During the daytime}",
        "{kind: schedule, schedule: [{days: [Mo, Tu, We, Th, Fr], open: \"09:00\", close: \"18:00\", break: {start: \"13:00\", end: \"14:00\"}}, {days: [Sa], open: \"10:00\", close: \"14:00\"}], utc_offset: \"+05:00\", source_text: \"Mon-Fri 9-18, Sat 10-14\"}",
        "{kind: seasonal, season: {from: {month: 4, day: 1}, to: {month: 10}}, source_text: From April to October}",
    ]);
    let state = rng.pick(&["open", "open", "open", "suspended", "closed"]);
    let region = rng.pick(REGIONS);
    let head = format!(
        "id: cp-{i}\nname:\n  en: {en}\n  ru: {ru}\n  kk: {kk}\n\
         aliases: [{en}-{i}, {ru} {i}]\nborder: {border}\ncounterpart:\n  country: {border}\n  name: {{en: {other}, ru: {other_ru}}}\n\
         modes: {modes}\ntraffic: {traffic}\nclassification: {{kind: international, source_text: International}}\nhours: {hours}\n\
         status: {{state: {state}, since: 2024-0{}-1{}}}\nlocation:\n  region: {region}\n  district: {other} district\n  settlement: {en}\n\
         \x20 lat: {lat:.5}\n  lon: {lon:.5}\n  precision: approximate\ncontacts:\n  - {{kind: phone, value: \"+7 7{:03} {:03} {:02} {:02}\"}}\n",
        1 + rng.below(9),
        rng.below(10),
        rng.below(1000),
        rng.below(1000),
        rng.below(100),
        rng.below(100),
    );
    let markdown = notes(rng, rules);
    let source = rng.below(100_000);
    let tail = format!(
        "sources:\n  - url: https://example.org/source/{source}\n    title: Synthetic source {i}\n    publisher: Example publisher\n    as_of: 2025-01\n    retrieved: 2025-0{}-0{}\n    supports: [name, hours, location]\nlast_verified: 2026-0{}-1{}\nverified_against: https://example.org/source/{source}\n",
        1 + rng.below(9),
        1 + rng.below(9),
        1 + rng.below(9),
        rng.below(10)
    );
    Record { title: en, head, markdown, tail, borders: Some(border) }
}

fn rule(i: usize, rng: &mut Rng) -> Record {
    let category = rng.pick(&["visa", "documents", "procedure", "vehicles", "customs", "refusal"]);
    let mut body = String::from("Travellers present their documents at the window one by one.\n\n");
    for k in 0..5 {
        let _ = writeln!(body, "- Requirement {k}: a document valid for at least three months.");
    }
    let head = format!(
        "category: {category}\nsummary: What rule {i} asks of travellers.\napplies_to:\n  borders: [{}]\n\
         allowances:\n  - item: Cash\n    amount: {}\n    currency: USD\nlists:\n  - kind: documents\n    title: Documents\n    items: [Passport, Migration card]\n\
         sources:\n  - url: https://example.org/rule/{i}\n    as_of: 2025-01\n    retrieved: 2025-01-0{}\n    supports: [text, allowances, lists]\nlast_verified: 2026-01-0{}\nverified_against: https://example.org/rule/{i}\n",
        rng.pick(NEIGHBOURS),
        1000 * (1 + rng.below(20)),
        1 + rng.below(9),
        1 + rng.below(9)
    );
    Record { title: format!("Rule {i}"), head, markdown: body, tail: String::new(), borders: None }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()))?;
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

const USAGE: &str = "usage: cargo run --release --example corpus -- N OUT_DIR [--hugo HUGO_DIR] [--one-language]";

/// The site settings with `languages` cut to the default language, so that crossings writes one
/// page per record, as the single-language Hugo site does.
fn one_language(site: &str) -> String {
    let default = site.lines().find_map(|l| l.strip_prefix("default_language:")).map(str::trim).unwrap_or("en");
    let mut out = String::new();
    let mut in_list = false;
    for line in site.lines() {
        if line.starts_with("languages:") {
            let _ = writeln!(out, "languages: [{default}]");
            in_list = true;
        } else if in_list && (line.starts_with(' ') || line.starts_with('-')) {
            // An item of a block-style list.
        } else {
            in_list = false;
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

/// Section and home pages of the Hugo site (crossings makes these pages from its templates).
const HUGO_INDEXES: &[(&str, &str)] = &[
    ("_index.md", "Kazakhstan border crossings"),
    ("checkpoints/_index.md", "All checkpoints"),
    ("rules/_index.md", "Rules"),
];

fn main() -> anyhow::Result<()> {
    let mut positional = Vec::new();
    let mut hugo: Option<PathBuf> = None;
    let mut one_lang = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--hugo" => hugo = Some(args.next().ok_or_else(|| anyhow::anyhow!(USAGE))?.into()),
            "--one-language" => one_lang = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ => positional.push(arg),
        }
    }
    let [n, out] = positional.as_slice() else { anyhow::bail!(USAGE) };
    let n: usize = n.parse().map_err(|_| anyhow::anyhow!(USAGE))?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let repo = root.join("content");
    let content = Path::new(out).join("content");
    for folder in ["reference", "geo", "schema", "i18n"] {
        if repo.join(folder).is_dir() {
            copy_dir(&repo.join(folder), &content.join(folder))?;
        }
    }
    let site = std::fs::read_to_string(repo.join("site.yaml"))?;
    std::fs::write(content.join("site.yaml"), if one_lang { one_language(&site) } else { site })?;
    let geo: Boundaries = serde_json::from_str(&std::fs::read_to_string(repo.join("geo/boundaries.json"))?)?;
    let rules = (n / 200).max(5);
    let mut rng = Rng(0x005E_ED0F_C0DE);
    std::fs::create_dir_all(content.join("checkpoints"))?;
    std::fs::create_dir_all(content.join("rules"))?;
    // The Hugo site: bench/hugo's configuration and layouts, and the same records as pages.
    let hugo_content = hugo.as_ref().map(|dir| dir.join("content"));
    if let (Some(dir), Some(pages)) = (&hugo, &hugo_content) {
        copy_dir(&root.join("bench/hugo"), dir)?;
        for section in ["checkpoints", "rules"] {
            std::fs::create_dir_all(pages.join(section))?;
        }
        for (path, title) in HUGO_INDEXES {
            std::fs::write(pages.join(path), format!("---\ntitle: {title}\n---\n"))?;
        }
    }
    for i in 0..n {
        let record = checkpoint(i, &mut rng, &geo, rules);
        std::fs::write(content.join(format!("checkpoints/cp-{i}.yaml")), record.checkpoint_yaml())?;
        if let Some(pages) = &hugo_content {
            std::fs::write(pages.join(format!("checkpoints/cp-{i}.md")), record.hugo_page())?;
        }
    }
    for i in 0..rules {
        let record = rule(i, &mut rng);
        std::fs::write(content.join(format!("rules/rule-{i}.md")), record.rule_markdown())?;
        if let Some(pages) = &hugo_content {
            std::fs::write(pages.join(format!("rules/rule-{i}.md")), record.hugo_page())?;
        }
    }
    eprintln!("corpus: {n} checkpoints and {rules} rules in {}", content.display());
    if let Some(dir) = &hugo {
        eprintln!("corpus: the same records as a Hugo site in {}", dir.display());
    }
    Ok(())
}
