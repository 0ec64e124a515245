//! A candidate: what one row of one source says about one checkpoint, before matching.

use crate::content::{Border, Classified, Contact, Facts, Hours, Location, Mode, Status, Traffic, Vocabulary};

use crate::content::recipe::Lang;
use crate::ingest::emit::to_node;
use crate::ingest::names;
use crate::ingest::node::Node;

/// What one source says about one checkpoint.
#[derive(Debug, Clone, Default)]
pub struct Candidate {
    /// The source's id.
    pub source: String,
    /// The source's own wording of the entry, for reports.
    pub label: String,
    /// The Kazakh side's name per language code; empty when the source names only the other side.
    pub name: Vec<(Lang, String)>,
    /// Other names of the Kazakh side.
    pub aliases: Vec<String>,
    /// The border.
    pub border: Option<Border>,
    /// The other side's name per language code.
    pub counterpart: Vec<(Lang, String)>,
    /// Other names of the other side.
    pub counterpart_aliases: Vec<String>,
    /// The other side's country (ISO 3166-1 alpha-2), where the source names it; else the
    /// border's.
    pub counterpart_country: Option<String>,
    /// What the source adds to tell same-named places apart ("Altai Territory").
    pub qualifier: Option<String>,
    /// Modes of transport the source states (yes or no).
    pub modes: Facts<Mode>,
    /// Traffic the source states (yes or no).
    pub traffic: Facts<Traffic>,
    /// Classification.
    pub classification: Option<Classified>,
    /// Hours.
    pub hours: Option<Hours>,
    /// Place.
    pub location: Option<Location>,
    /// Contacts.
    pub contacts: Vec<Contact>,
    /// Whether it operates, with dates (from dated pages).
    pub status: Option<Status>,
    /// Remarks the source makes about it.
    pub notes: Option<String>,
    /// The page that says it, for a source whose statements come from many pages (a digest):
    /// the record cites the page instead of the source.
    pub cite: Option<PageCite>,
    /// The record an editor took this entry to mean, by id (a digest's `checkpoints` map).
    pub record: Option<String>,
    /// The date its source describes (`as_of`): where sources disagree, the newest is kept.
    pub as_of: Option<String>,
}

/// A page a candidate's facts come from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageCite {
    /// Its address.
    pub url: String,
    /// Its title.
    pub title: String,
    /// Its publisher.
    pub publisher: Option<String>,
    /// Its language.
    pub language: String,
    /// The date its statements describe.
    pub as_of: String,
    /// When an editor read it.
    pub retrieved: String,
}

impl Candidate {
    /// Read the hours again with the source's date and the place known: their UTC offset
    /// depends on both (see [`super::hours::parse`]).
    pub fn date_hours(&mut self) {
        let region = self.location.as_ref().and_then(|l| l.region.as_ref()).map(|r| r.value.as_str());
        if let Some(text) = self.hours.as_ref().and_then(|h| h.source_text.clone()) {
            self.hours = super::hours::parse(&text, self.as_of.as_deref(), region);
        }
    }
}

impl PageCite {
    /// The page as a record's `sources` entry (without `supports`).
    pub fn entry(&self) -> Node {
        let mut entry = Node::Map(vec![("url".into(), Node::str(&self.url)), ("title".into(), Node::str(&self.title))]);
        if let Some(p) = &self.publisher {
            entry.set("publisher", Node::str(p));
        }
        entry.set("language", Node::str(&self.language));
        entry.set("as_of", Node::str(&self.as_of));
        entry.set("retrieved", Node::str(&self.retrieved));
        entry
    }
}

impl Candidate {
    /// True when the source names the Kazakh side.
    pub fn has_name(&self) -> bool {
        !self.name.is_empty()
    }

    /// The name to show in reports and to make an id from.
    pub fn display_name(&self) -> &str {
        self.name.first().or(self.counterpart.first()).map_or("", |(_, n)| n.as_str())
    }

