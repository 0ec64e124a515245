//! Geographic reference data under `content/geo/`: country boundaries (Natural Earth) and the
//! gazetteer of Kazakhstan's places (GeoNames), with the geometry checks they allow.

use std::path::Path;

use serde::Deserialize;

/// A ring of `[lon, lat]` points, closed (last equals first).
pub type Ring = Vec<[f64; 2]>;

/// Country outlines.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Boundaries {
    /// Where the outlines come from.
    #[serde(default)]
    pub source: String,
    /// Their licence.
    #[serde(default)]
    pub licence: String,
    /// The countries.
    pub countries: Vec<CountryShape>,
}

/// One country's outline: polygons, each an outer ring and its holes.
#[derive(Debug, Clone, Deserialize)]
pub struct CountryShape {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// English name.
    pub name: String,
    /// Whether the outline was cut to the map's region.
    #[serde(default)]
    pub clipped: bool,
    /// Polygons: `[outer, hole, ...]`.
    pub polygons: Vec<Vec<Ring>>,
    /// Each ring's edges in runs with their bounding boxes, made on first use.
    #[serde(skip)]
    runs: std::sync::OnceLock<Vec<Vec<Run>>>,
}

/// Consecutive edges of a ring (points `start..=end`) and the box around them: a point far
/// from the box is far from all of them.
#[derive(Debug, Clone)]
struct Run {
    start: usize,
    end: usize,
    min: [f64; 2],
    max: [f64; 2],
}

/// Edges per [`Run`].
const RUN_EDGES: usize = 16;

fn runs_of(ring: &Ring) -> Vec<Run> {
    let edges = ring.len().saturating_sub(1);
    (0..edges)
        .step_by(RUN_EDGES)
        .map(|start| {
            let end = (start + RUN_EDGES).min(edges);
            let points = &ring[start..=end];
            let min = points.iter().fold([f64::INFINITY; 2], |m, p| [m[0].min(p[0]), m[1].min(p[1])]);
            let max = points.iter().fold([f64::NEG_INFINITY; 2], |m, p| [m[0].max(p[0]), m[1].max(p[1])]);
            Run { start, end, min, max }
        })
        .collect()
}

impl Boundaries {
    /// The outline of `code`.
    pub fn country(&self, code: &str) -> Option<&CountryShape> {
        self.countries.iter().find(|c| c.code == code)
    }
}

impl CountryShape {
    /// A country's outline from its parts.
    pub fn new(code: String, name: String, clipped: bool, polygons: Vec<Vec<Ring>>) -> CountryShape {
        CountryShape { code, name, clipped, polygons, runs: Default::default() }
    }

    /// Each ring's runs of edges, rings in the order of `polygons` flattened.
    fn runs(&self) -> &[Vec<Run>] {
        self.runs.get_or_init(|| self.polygons.iter().flatten().map(runs_of).collect())
    }

    /// Whether (lon, lat) lies inside (even-odd rule over every ring).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        let mut runs = self.runs().iter();
        self.polygons.iter().any(|polygon| {
            let crossed = polygon.iter().zip(runs.by_ref()).filter(|(ring, runs)| ring_crosses(ring, runs, lon, lat));
            crossed.count() % 2 == 1
        })
    }

    /// Distance in km from (lon, lat) to the nearest point of the outline, skipping edges made
    /// by clipping to the map's region (they are not borders).
    pub fn distance_km(&self, lon: f64, lat: f64) -> f64 {
        let scale = lat.to_radians().cos();
        let mut best = f64::INFINITY;
        for (ring, runs) in self.polygons.iter().flatten().zip(self.runs()) {
            for run in runs {
                // The box's distance is at most any edge's in it (same projection).
                let dx = (run.min[0] - lon).max(lon - run.max[0]).max(0.0) * scale * 111.32;
                let dy = (run.min[1] - lat).max(lat - run.max[1]).max(0.0) * 110.57;
                if dx * dx + dy * dy > best * (1.0 + 1e-9) {
                    continue;
                }
                for pair in ring[run.start..=run.end].windows(2) {
                    if self.clipped && is_clip_edge(pair[0], pair[1]) {
                        continue;
                    }
                    best = best.min(segment_distance_squared([lon, lat], scale, pair[0], pair[1]));
                }
            }
        }
        best.sqrt()
    }
}

