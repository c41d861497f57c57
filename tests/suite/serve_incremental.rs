//! `serve` re-renders only the pages an edit reaches, and what it then serves is exactly what
//! a fresh `build` of the edited project writes: for edits of a journey, a persona, a CSV
//! file and notes, every file of the built site is compared with the served one.

use crate::harness;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;
use std::{fs, thread};

struct Server {
    child: Child,
    port: u16,
    log: Receiver<String>,
    /// The page count of the first build.
    first: usize,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(dir: &Path) -> Server {
        let child = Command::new(env!("CARGO_BIN_EXE_journeybook"))
            .args(["serve", "--port", "0", "--source"])
            .arg(dir)
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        let mut server = Server { child, port: 0, log: std::sync::mpsc::channel().1, first: 0 };
        let stderr = server.child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        server.log = rx;
        loop {
            let line = server.next_line();
            if let Some(rest) = line.strip_prefix("Rendered ") {
                server.first = rest.split(' ').next().unwrap().parse().unwrap();
            }
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                server.port = rest.split('/').next().unwrap().parse().unwrap();
                return server;
            }
        }
    }

    fn next_line(&self) -> String {
        self.log.recv_timeout(Duration::from_secs(60)).expect("serve keeps logging")
    }

    /// The page count of the next `Rendered N pages` line of the log.
    fn rendered(&self) -> usize {
        loop {
            let line = self.next_line();
            assert!(!line.contains("error"), "the edit broke the build: {line}");
            if let Some(rest) = line.strip_prefix("Rendered ") {
                return rest.split(' ').next().unwrap().parse().unwrap();
            }
        }
    }

    fn get(&self, path: &str) -> Vec<u8> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(s, "GET /{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).unwrap();
        let at = out.windows(4).position(|w| w == b"\r\n\r\n").expect("a response") + 4;
        assert!(out.starts_with(b"HTTP/1.1 200"), "{path}: {}", String::from_utf8_lossy(&out[..at]));
        out.split_off(at)
    }
}

/// serve's reload events, read as an open page reads them.
struct Events(TcpStream);

impl Events {
    fn open(server: &Server) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(s, "GET /__journeybook/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        Events(s)
    }

    /// The number the next reload event carries.
    fn next(&mut self) -> u64 {
        let mut text = String::new();
        let mut byte = [0u8; 1];
        loop {
            self.0.read_exact(&mut byte).expect("a reload event");
            text.push(byte[0] as char);
            if let Some(at) = text.rfind("data:") {
                if let Some(number) = text[at + 5..].strip_suffix('\n') {
                    return number.trim().parse().unwrap();
                }
            }
        }
    }
}

/// The pages drawn from the whole playbook and the data files: serve may make them after it
/// has told open pages to reload.
const MADE_LAST: [&str; 7] =
    ["pain-points/", "opportunities/", "roadmap/", "metrics/", "search-index.json", "metrics.json", "playbook.json"];

/// Builds `dir` as serve does (drafts, serve's address) and checks that serve shows every file
/// of it, byte for byte but for the reload script serve adds to pages.
fn assert_serves_a_fresh_build(server: &Server, dir: &Path, what: &str) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let url = format!("http://127.0.0.1:{}/", server.port);
    let run = harness::Run::new(&["build", "--drafts", "--base-url", &url, "--output", site.to_str().unwrap()])
        .source(dir)
        .go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let script = b"<script src=\"/__journeybook/reload.js\"></script>";
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&site).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file()) {
        let path = entry.path().strip_prefix(&site).unwrap().to_string_lossy().replace('\\', "/");
        if path.starts_with(".journeybook") {
            continue;
        }
        let mut served = server.get(&path);
        if path.ends_with(".html") {
            let at = served.windows(script.len()).rposition(|w| w == script).expect("the reload script");
            served.drain(at..at + script.len());
        }
        assert!(served == fs::read(entry.path()).unwrap(), "after {what}, {path} differs from a fresh build");
        compared += 1;
    }
    assert!(compared > 40, "only {compared} files compared");
}

/// What an edit is called, the file it changes, and how.
type Edit = (&'static str, &'static str, fn(String) -> String);

fn edit(dir: &Path, file: &str, change: impl FnOnce(String) -> String) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    let changed = change(text.clone());
    assert_ne!(changed, text, "{file}: the edit changes nothing");
    fs::write(path, changed).unwrap();
}

