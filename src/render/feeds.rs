//! Each language's Atom feed: the checkpoints whose status changed, newest first.

use std::fmt::Write as _;

use super::context::Language;
use super::escape::xml_escape;
use super::url::absolute_url;
use super::view::state_now;
use crate::content::date::Date;

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

pub fn feed_entries(l: &Language) -> Vec<FeedEntry> {
    let ui = &l.ui;
    let mut entries = Vec::new();
    for (r, view) in l.content.checkpoints.iter().zip(&l.items) {
        let c = &r.data;
        // The state's change: its start, or the day of the source that shows it.
        let state = state_now(c, l.content);
        let state_date = state.since.or(state.as_of.filter(|d| Date::parse(d).is_some()));
        let date = [c.last_verified.as_ref().map(|d| d.value.as_str()), state_date].into_iter().flatten().max();
        if let Some(date) = date.map(str::to_string) {
            let status = view.status.as_ref().map_or(ui.get("status_unknown"), |s| s.label.as_str());
            entries.push(FeedEntry {
                path: format!("{}checkpoints/{}/", l.prefix, c.id.value),
                title: view.name.text.clone(),
                title_lang: view.name.lang.clone(),
                date,
                summary: ui.fill("feed_checkpoint", &[("status", status)]),
                summary_lang: ui.lang.clone(),
            });
        }
    }
    for rule in &l.rules {
        if let Some(date) = &rule.meta.last_verified {
            entries.push(FeedEntry {
                path: format!("{}rules/{}/", l.prefix, rule.id),
                title: rule.meta.title.value.clone(),
                title_lang: rule.lang.clone(),
                date: date.value.clone(),
                summary: rule.meta.summary.clone().unwrap_or_default(),
                summary_lang: rule.lang.clone(),
            });
        }
    }
    entries
}
