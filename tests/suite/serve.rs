//! `journeybook serve` end to end: pages, live edits, the error page and its recovery,
//! request safety on a raw socket, and a clean stop.

use crate::harness;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use std::{fs, thread};

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(dir: &std::path::Path) -> Server {
        let child = Command::new(env!("CARGO_BIN_EXE_journeybook"))
            .args(["serve", "--port", "0", "--source"])
            .arg(dir)
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        // Owned by a Server from here on, so a panic below still kills and reaps it.
        let mut server = Server { child, port: 0 };
        let stderr = server.child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let line =
                rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("serve prints its address");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                server.port = rest.split('/').next().unwrap().parse().unwrap();
                return server;
            }
        }
    }

    /// Sends `request` as is and returns the status code and the whole response.
    fn raw(&self, request: &str) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let text = String::from_utf8_lossy(&out).into_owned();
        let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        (status, text)
    }

    fn get(&self, path: &str) -> (u16, String) {
        self.raw(&format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
    }

    /// Polls `path` until its response contains `needle` (rebuilds take a moment).
    fn wait_for(&self, path: &str, needle: &str) -> (u16, String) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.get(path);
            if got.1.contains(needle) || Instant::now() > deadline {
                return got;
            }
            thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_rebuilds_shows_errors_recovers_and_stays_safe() {
    let project = harness::example();
    let server = Server::start(project.path());

    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("content-type: text/html; charset=utf-8"), "{home}");
    assert!(home.contains("/__journeybook/reload.js"), "the reload script is injected");
    let (status, css) = server.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(css.contains("content-type: text/css"));
    let (status, json) = server.get("/metrics.json");
    assert_eq!(status, 200);
    assert!(json.contains("content-type: application/json"));
    let (status, redirect) = server.get("/journeys/snack-box");
    assert_eq!(status, 301);
    assert!(redirect.to_lowercase().contains("location: /journeys/snack-box/"));
    let (status, missing) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(missing.contains("Page not found"), "the site's own 404 page");

    // Edit a note: its page changes.
    let note = project.path().join("content/insights/2026/signup-drop.md");
    let text = fs::read_to_string(&note).unwrap();
    fs::write(&note, text.replace("The account\nform asks", "The sign-up\nform asks")).unwrap();
    let (_, page) = server.wait_for("/insights/2026/signup-drop/", "The sign-up\nform asks");
    assert!(page.contains("The sign-up\nform asks"), "the edit shows: {page}");

    // Break a journey: every page shows the error.
    let journey = project.path().join("content/journeys/mobile-ordering.yaml");
    let good = fs::read_to_string(&journey).unwrap();
    fs::write(&journey, good.replace("persona: regular-diner", "persona: regular-dinner")).unwrap();
    let (status, error) = server.wait_for("/", "unknown persona");
    assert_eq!(status, 500);
    assert!(error.contains("content/journeys/mobile-ordering.yaml:3:10"), "{error}");
    assert!(error.contains("unknown persona `regular-dinner`"));

    // Fix it: the site comes back by itself.
    fs::write(&journey, &good).unwrap();
    let (status, _) = server.wait_for("/", "Headline metrics");
    assert_eq!(status, 200);

    // Requests that try to leave the site, raw on the socket.
    for path in [
        "/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2f..%2fetc%2fpasswd",
        "/..\\..\\etc\\passwd",
        "/a%00b",
    ] {
        let (status, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("root:"), "{path} leaked a file");
    }
    let (status, response) = server.raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 405);
    assert!(response.to_lowercase().contains("allow: get, head"));
    let (status, head) = server.raw("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 200);
    assert!(!head.contains("<html"), "HEAD has no body");

    // A clean stop on Ctrl+C.
    let mut server = server;
    let pid = server.child.id().to_string();
    Command::new("kill").args(["-INT", &pid]).status().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "serve did not stop");
        thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let project = harness::example();
    let out = Command::new(env!("CARGO_BIN_EXE_journeybook"))
        .args(["serve", "--port", &port, "--source"])
        .arg(project.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("port {port} on 127.0.0.1 is already in use; choose another with --port")), "{err}");
}

#[test]
fn new_writes_files_that_validate() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_journeybook")).args(args).output().unwrap();
    assert!(run(&["init", root.to_str().unwrap()]).status.success());
    let src = root.to_str().unwrap();
    let j = run(&["new", "journey", "Renewal & upsell", "--source", src]);
    assert!(j.status.success(), "{}", String::from_utf8_lossy(&j.stderr));
    let n = run(&[
        "new",
        "note",
        "Call with the CFO",
        "--journey",
        "renewal-upsell",
        "--stage",
        "purchase",
        "--kind",
        "interview",
        "--source",
        src,
    ]);
    assert!(n.status.success(), "{}", String::from_utf8_lossy(&n.stderr));
    let year = chrono::Local::now().format("%Y").to_string();
    let note = fs::read_to_string(root.join(format!("content/insights/{year}/call-with-the-cfo.md"))).unwrap();
    assert!(note.contains(&format!("date: {}", chrono::Local::now().date_naive())));
    let check = run(&["check", "--strict", "--source", src]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let bad = run(&["new", "note", "X", "--journey", "renewal-upsel", "--source", src]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("did you mean `renewal-upsell`?"));
    assert_eq!(run(&["new", "journey", "Renewal & upsell", "--source", src]).status.code(), Some(2), "no overwrite");
}
