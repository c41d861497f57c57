//! Commands printing into a pipe whose reader has gone (`journeybook … | head -1`) end
//! quietly with their usual exit status; printing into a full disk is an I/O error.
#![cfg(unix)]

use crate::harness;

use std::path::Path;
use std::process::{Command, Stdio};

/// Runs the binary with standard output a pipe whose reader is already closed, as `head`
/// leaves it once it has read enough; returns the exit status and standard error.
fn into_closed_pipe(args: &[&str], source: Option<&Path>) -> (Option<i32>, String) {
    let (reader, writer) = rustix::pipe::pipe().unwrap();
    drop(reader);
    run(args, source, Stdio::from(writer))
}

fn run(args: &[&str], source: Option<&Path>, stdout: Stdio) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_journeybook"));
    cmd.args(args).env("NO_COLOR", "1").stdout(stdout).stderr(Stdio::piped());
    if let Some(source) = source {
        cmd.arg("--source").arg(source);
    }
    let out = cmd.output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let example = harness::example();
    let invalid = harness::fixture("invalid/bad-ids");
    let empty = tempfile::tempdir().unwrap();
    let starter = empty.path().join("starter");
    let starter = starter.to_str().unwrap();
    let cases: [(&[&str], Option<&Path>, i32); 8] = [
        (&["export", "mermaid", "snack-box"], Some(example.path()), 0),
        (&["schema"], None, 0),
        (&["--help"], None, 0),
        (&["help", "build"], None, 0),
        (&["check", "--format", "json"], Some(invalid.path()), 1),
        (&["check", "--format", "github"], Some(invalid.path()), 1),
        (&["build", "--format", "json"], Some(invalid.path()), 1),
        (&["init", starter], None, 0),
    ];
    for (args, source, status) in cases {
        let (code, stderr) = into_closed_pipe(args, source);
        assert_eq!((code, stderr.as_str()), (Some(status), ""), "{args:?}");
    }
    // What init printed was lost, not what it wrote.
    assert!(empty.path().join("starter/journeybook.yaml").is_file());
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error() {
    let example = harness::example();
    for (args, source) in [(&["schema"][..], None), (&["export", "mermaid", "snack-box"][..], Some(example.path()))] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let (code, stderr) = run(args, source, Stdio::from(full));
        assert_eq!(code, Some(2), "{args:?}");
        assert_eq!(stderr, "error: cannot write to standard output: No space left on device (os error 28)\n");
    }
}

/// Messages go to standard error; a reader that closed it (`2>&1 | head -1`) ends them, not
/// the command: the exit status is the usual one and nothing panics.
#[test]
fn a_closed_standard_error_keeps_the_exit_status() {
    let invalid = harness::fixture("invalid/bad-ids");
    let example = harness::example();
    for (args, source, status) in [(&["check"][..], invalid.path(), 1), (&["build"][..], example.path(), 0)] {
        let (reader, writer) = rustix::pipe::pipe().unwrap();
        drop(reader);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_journeybook"));
        cmd.args(args).arg("--source").arg(source).stdout(Stdio::piped()).stderr(Stdio::from(writer));
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(status), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{args:?}");
    }
    assert!(example.path().join("public/index.html").is_file());
}
