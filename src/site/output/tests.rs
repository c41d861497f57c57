//! The writer on a real temporary folder.

use super::*;

fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.as_bytes().to_vec())).collect()
}

#[test]
fn replaces_a_previous_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write(&out, &files(&[("index.html", "one"), ("old/index.html", "x")])).unwrap();
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
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write(&out, &files(&[("index.html", "one")])).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let err = write(&out, &files(&[("index.html", "two")])).unwrap_err();
    assert!(err.to_string().contains("notes.txt"), "{err}");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
}

#[test]
fn names_foreign_files_at_any_depth_in_the_order_of_their_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write(&out, &files(&[("a/index.html", "one"), ("a/b/index.html", "two"), ("a-c/index.html", "three")])).unwrap();
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
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write(&out, &files(&[("index.html", "one")])).unwrap();
    let staging = Staging::begin(&out).unwrap();
    staging.put("a/b/c.html", b"x".to_vec()).unwrap();
    drop(staging);
    assert_eq!(beside(tmp.path()), ["public"]);
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
}

#[test]
fn files_listed_before_they_are_written_are_named_once_and_a_stop_removes_only_those_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write(&out, &files(&[("index.html", "one")])).unwrap();
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
