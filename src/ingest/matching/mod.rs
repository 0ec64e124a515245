//! Matching candidates to records: by name (in any script and spelling, aliases included),
//! else by the counterpart's name on the same border. A match must be unique; anything else is
//! reported with the nearest records, never guessed. Editors resolve a report by adding an alias.

pub mod assignment;
pub mod spelling;

use crate::content::{Border, Fact, Mode};

use self::assignment::Assignment;
use self::assignment::Entry;
use self::assignment::Unresolved;
use super::extract::candidate::Candidate;
use super::names;

/// Assign every candidate to one record, creating records for new named checkpoints, as the
/// next run would too: a second pass matches every candidate again against the records the
/// first made, so that a record made late in a run (a rail station named like a road
/// checkpoint) makes an earlier candidate ambiguous now, not on the next run.
pub fn assign(candidates: &[Candidate], pool: &mut Vec<Entry>) -> Assignment {
    let before: Vec<String> = pool.iter().map(|e| e.id.clone()).collect();
    let first = assign_once(candidates, pool);
    let mut second = assign_once(candidates, pool);
    // The second pass matches through the names the first learnt: the first saw the spellings.
    second.spellings = first.spellings;
    second.created =
        first.created.into_iter().filter(|id| !before.contains(id) && second.records.contains_key(id)).collect();
    second
}

fn assign_once(candidates: &[Candidate], pool: &mut Vec<Entry>) -> Assignment {
    let mut out = Assignment::default();
    let order = (0..candidates.len())
        .filter(|&i| candidates[i].has_name())
        .chain((0..candidates.len()).filter(|&i| !candidates[i].has_name()));
    for i in order.collect::<Vec<_>>() {
        let c = &candidates[i];
        let named = c.record.as_ref().map(|id| pool.iter().position(|e| &e.id == id).ok_or(id));
        let found = match named {
            Some(Ok(at)) => Ok(Some((at, false))),
            // The record an editor named does not exist yet: made under that id.
            Some(Err(id)) => {
                let mut entry = new_entry(c, pool).map(|e| Entry { id: id.clone(), ..e });
                if let Ok(e) = &mut entry {
                    e.label = format!("{id} ({})", c.display_name());
                }
                match entry {
                    Ok(entry) => {
                        out.created.push(entry.id.clone());
                        out.records.entry(entry.id.clone()).or_default().push(i);
                        pool.push(entry);
                        continue;
                    }
                    Err(u) => Err(u),
                }
            }
            None => find(c, pool),
        };
        match found {
            Ok(Some((at, variant))) => {
                if variant {
                    out.spellings.push(spelling::report(c, &pool[at]));
                }
                learn(&mut pool[at], c);
                if pool[at].deleted {
                    out.deleted.push(pool[at].id.clone());
                } else {
                    out.records.entry(pool[at].id.clone()).or_default().push(i);
                }
            }
            Ok(None) => match new_entry(c, pool) {
                Ok(entry) => {
                    out.created.push(entry.id.clone());
                    out.records.entry(entry.id.clone()).or_default().push(i);
                    pool.push(entry);
                }
                Err(u) => out.unresolved.push(*u),
            },
            Err(u) => out.unresolved.push(*u),
        }
    }
    out.records.values_mut().for_each(|v| v.sort_unstable());
    out.deleted.sort();
    out.deleted.dedup();
    out
}

/// The one entry `c` matches (and whether by another spelling of its name), `None` for a new
/// checkpoint, or why it cannot be decided.
fn find(c: &Candidate, pool: &[Entry]) -> Result<Option<(usize, bool)>, Box<Unresolved>> {
    let (by_name, by_cp) = hits(c, pool);
    let by_name = if by_name.len() > 1 { best_supported(c, pool, by_name) } else { by_name };
    match (c.has_name(), by_name.len(), by_cp.len()) {
        (true, 1, _) => Ok(Some((by_name[0], false))),
        (false, _, 1) => Ok(Some((by_cp[0], false))),
        (true, 0, 0) => Ok(spelling::variant(c, pool)?.map(|at| (at, true))),
        _ => Err(Box::new(unresolved(c, pool, &by_name, &by_cp))),
    }
}

