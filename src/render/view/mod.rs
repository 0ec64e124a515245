//! View models: what templates get, built from content with labels in the page's language.
//! `text` (texts, labels, links) is at the bottom; `source` builds on it; `checkpoint` and `rule`
//! build their pages' models on both.

mod checkpoint;
mod equeue;
mod rule;
mod sides;
mod source;
mod state;
mod text;

pub use checkpoint::*;
pub use equeue::*;
pub use rule::*;
pub use source::*;
pub use state::*;
pub use text::*;
