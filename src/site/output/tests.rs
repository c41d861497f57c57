//! The writer on a real temporary folder.

use super::*;

fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.as_bytes().to_vec())).collect()
}

/// A temporary folder holding an output `public` that journeybook wrote with `pairs`.
fn site(pairs: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write(&out, &files(pairs)).unwrap();
    (tmp, out)
}

#[test]
fn replaces_a_previous_output() {
    let (tmp, out) = site(&[("index.html", "one"), ("old/index.html", "x")]);
    write(&out, &files(&[("index.html", "two")])).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
    assert!(!out.join("old").exists());
    let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
}

#[test]
fn refuses_a_folder_it_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("mine.txt"), "keep").unwrap();
    let err = write(&out, &files(&[("index.html", "x")])).unwrap_err();
    assert!(matches!(err, WriteError::Foreign { .. }));
    assert_eq!(fs::read_to_string(out.join("mine.txt")).unwrap(), "keep");
}

#[test]
fn refuses_a_previous_output_with_foreign_files() {
    let (_tmp, out) = site(&[("index.html", "one")]);
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let err = write(&out, &files(&[("index.html", "two")])).unwrap_err();
    assert!(err.to_string().contains("notes.txt"), "{err}");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
}

#[test]
fn names_foreign_files_at_any_depth_in_the_order_of_their_folders() {
    let (tmp, out) = site(&[("a/index.html", "one"), ("a/b/index.html", "two"), ("a-c/index.html", "three")]);
    fs::write(out.join("a/b/mine.txt"), "mine").unwrap();
    fs::write(out.join("a-c/zz.txt"), "mine").unwrap();
    fs::create_dir_all(out.join("a/new/deeper")).unwrap();
    fs::write(out.join("a/new/deeper/x.txt"), "mine").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(tmp.path(), out.join("a/link")).unwrap();
    let Err(WriteError::Foreign { files: found, .. }) = previous_output(&out) else { panic!("foreign files missed") };
    let mut expected = vec!["a/b/mine.txt", "a/new/deeper/x.txt", "a-c/zz.txt"];
    if cfg!(unix) {
        // A link is a file of its own, never followed.
        expected.insert(1, "a/link");
    }
    assert_eq!(found, expected);
    // Every file but those journeybook wrote is named; nothing is removed.
    assert!(out.join("a/index.html").is_file() && out.join("a/new/deeper/x.txt").is_file());
}

#[test]
fn fills_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    fs::create_dir(&out).unwrap();
    write(&out, &files(&[("a/b.html", "x")])).unwrap();
    assert!(out.join(MARKER).is_file());
}

fn beside(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// A staging folder as a killed build leaves it: the journal lists what was written.
fn killed_build(dir: &Path, listed: &[&str], present: &[&str]) {
    fs::create_dir_all(dir).unwrap();
    let mut marker = String::from(MARKER_HEADER);
    for rel in listed {
        marker.push_str(&format!("{rel}\n"));
    }
    fs::write(dir.join(MARKER), marker).unwrap();
    for rel in present {
        fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
        fs::write(dir.join(rel), "x").unwrap();
    }
}

#[cfg(unix)]
#[test]
fn removes_what_dead_builds_left_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    killed_build(&tmp.path().join(".public.journeybook-new-1"), &["a/b.html", "c.html"], &["a/b.html"]);
    killed_build(&tmp.path().join(".public.journeybook-old-2"), &["index.html"], &["index.html"]);
    fs::create_dir(tmp.path().join(".public.journeybook-new-3")).unwrap();
    // Killed after making its marker, before or while writing the header into it.
    for (pid, header) in [(8, ""), (9, "# Written by")] {
        let leftover = tmp.path().join(format!(".public.journeybook-new-{pid}"));
        fs::create_dir(&leftover).unwrap();
        fs::write(leftover.join(MARKER), header).unwrap();
    }
    // Not ours: a file the marker does not list, a folder without a marker, another output's.
    killed_build(&tmp.path().join(".public.journeybook-new-4"), &["x.html"], &["x.html", "mine.txt"]);
    fs::create_dir(tmp.path().join(".public.journeybook-new-5")).unwrap();
    fs::write(tmp.path().join(".public.journeybook-new-5/mine.txt"), "keep").unwrap();
    killed_build(&tmp.path().join(".site.journeybook-new-6"), &["x.html"], &["x.html"]);
    // A build that is still running holds the lock on its folder.
    let running = tmp.path().join(".public.journeybook-new-7");
    killed_build(&running, &["x.html"], &["x.html"]);
    let lock = leftovers::try_lock(&running).unwrap().unwrap();
    write(&out, &files(&[("index.html", "new")])).unwrap();
    assert_eq!(
        beside(tmp.path()),
        [
            ".public.journeybook-new-4",
            ".public.journeybook-new-5",
            ".public.journeybook-new-7",
            ".site.journeybook-new-6",
            "public"
        ]
    );
    assert_eq!(beside(&tmp.path().join(".public.journeybook-new-4")), ["mine.txt"]);
    assert_eq!(beside(&running), [MARKER, "x.html"]);
    drop(lock);
    write(&out, &files(&[("index.html", "newer")])).unwrap();
    assert!(!running.exists());
}

