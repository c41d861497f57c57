//! `build --history`: a page per journey of how it moved across the repository's tags.

use crate::harness;

use std::fs;
use std::path::Path;

use harness::{commit, git, Run};

const JOURNEY: &str = "content/journeys/shop.yaml";

fn shop(browse: &str, nps: &str) -> String {
    format!(
        "title: Online shop\nmetrics:\n  nps: {{value: {nps}, target: 40}}\nstages:\n  - name: Browse\n    emotion: {browse}\n  - name: Buy\n    emotion: 4\n"
    )
}

/// Tags v1 and v2, an untagged commit, a tag whose playbook does not validate, and a
/// working tree with a change of its own.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    commit(d, "v1", &[("journeybook.yaml", Some("title: Shop\n")), (JOURNEY, Some(&shop("3.5", "45")))]);
    commit(d, "v2", &[(JOURNEY, Some(&shop("2.5", "20")))]);
    commit(d, "broken", &[(JOURNEY, Some("title: Online shop\nstages: []\n"))]);
    git(d, &["reset", "-q", "--hard", "v2"]);
    fs::write(d.join(JOURNEY), shop("3", "38")).unwrap();
    dir
}

fn build(repo: &Path, out: &Path, history: bool) -> harness::Output {
    let out_arg = out.display().to_string();
    let mut args = vec!["build", "--output", out_arg.as_str()];
    if history {
        args.push("--history");
    }
    Run::new(&args).source(repo).go()
}

#[test]
fn each_journey_gets_a_history_of_its_tags() {
    let repo = repository();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build(repo.path(), &site, true);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("warning: the playbook at tag `broken` does not validate; the history leaves it out\n"),
        "{}",
        run.stderr
    );
    let page = fs::read_to_string(site.join("journeys/shop/history/index.html")).unwrap();
    let html = scraper::Html::parse_document(&page);
    let cells = |selector: &str| -> Vec<String> {
        let s = scraper::Selector::parse(selector).unwrap();
        html.select(&s).map(|e| e.text().collect::<String>().trim().to_string()).collect()
    };
    let heads = cells("section[aria-labelledby=history-emotion] thead th");
    assert_eq!(heads, ["Stage", "v1Oct 1, 2026", "v2Oct 1, 2026", "now"]);
    let rows = cells("section[aria-labelledby=history-emotion] tbody tr");
    assert_eq!(rows, ["Browse3.52.53.0", "Buy4.04.04.0"]);
    let metrics = cells("section[aria-labelledby=history-metrics] tbody td");
    assert_eq!(metrics, ["whole journey", "45On track", "20Off track", "38At risk"]);
    assert_eq!(cells("svg title").len(), 2, "one emotion chart, drawn wide and for phones");
    let journey = fs::read_to_string(site.join("journeys/shop/index.html")).unwrap();
    assert!(journey.contains(r#"<a href="/journeys/shop/history/">How this journey moved across releases</a>"#));
    // The working tree is not touched: only the change the test made.
    assert_eq!(git(repo.path(), &["status", "--porcelain"]), " M content/journeys/shop.yaml\n");
}

#[test]
fn history_is_off_by_default_and_needs_git() {
    let repo = repository();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert_eq!(build(repo.path(), &site, false).status, 0);
    assert!(site.join("journeys/shop/index.html").is_file());
    assert!(!site.join("journeys/shop/history").exists());
    let journey = fs::read_to_string(site.join("journeys/shop/index.html")).unwrap();
    assert!(!journey.contains("/history/"), "no link to a page that was not built");
    let plain = harness::fixture("good/metrics");
    let run = build(plain.path(), &out.path().join("other"), true);
    assert_eq!(run.status, 2);
    assert!(run.stderr.ends_with("is not in a git repository\n"), "{}", run.stderr);
    assert!(!out.path().join("other").exists(), "nothing is written");
}

#[test]
fn a_thai_journey_gets_its_history_in_thai() {
    let repo = repository();
    let thai = "title: ร้านออนไลน์\nlanguage: th\nmetrics:\n  nps: {value: 38, target: 40}\nstages:\n  - name: เลือกซื้อ\n    emotion: 3\n";
    commit(repo.path(), "v3", &[("content/journeys/thai.yaml", Some(thai))]);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build(repo.path(), &site, true);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = fs::read_to_string(site.join("journeys/thai/history/index.html")).unwrap();
    assert!(page.contains(r#"<html lang="th">"#), "the journey's language");
    assert!(page.contains("<h1>ประวัติของ ร้านออนไลน์</h1>"), "the title in Thai");
    assert!(page.contains("เส้นอารมณ์ของ ร้านออนไลน์ ในแต่ละแท็ก"), "the chart title in Thai");
    assert!(page.contains("ปัจจุบัน"), "the working tree column in Thai");
    assert!(page.contains("1 ต.ค. 2026"), "tag dates written the Thai way");
    let text = crate::i18n::visible(&page);
    for word in ["History", "Emotion", "Stage", "Metrics", "track", "whole journey", "now"] {
        assert!(!text.contains(word), "English `{word}` on the Thai history page:\n{text}");
    }
    // The English journey beside it keeps its English page.
    let shop = fs::read_to_string(site.join("journeys/shop/history/index.html")).unwrap();
    assert!(shop.contains("<h1>History of Online shop</h1>"));
}
