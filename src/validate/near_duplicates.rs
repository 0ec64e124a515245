//! Two records on one border whose names, or whose counterparts' names, fold to nearly the same
//! key (Сортобе / Сартобе, Кайрак / Каирак) are probably one checkpoint written twice.

use std::collections::{BTreeSet, HashMap};

use super::notice::Notice;
use crate::content::{Checkpoint, Content, Fact, Mode, Record, Vocabulary};
use crate::translit::fold;

/// Keys shorter than this must be equal, not one letter apart, to count (short names are
/// often one letter apart by chance).
const MIN_FUZZY_LENGTH: usize = 5;

/// Warn about records on the same border whose name keys or counterpart keys are equal or one
/// edit apart, unless they name each other in `same_place`, lie in different regions, or cross
/// by different modes (a town's road and rail checkpoints). Each record is reported at most once,
/// against the first record (in id order) it resembles: a thousand copies of one file give a
/// thousand notices, not half a million.
pub fn check_all(content: &Content, out: &mut Vec<Notice>) {
    let records = &content.checkpoints;
    let keys: Vec<BTreeSet<String>> = records.iter().map(|r| record_keys(&r.data)).collect();
    // For each border and key variant, the first record that has it.
    let mut first: HashMap<(String, String), usize> = HashMap::new();
    for (index, record) in records.iter().enumerate() {
        let Some(border) = record.data.border.as_ref() else { continue };
        let border = format!("{:?}", border.value);
        let mut earlier: BTreeSet<usize> = BTreeSet::new();
        for key in &keys[index] {
            for variant in deletion_variants(key) {
                match first.entry((border.clone(), variant)) {
                    std::collections::hash_map::Entry::Occupied(e) => {
                        earlier.insert(*e.get());
                    }
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(index);
                    }
                }
            }
        }
        let resembled = earlier.into_iter().find_map(|other| {
            near_keys(&records[other].data, &keys[other], &record.data, &keys[index]).map(|k| (other, k))
        });
        if let Some((other, pair)) = resembled {
            out.push(notice(&records[other], record, &pair));
        }
    }
}

/// The folded keys of a record's names, aliases and counterpart's names, each marked by
/// which side it names.
fn record_keys(c: &Checkpoint) -> BTreeSet<String> {
    let own = c.name.value.all().map(|(_, n)| n.to_string()).chain(c.aliases.iter().map(|a| a.value.clone()));
    let theirs = c.counterpart.iter().flat_map(|cp| {
        let names = cp.name.iter().flat_map(|n| n.all().map(|(_, n)| n.to_string()));
        names.chain(cp.aliases.iter().cloned())
    });
    let own = own.map(|n| format!("k:{}", fold(&n).replace(' ', "")));
    let theirs = theirs.map(|n| format!("c:{}", fold(&n).replace(' ', "")));
    own.chain(theirs).filter(|k| k.len() > 2).collect()
}

/// The key itself and, when long enough, each key with one character left out: two keys one
/// edit apart share one of these.
fn deletion_variants(key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    let chars: Vec<char> = key.chars().collect();
    if chars.len() - 2 >= MIN_FUZZY_LENGTH {
        out.extend((2..chars.len()).map(|i| chars[..i].iter().chain(&chars[i + 1..]).collect()));
    }
    out
}

/// The two keys (of `ka` and `kb`, the keys of `a` and `b`) that make `a` and `b` look like one
/// checkpoint, if they do.
fn near_keys(a: &Checkpoint, ka: &BTreeSet<String>, b: &Checkpoint, kb: &BTreeSet<String>) -> Option<(String, String)> {
    // A shared id is already an error of its own.
    let same_id = a.id.value == b.id.value;
    let linked = same_id
        || a.same_place.iter().any(|s| s.value == b.id.value)
        || b.same_place.iter().any(|s| s.value == a.id.value);
    if linked || crosses_by_other_modes(a, b) || in_other_regions(a, b) {
        return None;
    }
    ka.iter().find_map(|x| {
        kb.iter().find(|y| x[..2] == y[..2] && near(&x[2..], &y[2..])).map(|y| (x[2..].to_string(), y[2..].to_string()))
    })
}

fn near(a: &str, b: &str) -> bool {
    a == b || (a.chars().count().min(b.chars().count()) >= MIN_FUZZY_LENGTH && strsim::levenshtein(a, b) <= 1)
}

/// Whether both records state their modes and share none (Dostyk road and Dostyk rail).
fn crosses_by_other_modes(a: &Checkpoint, b: &Checkpoint) -> bool {
    let modes = |c: &Checkpoint| Mode::ALL.iter().filter(|m| c.modes.get(**m) == Fact::Yes).collect::<BTreeSet<_>>();
    let (ma, mb) = (modes(a), modes(b));
    !ma.is_empty() && !mb.is_empty() && ma.is_disjoint(&mb)
}

/// Whether both records give their region and the regions differ (two villages of one name).
fn in_other_regions(a: &Checkpoint, b: &Checkpoint) -> bool {
    let region = |c: &Checkpoint| c.location.as_ref().and_then(|l| l.region.as_ref()).map(|r| r.value.clone());
    matches!((region(a), region(b)), (Some(x), Some(y)) if x != y)
}

fn notice(a: &Record<Checkpoint>, b: &Record<Checkpoint>, (ka, kb): &(String, String)) -> Notice {
    let (ia, ib) = (&a.data.id, &b.data.id);
    let how = if ka == kb { format!("`{ka}`") } else { format!("`{ka}` and `{kb}`") };
    Notice::warning(&b.path, ib.pos, "near_duplicate", format!("`{}` and `{}` are on one border and their names fold to {how}", ia.value, ib.value))
        .record(ib.value.clone())
        .field("name")
        .related(&a.path, ia.pos, "the other record")
        .hint(
            "if they are one checkpoint, merge them into one file and keep the other spelling in `aliases`; \
             if not, give each its `location.region` or `modes`, or name each other in `same_place` if they share a place",
        )
}
