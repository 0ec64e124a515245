//! Spelling variants: a name a letter away from a record's (Сортобе / Сартобе, two letters in
//! long names) on the same border is that record when its counterpart or region agrees and only
//! one record fits; otherwise it is reported as ambiguous. It never makes a new record. The
//! source's spelling goes to the record's aliases, on this run and every later one.

use super::assignment::Assignment;
use super::assignment::Entry;
use super::assignment::Unresolved;
use crate::ingest::extract::candidate::Candidate;
use crate::ingest::names;

/// The one record `c`'s name is another spelling of; `None` when no record's name is near it
/// (a new checkpoint); ambiguous when several are, or none that agrees.
pub fn variant(c: &Candidate, pool: &[Entry]) -> Result<Option<usize>, Box<Unresolved>> {
    let keys = c.name_keys();
    let near: Vec<usize> = (0..pool.len())
        .filter(|&i| !pool[i].deleted && c.border.is_some() && pool[i].border == c.border)
        .filter(|&i| pool[i].names.iter().any(|n| keys.iter().any(|k| names::near(k, n))))
        .collect();
    if near.is_empty() {
        return Ok(None);
    }
    let agreeing: Vec<usize> = near.iter().copied().filter(|&i| agrees(c, &pool[i])).collect();
    if let [one] = agreeing[..] {
        return Ok(Some(one));
    }
    let name = c.display_name();
    let labels: Vec<&str> = near.iter().map(|&i| pool[i].label.as_str()).collect();
    let why = if agreeing.is_empty() { "none with its counterpart or region" } else { "several with them" };
    Err(Box::new(Unresolved {
        source: c.source.clone(),
        label: c.label.clone(),
        kind: "ambiguous",
        message: format!("`{name}` is spelt like {} on this border, {why}: {}", plural(near.len()), labels.join(", ")),
        hint: format!(
            "if it is one of them, add `{name}` to its `aliases`; if it is another checkpoint, create its file with `name` `{name}`"
        ),
    }))
}

fn plural(n: usize) -> String {
    if n == 1 { "one record".to_string() } else { format!("{n} records") }
}

/// Whether `c` and `entry` name the same counterpart (in any spelling) or region.
fn agrees(c: &Candidate, entry: &Entry) -> bool {
    let counterpart =
        c.counterpart_keys().iter().any(|k| entry.counterparts.iter().any(|n| k == n || names::near(k, n)));
    let region = c.location.as_ref().and_then(|l| l.region.as_ref()).map(|r| r.value.as_str());
    counterpart || (region.is_some() && region == entry.region.as_deref())
}

/// The report of a match by spelling.
pub fn report(c: &Candidate, entry: &Entry) -> Unresolved {
    let name = c.display_name();
    Unresolved {
        source: c.source.clone(),
        label: c.label.clone(),
        kind: "spelling_variant",
        message: format!(
            "`{name}` is taken to be {}, spelt otherwise; the spelling is added to its aliases",
            entry.label
        ),
        hint: format!("if they are different checkpoints, create a file for `{name}` with its own `name`"),
    }
}

/// A candidate's name that is another spelling of its record's name in the same language
/// (a letter or two apart) becomes an alias: the record keeps its name.
pub fn names_as_aliases(candidates: &mut [Candidate], assignment: &Assignment, pool: &[Entry]) {
    for (id, indices) in &assignment.records {
        let Some(entry) = pool.iter().find(|e| &e.id == id).filter(|e| !e.named.is_empty()) else { continue };
        for &i in indices {
            let c = &mut candidates[i];
            let mut moved = Vec::new();
            c.name.retain(|(lang, name)| {
                let key = names::fold(name);
                let theirs = entry.named.iter().find(|(l, _)| *l == lang.code()).map(|(_, k)| k);
                let other_spelling = theirs.is_some_and(|k| *k != key && names::near(&key, k));
                if other_spelling {
                    moved.push(name.clone());
                }
                !other_spelling
            });
            for name in moved {
                if !c.aliases.iter().any(|a| names::same(a, &name)) {
                    c.aliases.insert(0, name);
                }
            }
        }
    }
}
