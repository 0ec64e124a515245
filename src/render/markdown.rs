//! Markdown: one set of parser options, link extraction for validation, and safe HTML.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

/// The parser options used everywhere Markdown is read.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// A link or image in Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Byte offset of the link's start in the text.
    pub offset: usize,
    /// The destination as written.
    pub dest: String,
}

/// Every link and image destination in `text`, in order.
pub fn links(text: &str) -> Vec<Link> {
    Parser::new_ext(text, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(Link { offset: range.start, dest: dest_url.to_string() })
            }
            _ => None,
        })
        .collect()
}

/// Whether a link destination is safe to publish: http(s), mailto, tel, or a path/fragment.
pub fn is_safe_link(dest: &str) -> bool {
    let trimmed: String = dest.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    match trimmed.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') && !scheme.contains('?') && !scheme.contains('#') => {
            matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Render `text` to safe HTML. `rewrite` maps each link destination (site-root paths such as
/// `/checkpoints/x/` to relative ones, say); unsafe destinations are dropped before it runs.
/// Markdown's own output escapes all text, so the sanitiser (ammonia) runs only when the text
/// holds raw HTML or images, which is rare and costly to parse.
pub fn to_html(text: &str, rewrite: &dyn Fn(&str) -> String) -> String {
    let mut needs_sanitising = false;
    let events = Parser::new_ext(text, options()).map(|event| match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest = safe_dest(&dest_url, rewrite);
            Event::Start(Tag::Link { link_type, dest_url: dest, title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            needs_sanitising = true;
            let dest = safe_dest(&dest_url, rewrite);
            Event::Start(Tag::Image { link_type, dest_url: dest, title, id })
        }
        Event::Html(_) | Event::InlineHtml(_) => {
            needs_sanitising = true;
            event
        }
        other => other,
    });
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if needs_sanitising { sanitizer().clean(&html).to_string() } else { html }
}

fn safe_dest<'a>(dest: &str, rewrite: &dyn Fn(&str) -> String) -> CowStr<'a> {
    if is_safe_link(dest) { CowStr::from(rewrite(dest)) } else { CowStr::from("") }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect()).rm_tags(["img"]);
        // Numbered notes keep their anchors and classes: `[^name]` links to `id="name"`.
        b.add_tag_attributes("div", ["id", "class"]).add_tag_attributes("sup", ["class"]);
        b.attribute_filter(|_, attribute, value| match attribute {
            "id" => value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_').then_some(value.into()),
            "class" => value.starts_with("footnote-").then_some(value.into()),
            _ => Some(std::borrow::Cow::Borrowed(value)),
        });
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(dest: &str) -> String {
        dest.to_string()
    }

    #[test]
    fn finds_links_with_offsets() {
        let found = links("See [a](/rules/visa/) and\n![m](x.png).");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0], Link { offset: 4, dest: "/rules/visa/".to_string() });
    }

    #[test]
    fn drops_script_links_and_raw_html() {
        let html = to_html(
            "[x](javascript:alert(1)) [y]( JaVaScRiPt:alert(2)) <script>alert(3)</script><img src=x onerror=alert(4)>",
            &same,
        );
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
    }

    #[test]
    fn keeps_ordinary_markdown() {
        let html = to_html("- one\n- [two](https://example.org/)\n", &same);
        assert!(html.contains("<li>one</li>"), "{html}");
        assert!(html.contains("href=\"https://example.org/\""), "{html}");
    }

    #[test]
    fn numbered_notes_keep_their_anchors_when_the_text_is_sanitised() {
        let html = to_html("A <q lang=\"ru\">цитата</q>.[^act]\n\n[^act]: [Decree](https://example.org/)\n", &same);
        assert!(html.contains("<q lang=\"ru\">"), "{html}");
        assert!(html.contains("href=\"#act\""), "{html}");
        assert!(html.contains("<div class=\"footnote-definition\" id=\"act\">"), "{html}");
        let hostile = to_html("<div id=\"a b\" class=\"x\">t</div>", &same);
        assert!(!hostile.contains("id=") && !hostile.contains("class="), "{hostile}");
    }

    #[test]
    fn classifies_schemes() {
        assert!(is_safe_link("/checkpoints/x/"));
        assert!(is_safe_link("https://x.org/a:b"));
        assert!(is_safe_link("../a#b"));
        assert!(!is_safe_link("data:text/html,x"));
        assert!(!is_safe_link("java\tscript:x"));
        assert!(!is_safe_link("vbscript:x"));
    }
}