/// Of several records one name matches (a road and a rail checkpoint of one town), those the
/// candidate's evidence supports: the ones sharing a mode it states, then the ones matching
/// most of its names and aliases. Still several: all of them (reported as ambiguous).
fn best_supported(c: &Candidate, pool: &[Entry], hits: Vec<usize>) -> Vec<usize> {
    let stated: Vec<Mode> = c.modes.all().filter(|(_, f)| *f == Fact::Yes).map(|(m, _)| m).collect();
    let sharing: Vec<usize> =
        hits.iter().copied().filter(|&i| pool[i].modes.iter().any(|m| stated.contains(m))).collect();
    let hits = if sharing.is_empty() { hits } else { sharing };
    let keys = c.name_keys();
    let score = |i: usize| keys.iter().filter(|k| pool[i].names.contains(k)).count();
    let best = hits.iter().map(|&i| score(i)).max().unwrap_or(0);
    let top: Vec<usize> = hits.iter().copied().filter(|&i| score(i) == best).collect();
    if top.len() == 1 { top } else { hits }
}

/// Entries matching `c` by name, and by counterpart.
fn hits(c: &Candidate, pool: &[Entry]) -> (Vec<usize>, Vec<usize>) {
    let hits = |keys: &[String], side: fn(&Entry) -> &Vec<String>| -> Vec<usize> {
        (0..pool.len())
            .filter(|&i| compatible(c.border, pool[i].border) && side(&pool[i]).iter().any(|k| keys.contains(k)))
            .collect()
    };
    let qualified = c.qualified_keys();
    if c.has_name() {
        let q = hits(&qualified, |e| &e.names);
        // A record already named in the candidate's language, differently, is another checkpoint.
        let other_name = |i: &usize| c.name.iter().any(|(l, _)| pool[*i].langs.contains(&l.code()));
        let by_cp = hits(&c.counterpart_keys(), |e| &e.counterparts).into_iter().filter(|i| !other_name(i)).collect();
        (if q.len() == 1 { q } else { hits(&c.name_keys(), |e| &e.names) }, by_cp)
    } else {
        let q = hits(&qualified, |e| &e.counterparts);
        (Vec::new(), if q.len() == 1 { q } else { hits(&c.counterpart_keys(), |e| &e.counterparts) })
    }
}

/// Why `c` cannot be assigned, and what an editor can do.
fn unresolved(c: &Candidate, pool: &[Entry], by_name: &[usize], by_cp: &[usize]) -> Unresolved {
    let ids = |v: &[usize]| v.iter().map(|&i| pool[i].label.clone()).collect::<Vec<_>>().join(", ");
    let name = c.display_name();
    let (kind, message, hint) = if c.has_name() && by_name.is_empty() {
        let message = format!("no record is named `{name}`, but {} has its counterpart", ids(by_cp));
        let hint = format!(
            "if they are the same checkpoint, add `{name}` to that record's `aliases`; if not, create its own file with `name` `{name}`"
        );
        ("ambiguous", message, hint)
    } else if c.has_name() {
        let message = format!("`{name}` names {} records: {}", by_name.len(), ids(by_name));
        ("ambiguous", message, "remove the name from the aliases of the records it is not".to_string())
    } else if by_cp.is_empty() {
        let message = format!("no record on this border has the counterpart `{name}`; nearest: {}", nearest(c, pool));
        ("unmatched", message, format!("if one of them is this checkpoint, add `{name}` to its `counterpart.aliases`"))
    } else {
        let message = format!("the counterpart `{name}` is on {} records: {}", by_cp.len(), ids(by_cp));
        let qualifier = c.qualifier.as_deref().unwrap_or("..");
        (
            "ambiguous",
            message,
            format!("add the source's wording `{name} ({qualifier})` to `counterpart.aliases` of the right one"),
        )
    };
    Unresolved { source: c.source.clone(), label: c.label.clone(), kind, message, hint }
}

