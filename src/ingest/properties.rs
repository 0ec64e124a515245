//! Property tests of the extractors: any page or TSV text, run through the real
//! recipes of `content/sources.yaml`, ends in candidates or a clear error within a bound, and
//! never panics. `PROPTEST_CASES` raises the budget.

use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::extract_source;
use super::sources;
use crate::content::{self, Reference};

/// How long one input may take.
const BOUND: Duration = Duration::from_secs(3);

/// Tag soup built from the seed page's own markup, so inputs reach the recipes' selectors.
fn tag_soup() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("<table class=\"checkpoints\">"),
        Just("</table>"),
        Just("<tbody>"),
        Just("<tr>"),
        Just("</tr>"),
        Just("<td>"),
        Just("</td>"),
        Just("<th>"),
        Just("<ul>"),
        Just("<li>"),
        Just("</li>"),
        Just("</ul>"),
        Just("<section class=\"russia-border\">"),
        Just("</section>"),
        Just("<h2>"),
        Just("</h2>"),
        Just("<h3>"),
        Just("<div class=\"entry-content\">"),
        Just("<div class=\"related-post\">"),
        Just("</div>"),
        Just("<p>"),
        Just("Khorgos"),
        Just("During the daytime"),
        Just("Multilateral (international), cargo-passenger"),
        Just("Almaty region, Panfilov district, village. Khorgos. Tel.:"),
        Just("Customs regulations"),
        Just("Visa regime"),
        Just("Up to 3 liters of alcohol;"),
        Just("Ozinki (Saratov region);"),
        Just("&amp;"),
        Just("<!--"),
        Just("-->"),
        Just("<script>"),
        Just("\u{0}"),
        Just("Хоргос"),
        Just("("),
        Just(";"),
        Just("\n"),
    ];
    prop::collection::vec(token, 0..120).prop_map(|t| t.concat())
}

fn tsv_soup() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("border_group\tqueue_id\tname\n"),
        Just("Kazakhstan - Russia"),
        Just("Kazakhstan - China"),
        Just("Kazakhstan"),
        Just("\t"),
        Just("\n"),
        Just("238304120665000000"),
        Just("Акбалшык - Воскресенское"),
        Just("Порт Курык"),
        Just(" – "),
        Just(" - "),
        Just("-"),
        Just("\r"),
        Just("\"")
    ];
    prop::collection::vec(token, 0..80).prop_map(|t| t.concat())
}

/// The repository's sources and reference data, read once.
fn setting() -> &'static (sources::SourcesFile, Reference) {
    static SETTING: OnceLock<(sources::SourcesFile, Reference)> = OnceLock::new();
    SETTING.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (file, _) = sources::load(&root).expect("sources.yaml");
        (file, content::load(&root).expect("content").content.reference)
    })
}

fn run_every_source(text: &str) -> Result<(), TestCaseError> {
    let (file, reference) = setting();
    for source in &file.sources {
        let material =
            super::acquire::Material { text: text.to_string(), retrieved: None, stamp: None, snapshot_bytes: None };
        let start = Instant::now();
        let at = sources::RecipeAt { file: Path::new("sources.yaml"), source: &source.id.value };
        let _ = extract_source(source, &material, at, reference);
        prop_assert!(start.elapsed() < BOUND, "{} took {:?}", source.id.value, start.elapsed());
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_page_is_extracted_or_refused(html in prop_oneof![tag_soup(), "\\PC{0,400}"]) {
        run_every_source(&html)?;
    }

    #[test]
    fn any_tsv_is_extracted_or_refused(text in tsv_soup()) {
        run_every_source(&text)?;
    }
}
