//! The offline map: country outlines projected (Albers equal-area conic fitted to Kazakhstan),
//! simplified to the map's resolution, and drawn as inline SVG with a linked marker per placed
//! checkpoint and labels placed so that they never overlap.

use std::fmt::Write as _;

use super::escape::xml_escape;
use crate::content::geo::{Boundaries, Ring};
use crate::content::{Checkpoint, Content, Mode, StatusState};
use crate::render::i18n::Ui;
pub use crate::render::map_labels::{CountryAnchor, Marker, country_anchors};
use crate::render::map_labels::{country_labels, marker_labels};
use crate::render::view::status_key;
use crate::render::view::{name_in, text_in};

/// Width of the index map's coordinate space.
pub const MAP_WIDTH: f64 = 1000.0;
/// Width of a checkpoint page's locator map.
pub const LOCATOR_WIDTH: f64 = 320.0;
/// The zoom levels labels are placed for (the map's zoom runs from 1 to the last).
pub const ZOOM_LEVELS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

/// Albers equal-area conic projection on a sphere, for Kazakhstan: standard parallels 43° and
/// 53° N, origin 48° N, 67° E.
#[derive(Debug, Clone, Copy)]
pub struct Albers {
    n: f64,
    c: f64,
    rho0: f64,
    lon0: f64,
}

impl Default for Albers {
    fn default() -> Albers {
        Albers::new(43.0, 53.0, 48.0, 67.0)
    }
}

impl Albers {
    /// The projection with standard parallels `lat1`, `lat2` and origin (`lat0`, `lon0`), degrees.
    pub fn new(lat1: f64, lat2: f64, lat0: f64, lon0: f64) -> Albers {
        let (s1, s2) = (lat1.to_radians().sin(), lat2.to_radians().sin());
        let n = (s1 + s2) / 2.0;
        let c = lat1.to_radians().cos().powi(2) + 2.0 * n * s1;
        let rho0 = (c - 2.0 * n * lat0.to_radians().sin()).sqrt() / n;
        Albers { n, c, rho0, lon0 }
    }

    /// Project (lon, lat) in degrees to (x, y) in Earth radii, y growing north.
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let rho = (self.c - 2.0 * self.n * lat.to_radians().sin()).max(0.0).sqrt() / self.n;
        let theta = self.n * (lon - self.lon0).to_radians();
        (rho * theta.sin(), self.rho0 - rho * theta.cos())
    }
}

/// A projection fitted to a box of `width` units: lon/lat to SVG coordinates (y down).
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    albers: Albers,
    scale: f64,
    x0: f64,
    y0: f64,
    /// Width of the SVG coordinate space.
    pub width: f64,
    /// Height of the SVG coordinate space.
    pub height: f64,
}

impl Frame {
    /// A frame fitting Kazakhstan's outline (or its bounding box) into `width`, with a margin.
    pub fn fit(boundaries: Option<&Boundaries>, width: f64) -> Frame {
        let albers = Albers::default();
        let mut points: Vec<(f64, f64)> = match boundaries.and_then(|b| b.country("KZ")) {
            Some(kz) => {
                kz.polygons.iter().flat_map(|p| p[0].iter()).map(|[lon, lat]| albers.project(*lon, *lat)).collect()
            }
            None => Vec::new(),
        };
        if points.is_empty() {
            points = [(46.4, 40.5), (87.4, 40.5), (46.4, 55.5), (87.4, 55.5), (67.0, 55.5), (67.0, 40.5)]
                .iter()
                .map(|(lon, lat)| albers.project(*lon, *lat))
                .collect();
        }
        let (min_x, max_x) = points.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
        let (min_y, max_y) = points.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
        let margin = 0.04;
        let scale = width * (1.0 - 2.0 * margin) / (max_x - min_x);
        let height = ((max_y - min_y) * scale / (1.0 - 2.0 * margin)).round();
        Frame {
            albers,
            scale,
            x0: min_x - (max_x - min_x) * margin / (1.0 - 2.0 * margin),
            y0: max_y + (height / scale - (max_y - min_y)) / 2.0,
            width,
            height,
        }
    }

    /// SVG coordinates of (lon, lat).
    pub fn to_svg(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = self.albers.project(lon, lat);
        ((x - self.x0) * self.scale, (self.y0 - y) * self.scale)
    }
}

