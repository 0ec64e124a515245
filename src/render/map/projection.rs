//! The map's geometry: an Albers equal-area conic projection fitted to Kazakhstan, a frame
//! that fits it to the map's box, and line simplification to the map's resolution.

use crate::content::geo::Boundaries;

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

impl Default for Albers {
    fn default() -> Albers {
        Albers::new(43.0, 53.0, 48.0, 67.0)
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
    pub fn to_svg(self, lon: f64, lat: f64) -> (f64, f64) {
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
