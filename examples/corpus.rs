//! A deterministic synthetic corpus for benchmarks: N checkpoints with names in three scripts,
//! aliases, modes, hours, places, coordinates inside Kazakhstan near their border, 1 KB of
//! Markdown notes, sources, and rule documents; all valid for `crossings validate`.
//!
//! `cargo run --release --example corpus -- N OUT_DIR` writes OUT_DIR/content (the repository's
//! reference and geographic data, site settings, and the generated records).

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

fn notes(rng: &mut Rng, rules: usize) -> String {
    let mut text = String::from("  Trucks queue on the approach road; the queue is shorter early in the morning.\n\n");
    for i in 0..4 {
        let _ = writeln!(
            text,
            "  - Point {}: bring the vehicle's registration, insurance and the driver's licence.",
            i + 1
        );
    }
    let _ = writeln!(
        text,
        "\n  See the [customs rules](/rules/rule-{}/) and the [operator's page](https://example.org/queue/{}).",
        rng.below(rules),
        rng.below(1000)
    );
    while text.len() < 1000 {
        text.push_str(
            "  Border guards check passports and migration cards; customs may inspect luggage and vehicles.\n",
        );
    }
    text
}

fn checkpoint(i: usize, rng: &mut Rng, geo: &Boundaries, rules: usize) -> String {
    let (en, ru, kk) = name(rng);
    let (other, other_ru, _) = name(rng);
    let (lon, lat, border) = place(rng, geo);
    let modes = rng.pick(&["[road]", "[rail]", "[road, rail]", "[road, pedestrian]"]);
    let traffic = rng.pick(&["[passenger]", "[cargo]", "[passenger, cargo]"]);
    let hours = rng.pick(&[
        "{kind: 24h}",
        "{kind: daytime, source_text: During the daytime}",
        "{kind: schedule, schedule: {open: \"09:00\", close: \"18:00\", time_zone: Asia/Almaty}}",
    ]);
    let state = rng.pick(&["open", "open", "open", "suspended", "closed"]);
    let region = rng.pick(REGIONS);
    format!(
        "# yaml-language-server: $schema=../schema/checkpoint.schema.json\nid: cp-{i}\nname:\n  en: {en}\n  ru: {ru}\n  kk: {kk}\n\
         aliases: [{en}-{i}, {ru} {i}]\nborder: {border}\ncounterpart:\n  country: {border}\n  name: {{en: {other}, ru: {other_ru}}}\n\
         modes: {modes}\ntraffic: {traffic}\nclassification: {{kind: international, source_text: International}}\nhours: {hours}\n\
         status: {{state: {state}, since: 2024-0{}-1{}}}\nlocation:\n  region: {region}\n  district: {other} district\n  settlement: {en}\n\
         lat: {lat:.5}\n  lon: {lon:.5}\n  precision: approximate\ncontacts:\n  - {{kind: phone, value: \"+7 7{:03} {:03} {:02} {:02}\"}}\n\
         notes: |\n{}sources:\n  - url: https://example.org/source/{}\n    title: Synthetic source {i}\n    retrieved: 2025-0{}-0{}\n    supports: [name, hours, location]\nlast_verified: 2026-0{}-1{}\n",
        1 + rng.below(9), rng.below(10), rng.below(1000), rng.below(1000), rng.below(100), rng.below(100),
        notes(rng, rules), rng.below(100_000), 1 + rng.below(9), 1 + rng.below(9), 1 + rng.below(9), rng.below(10)
    )
    .replace("\nlat:", "\n  lat:")
}

fn rule(i: usize, rng: &mut Rng) -> String {
    let category = rng.pick(&["visa", "documents", "procedure", "vehicles", "customs", "refusal"]);
    let mut body = String::from("Travellers present their documents at the window one by one.\n\n");
    for k in 0..5 {
        let _ = writeln!(body, "- Requirement {k}: a document valid for at least three months.");
    }
    format!(
        "---\ntitle: Rule {i}\ncategory: {category}\nsummary: What rule {i} asks of travellers.\napplies_to:\n  borders: [{}]\n\
         allowances:\n  - item: Cash\n    amount: {}\n    currency: USD\nlists:\n  - kind: documents\n    title: Documents\n    items: [Passport, Migration card]\n\
         sources:\n  - url: https://example.org/rule/{i}\n    retrieved: 2025-01-0{}\nlast_verified: 2026-01-0{}\n---\n{body}",
        rng.pick(NEIGHBOURS),
        1000 * (1 + rng.below(20)),
        1 + rng.below(9),
        1 + rng.below(9)
    )
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

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(out)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        anyhow::bail!("usage: cargo run --release --example corpus -- N OUT_DIR");
    };
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content");
    let content = Path::new(out).join("content");
    for folder in ["reference", "geo", "schema"] {
        copy_dir(&repo.join(folder), &content.join(folder))?;
    }
    std::fs::copy(repo.join("site.yaml"), content.join("site.yaml"))?;
    let geo: Boundaries = serde_json::from_str(&std::fs::read_to_string(repo.join("geo/boundaries.json"))?)?;
    let rules = (n / 200).max(5);
    let mut rng = Rng(0x005E_ED0F_C0DE);
    std::fs::create_dir_all(content.join("checkpoints"))?;
    std::fs::create_dir_all(content.join("rules"))?;
    for i in 0..n {
        std::fs::write(content.join(format!("checkpoints/cp-{i}.yaml")), checkpoint(i, &mut rng, &geo, rules))?;
    }
    for i in 0..rules {
        std::fs::write(content.join(format!("rules/rule-{i}.md")), rule(i, &mut rng))?;
    }
    eprintln!("corpus: {n} checkpoints and {rules} rules in {}", content.display());
    Ok(())
}