/// Douglas–Peucker simplification of a closed ring to `tolerance` units.
pub fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() < 4 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    while let Some((start, end)) = stack.pop() {
        let (mut worst, mut index) = (0.0, start);
        for i in start + 1..end {
            let d = perpendicular(points[i], points[start], points[end]);
            if d > worst {
                (worst, index) = (d, i);
            }
        }
        if worst > tolerance {
            keep[index] = true;
            stack.push((start, index));
            stack.push((index, end));
        }
    }
    points.iter().zip(keep).filter_map(|(p, k)| k.then_some(*p)).collect()
}

fn perpendicular(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len == 0.0 {
        ((p.0 - a.0).powi(2) + (p.1 - a.1).powi(2)).sqrt()
    } else {
        ((p.0 - a.0) * dy - (p.1 - a.1) * dx).abs() / len
    }
}

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

fn status_code(c: &Checkpoint) -> &'static str {
    match c.status_on(crate::content::date::Date::build_date()).map(|s| s.state) {
        Some(StatusState::Open) => "open",
        Some(StatusState::Closed) => "closed",
        Some(StatusState::Suspended) => "suspended",
        None => "unknown",
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
        "<a class=\"marker s-{}\" href=\"{root}checkpoints/{}/index.html\" data-id=\"{}\" data-x=\"{:.1}\" data-y=\"{:.1}\"><title{}>{title} ({})</title><use href=\"#sym-{}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"12\" height=\"12\"/>",
        m.status,
        m.id,
        m.id,
        m.x,
        m.y,
        m.lang_attr,
        xml_escape(&m.status_label),
        m.symbol
    );
    if matches!(m.status, "closed" | "suspended") {
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
            let name = name.text;
            let now = crate::content::date::Date::build_date();
            let status_label = ui.get(c.status_on(now).map_or("status_unknown", |s| status_key(s.state))).to_string();
            Some(Marker {
                id: &c.id.value,
                name,
                lang_attr,
                status_label,
                x,
                y,
                symbol: mode_symbol(c),
                status: status_code(c),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_puts_known_points_where_expected() {
        let albers = Albers::default();
        let (x0, y0) = albers.project(67.0, 48.0);
        assert!(x0.abs() < 1e-12 && y0.abs() < 1e-12, "origin at (0, 0)");
        let (xw, _) = albers.project(50.0, 48.0);
        let (xe, _) = albers.project(84.0, 48.0);
        assert!(xw < 0.0 && xe > 0.0 && (xw + xe).abs() < 1e-9, "symmetric about 67° E");
        let (_, yn) = albers.project(67.0, 55.0);
        let (_, ys) = albers.project(67.0, 41.0);
        assert!(yn > 0.0 && ys < 0.0, "north is up");
        // Astana lies north-east of Aktobe, and Almaty south-east of Astana.
        let frame = Frame::fit(None, 1000.0);
        let astana = frame.to_svg(71.43, 51.17);
        let aktobe = frame.to_svg(57.21, 50.28);
        let almaty = frame.to_svg(76.95, 43.25);
        assert!(astana.0 > aktobe.0 && astana.1 < aktobe.1);
        assert!(almaty.0 > astana.0 && almaty.1 > astana.1);
        for p in [astana, aktobe, almaty] {
            assert!((0.0..=1000.0).contains(&p.0) && (0.0..=frame.height).contains(&p.1), "{p:?} inside the frame");
        }
    }

    #[test]
    fn equal_area_holds() {
        let albers = Albers::default();
        let step = 0.01_f64;
        let area = |lon: f64, lat: f64| {
            let a = albers.project(lon, lat);
            let b = albers.project(lon + step, lat);
            let c = albers.project(lon, lat + step);
            ((b.0 - a.0) * (c.1 - a.1) - (c.0 - a.0) * (b.1 - a.1)).abs()
        };
        let expected = |lat: f64| ((lat + step).to_radians().sin() - lat.to_radians().sin()) * step.to_radians();
        for (lon, lat) in [(50.0, 41.0), (80.0, 54.0), (67.0, 48.0)] {
            let ratio = area(lon, lat) / expected(lat);
            assert!((ratio - 1.0).abs() < 0.001, "{ratio}");
        }
    }

    #[test]
    fn simplification_keeps_corners_and_drops_noise() {
        let ring = vec![(0.0, 0.0), (5.0, 0.1), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)];
        let s = simplify(&ring, 0.5);
        assert_eq!(s, vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]);
    }
}
