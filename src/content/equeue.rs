//! The truck e-queue: whether trucks book their crossing at a checkpoint in Kazakhstan's
//! electronic queue, since when (a record's `e_queue`), and the queue's own terms, where to
//! book and what it costs (`reference/e-queue.yaml`).

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::yaml::Spanned;

/// Whether trucks book their crossing here in the electronic queue, as a dated source says.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EQueue {
    /// `yes` where a source lists the checkpoint in the queue, `no` where one says it is not
    /// in it (no `e_queue` at all: unknown).
    pub booking: Booking,
    /// The date (YYYY-MM-DD) the queue started here, where a source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Spanned<String>>,
}

/// What a source says of booking at a checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Booking {
    /// Trucks book their crossing in the queue.
    Yes,
    /// The checkpoint is not in the queue.
    No,
}

impl EQueue {
    /// `yes`, `no` or `unknown` (no source says) for a record's `e_queue`, as exports write it.
    pub fn booking_code(queue: Option<&EQueue>) -> &'static str {
        match queue.map(|q| q.booking) {
            Some(Booking::Yes) => "yes",
            Some(Booking::No) => "no",
            None => "unknown",
        }
    }
}

/// The queue's terms for every checkpoint in it: where to book and the fees, with their
/// source.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EQueueTerms {
    /// The queue's name ("CarGoRuqsat").
    pub name: String,
    /// Where to book.
    pub booking_url: String,
    /// The page that states the fees.
    pub source: TermsSource,
    /// The legal act that sets the fees, as the source names it.
    pub act: String,
    /// The fees, each in monthly calculation indices (MCI).
    pub fees: Vec<Fee>,
}

/// The page the terms come from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermsSource {
    /// Its address.
    pub url: String,
    /// Its title.
    pub title: String,
    /// Its publisher.
    pub publisher: String,
    /// The date its statements describe (YYYY, YYYY-MM or YYYY-MM-DD).
    pub as_of: String,
    /// When an editor read it (YYYY-MM-DD).
    pub retrieved: String,
}

/// One fee of the queue.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// What the fee is for.
    pub kind: FeeKind,
    /// The fee, in monthly calculation indices (MCI, Kazakhstan's unit for fees and fines).
    pub mci: u32,
}

/// What a fee is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// Crossing at the booked date and time, in turn.
    InTurn,
    /// Crossing out of turn.
    OutOfTurn,
    /// Accelerated crossing.
    Accelerated,
    /// Booking again.
    Rebooking,
}

impl FeeKind {
    /// Every value, in the order pages list them.
    pub const ALL: [FeeKind; 4] = [FeeKind::InTurn, FeeKind::OutOfTurn, FeeKind::Accelerated, FeeKind::Rebooking];

    /// The value as written in YAML.
    pub fn code(self) -> &'static str {
        match self {
            FeeKind::InTurn => "in_turn",
            FeeKind::OutOfTurn => "out_of_turn",
            FeeKind::Accelerated => "accelerated",
            FeeKind::Rebooking => "rebooking",
        }
    }
}

/// Where the queue's terms are, under the content folder.
pub const TERMS_FILE: &str = "reference/e-queue.yaml";

/// Read `reference/e-queue.yaml` under `root`, if it is there; a malformed file is an error
/// naming its line.
pub fn terms(root: &Path) -> anyhow::Result<Option<EQueueTerms>> {
    let path = root.join(TERMS_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let text = crate::fs::read_to_string(&path)?;
    let terms: EQueueTerms =
        crate::yaml::from_str(&text).map_err(|e| anyhow::anyhow!("{}:{}: {}", path.display(), e.pos, e.message))?;
    if !terms.booking_url.starts_with("https://") || !terms.source.url.starts_with("https://") {
        anyhow::bail!("{}: `booking_url` and `source.url` must be https addresses", path.display());
    }
    if !super::date::Date::is_period(&terms.source.as_of) {
        anyhow::bail!("{}: `source.as_of` must be YYYY, YYYY-MM or YYYY-MM-DD", path.display());
    }
    Ok(Some(terms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repository_s_terms_read_and_a_bad_file_names_its_line() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let terms = terms(&root).unwrap().expect("content/reference/e-queue.yaml");
        assert_eq!(terms.fees.iter().find(|f| f.kind == FeeKind::InTurn).map(|f| f.mci), Some(1));
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("reference")).unwrap();
        std::fs::write(dir.path().join("reference/e-queue.yaml"), "name: Q\nbooking_url: https://q.kz/\nfees: 3\n")
            .unwrap();
        let e = super::terms(dir.path()).unwrap_err().to_string();
        assert!(e.contains("e-queue.yaml:") && e.contains(':'), "{e}");
    }
}
