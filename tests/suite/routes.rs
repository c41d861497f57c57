//! Every address the site writes leads somewhere (SPEC §7, §8): each `href` and `src` in every
//! page, with its `#fragment`, each entry of the search index and each sitemap location,
//! built by the real binary under a base with a path prefix.

use std::collections::BTreeMap;

use crate::harness::{example, fixture, read_tree, Run};

/// The value of every ` href="…"` and ` src="…"` in `html`.
fn links(html: &str) -> Vec<&str> {
    [" href=\"", " src=\""]
        .iter()
        .flat_map(|attr| html.split(attr).skip(1).filter_map(|rest| rest.split('"').next()))
        .collect()
}

/// The file a site path (below the base, percent-decoded) is served from.
fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Checks every link below `base` in every page of `tree`, returning how many it followed.
/// A link must be plain ASCII, reach a file of the tree, and a fragment must name an `id` of
/// the page it leads to. Links outside the site (`https:`, `mailto:`) are not followed.
pub fn assert_links_resolve(tree: &BTreeMap<String, Vec<u8>>, base: &str) -> usize {
    let mut followed = 0;
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            assert!(link.is_ascii(), "{path}: link not percent-encoded: {link}");
            let (target, fragment) = match link.split_once('#') {
                Some((t, f)) => (t, Some(f)),
                None => (link, None),
            };
            let file = if target.is_empty() {
                path.clone()
            } else if let Some(local) = target.strip_prefix(base) {
                let decoded = percent_encoding::percent_decode_str(local).decode_utf8().unwrap();
                file_of(&decoded)
            } else {
                assert!(!target.starts_with('/'), "{path}: link outside the base {base}: {link}");
                continue;
            };
            let Some(page) = tree.get(&file) else { panic!("{path}: {link} leads nowhere ({file})") };
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let id = percent_encoding::percent_decode_str(fragment).decode_utf8().unwrap();
                let page = String::from_utf8_lossy(page);
                assert!(page.contains(&format!(" id=\"{id}\"")), "{path}: {link}: no #{id} in {file}");
            }
            followed += 1;
        }
    }
    followed
}

/// Checks the search index's and the sitemap's addresses, returning how many it followed.
fn assert_indexes_resolve(tree: &BTreeMap<String, Vec<u8>>, origin: &str) -> usize {
    let index: serde_json::Value = serde_json::from_slice(&tree["search-index.json"]).unwrap();
    let mut followed = 0;
    for entry in index.as_array().unwrap() {
        let u = entry["u"].as_str().unwrap();
        assert!(tree.contains_key(&file_of(u)), "search entry {u} leads nowhere");
        followed += 1;
    }
    let sitemap = String::from_utf8(tree["sitemap.xml"].clone()).unwrap();
    for loc in sitemap.split("<loc>").skip(1).filter_map(|rest| rest.split("</loc>").next()) {
        let local = loc.strip_prefix(origin).unwrap_or_else(|| panic!("sitemap: {loc} outside {origin}"));
        let decoded = percent_encoding::percent_decode_str(local).decode_utf8().unwrap();
        assert!(tree.contains_key(&file_of(&decoded)), "sitemap: {loc} leads nowhere");
        followed += 1;
    }
    followed
}

#[test]
fn every_link_of_the_example_resolves_under_a_path_prefix() {
    let project = example();
    let run = Run::new(&["build", "--base-url", "https://example.org/pb/"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let tree = read_tree(&project.path().join("public"));
    let followed = assert_links_resolve(&tree, "/pb/");
    assert!(followed > 1000, "only {followed} links followed");
    assert!(assert_indexes_resolve(&tree, "https://example.org/pb/") > 50);
    // The journey page links a stage, an anchor on it, its comparison and every section.
    let page = String::from_utf8_lossy(&tree["journeys/snack-box/index.html"]).into_owned();
    for href in [
        "/pb/journeys/snack-box/awareness/",
        "/pb/journeys/snack-box/awareness/#tp-heading",
        "/pb/compare/snack-box/snack-box-future/",
        "/pb/journeys/",
        "/pb/personas/",
        "/pb/insights/",
        "/pb/metrics/",
        "/pb/pain-points/",
        "/pb/opportunities/",
        "/pb/roadmap/",
    ] {
        assert!(page.contains(&format!("href=\"{href}\"")), "{href} not linked from the journey page");
    }
}

#[test]
fn every_link_of_the_fixtures_resolves() {
    for (name, base) in
        [("good/edge", "/cx/playbook/"), ("good/action", "/"), ("good/compare", "/"), ("good/lanes", "/")]
    {
        let project = fixture(name);
        let run = Run::new(&["build", "--drafts"]).source(project.path()).go();
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
        let tree = read_tree(&project.path().join("public"));
        assert!(assert_links_resolve(&tree, base) > 50, "{name}");
    }
}

/// A one-page site whose page holds `html`.
fn one_page(html: &str) -> BTreeMap<String, Vec<u8>> {
    BTreeMap::from([("index.html".to_string(), format!("<main id=\"main\">{html}</main>").into_bytes())])
}

#[test]
#[should_panic(expected = "leads nowhere")]
fn the_checker_catches_a_link_to_no_page() {
    assert_links_resolve(&one_page(r#"<a href="/pb/journeys/gone/">x</a>"#), "/pb/");
}

#[test]
#[should_panic(expected = "no #missing")]
fn the_checker_catches_a_link_to_no_anchor() {
    assert_links_resolve(&one_page(r##"<a href="/pb/#missing">x</a>"##), "/pb/");
}

#[test]
#[should_panic(expected = "outside the base")]
fn the_checker_catches_a_link_without_the_base() {
    assert_links_resolve(&one_page(r#"<a href="/journeys/">x</a>"#), "/pb/");
}

/// A note whose id is a list page's address (`insights/page/2`) would overwrite that page:
/// the build stops with E080, though note pages and list pages are made in separate passes,
/// and the previous site stays as it was.
#[test]
fn a_note_at_a_list_pages_address_is_an_error() {
    let project = fixture("good/edge");
    let insights = project.path().join("content/insights");
    // Enough notes for a second list page (a page lists 48), and one at its address.
    for i in 0..48 {
        let note = format!("---\ntitle: Note {i}\ndate: 2026-01-01\n---\nText {i}.\n");
        std::fs::write(insights.join(format!("n{i}.md")), note).unwrap();
    }
    std::fs::create_dir_all(insights.join("page")).unwrap();
    std::fs::write(insights.join("page/2.md"), "---\ntitle: Two\ndate: 2026-01-02\n---\nText.\n").unwrap();
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("E080") && run.stderr.contains("insights/page/2/index.html"), "{}", run.stderr);
    assert!(!project.path().join("public").exists(), "nothing written");
}
