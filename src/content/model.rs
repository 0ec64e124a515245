//! The content model: what editors write in `content/` and what every stage reads.
//!
//! Values that validation must point at keep their source position (`Spanned`).
//! A field that is absent (or `null`) is unknown; nothing here invents a default.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::evidence::{Concern, Evidence, Operating};
pub use super::hours::{Break, Hours, HoursKind, MonthDay, Opening, Season, Weekday};
use crate::yaml::Spanned;

/// A text given in one or more of the site's languages.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Russian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
    /// Kazakh, in Cyrillic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kk: Option<String>,
}

impl LocalizedText {
    /// The text in `lang`, if given.
    pub fn get(&self, lang: &str) -> Option<&str> {
        match lang {
            "en" => self.en.as_deref(),
            "ru" => self.ru.as_deref(),
            "kk" => self.kk.as_deref(),
            _ => None,
        }
    }

    /// The text in `lang`, else in the first of its fallbacks that has one (see
    /// [`languages::fallbacks`](super::languages::fallbacks)), with the language used.
    pub fn best(&self, lang: &str) -> Option<(&'static str, &str)> {
        super::languages::fallbacks(lang).into_iter().find_map(|l| self.get(l).map(|text| (l, text)))
    }

    /// Every given form, in language order.
    pub fn all(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [("en", &self.en), ("ru", &self.ru), ("kk", &self.kk)]
            .into_iter()
            .filter_map(|(l, t)| t.as_deref().map(|t| (l, t)))
    }

    /// True when no language has a non-blank text.
    pub fn is_empty(&self) -> bool {
        self.all().all(|(_, t)| t.trim().is_empty())
    }
}

/// One crossing point: Kazakhstan's side and its counterpart across the border.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// Lowercase kebab-case identifier, equal to the file name without `.yaml`.
    pub id: Spanned<String>,
    /// The checkpoint's name on Kazakhstan's side, per language (at least one).
    pub name: Spanned<LocalizedText>,
    /// Other spellings of the name, in any script (for search and matching sources).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Spanned<String>>,
    /// The neighbouring country (ISO 3166-1 alpha-2), or `none` for a sea or air checkpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub border: Option<Spanned<Border>>,
    /// The checkpoint on the other side of the border.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<Counterpart>,
    /// Kinds of transport that may cross here: `yes`, `no` or `unknown` per kind, as the
    /// sources state it; a kind not written is unknown.
    #[serde(default, skip_serializing_if = "Facts::is_empty")]
    pub modes: Facts<Mode>,
    /// Who or what may cross (passengers, cargo): `yes`, `no` or `unknown` per kind.
    #[serde(default, skip_serializing_if = "Facts::is_empty")]
    pub traffic: Facts<Traffic>,
    /// Who may cross, by nationality, where a source says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_to: Option<OpenTo>,
    /// The checkpoint's status under international law, as the source words it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<Classified>,
    /// Opening hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Spanned<Hours>>,
    /// A closure or suspension (or an opening) as a dated source states it. What holds on a
    /// date follows from it and `operating` together: see [`Checkpoint::state_on`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Dated evidence that the checkpoint was working (traffic counted, a queue, an inspection,
    /// a bus route, hours, a register's flag, a list that serves it), each from one source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operating: Vec<Operating>,
    /// Whether trucks book their crossing here in the electronic queue, and since when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e_queue: Option<super::EQueue>,
    /// Where the checkpoint is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Telephone numbers, e-mail addresses and web sites.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// Free notes in Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Spanned<String>>,
    /// What other sources state where they disagree with the value kept (written by ingest):
    /// pages show each beneath the fact, with its source and date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_stated: Vec<AlsoStated>,
    /// Other checkpoints at the same place (a road and a rail checkpoint of one town), by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same_place: Vec<Spanned<String>>,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// The date (YYYY-MM-DD) an editor checked this record against `verified_against`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_verified: Option<Spanned<String>>,
    /// The source (an id of `sources.yaml`, or an address) an editor checked the record against
    /// on `last_verified`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_against: Option<Spanned<String>>,
}

