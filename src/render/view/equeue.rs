//! The truck e-queue as pages show it: on a checkpoint's card and page, whether trucks book
//! their crossing there and since when; on its page, the queue's fees and where to book, with
//! the page that states them.

use serde::Serialize;

use super::source::{Attribution, attribution};
use super::text::Labelled;
use crate::content::equeue::{Booking, EQueueTerms, FeeKind};
use crate::content::{Content, EQueue, SourceRef};
use crate::render::ui::Ui;
use crate::yaml::Spanned;

/// The filter token and label of a checkpoint's e-queue fact: `yes` ("Trucks book in the
/// e-queue, since 1 November 2023"), `no`, or `None` where no source says.
pub fn e_queue_label(queue: Option<&EQueue>, ui: &Ui) -> Option<Labelled> {
    let queue = queue?;
    let label = match (queue.booking, &queue.since) {
        (Booking::Yes, Some(since)) => ui.fill("e_queue_since", &[("date", &ui.date(&since.value))]),
        (Booking::Yes, None) => ui.get("e_queue_yes").to_string(),
        (Booking::No, _) => ui.get("e_queue_no").to_string(),
    };
    Some(Labelled { code: EQueue::booking_code(Some(queue)).to_string(), label })
}

/// The queue's terms as a checkpoint page shows them below the fact.
#[derive(Debug, Clone, Serialize)]
pub struct EQueueTermsView {
    /// The queue's name.
    pub name: String,
    /// Where to book.
    pub booking_url: String,
    /// The booking link's text: "Book in CarGoRuqsat".
    pub book: String,
    /// The fees in words, one per amount: "1 MCI: in turn, at the booked time".
    pub fees: Vec<String>,
    /// The act that sets the fees, in the source's words.
    pub act: String,
    /// Who states the fees, and as of when.
    pub cited: Attribution,
}

/// The key of a fee's label.
pub fn fee_key(kind: FeeKind) -> String {
    format!("e_queue_fee_{}", kind.code())
}

/// `terms` in the page's language.
pub fn terms_view(terms: &EQueueTerms, content: &Content, ui: &Ui) -> EQueueTermsView {
    let s = &terms.source;
    let reference = SourceRef {
        source: None,
        url: Some(Spanned::new(s.url.clone())),
        title: Some(s.title.clone()),
        publisher: Some(s.publisher.clone()),
        language: Some("en".into()),
        as_of: Some(Spanned::new(s.as_of.clone())),
        retrieved: Some(Spanned::new(s.retrieved.clone())),
        supports: Vec::new(),
    };
    // One line per amount: "100 MCI: out of turn, accelerated, booking again".
    let mut amounts: Vec<u32> = terms.fees.iter().map(|f| f.mci).collect();
    amounts.dedup();
    let fees = amounts
        .iter()
        .map(|mci| {
            let keys: Vec<String> = terms.fees.iter().filter(|f| f.mci == *mci).map(|f| fee_key(f.kind)).collect();
            let what = ui.join_labels(keys.iter().map(|k| ui.get(k)));
            ui.fill("e_queue_fee", &[("mci", &ui.number(f64::from(*mci))), ("what", &what)])
        })
        .collect();
    EQueueTermsView {
        name: terms.name.clone(),
        booking_url: terms.booking_url.clone(),
        book: ui.fill("e_queue_book", &[("name", &terms.name)]),
        fees,
        act: terms.act.clone(),
        cited: attribution(&reference, content, ui),
    }
}
