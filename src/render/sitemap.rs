//! The files for search engines: the sitemap (every language's pages, with their alternates)
//! and robots.txt.

use std::fmt::Write as _;

use super::context::Job;
use super::escape::xml_escape;
use super::url::absolute_url;
use super::view::rule_ids;
use crate::content::Content;

/// `sitemap.xml`: each page (its path under a language's root, with its last-modified date) in
/// every language, each entry naming its translations (`prefixes`: language code and prefix).
pub fn sitemap(content: &Content, pages: &[(String, Option<String>)], prefixes: &[(&str, &str)]) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    ));
    for (path, lastmod) in pages {
        let mut alternates = String::new();
        for (lang, prefix) in prefixes {
            let url = xml_escape(&absolute_url(content, &format!("{prefix}{path}")));
            let _ = write!(alternates, "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{url}\"/>");
        }
        for (_, prefix) in prefixes {
            let _ = write!(out, "  <url><loc>{}</loc>", xml_escape(&absolute_url(content, &format!("{prefix}{path}"))));
            if let Some(date) = lastmod {
                let _ = write!(out, "<lastmod>{}</lastmod>", xml_escape(date));
            }
            if prefixes.len() > 1 {
                out.push_str(&alternates);
            }
            out.push_str("</url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`.
pub fn robots(content: &Content) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}\n", absolute_url(content, "sitemap.xml"))
}

/// A page's path under its language's root and its last-modified date (none for the 404 page).
pub fn page_of(content: &Content, job: Job) -> Option<(String, Option<String>)> {
    let modified = match job {
        Job::Checkpoint(i) => content.checkpoints[i].data.last_verified.as_ref().map(|d| d.value.clone()),
        Job::Rule(i) => {
            let id = rule_ids(content)[i];
            let dates = content.rules.iter().filter(|r| r.id == id).filter_map(|r| r.meta.last_verified.as_ref());
            dates.map(|d| d.value.clone()).max()
        }
        Job::NotFound => return None,
        Job::Index | Job::List(_) | Job::Border(_) | Job::Data | Job::EQueue => None,
    };
    Some((job.path(content), modified))
}
