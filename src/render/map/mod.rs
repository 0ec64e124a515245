//! The offline map: country outlines projected (Albers equal-area conic fitted to Kazakhstan),
//! simplified to the map's resolution, and drawn as inline SVG with a linked marker per placed
//! checkpoint and labels placed so that they never overlap.

use std::fmt::Write as _;

mod labels;
mod projection;
mod short;

pub use self::labels::CountryAnchor;
use self::labels::{Marker, country_anchors, country_labels, marker_labels};
pub use self::projection::Frame;
use self::projection::{LOCATOR_WIDTH, MAP_WIDTH, ZOOM_LEVELS, simplify};
use crate::content::geo::{Boundaries, Ring};
use crate::content::{Checkpoint, Content, Mode, Precision};
use crate::render::escape::xml_escape;
use crate::render::ui::Ui;
use crate::render::url::checkpoint_url;
use crate::render::view::{name_in, text_in};
use crate::render::view::{state_now, state_words};

/// The SVG path data of `rings`, projected and simplified; rings that shrink away are dropped.
fn path_data(rings: &[&Ring], frame: &Frame, tolerance: f64) -> String {
    let mut d = String::new();
    for ring in rings {
        let projected: Vec<(f64, f64)> = ring.iter().map(|[lon, lat]| frame.to_svg(*lon, *lat)).collect();
        let simple = simplify(&projected, tolerance);
        if simple.len() < 4 || ring_area(&simple).abs() < tolerance * tolerance * 4.0 {
            continue;
        }
        for (i, (x, y)) in simple.iter().enumerate() {
            let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, x, y);
        }
        d.push('Z');
    }
    d
}

fn ring_area(points: &[(f64, f64)]) -> f64 {
    points.windows(2).map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1).sum::<f64>() / 2.0
}

/// The countries as `<path>` elements (Kazakhstan last, on top), each titled with `name` of its
/// code (in the page's language; no title where it gives none).
fn country_paths(
    boundaries: &Boundaries,
    frame: &Frame,
    tolerance: f64,
    only_kz: bool,
    name: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::new();
    let mut countries: Vec<_> = boundaries.countries.iter().filter(|c| !only_kz || c.code == "KZ").collect();
    countries.sort_by_key(|c| (c.code == "KZ", c.code.clone()));
    for c in countries {
        let rings: Vec<&Ring> = c.polygons.iter().flatten().collect();
        let d = path_data(&rings, frame, tolerance);
        let title = name(&c.code).map(|n| format!("<title>{}</title>", xml_escape(&n))).unwrap_or_default();
        let _ = write!(out, "<path class=\"country c-{}\" d=\"{d}\">{title}</path>", c.code.to_lowercase());
    }
    out
}

/// The symbol id for a checkpoint's modes: one mode's own symbol, several modes "multi".
pub fn mode_symbol(c: &Checkpoint) -> &'static str {
    match c.modes.yes().collect::<Vec<_>>()[..] {
        [Mode::Road] => "road",
        [Mode::Rail] => "rail",
        [Mode::Air] => "air",
        [Mode::Sea] | [Mode::River] => "sea",
        [Mode::Pedestrian] => "foot",
        [] => "unknown",
        _ => "multi",
    }
}

const SYMBOLS: &str = concat!(
    "<defs>",
    "<symbol id=\"sym-road\" viewBox=\"-6 -6 12 12\"><circle r=\"5\"/></symbol>",
    "<symbol id=\"sym-rail\" viewBox=\"-6 -6 12 12\"><rect x=\"-4.5\" y=\"-4.5\" width=\"9\" height=\"9\"/></symbol>",
    "<symbol id=\"sym-sea\" viewBox=\"-6 -6 12 12\"><path d=\"M0 -5L5 4H-5Z\"/></symbol>",
    "<symbol id=\"sym-air\" viewBox=\"-6 -6 12 12\"><path d=\"M0 -5.5L5.5 0L0 5.5L-5.5 0Z\"/></symbol>",
    "<symbol id=\"sym-foot\" viewBox=\"-6 -6 12 12\"><circle r=\"3.5\"/></symbol>",
    "<symbol id=\"sym-multi\" viewBox=\"-6 -6 12 12\"><path d=\"M-2.5 -5H2.5L5 0L2.5 5H-2.5L-5 0Z\"/></symbol>",
    "<symbol id=\"sym-unknown\" viewBox=\"-6 -6 12 12\"><circle r=\"4.5\"/></symbol>",
    "<symbol id=\"sym-closed\" viewBox=\"-6 -6 12 12\"><path d=\"M-4 -4L4 4M4 -4L-4 4\"/></symbol>",
    "<symbol id=\"sym-suspended\" viewBox=\"-6 -6 12 12\"><path d=\"M-4 0H4\"/></symbol>",
    "<symbol id=\"sym-partial\" viewBox=\"-6 -6 12 12\"><path d=\"M-2 0H2\"/></symbol>",
    "</defs>"
);

