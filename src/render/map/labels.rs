//! Labels on the index map: country names well inside their countries, and checkpoint names
//! shown from the lowest zoom level at which they overlap no other label.

use std::fmt::Write as _;

use super::projection::{Frame, ZOOM_LEVELS, simplify};
use crate::content::Content;
use crate::content::geo::Boundaries;
use crate::render::escape::xml_escape;
use crate::render::view::text_in;

/// A placed checkpoint.
pub struct Marker<'a> {
    /// Checkpoint id.
    pub id: &'a str,
    /// Name in the page's language (or the nearest one).
    pub name: String,
    /// What the map writes beside the marker: the name, or an airport's or port's city.
    pub label: String,
    /// ` lang="…"` when the name is not in the page's language, else empty.
    pub lang_attr: String,
    /// Status in the page's language.
    pub status_label: String,
    /// Map coordinates.
    pub x: f64,
    /// Map coordinates.
    pub y: f64,
    /// Symbol id.
    pub symbol: &'static str,
    /// The state today's code (`open`, `closed`, `suspended`, `unknown`), or `partial` for a
    /// closure of some traffic only.
    pub status: &'static str,
    /// Whether the point is placed only roughly (a namesake, the checkpoint opposite, an
    /// airport's reference point): drawn pale.
    pub rough: bool,
}

/// Where a country's name goes on the index map.
#[derive(Debug, Clone)]
pub struct CountryAnchor {
    /// ISO code.
    pub code: String,
    /// The name in the boundaries file (used when the reference has none).
    pub name: String,
    /// Map coordinates.
    pub x: f64,
    /// Map coordinates.
    pub y: f64,
}

/// Each country's visible point farthest from its outline (sampled on a grid over the map), so
/// its label sits well inside it. The same for every language, so found once per site.
pub fn country_anchors(boundaries: &Boundaries, frame: &Frame) -> Vec<CountryAnchor> {
    boundaries
        .countries
        .iter()
        .filter_map(|c| {
            let rings: Vec<Vec<(f64, f64)>> = c
                .polygons
                .iter()
                .flatten()
                .map(|ring| simplify(&ring.iter().map(|[lon, lat]| frame.to_svg(*lon, *lat)).collect::<Vec<_>>(), 3.0))
                .collect();
            let (x, y) = farthest_inside(&rings, frame)?;
            Some(CountryAnchor { code: c.code.clone(), name: c.name.clone(), x, y })
        })
        .collect()
}

fn farthest_inside(rings: &[Vec<(f64, f64)>], frame: &Frame) -> Option<(f64, f64)> {
    let mut best: Option<(f64, f64, f64)> = None;
    let (cols, rows) = (40, 25);
    for gx in 0..cols {
        for gy in 0..rows {
            let p = ((gx as f64 + 0.5) * frame.width / cols as f64, (gy as f64 + 0.5) * frame.height / rows as f64);
            if rings.iter().filter(|r| crosses(r, p)).count() % 2 == 0 {
                continue;
            }
            let edge = rings
                .iter()
                .flat_map(|r| r.windows(2))
                .map(|w| perpendicular_segment(p, w[0], w[1]))
                .fold(f64::MAX, f64::min);
            let margin = p.0.min(frame.width - p.0).min(p.1).min(frame.height - p.1);
            let score = edge.min(margin * 1.5);
            if best.is_none_or(|b| score > b.2) {
                best = Some((p.0, p.1, score));
            }
        }
    }
    best.map(|(x, y, _)| (x, y))
}

/// The country names at their anchors, in `lang`.
pub fn country_labels(anchors: &[CountryAnchor], content: &Content, lang: &str) -> String {
    let mut out = String::from("<g class=\"country-labels\" aria-hidden=\"true\">");
    for a in anchors {
        let name =
            content.reference.country(&a.code).and_then(|k| text_in(&k.name, lang)).map_or(a.name.clone(), |t| t.text);
        let _ = write!(
            out,
            "<text class=\"country-label l-{}\" x=\"{:.0}\" y=\"{:.0}\">{}</text>",
            a.code.to_lowercase(),
            a.x,
            a.y,
            xml_escape(&name)
        );
    }
    out.push_str("</g>");
    out
}