#[test]
fn a_build_that_stops_early_leaves_nothing() {
    let (tmp, out) = site(&[("index.html", "one")]);
    let staging = Staging::begin(&out).unwrap();
    staging.put("a/b/c.html", b"x".to_vec()).unwrap();
    drop(staging);
    assert_eq!(beside(tmp.path()), ["public"]);
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
}

#[test]
fn files_listed_before_they_are_written_are_named_once_and_a_stop_removes_only_those_written() {
    let (tmp, out) = site(&[("index.html", "one")]);
    let staging = Staging::begin(&out).unwrap();
    staging.expect(&mut ["a/index.html", "b/index.html", "a/index.html"].into_iter().map(String::from)).unwrap();
    staging.put("a/index.html", b"x".to_vec()).unwrap();
    let journal = fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains("journeybook-new")))
        .unwrap();
    // The journal names each listed file once, before it exists, as a killed build leaves it.
    let listed = fs::read_to_string(journal.join(MARKER)).unwrap();
    assert_eq!(listed, format!("{MARKER_HEADER}a/index.html\nb/index.html\n"));
    drop(staging);
    assert_eq!(beside(tmp.path()), ["public"]);
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
}

#[test]
fn the_marker_is_sorted_whatever_the_writing_order() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let staging = Staging::begin(&out).unwrap();
    for rel in ["z.html", "a/index.html", "m.css", "a/index.html"] {
        staging.put(rel, b"x".to_vec()).unwrap();
    }
    staging.commit().unwrap();
    let marker = fs::read_to_string(out.join(MARKER)).unwrap();
    assert_eq!(marker, format!("{MARKER_HEADER}a/index.html\nm.css\nz.html\n"));
}

#[cfg(unix)]
#[test]
fn removing_a_leftover_never_follows_a_link_out_of_it() {
    let tmp = tempfile::tempdir().unwrap();
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("page.html"), "keep").unwrap();
    let leftover = tmp.path().join(".public.journeybook-new-1");
    killed_build(&leftover, &["sub/page.html", "index.html"], &["index.html"]);
    std::os::unix::fs::symlink(&elsewhere, leftover.join("sub")).unwrap();
    write(&tmp.path().join("public"), &files(&[("index.html", "x")])).unwrap();
    assert_eq!(fs::read_to_string(elsewhere.join("page.html")).unwrap(), "keep");
    assert_eq!(beside(&leftover), ["sub"]);
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(path).unwrap().ino()
}

/// Writes `bytes` to `rel` in `chunk`-byte parts, as a page is rendered.
fn put_in_parts(staging: &Staging, rel: &str, bytes: &[u8], chunk: usize) {
    staging.put_with(rel, &mut |out| bytes.chunks(chunk).try_for_each(|part| out.write_all(part))).unwrap();
}

#[cfg(unix)]
#[test]
fn a_rebuild_keeps_the_file_of_every_file_that_did_not_change() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let first = [("same.html", "one"), ("a/longer.html", "hello"), ("a/shorter.html", "hello world")];
    write(&out, &files(&[first.as_slice(), &[("a/other.html", "hello world"), ("gone.html", "x")]].concat())).unwrap();
    let before: Vec<u64> = first.iter().map(|(rel, _)| inode(&out.join(rel))).collect();
    let second = [("same.html", "one"), ("a/longer.html", "hello world"), ("a/shorter.html", "hello")];
    write(&out, &files(&[second.as_slice(), &[("a/other.html", "hello there"), ("new.html", "y")]].concat())).unwrap();
    assert_eq!(inode(&out.join("same.html")), before[0], "an unchanged file is the same file");
    assert_ne!(inode(&out.join("a/longer.html")), before[1]);
    assert_ne!(inode(&out.join("a/shorter.html")), before[2]);
    let read = |rel: &str| fs::read_to_string(out.join(rel)).unwrap();
    assert_eq!(
        [read("same.html"), read("a/longer.html"), read("a/shorter.html"), read("a/other.html"), read("new.html")],
        ["one", "hello world", "hello", "hello there", "y"]
    );
    assert!(!out.join("gone.html").exists());
    assert_eq!(beside(tmp.path()), ["public"]);
}