/// Whether two borders may be the same: equal, or one unknown.
pub fn compatible(a: Option<Border>, b: Option<Border>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// The three records whose keys are most like the candidate's.
fn nearest(c: &Candidate, pool: &[Entry]) -> String {
    let keys = if c.has_name() { c.name_keys() } else { c.counterpart_keys() };
    let mut scored: Vec<(f64, &Entry)> = pool
        .iter()
        .filter(|e| !e.deleted && compatible(c.border, e.border))
        .map(|e| {
            let theirs = if c.has_name() { &e.names } else { &e.counterparts };
            let best =
                keys.iter().flat_map(|k| theirs.iter().map(move |t| strsim::jaro_winkler(k, t))).fold(0.0, f64::max);
            (best, e)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let shown: Vec<String> =
        scored.iter().take(3).map(|(s, e)| format!("{} ({:.0}% alike)", e.label, s * 100.0)).collect();
    if shown.is_empty() { "none".to_string() } else { shown.join(", ") }
}

/// Remember a matched candidate's names, so later candidates can match through them.
fn learn(entry: &mut Entry, c: &Candidate) {
    for k in c.name_keys().into_iter().chain(c.qualified_keys().into_iter().filter(|_| c.has_name())) {
        if !entry.names.contains(&k) {
            entry.names.push(k);
        }
    }
    for k in c.counterpart_keys() {
        if !entry.counterparts.contains(&k) {
            entry.counterparts.push(k);
        }
    }
    entry.border = entry.border.or(c.border);
    for mode in c.modes.yes() {
        if !entry.modes.contains(&mode) {
            entry.modes.push(mode);
        }
    }
    for (lang, _) in &c.name {
        if !entry.langs.contains(&lang.code()) {
            entry.langs.push(lang.code());
        }
    }
}

/// A new record for `c`, with an id from its name (the border's code appended on a clash).
fn new_entry(c: &Candidate, pool: &[Entry]) -> Result<Entry, Box<Unresolved>> {
    let name = c.display_name();
    let base = names::make_id(name);
    let with_border = format!("{base}-{}", c.border.map_or("x", |b| b.code()).to_lowercase());
    let free = |id: &String| !id.is_empty() && !pool.iter().any(|e| &e.id == id);
    let id = [base.clone(), with_border].into_iter().find(free).ok_or_else(|| {
        Box::new(Unresolved {
            source: c.source.clone(),
            label: c.label.clone(),
            kind: "unmatched",
            message: format!("cannot make a free id from `{name}`"),
            hint: "create the record's file by hand with an id of your choice and this name".to_string(),
        })
    })?;
    let counterpart = c.counterpart.first().map_or("?", |(_, n)| n.as_str());
    let mut entry = Entry {
        id: id.clone(),
        border: c.border,
        names: Vec::new(),
        counterparts: Vec::new(),
        langs: Vec::new(),
        modes: Vec::new(),
        region: c.location.as_ref().and_then(|l| l.region.as_ref()).map(|r| r.value.clone()),
        named: Vec::new(),
        label: format!("{id} ({name} – {counterpart})"),
        deleted: false,
    };
    learn(&mut entry, c);
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::content::recipe::Lang;
    use crate::content::{Border, Checkpoint, Record};
    use crate::ingest::matching::assignment::pool;
    use crate::ingest::node::Node;

    fn record(yaml: &str) -> Record<Checkpoint> {
        let data: Checkpoint = crate::yaml::from_str(yaml).unwrap();
        Record { path: format!("{}.yaml", data.id.value).into(), stem: data.id.value.clone(), data }
    }

    fn queue(name: &str, counterpart: &str, border: Border) -> Candidate {
        Candidate {
            source: "queue".into(),
            label: format!("{name} - {counterpart}"),
            name: vec![(Lang::Ru, name.into())],
            counterpart: vec![(Lang::Ru, counterpart.into())],
            border: Some(border),
            ..Candidate::default()
        }
    }

    fn other_side(name: &str, qualifier: &str) -> Candidate {
        Candidate {
            source: "seed".into(),
            label: format!("{name} ({qualifier})"),
            counterpart: vec![(Lang::En, name.into())],
            qualifier: Some(qualifier.into()),
            border: Some(Border::RU),
            ..Candidate::default()
        }
    }

    const KHORGOS: &str = "id: khorgos\nname: {en: Khorgos}\nborder: CN\ncounterpart: {name: {en: Khorgos}}\n";

    #[test]
    fn matches_across_scripts_and_creates_new_records() {
        let records = [record("id: dostyk\nname: {en: Dostyk}\nborder: CN\n")];
        let mut pool = pool(&records, &BTreeMap::new());
        let candidates = [queue("Достык", "Алашанькоу", Border::CN), queue("Калжат", "Дулаты", Border::CN)];
        let a = assign(&candidates, &mut pool);
        assert_eq!(a.records.get("dostyk"), Some(&vec![0]));
        assert_eq!(a.created, vec!["kalzhat".to_string()]);
        assert!(a.unresolved.is_empty());
    }

    #[test]
    fn a_shared_counterpart_under_another_name_is_reported_not_guessed() {
        let mut pool = pool(&[record(KHORGOS)], &BTreeMap::new());
        let a = assign(&[queue("Нур Жолы", "Хоргос", Border::CN)], &mut pool);
        assert!(a.records.is_empty() && a.created.is_empty());
        assert_eq!(a.unresolved[0].kind, "ambiguous");
        assert!(a.unresolved[0].message.contains("khorgos"), "{:?}", a.unresolved[0]);
        let resolved = KHORGOS.replace("border: CN", "aliases: [Нур Жолы]\nborder: CN");
        let mut pool = crate::ingest::matching::assignment::pool(&[record(&resolved)], &BTreeMap::new());
        let a = assign(&[queue("Нур Жолы", "Хоргос", Border::CN)], &mut pool);
        assert_eq!(a.records.get("khorgos"), Some(&vec![0]));
    }

    #[test]
    fn two_named_checkpoints_may_face_one_village() {
        let mut pool = Vec::new();
        let candidates = [queue("Косак", "Павловка", Border::RU), queue("Найза", "Павловка (Славгород)", Border::RU)];
        let a = assign(&candidates, &mut pool);
        assert_eq!(a.created, vec!["kosak".to_string(), "nayza".to_string()]);
        let a = assign(&[other_side("Pavlovka", "Altai Territory")], &mut pool);
        assert_eq!(a.unresolved[0].kind, "ambiguous");
        assert!(a.unresolved[0].hint.contains("`Pavlovka (Altai Territory)`"), "{:?}", a.unresolved[0]);
    }

    #[test]
    fn the_sources_qualified_wording_resolves_a_shared_name() {
        let nayza = "id: nayza\nname: {ru: Найза}\nborder: RU\ncounterpart: {name: {ru: Павловка}, aliases: [Pavlovka (Altai Territory)]}\n";
        let kosak = "id: kosak\nname: {ru: Косак}\nborder: RU\ncounterpart: {name: {ru: Павловка}}\n";
        let mut pool = pool(&[record(kosak), record(nayza)], &BTreeMap::new());
        let a = assign(&[other_side("Pavlovka", "Altai Territory")], &mut pool);
        assert_eq!(a.records.get("nayza"), Some(&vec![0]), "{:?}", a.unresolved);
    }

    #[test]
    fn an_unmatched_name_lists_the_nearest_records() {
        let kurmangazy = "id: kurmangazy\nname: {ru: Курмангазы}\nborder: RU\ncounterpart: {name: {ru: Караузек}}\n";
        let mut pool = pool(&[record(kurmangazy), record(KHORGOS)], &BTreeMap::new());
        let a = assign(&[other_side("Karazoek", "Astrakhan region")], &mut pool);
        assert_eq!(a.unresolved[0].kind, "unmatched");
        assert!(a.unresolved[0].message.contains("nearest: kurmangazy"), "{:?}", a.unresolved[0]);
        assert!(!a.unresolved[0].message.contains("khorgos"), "other borders are not near");
    }

    #[test]
    fn a_record_an_editor_deleted_is_not_recreated() {
        let base: BTreeMap<String, Node> =
            [("kalzhat".to_string(), crate::yaml::from_str("{id: kalzhat, name: {ru: Калжат}, border: CN}").unwrap())]
                .into();
        let mut pool = pool(&[], &base);
        let a = assign(&[queue("Калжат", "Дулаты", Border::CN)], &mut pool);
        assert_eq!((a.deleted, a.created.len()), (vec!["kalzhat".to_string()], 0));
    }

    #[test]
    fn a_row_goes_to_the_record_of_one_town_its_evidence_supports() {
        let road = "id: dostyk\nname: {ru: Достык}\nborder: CN\nmodes: {road: yes}\nsame_place: [dostyk-rail]\n";
        let rail =
            "id: dostyk-rail\nname: {en: Dostyk}\naliases: [Friendship, Druzhba]\nborder: CN\nsame_place: [dostyk]\n";
        let mut pool = pool(&[record(road), record(rail)], &BTreeMap::new());
        // The truck queue states road: the road checkpoint.
        let mut trucks = queue("Достык", "Алашанькоу", Border::CN);
        trucks.modes = crate::content::Facts::from_pairs([(crate::content::Mode::Road, crate::content::Fact::Yes)]);
        // The seed's row names the station's other names: the rail checkpoint.
        let seed = Candidate {
            source: "seed".into(),
            name: vec![(Lang::En, "Dostyk".into())],
            aliases: vec!["Friendship".into(), "Druzhba".into()],
            border: Some(Border::CN),
            ..Candidate::default()
        };
        // A bare name says nothing to choose by: reported, never guessed.
        let bare = Candidate { aliases: Vec::new(), ..seed.clone() };
        let a = assign(&[trucks, seed, bare], &mut pool);
        assert_eq!(a.records.get("dostyk"), Some(&vec![0]));
        assert_eq!(a.records.get("dostyk-rail"), Some(&vec![1]));
        assert_eq!(a.unresolved.len(), 1, "{:?}", a.unresolved);
        assert_eq!(a.unresolved[0].kind, "ambiguous");
    }
}
