//! How complete the list is against the official count of checkpoints
//! (`reference/official-counts.yaml`): the index, the list of every checkpoint and each border's
//! page say "on this list: 30; official count: 51", so that a filter that finds nothing, or a
//! short border list, is not taken for the whole truth.

use serde::Serialize;

use super::context::Language;
use crate::content::Border;
use crate::content::coverage::OfficialCounts;

/// The official count of the checkpoints on `border`: a land border's own count, or for
/// `none` (sea ports and airports) the two counts together.
pub fn official_count(official: &OfficialCounts, border: Border) -> Option<u32> {
    let count = |group: &str| official.counts.iter().find(|c| c.group == group).map(|c| c.count);
    match border {
        Border::None => Some(count("sea")? + count("air")?),
        other => count(other.code()),
    }
}

/// The list's checkpoints beside an official count, with the count's source.
#[derive(Debug, Clone, Serialize)]
pub struct Completeness {
    /// Checkpoints on the list (on the border, for a border's page).
    pub listed: usize,
    /// The official count.
    pub official: u32,
    /// "On this list: 30; official count: 51", in the page's language.
    pub text: String,
    /// Who made the count.
    pub by: String,
    /// "as of 17 August 2023", in the page's language.
    pub when: String,
    /// The count's source.
    pub url: String,
    /// Per border, `code listed official`, space-separated triples joined by `,` for the
    /// filters to say the same of the borders chosen.
    pub borders: String,
}

/// The completeness of the list on `border`, or of the whole list for `None`; nothing where no
/// official count is given.
pub fn completeness(l: &Language, border: Option<Border>) -> Option<Completeness> {
    let official = l.shared.official.as_ref()?;
    let (listed, count) = match border {
        Some(b) => (l.shared.count(b), official_count(official, b)?),
        None => {
            let all = Border::ALL.iter().map(|b| official_count(official, *b)).collect::<Option<Vec<u32>>>()?;
            (l.items.len(), all.iter().sum())
        }
    };
    let ui = &l.ui;
    let borders = Border::ALL
        .iter()
        .filter_map(|b| official_count(official, *b).map(|n| format!("{} {} {n}", b.code(), l.shared.count(*b))))
        .collect::<Vec<_>>()
        .join(",");
    Some(Completeness {
        listed,
        official: count,
        text: ui
            .fill("completeness", &[("listed", &ui.number(listed as f64)), ("official", &ui.number(f64::from(count)))]),
        by: official.source.publisher.clone(),
        when: ui.fill("as_of", &[("date", &ui.partial_date(&official.source.as_of))]),
        url: official.source.url.clone(),
        borders,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::coverage::{CountSource, GroupCount};

    #[test]
    fn sea_and_air_count_together_for_no_land_border() {
        let counts = |pairs: &[(&str, u32)]| OfficialCounts {
            source: CountSource::default(),
            counts: pairs.iter().map(|(g, n)| GroupCount { group: g.to_string(), count: *n }).collect(),
        };
        let official = counts(&[("RU", 51), ("sea", 3), ("air", 19)]);
        assert_eq!(official_count(&official, Border::RU), Some(51));
        assert_eq!(official_count(&official, Border::None), Some(22));
        assert_eq!(official_count(&official, Border::CN), None, "no count is not zero");
        assert_eq!(official_count(&counts(&[("air", 19)]), Border::None), None, "half a count is no count");
    }
}