    /// Matching keys of the Kazakh side's names and aliases.
    pub fn name_keys(&self) -> Vec<String> {
        self.name
            .iter()
            .map(|(_, n)| n.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .flat_map(names::keys)
            .collect()
    }

    /// Matching keys of the other side's names.
    pub fn counterpart_keys(&self) -> Vec<String> {
        let names =
            self.counterpart.iter().map(|(_, n)| n.as_str()).chain(self.counterpart_aliases.iter().map(String::as_str));
        names.flat_map(names::keys).collect()
    }

    /// Keys of the names with the source's qualifier, "Pavlovka (Altai Territory)": an editor
    /// who adds that wording as an alias tells same-named places apart.
    pub fn qualified_keys(&self) -> Vec<String> {
        let Some(q) = &self.qualifier else { return Vec::new() };
        let side = if self.has_name() { &self.name } else { &self.counterpart };
        side.iter().map(|(_, n)| names::fold(&format!("{n} ({q})"))).collect()
    }

    /// Add the romanisation of Cyrillic names as aliases, unless already given.
    pub fn add_romanised_aliases(&mut self) {
        let romanised = |names: &[(Lang, String)], aliases: &[String]| -> Vec<String> {
            let taken =
                |r: &str| names.iter().any(|(_, n)| names::same(n, r)) || aliases.iter().any(|a| names::same(a, r));
            names
                .iter()
                .filter(|(_, n)| names::is_cyrillic(n))
                .map(|(_, n)| names::romanise(n))
                .filter(|r| !taken(r))
                .collect()
        };
        let extra = romanised(&self.name, &self.aliases);
        self.aliases.extend(extra);
        let extra = romanised(&self.counterpart, &self.counterpart_aliases);
        self.counterpart_aliases.extend(extra);
    }

    /// The field paths this candidate gives a value for; `modes` and `traffic` per value
    /// (`traffic.cargo`), since a source may state one and say nothing of the other.
    pub fn supports(&self) -> Vec<String> {
        let given = [
            ("name", self.has_name()),
            ("aliases", !self.aliases.is_empty()),
            ("border", self.border.is_some()),
            ("counterpart", !self.counterpart.is_empty()),
        ];
        let later = [
            ("classification", self.classification.is_some()),
            ("hours", self.hours.is_some()),
            ("status", self.status.is_some()),
            ("location", self.location.is_some()),
            ("contacts", !self.contacts.is_empty()),
            ("notes", self.notes.is_some()),
        ];
        let stated = |field: &str, facts: Vec<(&'static str, bool)>| {
            facts.into_iter().filter(|(_, known)| *known).map(|(code, _)| format!("{field}.{code}")).collect::<Vec<_>>()
        };
        let modes = stated("modes", self.modes.all().map(|(m, f)| (m.code(), f != Default::default())).collect());
        let traffic = stated("traffic", self.traffic.all().map(|(t, f)| (t.code(), f != Default::default())).collect());
        let named =
            |list: &[(&str, bool)]| list.iter().filter(|(_, g)| *g).map(|(f, _)| f.to_string()).collect::<Vec<_>>();
        [named(&given), modes, traffic, named(&later)].concat()
    }

    /// The candidate's facts as a partial checkpoint record (no id, no sources).
    pub fn to_node(&self) -> anyhow::Result<Node> {
        let mut node = Node::Map(Vec::new());
        if self.has_name() {
            node.set("name", lang_map(&self.name));
        }
        if !self.aliases.is_empty() {
            node.set("aliases", Node::strs(&self.aliases));
        }
        if let Some(border) = self.border {
            node.set("border", Node::str(border.code()));
        }
        if let Some(cp) = self.counterpart_node() {
            node.set("counterpart", cp);
        }
        if !self.modes.is_empty() {
            node.set("modes", to_node(&self.modes)?);
        }
        if !self.traffic.is_empty() {
            node.set("traffic", to_node(&self.traffic)?);
        }
        if let Some(c) = &self.classification {
            node.set("classification", to_node(c)?);
        }
        if let Some(h) = &self.hours {
            node.set("hours", to_node(h)?);
        }
        if let Some(s) = &self.status {
            node.set("status", to_node(s)?);
        }
        if let Some(l) = &self.location {
            node.set("location", to_node(l)?);
        }
        if !self.contacts.is_empty() {
            node.set("contacts", to_node(&self.contacts)?);
        }
        if let Some(notes) = &self.notes {
            node.set("notes", Node::str(notes));
        }
        Ok(node)
    }
}

impl Candidate {
    fn counterpart_node(&self) -> Option<Node> {
        if self.counterpart.is_empty() {
            return None;
        }
        let mut cp = Node::Map(Vec::new());
        let border = self.border.filter(|b| *b != Border::None).map(Border::code);
        if let Some(country) = self.counterpart_country.as_deref().or(border) {
            cp.set("country", Node::str(country));
        }
        cp.set("name", lang_map(&self.counterpart));
        if !self.counterpart_aliases.is_empty() {
            cp.set("aliases", Node::strs(&self.counterpart_aliases));
        }
        Some(cp)
    }
}

fn lang_map(names: &[(Lang, String)]) -> Node {
    Node::Map(names.iter().map(|(l, n)| (l.code().to_string(), Node::str(n))).collect())
}
