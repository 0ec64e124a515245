//! "Other checkpoints on this border": the nearest few, found once per site through a grid so
//! that large sites stay linear, or the first few by name where a place is unknown.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::content::geo::distance_km;
use crate::content::{Border, Checkpoint, Content};

/// How many neighbours a page lists.
pub const COUNT: usize = 6;
/// Grid cell size in degrees.
const CELL: f64 = 0.5;
/// The shortest distance a grid cell spans, in km (a degree of longitude at 56° N is 62 km).
const CELL_KM: f64 = CELL * 62.0;

fn coords(c: &Checkpoint) -> Option<(f64, f64)> {
    let l = c.location.as_ref()?;
    Some((l.lat.as_ref()?.value, l.lon.as_ref()?.value))
}

fn cell(p: (f64, f64)) -> (i32, i32) {
    ((p.0 / CELL).floor() as i32, (p.1 / CELL).floor() as i32)
}

/// For every checkpoint, up to [`COUNT`] others on its border: (index, distance in km if known).
pub fn neighbours(content: &Content) -> Vec<Vec<(usize, Option<f64>)>> {
    let lang = content.config.default_language.as_str();
    let name = |i: usize| content.checkpoints[i].data.name.best(lang).map_or("", |(_, t)| t);
    let mut grids: HashMap<Border, HashMap<(i32, i32), Vec<usize>>> = HashMap::new();
    let mut by_name: HashMap<Border, Vec<usize>> = HashMap::new();
    for (i, r) in content.checkpoints.iter().enumerate() {
        let Some(border) = r.data.border.as_ref().map(|b| b.value) else { continue };
        by_name.entry(border).or_default().push(i);
        if let Some(p) = coords(&r.data) {
            grids.entry(border).or_default().entry(cell(p)).or_default().push(i);
        }
    }
    for list in by_name.values_mut() {
        list.sort_by(|a, b| name(*a).cmp(name(*b)).then(a.cmp(b)));
    }
    (0..content.checkpoints.len())
        .into_par_iter()
        .map(|i| {
            let c = &content.checkpoints[i].data;
            let Some(border) = c.border.as_ref().map(|b| b.value) else { return Vec::new() };
            match (coords(c), grids.get(&border)) {
                (Some(p), Some(grid)) => nearest(i, p, grid, content),
                _ => by_name[&border].iter().filter(|j| **j != i).take(COUNT).map(|j| (*j, None)).collect(),
            }
        })
        .collect()
}

/// The nearest placed checkpoints to `p` in `grid`, searching rings of cells outwards until
/// the rings searched are wider than the farthest of the best found, or cover the whole grid.
fn nearest(
    me: usize,
    p: (f64, f64),
    grid: &HashMap<(i32, i32), Vec<usize>>,
    content: &Content,
) -> Vec<(usize, Option<f64>)> {
    let (ci, cj) = cell(p);
    let last_ring = grid.keys().map(|(i, j)| (i - ci).abs().max((j - cj).abs())).max().unwrap_or(0);
    let mut best: Vec<(f64, usize)> = Vec::new();
    for ring in 0..=last_ring {
        for di in -ring..=ring {
            let step = if di.abs() == ring { 1 } else { (2 * ring).max(1) as usize };
            for dj in (-ring..=ring).step_by(step) {
                for &j in grid.get(&(ci + di, cj + dj)).into_iter().flatten() {
                    if j != me
                        && let Some(q) = coords(&content.checkpoints[j].data)
                    {
                        best.push((distance_km(p, q), j));
                    }
                }
            }
        }
        best.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        best.truncate(COUNT);
        if best.len() == COUNT && best[COUNT - 1].0 <= ring as f64 * CELL_KM {
            break;
        }
    }
    best.into_iter().map(|(d, j)| (j, Some(d))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_search_agrees_with_brute_force() {
        let mut yaml = String::new();
        let mut content_records = Vec::new();
        for i in 0..60 {
            let (lat, lon) = (42.0 + (i * 7 % 13) as f64 * 0.4, 60.0 + (i * 11 % 17) as f64 * 0.9);
            yaml.clear();
            yaml.push_str(&format!("id: c{i}\nname: {{en: C{i}}}\nborder: CN\nlocation: {{lat: {lat}, lon: {lon}}}\n"));
            let data: Checkpoint = crate::yaml::from_str(&yaml).unwrap();
            content_records.push(crate::content::Record {
                path: format!("c{i}.yaml").into(),
                stem: format!("c{i}"),
                data,
            });
        }
        let mut content =
            crate::content::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content").as_path())
                .unwrap()
                .content;
        content.checkpoints = content_records;
        let found = neighbours(&content);
        for (i, list) in found.iter().enumerate() {
            let p = coords(&content.checkpoints[i].data).unwrap();
            let mut all: Vec<(f64, usize)> = (0..60)
                .filter(|j| *j != i)
                .map(|j| (distance_km(p, coords(&content.checkpoints[j].data).unwrap()), j))
                .collect();
            all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let expected: Vec<usize> = all.iter().take(COUNT).map(|x| x.1).collect();
            let got: Vec<usize> = list.iter().map(|x| x.0).collect();
            assert_eq!(got, expected, "checkpoint {i}");
        }
    }
}
