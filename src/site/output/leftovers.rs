//! Folders that interrupted builds leave beside the output, and the lock that tells the folder
//! of a running build from that of a dead one.
//!
//! A build writes into `.<output>.journeybook-new-<pid>` and, where the swap takes two
//! renames, moves the previous output to `.<output>.journeybook-old-<pid>`. It holds an
//! advisory lock (`flock`) on its staging folder, and on the previous output while it removes
//! it; the kernel drops the lock when the process ends, however it ends. A folder with the
//! name pattern, the marker inside and no lock held is therefore left over by a build that
//! died, and the next build of the same output removes the files its marker lists.
//!
//! A lock rather than "is the pid in the name alive": pids are reused (in a CI container the
//! next build often gets the very pid of the killed one) and mean nothing across containers
//! that share a volume. Without `flock` (not unix) leftovers are never removed, since
//! nothing proves their build has ended.

use std::io;
use std::path::Path;

/// The name of a folder beside the output: `kind` is `new` (staging) or `old` (previous output).
pub(super) fn name(output_name: &str, kind: &str, pid: u32) -> String {
    format!(".{output_name}.journeybook-{kind}-{pid}")
}

/// Whether `file` is the name of a folder a build of `output_name` makes beside it.
fn is_ours(file: &str, output_name: &str) -> bool {
    let rest = file.strip_prefix('.').and_then(|r| r.strip_prefix(output_name));
    let Some(rest) = rest.and_then(|r| r.strip_prefix(".journeybook-")) else {
        return false;
    };
    let pid = rest.strip_prefix("new-").or_else(|| rest.strip_prefix("old-"));
    pid.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// An exclusive advisory lock on a folder, held until dropped or the process ends.
pub(super) struct Lock {
    #[cfg(unix)]
    _fd: rustix::fd::OwnedFd,
}

/// Locks the folder `dir` (not following a link); `None` when another process holds it.
#[cfg(unix)]
pub(super) fn try_lock(dir: &Path) -> io::Result<Option<Lock>> {
    use rustix::fs::{flock, open, FlockOperation, Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = open(dir, flags, Mode::empty())?;
    match flock(&fd, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(Some(Lock { _fd: fd })),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Without `flock` every lock succeeds, and [`clean`] removes nothing.
#[cfg(not(unix))]
pub(super) fn try_lock(_dir: &Path) -> io::Result<Option<Lock>> {
    Ok(Some(Lock {}))
}

/// Removes what dead builds of `output_name` left in `parent`: only folders with the name
/// pattern, no lock held and the marker inside, and in them only the files the marker lists
/// (or the folder itself when it is empty, the last step of a removal). Best effort: what
/// cannot be removed stays as it is, and `begin` reports it if it is in the way.
pub(super) fn clean(parent: &Path, output_name: &str) {
    if cfg!(not(unix)) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let ours = file.to_str().is_some_and(|f| is_ours(f, output_name));
        if !ours || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let dir = entry.path();
        let Ok(Some(_lock)) = try_lock(&dir) else {
            continue;
        };
        match super::Marker::read(&dir) {
            Some(marker) => {
                let _ = super::remove_written(&dir, marker.files());
            }
            None => {
                let _ = std::fs::remove_dir(&dir);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_only_its_own_names() {
        assert!(is_ours(".public.journeybook-new-123", "public"));
        assert!(is_ours(".public.journeybook-old-7", "public"));
        assert!(is_ours(&name("site", "new", 42), "site"));
        for other in [
            ".public.journeybook-new-",
            ".public.journeybook-new-12x",
            ".public.journeybook-tmp-12",
            "public.journeybook-new-12",
            ".public.b.journeybook-new-12",
            ".publi.journeybook-new-12",
            ".other.journeybook-new-12",
        ] {
            assert!(!is_ours(other, "public"), "{other}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_held_lock_is_seen_from_a_second_descriptor() {
        let tmp = tempfile::tempdir().unwrap();
        let held = try_lock(tmp.path()).unwrap();
        assert!(held.is_some());
        assert!(try_lock(tmp.path()).unwrap().is_none());
        drop(held);
        assert!(try_lock(tmp.path()).unwrap().is_some());
    }
}
