//! Watching the project: events are debounced, so saving ten files at once is one rebuild.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use notify::EventKind;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use super::{Shown, State};
use crate::diagnostic::Diagnostics;
use crate::site::{Files, Live};
use std::collections::HashSet;
use std::time::Instant;

/// How long the watcher waits for more changes before rebuilding: the events of one save (an
/// editor's write and rename) come within it as one batch, and it is short enough not to be
/// felt. A change that takes longer to write (a branch checked out) may be seen in two
/// updates, each correct for the files as they then were.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// Starts watching `source`; the returned debouncer stops watching when dropped.
pub fn start(
    source: &Path,
    state: Arc<State>,
    mut live: Option<Live>,
    options: crate::site::Options,
) -> notify::Result<Debouncer<notify::RecommendedWatcher, RecommendedCache>> {
    // Events carry absolute paths; compare them with the absolute project folder.
    let root = source.canonicalize()?;
    let build_root = source.to_path_buf();
    let mut generation = 0u64;
    let mut failed: Option<Diagnostics> = None;
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        // Events were lost (the kernel's queue overflowed): which files changed is not known.
        let rescan = events.iter().any(|e| e.need_rescan());
        // Reading files (as every build does) is an access event; only changes count.
        let changes = events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)));
        let mut changed: Vec<String> = changes
            .flat_map(|e| e.paths.iter())
            .filter(|p| is_watched(&root, p))
            .map(|p| crate::project::relative(&root, p))
            .collect();
        if changed.is_empty() && !rescan {
            return;
        }
        changed.sort();
        changed.dedup();
        // Nothing to make, show or reload: the files read as the site was made from them.
        if failed.is_none() && !rescan && live.as_ref().is_some_and(|site| site.unchanged(&changed)) {
            return;
        }
        let started = Instant::now();
        // After a failed build there is no good site to update, and after lost events no list
        // of what to update: build it whole. An update may show the site, and have open pages
        // reload, before it has made the pages drawn from the whole playbook; a request for
        // one of those waits until the update has made it (see `http::page`).
        let mut announced = false;
        let outcome = match live.as_mut() {
            Some(site) if failed.is_none() && !rescan => {
                let mut early = |files: &Files, pending: &HashSet<String>| {
                    show(&state, Shown::Site { files: files.clone(), pending: pending.clone() });
                    generation += 1;
                    let _ = state.reload.send(generation);
                    announced = true;
                };
                let updated = site.update(&changed, &mut early);
                updated.map(|u| {
                    announced &= !u.whole;
                    Some(u.pages)
                })
            }
            _ => {
                let (built, checked) = Live::build(&build_root, &options);
                match built {
                    Some(site) => {
                        live = Some(site);
                        Ok(None)
                    }
                    None => Err(checked.diagnostics),
                }
            }
        };
        let shown = match (&outcome, live.as_ref()) {
            (Ok(rendered), Some(site)) => {
                failed = None;
                super::report(Ok(site), started, *rendered);
                Shown::of(Ok(site))
            }
            (Err(diagnostics), _) => {
                super::report(Err(diagnostics), started, None);
                Shown::of(Err(diagnostics))
            }
            (Ok(_), None) => return,
        };
        if let Err(d) = outcome {
            failed = Some(d);
            announced = false;
        }
        show(&state, shown);
        state.settled.send_modify(|n| *n += 1);
        if !announced {
            generation += 1;
            let _ = state.reload.send(generation);
        }
    })?;
    for sub in WATCHED {
        let path = source.join(sub);
        if path.exists() {
            debouncer.watch(&path, notify::RecursiveMode::Recursive)?;
        }
    }
    // New top-level folders (say, a first `templates/`) show up as changes of the project root.
    debouncer.watch(source, notify::RecursiveMode::NonRecursive)?;
    Ok(debouncer)
}

/// Shows `shown` from now on.
fn show(state: &State, shown: Shown) {
    if let Ok(mut slot) = state.shown.write() {
        *slot = Arc::new(shown);
    }
}

/// What the site is built from, below the project folder.
const WATCHED: [&str; 5] = ["journeybook.yaml", "content", "templates", "themes", "static"];

/// True for a change to something the site is built from. Output folders, `.git`, editor swap
/// and backup files are not.
fn is_watched(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else { return false };
    if !WATCHED.contains(&first.as_ref()) {
        return false;
    }
    rel.components().all(|c| {
        let name = c.as_os_str().to_string_lossy();
        !(name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp"))
    })
}

#[cfg(test)]
mod tests {
    use super::is_watched;
    use std::path::Path;

    #[test]
    fn only_sources_trigger_rebuilds() {
        let root = Path::new("/p");
        assert!(is_watched(root, Path::new("/p/content/insights/a.md")));
        assert!(is_watched(root, Path::new("/p/journeybook.yaml")));
        assert!(!is_watched(root, Path::new("/p/public/index.html")));
        assert!(!is_watched(root, Path::new("/p/content/insights/.a.md.swp")));
        assert!(!is_watched(root, Path::new("/p/.git/index")));
    }
}