fn crosses(ring: &[(f64, f64)], p: (f64, f64)) -> bool {
    let mut inside = false;
    for w in ring.windows(2) {
        let ((x1, y1), (x2, y2)) = (w[0], w[1]);
        if (y1 > p.1) != (y2 > p.1) && p.0 < (x2 - x1) * (p.1 - y1) / (y2 - y1) + x1 {
            inside = !inside;
        }
    }
    inside
}

fn perpendicular_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 { 0.0 } else { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0) };
    ((a.0 + t * dx - p.0).powi(2) + (a.1 + t * dy - p.1).powi(2)).sqrt()
}

/// A label's extent: (x0, y0, x1, y1) in map units.
type LabelBox = (f64, f64, f64, f64);

/// Estimated label box at zoom `z`.
fn label_box(m: &Marker, z: f64) -> LabelBox {
    let size = 14.0 / z;
    let width = m.label.chars().count() as f64 * size * 0.6;
    (m.x + 8.0 / z, m.y - size * 0.8, m.x + 8.0 / z + width, m.y + size * 0.3)
}

/// Label each marker with the lowest zoom level at which it overlaps no label shown before it
/// (markers in a fixed order), so that at every level the shown labels never overlap. Placed
/// boxes are kept in a grid, so the work grows with the number of markers, not its square.
pub fn marker_labels(markers: &[Marker]) -> String {
    let mut min_zoom = vec![None; markers.len()];
    for z in ZOOM_LEVELS {
        let cell = 60.0 / z;
        let key = |x: f64, y: f64| ((x / cell).floor() as i64, (y / cell).floor() as i64);
        let mut grid: std::collections::HashMap<(i64, i64), Vec<LabelBox>> = std::collections::HashMap::new();
        for (i, m) in markers.iter().enumerate() {
            let b = label_box(m, z);
            let (lo, hi) = (key(b.0, b.1), key(b.2, b.3));
            let cells = || (lo.0..=hi.0).flat_map(move |cx| (lo.1..=hi.1).map(move |cy| (cx, cy)));
            let clear = cells().all(|c| {
                grid.get(&c).is_none_or(|boxes| boxes.iter().all(|p| b.2 < p.0 || b.0 > p.2 || b.3 < p.1 || b.1 > p.3))
            });
            if clear || min_zoom[i].is_some() {
                for c in cells() {
                    grid.entry(c).or_default().push(b);
                }
                min_zoom[i].get_or_insert(z);
            }
        }
    }
    let mut out = String::from("<g class=\"labels\" aria-hidden=\"true\">");
    for (m, z) in markers.iter().zip(min_zoom) {
        let z = z.unwrap_or(f64::INFINITY);
        let hidden = if z > 1.0 { " hidden" } else { "" };
        let z = if z.is_finite() { z } else { 99.0 };
        let _ = write!(
            out,
            "<text class=\"label{hidden}\" data-id=\"{}\" data-minzoom=\"{}\" x=\"{:.1}\" y=\"{:.1}\" dx=\"8\"{}>{}</text>",
            m.id,
            z,
            m.x,
            m.y,
            m.lang_attr,
            xml_escape(&m.label)
        );
    }
    out.push_str("</g>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_never_overlap_at_any_level() {
        let names = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"];
        let markers: Vec<Marker> = names
            .iter()
            .enumerate()
            .map(|(i, n)| Marker {
                id: n,
                name: n.to_string(),
                label: n.to_string(),
                lang_attr: String::new(),
                status_label: "Open".to_string(),
                x: 100.0 + i as f64 * 3.0,
                y: 100.0 + i as f64 * 2.0,
                symbol: "road",
                status: "open",
                rough: false,
            })
            .collect();
        let svg = marker_labels(&markers);
        for z in ZOOM_LEVELS {
            let shown: Vec<_> = markers
                .iter()
                .filter(|m| {
                    let tag = format!("data-id=\"{}\" data-minzoom=\"", m.id);
                    let at = svg.find(&tag).unwrap() + tag.len();
                    let minzoom: f64 = svg[at..].split('"').next().unwrap().parse().unwrap();
                    minzoom <= z
                })
                .map(|m| label_box(m, z))
                .collect();
            for (i, a) in shown.iter().enumerate() {
                for b in &shown[i + 1..] {
                    assert!(a.2 < b.0 || a.0 > b.2 || a.3 < b.1 || a.1 > b.3, "overlap at zoom {z}");
                }
            }
        }
        assert!(svg.contains("data-minzoom=\"0.25\""), "the first label shows at once");
    }
}
