//! Watching `content/` and `templates/`: file events, debounced, filtered to what an edit does
//! (create, modify, remove; not reads or permission changes, not editors' swap files), trigger
//! one rebuild per burst, so that a save that writes several files rebuilds once.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use anyhow::Context as _;
use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer};

use super::preview::Preview;

/// How long the folders must be quiet before a burst of events counts as one change.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// How often the debouncer looks for bursts that ended (its default is a quarter of [`DEBOUNCE`]).
const TICK: Duration = Duration::from_millis(10);

/// A running watch; dropping it stops watching.
pub struct Watch {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

/// Watch `folders` (those that exist) and call `preview.rebuild()` after each relevant change.
pub fn start(folders: &[&Path], preview: Arc<Preview>) -> anyhow::Result<Watch> {
    let (sender, receiver) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(DEBOUNCE, Some(TICK), sender).context("cannot watch for file changes")?;
    for folder in folders.iter().filter(|f| f.is_dir()) {
        debouncer
            .watch(folder, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch `{}` for changes", folder.display()))?;
    }
    std::thread::Builder::new()
        .name("serve-watch".into())
        .spawn(move || rebuild_on_changes(&receiver, &preview))
        .context("cannot start the watching thread")?;
    Ok(Watch { _debouncer: debouncer })
}

/// Rebuild once per burst: events that arrive during a rebuild are folded into the next one.
fn rebuild_on_changes(receiver: &Receiver<DebounceEventResult>, preview: &Preview) {
    while let Ok(first) = receiver.recv() {
        let mut changed = changed_files(first);
        while let Ok(more) = receiver.try_recv() {
            changed.extend(changed_files(more));
        }
        if changed.is_empty() {
            continue;
        }
        changed.sort();
        changed.dedup();
        eprintln!("serve: changed: {}", describe(&changed));
        preview.rebuild();
    }
}

/// The files a batch of events says were edited.
fn changed_files(result: DebounceEventResult) -> Vec<PathBuf> {
    match result {
        Ok(events) => events
            .iter()
            .filter(|e| is_edit(e))
            .flat_map(|e| e.paths.iter().filter(|p| !is_scratch(p)).cloned())
            .collect(),
        Err(errors) => {
            for e in errors {
                eprintln!("serve: watching: {e}");
            }
            Vec::new()
        }
    }
}

fn is_edit(event: &DebouncedEvent) -> bool {
    matches!(
        event.kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any | ModifyKind::Other)
    )
}

/// Files editors write beside the real ones: swap, backup and lock files, hidden files.
fn is_scratch(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".tmp", ".bak"].iter().any(|suffix| name.ends_with(suffix))
}

/// The first few paths, relative to the working folder when they are inside it.
fn describe(paths: &[PathBuf]) -> String {
    let here = std::env::current_dir().and_then(|d| d.canonicalize()).unwrap_or_default();
    let relative = |p: &PathBuf| p.strip_prefix(&here).unwrap_or(p).display().to_string();
    let shown: Vec<String> = paths.iter().take(3).map(relative).collect();
    let more = paths.len().saturating_sub(shown.len());
    if more > 0 { format!("{} and {more} more", shown.join(", ")) } else { shown.join(", ") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind};

    fn event(kind: EventKind, path: &str) -> DebouncedEvent {
        DebouncedEvent::new(notify::Event::new(kind).add_path(PathBuf::from(path)), std::time::Instant::now())
    }

    #[test]
    fn only_edits_of_real_files_count() {
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let changed = |kind, path: &str| changed_files(Ok(vec![event(kind, path)]));
        assert_eq!(changed(data, "content/a.yaml"), [PathBuf::from("content/a.yaml")]);
        assert_eq!(changed(EventKind::Create(CreateKind::File), "templates/base.html").len(), 1);
        assert!(changed(EventKind::Access(AccessKind::Any), "content/site.yaml").is_empty());
        assert!(changed(EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)), "content/site.yaml").is_empty());
        for scratch in [".khorgos.yaml.swp", "khorgos.yaml~", "4913", "#site.yaml#", ".#site.yaml"] {
            assert!(changed(data, &format!("content/{scratch}")).is_empty(), "{scratch}");
        }
    }
}