impl Checkpoint {
    /// The fields a record leaves unknown (the data gaps readers see as "unknown").
    pub fn unknown_fields(&self) -> Vec<&'static str> {
        let c = self;
        let loc = c.location.as_ref();
        [
            ("border", c.border.is_none()),
            ("counterpart", c.counterpart.as_ref().and_then(|p| p.name.as_ref()).is_none()),
            ("modes", c.modes.yes().next().is_none()),
            ("traffic.passenger", c.traffic.get(Traffic::Passenger) == Fact::Unknown),
            ("traffic.cargo", c.traffic.get(Traffic::Cargo) == Fact::Unknown),
            ("classification", c.classification.as_ref().and_then(|k| k.kind).is_none()),
            ("hours", c.hours.as_ref().and_then(|h| h.kind).is_none()),
            ("status", c.status.is_none() && c.operating.is_empty()),
            ("location.region", loc.and_then(|l| l.region.as_ref()).is_none()),
            ("location.coordinates", loc.and_then(|l| l.lat.as_ref()).is_none()),
        ]
        .into_iter()
        .filter_map(|(name, missing)| missing.then_some(name))
        .collect()
    }

    /// Give back the room parsing reserved beyond the lists' lengths (a list grows to four
    /// entries at its first): at 10,000 checkpoints, megabytes.
    pub fn shrink_to_fit(&mut self) {
        self.aliases.shrink_to_fit();
        self.same_place.shrink_to_fit();
        self.also_stated.shrink_to_fit();
        if let Some(counterpart) = &mut self.counterpart {
            counterpart.aliases.shrink_to_fit();
        }
        self.contacts.shrink_to_fit();
        self.operating.shrink_to_fit();
        self.sources.shrink_to_fit();
        for source in &mut self.sources {
            source.supports.shrink_to_fit();
        }
    }
}

/// A value a source states that differs from the one a record keeps.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlsoStated {
    /// The field (`hours`, `status`, `traffic.passenger`).
    pub field: String,
    /// What the source states, in its words where it gives them.
    pub value: String,
    /// The source: an id of `sources.yaml`, or the address of one of the record's `sources`.
    pub source: Spanned<String>,
}

/// Which border a checkpoint is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
pub enum Border {
    /// China.
    CN,
    /// Russia.
    RU,
    /// Kyrgyzstan.
    KG,
    /// Uzbekistan.
    UZ,
    /// Turkmenistan.
    TM,
    /// No land border: a sea port or an airport.
    #[serde(rename = "none")]
    None,
}

impl Border {
    /// Every value, in the order pages list borders.
    pub const ALL: [Border; 6] = [Border::CN, Border::RU, Border::KG, Border::UZ, Border::TM, Border::None];

    /// The ISO code (or `none`), as written in YAML.
    pub fn code(self) -> &'static str {
        match self {
            Border::CN => "CN",
            Border::RU => "RU",
            Border::KG => "KG",
            Border::UZ => "UZ",
            Border::TM => "TM",
            Border::None => "none",
        }
    }
}

/// The checkpoint on the other side.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counterpart {
    /// The other side's country (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Spanned<String>>,
    /// The other side's checkpoint name, per language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    /// Other spellings of the counterpart's name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The other side's own opening hours (its register's): they may differ from the Kazakh
    /// side's, and pages say whose they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Spanned<Hours>>,
    /// Where the other side's checkpoint is (its address and coordinates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// What the sources state of one value: it is so, it is not, or no source says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// A source states it.
    Yes,
    /// A source states the opposite.
    No,
    /// No source says.
    #[default]
    Unknown,
}

impl Fact {
    /// Every value.
    pub const ALL: [Fact; 3] = [Fact::Yes, Fact::No, Fact::Unknown];

    /// The value as written in YAML and the exports.
    pub fn code(self) -> &'static str {
        match self {
            Fact::Yes => "yes",
            Fact::No => "no",
            Fact::Unknown => "unknown",
        }
    }
}

/// A closed list of values, each named once here (modes, traffic).
pub trait Vocabulary: Copy + Ord + 'static {
    /// Every value, in the order pages list them.
    const ALL: &'static [Self];
    /// The value as written in YAML.
    fn code(self) -> &'static str;
}

/// Yes, no or unknown for each value of a vocabulary; a value not written is unknown. Written
/// as a map (`{road: yes, rail: no}`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Facts<K: Ord>(pub BTreeMap<K, Fact>);

/// Equal when they state the same: a value written `unknown` is the same as one not written.
impl<K: Ord> PartialEq for Facts<K> {
    fn eq(&self, other: &Self) -> bool {
        fn stated<K: Ord>(f: &Facts<K>) -> impl Iterator<Item = (&K, &Fact)> {
            f.0.iter().filter(|(_, fact)| **fact != Fact::Unknown)
        }
        stated(self).eq(stated(other))
    }
}

impl<K: Ord> Eq for Facts<K> {}

impl<K: Ord> Default for Facts<K> {
    fn default() -> Self {
        Facts(BTreeMap::new())
    }
}

