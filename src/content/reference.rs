//! Reference data: countries and Kazakhstan's regions (`content/reference/`).

use serde::Deserialize;

use super::model::LocalizedText;

/// Countries and regions known to the site.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    /// Countries by ISO 3166-1 alpha-2 code.
    pub countries: Vec<Country>,
    /// Kazakhstan's regions by ISO 3166-2:KZ code.
    pub regions: Vec<Region>,
}

/// `countries.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryList {
    /// The countries.
    pub countries: Vec<Country>,
}

/// `regions.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionList {
    /// The regions.
    pub regions: Vec<Region>,
}

/// A country.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Name per language.
    pub name: LocalizedText,
}

/// A first-level division of Kazakhstan (region or city of republican significance).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// ISO 3166-2:KZ code in force.
    pub code: String,
    /// Name per language.
    pub name: LocalizedText,
    /// Earlier ISO codes of this region.
    #[serde(default)]
    pub former_codes: Vec<String>,
    /// Other spellings a source may use ("Almaty oblast").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// GeoNames first-level codes whose places may lie in this region today.
    #[serde(default)]
    pub geonames_admin1: Vec<String>,
    /// Districts that moved here from another region, with the older region's code.
    #[serde(default)]
    pub districts_moved_in: Vec<MovedDistrict>,
}

/// A district that belonged to another region before a reorganisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MovedDistrict {
    /// The district's names and spellings.
    pub names: Vec<String>,
    /// Code of the region it belonged to before.
    pub from: String,
    /// Date of the move.
    pub date: String,
}

impl Reference {
    /// The country with `code`.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }

    /// The region with the current code `code`.
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// The region that formerly had `code`.
    pub fn region_formerly(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.former_codes.iter().any(|c| c == code))
    }

    /// Today's region of a place a source names by its old region and district.
    pub fn current_region<'a>(&'a self, old_region: &'a Region, district: &str) -> &'a Region {
        let district = district.to_lowercase();
        self.regions
            .iter()
            .find(|r| {
                r.districts_moved_in
                    .iter()
                    .any(|d| d.from == old_region.code && d.names.iter().any(|n| district.contains(&n.to_lowercase())))
            })
            .unwrap_or(old_region)
    }
}
