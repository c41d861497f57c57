//! Rebuilding over a previous site: a file whose bytes did not change keeps its file.
//!
//! Each file is compared with its copy in the previous output as it is made, and written out
//! only from its first difference on (the equal part copied from the previous copy). A file
//! equal to the end is linked from the previous output into the staging folder instead of
//! written, so it keeps its inode and modification time: tools that sync by time and size
//! (rsync, most deploy commands) and web servers whose validators are made from them see
//! only what changed, and a rebuild writes, and then removes, only what changed.
//!
//! A previous copy is used only when it is a plain file with no other name: never a link,
//! and never a file also linked from elsewhere, which an edit there would change here. The
//! link made is checked to be the very file that was compared.

use super::{io, Staging, WriteError, WRITE_BUFFER};
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// The previous output's copy of a file, open for comparing.
pub(super) struct PreviousCopy {
    reader: BufReader<File>,
    path: PathBuf,
    /// Its device and inode, to check that a link made to `path` is to this file.
    id: (u64, u64),
}

/// How much of a previous copy is read at a time while comparing.
const READ_BUFFER: usize = 64 * 1024;

impl Staging {
    /// The previous output's copy of `rel`, when that output is journeybook's, the copy is a
    /// plain file with one name, and files can be linked here.
    pub(super) fn previous_copy(&self, rel: &str) -> Option<PreviousCopy> {
        if !self.keep.load(Ordering::Relaxed) {
            return None;
        }
        open(self.output.join(rel))
    }

    /// Stores `rel`, made by `write`, keeping `previous` when the two are equal.
    pub(super) fn put_compared(
        &self,
        rel: &str,
        previous: PreviousCopy,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), WriteError> {
        let mut compared = Compared { staging: self, rel, previous, equal: 0, out: None, failed: None };
        let made = write(&mut compared);
        match compared.finish(made)? {
            Some(previous) => self.link(rel, previous),
            None => Ok(()),
        }
    }

    /// Lists `rel` and links the previous copy there; where a link cannot be made, writes a
    /// copy of it (and makes no more links this build).
    fn link(&self, rel: &str, mut previous: PreviousCopy) -> Result<(), WriteError> {
        self.record(rel)?;
        self.folder(rel)?;
        let path = self.fresh.join(rel);
        if fs::hard_link(&previous.path, &path).is_ok() {
            if id(&path) == Some(previous.id) {
                return Ok(());
            }
            // The previous copy was replaced between the comparison and the link.
            fs::remove_file(&path).map_err(io(&path))?;
        } else {
            self.keep.store(false, Ordering::Relaxed);
        }
        let mut file = File::create(&path).map_err(io(&path))?;
        let source = previous.reader.get_mut();
        source.rewind().and_then(|()| std::io::copy(source, &mut file)).map_err(io(&path))?;
        Ok(())
    }
}

/// Opens `path` when it is a plain file with one name: never a link, a FIFO or a device.
#[cfg(unix)]
fn open(path: PathBuf) -> Option<PreviousCopy> {
    use rustix::fs::{Mode, OFlags};
    use std::os::unix::fs::MetadataExt;
    // Without waiting: a FIFO put in a page's place would hold the open until a writer came.
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let file = File::from(rustix::fs::open(&path, flags, Mode::empty()).ok()?);
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.nlink() != 1 {
        return None;
    }
    let id = (meta.dev(), meta.ino());
    Some(PreviousCopy { reader: BufReader::with_capacity(READ_BUFFER, file), path, id })
}

/// Without a way to refuse links when opening, nothing is kept.
#[cfg(not(unix))]
fn open(_path: PathBuf) -> Option<PreviousCopy> {
    None
}

#[cfg(unix)]
fn id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn id(_path: &Path) -> Option<(u64, u64)> {
    None
}

/// A file being made, compared with its previous copy until they differ, then written.
struct Compared<'a> {
    staging: &'a Staging,
    rel: &'a str,
    previous: PreviousCopy,
    /// How many bytes made so far equal the previous copy's first ones.
    equal: u64,
    /// From the first difference on: the new file, with the equal part and what followed.
    out: Option<(BufWriter<File>, PathBuf)>,
    /// Why the new file could not be made, when it could not.
    failed: Option<WriteError>,
}

impl Compared<'_> {
    /// Whether `bytes`, made next, are the previous copy's next bytes; reading it fails as a
    /// difference does.
    fn matches(&mut self, bytes: &[u8]) -> bool {
        let mut rest = bytes;
        while !rest.is_empty() {
            let Ok(have) = self.previous.reader.fill_buf() else { return false };
            let n = have.len().min(rest.len());
            if n == 0 || have[..n] != rest[..n] {
                return false;
            }
            self.previous.reader.consume(n);
            rest = &rest[n..];
        }
        self.equal += bytes.len() as u64;
        true
    }

    /// Makes the new file and copies into it the part made so far, equal to the previous copy's.
    fn differ(&mut self) -> std::io::Result<()> {
        let (mut file, path) = match self.staging.create(self.rel) {
            Ok(made) => made,
            Err(e) => {
                let message = e.to_string();
                self.failed = Some(e);
                return Err(std::io::Error::other(message));
            }
        };
        let source = self.previous.reader.get_mut();
        source.rewind()?;
        let copied = std::io::copy(&mut source.take(self.equal), &mut file)?;
        if copied != self.equal {
            return Err(std::io::Error::other("its previous copy was cut short while it was read"));
        }
        self.out = Some((BufWriter::with_capacity(WRITE_BUFFER, file), path));
        Ok(())
    }

    /// Ends the file once `made` says how making it went: the previous copy when the two are
    /// equal, `None` when it was written.
    fn finish(mut self, made: std::io::Result<()>) -> Result<Option<PreviousCopy>, WriteError> {
        if let Some(failed) = self.failed.take() {
            return Err(failed);
        }
        let (staging, rel) = (self.staging, self.rel);
        let new = || staging.fresh.join(rel);
        made.map_err(|e| WriteError::Io { path: new(), error: e })?;
        if self.out.is_none() {
            let at_end = self.previous.reader.fill_buf().is_ok_and(<[u8]>::is_empty);
            if at_end {
                return Ok(Some(self.previous));
            }
            // The previous copy is longer.
            if let Err(e) = self.differ() {
                return Err(self.failed.take().unwrap_or(WriteError::Io { path: new(), error: e }));
            }
        }
        match self.out.take() {
            Some((mut out, path)) => out.flush().map_err(io(&path)).map(|()| None),
            None => Ok(None),
        }
    }
}

impl Write for Compared<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.out.is_none() && !self.matches(bytes) {
            self.differ()?;
        }
        match &mut self.out {
            Some((out, _)) => out.write(bytes),
            None => Ok(bytes.len()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.out {
            Some((out, _)) => out.flush(),
            None => Ok(()),
        }
    }
}
