//! Putting a finished site in place of the previous one.
//!
//! Where the OS can swap two names in one step (Linux's `renameat2` with `RENAME_EXCHANGE`,
//! macOS's `RENAME_SWAP`), the output folder never stops existing: a reader, a web server or a
//! build killed at any moment sees the complete old site or the complete new one.
//!
//! Elsewhere, and where the filesystem refuses the swap (`EINVAL`, as some network and FUSE
//! filesystems do), it takes two renames, output → `old` and then staging → output, issued
//! back to back with nothing between them: the marker is written before and the old files
//! are removed after. For the time between the two calls, microseconds, the output folder
//! does not exist. A build killed exactly there leaves both complete sites beside the output,
//! and the next build removes both and writes the output afresh.

use std::io;
use std::path::{Path, PathBuf};

/// Puts `fresh` in place of the existing folder `output`; returns where the previous output
/// now is: `fresh`'s old name after a swap, else `old`.
pub(super) fn replace(fresh: &Path, output: &Path, old: &Path) -> io::Result<PathBuf> {
    match exchange(fresh, output) {
        Ok(()) => Ok(fresh.to_path_buf()),
        Err(e) if !unsupported(&e) => Err(e),
        Err(_) => two_renames(fresh, output, old).map(|()| old.to_path_buf()),
    }
}

/// The fallback: output → `old`, `fresh` → output; on failure the output is put back.
pub(super) fn two_renames(fresh: &Path, output: &Path, old: &Path) -> io::Result<()> {
    std::fs::rename(output, old)?;
    if let Err(e) = std::fs::rename(fresh, output) {
        let _ = std::fs::rename(old, output);
        return Err(e);
    }
    Ok(())
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether the swap failed because this OS or filesystem cannot do it, not for a reason the
/// two renames would fail for too.
fn unsupported(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Unsupported || refused_by_filesystem(e)
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn refused_by_filesystem(e: &io::Error) -> bool {
    use rustix::io::Errno;
    Errno::from_io_error(e).is_some_and(|n| [Errno::INVAL, Errno::NOSYS, Errno::NOTSUP, Errno::OPNOTSUPP].contains(&n))
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn refused_by_filesystem(_: &io::Error) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn site(dir: &Path, text: &str) {
        fs::create_dir(dir).unwrap();
        fs::write(dir.join("index.html"), text).unwrap();
    }

    #[test]
    fn swaps_in_one_step_or_two() {
        let tmp = tempfile::tempdir().unwrap();
        let (fresh, output, old) = (tmp.path().join("new"), tmp.path().join("out"), tmp.path().join("old"));
        site(&fresh, "new");
        site(&output, "old");
        let previous = replace(&fresh, &output, &old).unwrap();
        // Linux filesystems that tests run on (ext4, tmpfs, btrfs, xfs) all swap in one step.
        #[cfg(target_os = "linux")]
        assert_eq!(previous, fresh, "swapped by RENAME_EXCHANGE, not by two renames");
        assert_eq!(fs::read_to_string(output.join("index.html")).unwrap(), "new");
        assert_eq!(fs::read_to_string(previous.join("index.html")).unwrap(), "old");
    }

    #[test]
    fn two_renames_put_the_output_back_when_the_second_fails() {
        let tmp = tempfile::tempdir().unwrap();
        let (fresh, output, old) = (tmp.path().join("missing"), tmp.path().join("out"), tmp.path().join("old"));
        site(&output, "old");
        assert!(two_renames(&fresh, &output, &old).is_err());
        assert_eq!(fs::read_to_string(output.join("index.html")).unwrap(), "old");
        assert!(!old.exists());
    }

    #[test]
    fn two_renames_swap() {
        let tmp = tempfile::tempdir().unwrap();
        let (fresh, output, old) = (tmp.path().join("new"), tmp.path().join("out"), tmp.path().join("old"));
        site(&fresh, "new");
        site(&output, "old");
        two_renames(&fresh, &output, &old).unwrap();
        assert_eq!(fs::read_to_string(output.join("index.html")).unwrap(), "new");
        assert_eq!(fs::read_to_string(old.join("index.html")).unwrap(), "old");
        assert!(!fresh.exists());
    }
}