impl<K: Vocabulary> Facts<K> {
    /// Facts from `(value, fact)` pairs.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (K, Fact)>) -> Facts<K> {
        Facts(pairs.into_iter().collect())
    }

    /// What is stated of `value`.
    pub fn get(&self, value: K) -> Fact {
        self.0.get(&value).copied().unwrap_or_default()
    }

    /// Every value of the vocabulary with its fact, unknown ones included, in order.
    pub fn all(&self) -> impl Iterator<Item = (K, Fact)> + '_ {
        K::ALL.iter().map(|k| (*k, self.get(*k)))
    }

    /// The values stated to be so.
    pub fn yes(&self) -> impl Iterator<Item = K> + '_ {
        self.all().filter(|(_, f)| *f == Fact::Yes).map(|(k, _)| k)
    }

    /// Whether nothing is stated (every value unknown).
    pub fn is_empty(&self) -> bool {
        self.0.values().all(|f| *f == Fact::Unknown)
    }

    /// Whether some value is neither yes nor no.
    pub fn has_unknown(&self) -> bool {
        self.all().any(|(_, f)| f == Fact::Unknown)
    }
}

/// A kind of transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Road vehicles.
    Road,
    /// Trains.
    Rail,
    /// Aircraft.
    Air,
    /// Sea-going ships.
    Sea,
    /// River boats.
    River,
    /// People on foot.
    Pedestrian,
}

impl Vocabulary for Mode {
    const ALL: &'static [Mode] = &[Mode::Road, Mode::Rail, Mode::Air, Mode::Sea, Mode::River, Mode::Pedestrian];

    fn code(self) -> &'static str {
        match self {
            Mode::Road => "road",
            Mode::Rail => "rail",
            Mode::Air => "air",
            Mode::Sea => "sea",
            Mode::River => "river",
            Mode::Pedestrian => "pedestrian",
        }
    }
}

/// What may cross.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Traffic {
    /// Travellers.
    Passenger,
    /// Goods.
    Cargo,
}

impl Vocabulary for Traffic {
    const ALL: &'static [Traffic] = &[Traffic::Passenger, Traffic::Cargo];

    fn code(self) -> &'static str {
        match self {
            Traffic::Passenger => "passenger",
            Traffic::Cargo => "cargo",
        }
    }
}

impl Vocabulary for Evidence {
    const ALL: &'static [Evidence] = &[
        Evidence::Traffic,
        Evidence::Queue,
        Evidence::Inspection,
        Evidence::BusRoute,
        Evidence::Hours,
        Evidence::Register,
        Evidence::Listed,
    ];

    fn code(self) -> &'static str {
        match self {
            Evidence::Traffic => "traffic",
            Evidence::Queue => "queue",
            Evidence::Inspection => "inspection",
            Evidence::BusRoute => "bus_route",
            Evidence::Hours => "hours",
            Evidence::Register => "register",
            Evidence::Listed => "listed",
        }
    }
}

impl Vocabulary for Concern {
    const ALL: &'static [Concern] = &[
        Concern::Cars,
        Concern::Buses,
        Concern::Trucks,
        Concern::Pedestrians,
        Concern::PassengerTrains,
        Concern::FreightTrains,
    ];

    fn code(self) -> &'static str {
        match self {
            Concern::Cars => "cars",
            Concern::Buses => "buses",
            Concern::Trucks => "trucks",
            Concern::Pedestrians => "pedestrians",
            Concern::PassengerTrains => "passenger_trains",
            Concern::FreightTrains => "freight_trains",
        }
    }
}

impl Concern {
    /// The kind of traffic it is part of.
    pub fn traffic(self) -> Traffic {
        match self {
            Concern::Trucks | Concern::FreightTrains => Traffic::Cargo,
            _ => Traffic::Passenger,
        }
    }

    /// The kinds of traffic a status concerning `concerns` spares: those none of them is part
    /// of. A status concerning everyone (no list) spares none.
    pub fn spared(concerns: &[Concern]) -> Vec<Traffic> {
        if concerns.is_empty() {
            return Vec::new();
        }
        Traffic::ALL.iter().copied().filter(|t| !concerns.iter().any(|c| c.traffic() == *t)).collect()
    }
}

/// Nationalities allowed to cross.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenTo {
    /// Anyone with valid documents, third-country nationals included.
    All,
    /// Only citizens of Kazakhstan and of the neighbouring country.
    Neighbours,
}