#[test]
fn an_edit_renders_only_the_pages_that_depend_on_it_and_leaves_no_page_stale() {
    let project = harness::example();
    let dir = project.path();
    // A tag page that lists the zoomed-in trial journey and nothing of its parent: the trial's
    // card there names the parent by its title, so retitling the parent must reach it.
    edit(dir, "content/journeys/snack-box-trial.yaml", |t| {
        t.replace("tags: [subscription, trial]", "tags: [subscription, trial, zoomed-in]")
    });
    let server = Server::start(dir);
    let all = server.first;
    assert!(all > 50, "the example has {all} pages");

    let edits: [Edit; 9] = [
        ("a journey's title", "content/journeys/snack-box.yaml", |t| {
            t.replace("title: Office snack box subscription", "title: Office snack box plan")
        }),
        // Markdown in a journey: serve renders again only the fields whose text changed.
        ("a stage's description", "content/journeys/snack-box.yaml", |t| {
            t.replace("Office managers rarely search for", "Office managers seldom search for")
        }),
        ("a persona's name", "content/personas/office-manager.yaml", |t| {
            t.replace("name: Maya, office manager", "name: Maya, workplace manager")
        }),
        ("a persona's role", "content/personas/office-manager.yaml", |t| {
            t.replace("role: Office manager at", "role: Workplace lead at")
        }),
        ("a CSV row", "content/data/snack-box-monthly.csv", |t| {
            t.replace("snack-box,,nps,2026-Q2,28.1", "snack-box,,nps,2026-Q2,31.5")
        }),
        // A note that backs no pain point: one that does takes a full build.
        ("a note's journey", "content/insights/ideas/team-favourites-report.md", |t| {
            t.replace("journey: snack-box\nstage: renewal\ntouchpoint: Usage report\n", "journey: mobile-ordering\n")
        }),
        ("a note's date", "content/insights/ideas/team-favourites-report.md", |t| {
            let date = t.lines().find(|l| l.starts_with("date: ")).unwrap().to_string();
            t.replace(&date, "date: 2020-01-01")
        }),
        // Only the note's own page and the search index show its text.
        ("a note's body", "content/insights/ideas/team-favourites-report.md", |t| {
            format!("{t}\nOne more finding, about zanzibar.\n")
        }),
        ("a note's title", "content/insights/ideas/team-favourites-report.md", |t| {
            let title = t.lines().find(|l| l.starts_with("title: ")).unwrap().to_string();
            t.replace(&title, "title: Team favourites, retitled")
        }),
    ];
    let mut events = Events::open(&server);
    let mut generation = None;
    let mut retitled = 0;
    for (what, file, change) in edits {
        edit(dir, file, change);
        // One reload event an edit, and what a page asks for right after it is already what
        // serve ends up showing.
        let number = events.next();
        if let Some(before) = generation {
            assert_eq!(number, before + 1, "after {what}, one reload event");
        }
        generation = Some(number);
        let early: Vec<Vec<u8>> = MADE_LAST.iter().map(|p| server.get(p)).collect();
        let rendered = server.rendered();
        assert!(rendered > 0 && rendered < all, "after {what}, serve rendered {rendered} of {all} pages");
        if what == "a note's body" {
            assert_eq!(rendered, 1, "only the note's own page");
            assert!(String::from_utf8(server.get("search-index.json")).unwrap().contains("zanzibar"));
        }
        if what == "a journey's title" {
            retitled = rendered;
        }
        if what == "a stage's description" || what == "a CSV row" {
            // What the journey's notes show of it (titles, language) is as it was: their pages
            // and the note lists are not made again.
            assert!(rendered < retitled, "after {what}, {rendered} pages; {retitled} after a new title");
        }
        if what == "a persona's role" {
            // Only the persona's own page and the lists of whole personas show a role.
            assert_eq!(rendered, 3, "the home page, the persona list and the persona's page");
        }
        assert_serves_a_fresh_build(&server, dir, what);
        for (path, early) in MADE_LAST.iter().zip(early) {
            assert!(
                early == server.get(path),
                "after {what}, {path} asked for on the reload event was not the final one"
            );
        }
    }
    // A save that changes nothing (an editor's, or a second event for a write already taken
    // in) makes nothing and reloads nothing: the next event and log line are the next edit's.
    let csv = dir.join("content/data/snack-box-monthly.csv");
    fs::write(&csv, fs::read(&csv).unwrap()).unwrap();
    thread::sleep(Duration::from_millis(500));
    edit(dir, "content/insights/ideas/team-favourites-report.md", |t| format!("{t}\nAnd one about quinoa.\n"));
    assert_eq!(events.next(), generation.unwrap() + 1, "one reload event, the edit's");
    assert_eq!(server.rendered(), 1, "the edit's own page; the save before it made none");
}