/// The index map in `ui`'s language: outlines, country labels (at `anchors`), markers and
/// labels. `root` prefixes links.
pub fn index_map(content: &Content, root: &str, ui: &Ui, anchors: &[CountryAnchor]) -> String {
    let frame = Frame::fit(content.geo.boundaries.as_ref(), MAP_WIDTH);
    let mut svg = format!(
        "<svg class=\"map\" viewBox=\"0 0 {} {}\" data-levels=\"{}\" role=\"group\" aria-label=\"{}\">{SYMBOLS}",
        frame.width,
        frame.height,
        ZOOM_LEVELS.map(|z| z.to_string()).join(" "),
        xml_escape(ui.get("map_label"))
    );
    if let Some(b) = &content.geo.boundaries {
        let name =
            |code: &str| content.reference.country(code).and_then(|c| text_in(&c.name, &ui.lang)).map(|t| t.text);
        let _ = write!(svg, "<g class=\"countries\">{}</g>", country_paths(b, &frame, 1.0, false, &name));
        svg.push_str(&country_labels(anchors, content, &ui.lang));
    }
    let markers = markers(content, &frame, ui);
    svg.push_str("<g class=\"markers\">");
    for m in &markers {
        write_marker(&mut svg, m, root);
    }
    svg.push_str("</g>");
    svg.push_str(&marker_labels(&markers));
    svg.push_str("</svg>");
    svg
}

/// The country labels' anchors for the index map, found once per site.
pub fn index_anchors(content: &Content) -> Vec<CountryAnchor> {
    let frame = Frame::fit(content.geo.boundaries.as_ref(), MAP_WIDTH);
    content.geo.boundaries.as_ref().map(|b| country_anchors(b, &frame)).unwrap_or_default()
}

fn write_marker(svg: &mut String, m: &Marker, root: &str) {
    let title = xml_escape(&m.name);
    let (x, y) = (m.x - 6.0, m.y - 6.0);
    let _ = write!(
        svg,
        "<a class=\"marker s-{}{}\" href=\"{root}{}\" data-id=\"{}\" data-x=\"{:.1}\" data-y=\"{:.1}\"><title{}>{title} ({})</title><circle class=\"hit\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"12\"/><use href=\"#sym-{}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"12\" height=\"12\"/>",
        m.status,
        if m.rough { " rough" } else { "" },
        checkpoint_url(m.id),
        m.id,
        m.x,
        m.y,
        m.lang_attr,
        xml_escape(&m.status_label),
        m.x,
        m.y,
        m.symbol
    );
    if matches!(m.status, "closed" | "suspended" | "partial") {
        let _ = write!(
            svg,
            "<use class=\"glyph\" href=\"#sym-{}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"12\" height=\"12\"/>",
            m.status
        );
    }
    svg.push_str("</a>");
}

fn markers<'a>(content: &'a Content, frame: &Frame, ui: &Ui) -> Vec<Marker<'a>> {
    content
        .checkpoints
        .iter()
        .filter_map(|r| {
            let c = &r.data;
            let l = c.location.as_ref()?;
            let (x, y) = frame.to_svg(l.lon.as_ref()?.value, l.lat.as_ref()?.value);
            let name = name_in(&c.name, &ui.lang).unwrap_or_else(|| super::view::Text::new(c.id.value.clone(), "en"));
            let lang_attr = if name.lang == ui.lang { String::new() } else { format!(" lang=\"{}\"", name.lang) };
            let label = short::map_label(c, &name.text, &name.lang);
            let name = name.text;
            let state = state_now(c, content);
            let status_label = state_words(state.state, state.concerns, ui);
            Some(Marker {
                id: &c.id.value,
                name,
                label,
                lang_attr,
                status_label,
                x,
                y,
                symbol: mode_symbol(c),
                // Closed or suspended for some traffic only: working for the rest.
                status: if state.concerns.is_empty() { state.state.code() } else { "partial" },
                rough: l
                    .precision
                    .is_some_and(|p| matches!(p, Precision::Opposite | Precision::Namesake | Precision::Approximate)),
            })
        })
        .collect()
}

/// Kazakhstan's outline for locator maps, drawn once per site.
pub fn locator_outline(content: &Content) -> (Frame, String) {
    let frame = Frame::fit(content.geo.boundaries.as_ref(), LOCATOR_WIDTH);
    // Shared by every language's pages, so untitled: the map's label names what it shows.
    let paths =
        content.geo.boundaries.as_ref().map(|b| country_paths(b, &frame, 1.5, true, &|_| None)).unwrap_or_default();
    (frame, paths)
}

/// A checkpoint page's locator map, or `None` when its place is unknown; `label` says what it
/// shows, in the page's language.
pub fn locator_map(c: &Checkpoint, frame: &Frame, outline: &str, label: &str) -> Option<String> {
    let l = c.location.as_ref()?;
    let (x, y) = frame.to_svg(l.lon.as_ref()?.value, l.lat.as_ref()?.value);
    Some(format!(
        "<svg class=\"locator\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">{outline}<circle class=\"here\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\"/><circle class=\"here-dot\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2\"/></svg>",
        frame.width,
        frame.height,
        xml_escape(label)
    ))
}