fn ring_crosses(ring: &Ring, runs: &[Run], lon: f64, lat: f64) -> bool {
    let mut inside = false;
    // An edge is crossed only if `lat` is within its latitudes and `lon` west of its east end.
    for run in runs.iter().filter(|r| r.min[1] <= lat && lat < r.max[1] && lon < r.max[0] + 1e-9) {
        for pair in ring[run.start..=run.end].windows(2) {
            let ([x1, y1], [x2, y2]) = (pair[0], pair[1]);
            if (y1 > lat) != (y2 > lat) && lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1 {
                inside = !inside;
            }
        }
    }
    inside
}

/// An edge along the clipping rectangle (both ends on the same rectangle side).
fn is_clip_edge(a: [f64; 2], b: [f64; 2]) -> bool {
    [40.0, 95.0].iter().any(|x| a[0] == *x && b[0] == *x) || [35.0, 60.0].iter().any(|y| a[1] == *y && b[1] == *y)
}

/// The square of the distance in km from point `p` to segment `a`-`b` (all `[lon, lat]`), on a
/// local flat projection; `scale` is the cosine of `p`'s latitude.
fn segment_distance_squared(p: [f64; 2], scale: f64, a: [f64; 2], b: [f64; 2]) -> f64 {
    let to_km = |q: [f64; 2]| ((q[0] - p[0]) * scale * 111.32, (q[1] - p[1]) * 110.57);
    let (ax, ay) = to_km(a);
    let (bx, by) = to_km(b);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 { 0.0 } else { (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0) };
    let (x, y) = (ax + t * dx, ay + t * dy);
    x * x + y * y
}

/// Great-circle distance in kilometres between two (lat, lon) points.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// The gazetteer's files under `geo/`, read in this order (README.md there says where each
/// comes from): the GeoNames `cities500` places, then the GeoNames places Who's On First
/// carries that the first lacks. A missing file adds no places.
pub const GAZETTEER_FILES: [&str; 2] = ["gazetteer-kz.tsv", "gazetteer-kz-localities.tsv"];

/// A place in the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// GeoNames id.
    pub geonameid: u64,
    /// Main name.
    pub name: String,
    /// Every name: main, ASCII and alternates.
    pub names: Vec<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// GeoNames first-level division code.
    pub admin1: String,
    /// The district the place lies in, where the file gives one (its `district` column).
    pub district: Option<String>,
}

/// Parse a gazetteer file (`gazetteer-kz.tsv` and its columns); malformed rows are skipped and
/// counted.
pub fn parse_gazetteer(text: &str) -> (Vec<Place>, usize) {
    let mut places = Vec::new();
    let mut skipped = 0;
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let parsed = (|| {
            let mut names = vec![cols.get(1)?.to_string(), cols.get(2)?.to_string()];
            names.extend(cols.get(3)?.split(',').filter(|n| !n.is_empty()).map(str::to_string));
            Some(Place {
                geonameid: cols.first()?.parse().ok()?,
                name: cols[1].to_string(),
                names,
                lat: cols.get(4)?.parse().ok()?,
                lon: cols.get(5)?.parse().ok()?,
                admin1: cols.get(6)?.to_string(),
                district: cols.get(10).filter(|d| !d.trim().is_empty()).map(|d| d.trim().to_string()),
            })
        })();
        match parsed {
            Some(place) => places.push(place),
            None => skipped += 1,
        }
    }
    (places, skipped)
}

/// Geographic reference data.
#[derive(Debug, Clone, Default)]
pub struct Geo {
    /// Country outlines, when `geo/boundaries.json` exists.
    pub boundaries: Option<Boundaries>,
    /// Places in Kazakhstan from the gazetteer files (`GAZETTEER_FILES`), file by file.
    pub gazetteer: Vec<Place>,
    /// How many of `gazetteer`'s places come from its first file (the towns and seats).
    pub gazetteer_main: usize,
}

impl Geo {
    /// Read the gazetteer files (`GAZETTEER_FILES`) of the content folder `root`, which
    /// [`load`](super::load) leaves out (only ingest places records); a missing file adds no places.
    pub fn read_gazetteer(&mut self, root: &Path) -> anyhow::Result<()> {
        self.gazetteer.clear();
        self.gazetteer_main = 0;
        for (i, file) in GAZETTEER_FILES.iter().enumerate() {
            let path = root.join("geo").join(file);
            let Some(text) = crate::fs::read_to_string_if_exists(&path)? else { continue };
            self.gazetteer.extend(parse_gazetteer(&text).0);
            if i == 0 {
                self.gazetteer_main = self.gazetteer.len();
            }
        }
        Ok(())
    }

