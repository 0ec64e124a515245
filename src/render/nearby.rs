//! "Other checkpoints on this border": the nearest few, found once per site through an R-tree
//! per border (so large or clustered sites stay near-linear), or the first few by name where a
//! place is unknown.

use std::collections::HashMap;

use rayon::prelude::*;
use rstar::RTree;
use rstar::primitives::GeomWithData;

use crate::content::geo::distance_km;
use crate::content::{Border, Checkpoint, Content};

/// How many neighbours a page lists.
pub const COUNT: usize = 6;

/// A placed checkpoint on the unit sphere (straight-line distance there grows with distance along
/// the Earth's surface, so the nearest in the tree are the nearest on the ground), and its index.
type Placed = GeomWithData<[f64; 3], usize>;

fn coords(c: &Checkpoint) -> Option<(f64, f64)> {
    let l = c.location.as_ref()?;
    Some((l.lat.as_ref()?.value, l.lon.as_ref()?.value))
}

fn on_sphere((lat, lon): (f64, f64)) -> [f64; 3] {
    let (lat, lon) = (lat.to_radians(), lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// For every checkpoint, up to [`COUNT`] others on its border: (index, distance in km if known).
pub fn neighbours(content: &Content) -> Vec<Vec<(usize, Option<f64>)>> {
    let lang = content.config.default_language.as_str();
    let name = |i: usize| content.checkpoints[i].data.name.best(lang).map_or("", |(_, t)| t);
    let mut placed: HashMap<Border, Vec<Placed>> = HashMap::new();
    let mut by_name: HashMap<Border, Vec<usize>> = HashMap::new();
    for (i, r) in content.checkpoints.iter().enumerate() {
        let Some(border) = r.data.border.as_ref().map(|b| b.value) else { continue };
        by_name.entry(border).or_default().push(i);
        if let Some(p) = coords(&r.data) {
            placed.entry(border).or_default().push(Placed::new(on_sphere(p), i));
        }
    }
    for list in by_name.values_mut() {
        list.sort_by(|a, b| name(*a).cmp(name(*b)).then(a.cmp(b)));
    }
    let trees: HashMap<Border, RTree<Placed>> = placed.into_iter().map(|(b, v)| (b, RTree::bulk_load(v))).collect();
    (0..content.checkpoints.len())
        .into_par_iter()
        .map(|i| {
            let c = &content.checkpoints[i].data;
            let Some(border) = c.border.as_ref().map(|b| b.value) else { return Vec::new() };
            match (coords(c), trees.get(&border)) {
                (Some(p), Some(tree)) => nearest(i, p, tree, content),
                _ => by_name[&border].iter().filter(|j| **j != i).take(COUNT).map(|j| (*j, None)).collect(),
            }
        })
        .collect()
}

/// The [`COUNT`] placed checkpoints nearest to `p` (checkpoint `me`) in `tree`, nearest first,
/// ties by content order.
fn nearest(me: usize, p: (f64, f64), tree: &RTree<Placed>, content: &Content) -> Vec<(usize, Option<f64>)> {
    let mut found: Vec<(f64, usize)> = Vec::with_capacity(COUNT + 1);
    let mut farthest = f64::INFINITY;
    for (other, chord) in tree.nearest_neighbor_iter_with_distance_2(on_sphere(p)) {
        // Past the COUNT-th nearest, keep going only through ties with it (allowing for rounding).
        if found.len() >= COUNT && chord > farthest * (1.0 + 1e-9) {
            break;
        }
        if other.data == me {
            continue;
        }
        if let Some(q) = coords(&content.checkpoints[other.data].data) {
            found.push((distance_km(p, q), other.data));
            if found.len() == COUNT {
                farthest = chord;
            }
        }
    }
    found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    found.truncate(COUNT);
    found.into_iter().map(|(d, j)| (j, Some(d))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_search_agrees_with_brute_force() {
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