#[test]
fn a_file_made_in_parts_is_written_whole_from_wherever_it_first_differs() {
    // Longer than a read of the previous copy, so the difference and the part copied before
    // it cross those reads.
    let previous: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    let mut later_byte = previous.clone();
    later_byte[150_000] = b'!';
    let mut first_byte = previous.clone();
    first_byte[0] = b'!';
    let cases = [
        ("same.html", previous.clone()),
        ("later.html", later_byte),
        ("first.html", first_byte),
        ("shorter.html", previous[..123_456].to_vec()),
        ("longer.html", [previous.as_slice(), b"and more"].concat()),
        ("empty.html", Vec::new()),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let mut all = BTreeMap::new();
    for (rel, _) in &cases {
        all.insert(rel.to_string(), previous.clone());
    }
    write(&out, &all).unwrap();
    for chunk in [1, 1000, 70_000] {
        let staging = Staging::begin(&out).unwrap();
        for (rel, bytes) in &cases {
            put_in_parts(&staging, rel, bytes, chunk);
        }
        staging.commit().unwrap();
        for (rel, bytes) in &cases {
            assert!(fs::read(out.join(rel)).unwrap() == *bytes, "{rel} in parts of {chunk}");
        }
        write(&out, &all).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn a_file_with_another_name_or_a_link_in_its_place_is_written_anew() {
    let (tmp, out) = site(&[("linked.html", "one"), ("pointed.html", "two")]);
    // A hard link kept elsewhere: keeping the file would tie the two together.
    let elsewhere = tmp.path().join("kept-elsewhere.html");
    fs::hard_link(out.join("linked.html"), &elsewhere).unwrap();
    // A link in place of a page, to a file of the same bytes outside the site.
    let outside = tmp.path().join("outside.html");
    fs::write(&outside, "two").unwrap();
    fs::remove_file(out.join("pointed.html")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("pointed.html")).unwrap();
    write(&out, &files(&[("linked.html", "one"), ("pointed.html", "two")])).unwrap();
    assert_ne!(inode(&out.join("linked.html")), inode(&elsewhere));
    assert!(fs::symlink_metadata(out.join("pointed.html")).unwrap().is_file());
    assert_eq!(fs::read_to_string(out.join("pointed.html")).unwrap(), "two");
    assert_eq!(fs::read_to_string(&elsewhere).unwrap(), "one");
    assert_eq!(fs::read_to_string(&outside).unwrap(), "two");
}

#[cfg(unix)]
#[test]
fn a_stopped_rebuild_leaves_the_files_it_kept_as_they_were() {
    use std::os::unix::fs::MetadataExt;
    let (tmp, out) = site(&[("same.html", "one"), ("other.html", "two")]);
    let before = inode(&out.join("same.html"));
    let staging = Staging::begin(&out).unwrap();
    staging.put("same.html", b"one".to_vec()).unwrap();
    let failed = staging.put_with("other.html", &mut |out| {
        out.write_all(b"t")?;
        Err(std::io::Error::other("a page failed halfway"))
    });
    assert!(failed.unwrap_err().to_string().contains("a page failed halfway"));
    drop(staging);
    assert_eq!(beside(tmp.path()), ["public"]);
    let meta = fs::metadata(out.join("same.html")).unwrap();
    assert_eq!((meta.ino(), meta.nlink()), (before, 1));
    assert_eq!(fs::read_to_string(out.join("other.html")).unwrap(), "two");
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_files_place_is_not_waited_on() {
    let (_tmp, out) = site(&[("page.html", "one")]);
    fs::remove_file(out.join("page.html")).unwrap();
    let mode = rustix::fs::Mode::from_raw_mode(0o644);
    rustix::fs::mknodat(rustix::fs::CWD, out.join("page.html"), rustix::fs::FileType::Fifo, mode, 0).unwrap();
    let (done, finished) = std::sync::mpsc::channel();
    let target = out.clone();
    std::thread::spawn(move || {
        let _ = done.send(write(&target, &files(&[("page.html", "one")])).map_err(|e| e.to_string()));
    });
    let written = finished.recv_timeout(std::time::Duration::from_secs(20)).expect("the build waited on the FIFO");
    written.unwrap();
    assert!(fs::symlink_metadata(out.join("page.html")).unwrap().is_file());
    assert_eq!(fs::read_to_string(out.join("page.html")).unwrap(), "one");
}