    /// The gazetteer's first file's places (towns and the seats of districts).
    pub fn main_places(&self) -> &[Place] {
        &self.gazetteer[..self.gazetteer_main.min(self.gazetteer.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> CountryShape {
        let ring = vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]];
        let hole = vec![[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]];
        CountryShape::new("XX".into(), "X".into(), false, vec![vec![ring, hole]])
    }

    #[test]
    fn distance_between_almaty_and_astana() {
        let km = distance_km((43.25, 76.95), (51.17, 71.43));
        assert!((km - 970.0).abs() < 15.0, "{km}");
    }

    #[test]
    fn contains_respects_holes() {
        let s = square();
        assert!(s.contains(1.0, 1.0));
        assert!(!s.contains(5.0, 5.0));
        assert!(!s.contains(11.0, 5.0));
    }

    #[test]
    fn distance_to_the_outline() {
        let d = square().distance_km(-1.0, 5.0);
        assert!((d - 111.0).abs() < 2.0, "{d}");
    }

    /// The runs of edges change no answer: the real outlines, checked edge by edge.
    #[test]
    fn runs_agree_with_every_edge() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/content/geo/boundaries.json");
        let boundaries: Boundaries = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let every_edge_contains = |shape: &CountryShape, lon: f64, lat: f64| {
            let crosses = |ring: &Ring| {
                ring.windows(2)
                    .filter(|p| {
                        let ([x1, y1], [x2, y2]) = (p[0], p[1]);
                        (y1 > lat) != (y2 > lat) && lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1
                    })
                    .count()
                    % 2
                    == 1
            };
            shape.polygons.iter().any(|polygon| polygon.iter().filter(|r| crosses(r)).count() % 2 == 1)
        };
        let every_edge_distance = |shape: &CountryShape, lon: f64, lat: f64| {
            let scale = lat.to_radians().cos();
            let edges = shape.polygons.iter().flatten().flat_map(|r| r.windows(2));
            let edges = edges.filter(|p| !(shape.clipped && is_clip_edge(p[0], p[1])));
            edges.map(|p| segment_distance_squared([lon, lat], scale, p[0], p[1])).fold(f64::INFINITY, f64::min).sqrt()
        };
        let mut inside = 0;
        for shape in &boundaries.countries {
            for i in 0..400 {
                // A grid over the region, off the outline's own coordinates.
                let (lon, lat) = (45.0 + (i % 20) as f64 * 2.37 + 0.013, 38.0 + (i / 20) as f64 * 0.97 + 0.007);
                assert_eq!(
                    shape.contains(lon, lat),
                    every_edge_contains(shape, lon, lat),
                    "{} {lon} {lat}",
                    shape.code
                );
                assert_eq!(
                    shape.distance_km(lon, lat),
                    every_edge_distance(shape, lon, lat),
                    "{} {lon} {lat}",
                    shape.code
                );
                inside += usize::from(shape.contains(lon, lat));
            }
        }
        assert!(inside > 100, "the grid reaches inside the countries ({inside} points)");
    }

    #[test]
    fn parses_gazetteer_rows_and_skips_bad_ones() {
        let text = "geonameid\tname\tasciiname\talternatenames\tlat\tlon\tadmin1\tadmin1_name\tfeature_code\tpopulation\n\
                    1524537\tDruzhba\tDruzhba\tDostyk,Достық\t45.25332\t82.48044\t01\t\tPPL\t2930\nbad row\n";
        let (places, skipped) = parse_gazetteer(text);
        assert_eq!(skipped, 1);
        assert_eq!(places[0].names, ["Druzhba", "Druzhba", "Dostyk", "Достық"]);
        assert_eq!(places[0].admin1, "01");
        assert_eq!(places[0].district, None, "a file without the district column");
        let with_district =
            format!("{text}1522383\tQolzhat\tQolzhat\tКольжат\t43.50952\t80.67426\t01\t\tPPL\t0\tУйгурский район\n");
        let (places, _) = parse_gazetteer(&with_district);
        assert_eq!(places[1].district.as_deref(), Some("Уйгурский район"));
    }
}