impl OpenTo {
    /// Every value.
    pub const ALL: [OpenTo; 2] = [OpenTo::All, OpenTo::Neighbours];
}

/// The checkpoint's classification, normalised and as the source words it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Classified {
    /// Normalised kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Classification>,
    /// The source's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
}

/// Classification of a checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// Open to traffic of any nationality.
    International,
    /// Multilateral (international).
    Multilateral,
    /// Open only to the two neighbours' traffic.
    Bilateral,
}

impl Classification {
    /// Every value.
    pub const ALL: [Classification; 3] =
        [Classification::International, Classification::Multilateral, Classification::Bilateral];
}

/// Whether a checkpoint operates, as one dated source states it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Status {
    /// The state the source states.
    pub state: Spanned<StatusState>,
    /// Date (YYYY-MM-DD) since when the state holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Spanned<String>>,
    /// Date (YYYY-MM-DD) the state is expected to end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Spanned<String>>,
    /// True when the source gives the dates as approximate ("about", "ориентировочно").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// Whom the state concerns, where it stops only some traffic (cars and buses, while trucks
    /// cross); absent: everyone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concerns: Vec<Concern>,
    /// Explanation, in Markdown-free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A checkpoint's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusState {
    /// Working.
    Open,
    /// Closed for good or for an unknown time.
    Closed,
    /// Temporarily not working.
    Suspended,
}

impl StatusState {
    /// Every value, in the order pages list them.
    pub const ALL: [StatusState; 3] = [StatusState::Open, StatusState::Closed, StatusState::Suspended];
}

/// Where a checkpoint is.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Today's region, as an ISO 3166-2:KZ code (e.g. `KZ-33`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Spanned<String>>,
    /// District, as named by the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Nearest settlement, as named by the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement: Option<String>,
    /// The source's own wording of the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
    /// Latitude in degrees (WGS 84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<Spanned<f64>>,
    /// Longitude in degrees (WGS 84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<Spanned<f64>>,
    /// How exact the coordinates are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
}

/// How exact coordinates are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Measured at the checkpoint itself.
    Surveyed,
    /// The centre of the settlement it is at, as a source states it or an editor confirmed.
    Settlement,
    /// The checkpoint opposite, across the border (its own coordinates), within
    /// `opposite_distance_km` of the border line.
    Opposite,
    /// A place of the checkpoint's name near its border: a guess, possibly tens of kilometres
    /// off.
    Namesake,
    /// Roughly placed (an airport's reference point).
    Approximate,
}

impl Precision {
    /// Every value, from the most exact.
    pub const ALL: [Precision; 5] =
        [Precision::Surveyed, Precision::Settlement, Precision::Opposite, Precision::Namesake, Precision::Approximate];

    /// The value's code, as files write it.
    pub fn code(self) -> &'static str {
        match self {
            Precision::Surveyed => "surveyed",
            Precision::Settlement => "settlement",
            Precision::Opposite => "opposite",
            Precision::Namesake => "namesake",
            Precision::Approximate => "approximate",
        }
    }

    /// The map zoom a link to the point opens at: street level only for a surveyed point.
    pub fn zoom(self) -> u8 {
        match self {
            Precision::Surveyed => 16,
            Precision::Settlement | Precision::Opposite => 13,
            Precision::Namesake | Precision::Approximate => 10,
        }
    }
}

/// A way to contact a checkpoint.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// What kind of contact.
    pub kind: ContactKind,
    /// The number, address or URL.
    pub value: Spanned<String>,
    /// What it is for, e.g. "duty officer".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Kind of contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// A telephone number.
    Phone,
    /// An e-mail address.
    Email,
    /// A web page.
    Web,
}

/// Where facts come from: a source of `content/sources.yaml` or a web page.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// Id of a source listed in `content/sources.yaml`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Spanned<String>>,
    /// The page's address (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Spanned<String>>,
    /// The page's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who published the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The language the page (and so its `title`) is written in: `en`, `ru`, `kk`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The date its statements describe (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`): its publication or
    /// "as of" date. For a listed source, `sources.yaml` gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Spanned<String>>,
    /// Date (YYYY-MM-DD) the material was retrieved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<Spanned<String>>,
    /// The fields this source supports, as field paths (e.g. `hours`, `location.region`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<Spanned<String>>,
}

impl SourceRef {
    /// Whether the source only places the record (a gazetteer entry): reference data, which
    /// describes no moment and so needs no `as_of`.
    pub fn only_places(&self) -> bool {
        self.supports.iter().all(|f| f.value == "location.coordinates")
    }
}
