//! Languages (SPEC §8, §12): the `thai` fixture built by the real binary, read back as files.
//! Its site is English; the journey, its persona and its note are Thai (`language: th`), the
//! calendar Buddhist, and a second journey has Cyrillic, CJK and emoji names.

use std::fs;
use std::path::Path;

use crate::harness::{fixture, json_diagnostics, read_tree, Run};

fn built() -> tempfile::TempDir {
    let project = fixture("good/thai");
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    project
}

fn page(project: &Path, path: &str) -> String {
    fs::read_to_string(project.join("public").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn thai_pages_have_thai_lang_words_and_buddhist_dates() {
    let project = built();
    let root = project.path();
    let journey = page(root, "journeys/subscription/index.html");
    assert!(journey.contains("<html lang=\"th\">"), "the journey's own language");
    for words in ["แผนที่เส้นทางลูกค้า", "ตัวชี้วัดสำคัญ", "กรวยลูกค้า", "ข้ามไปยังเนื้อหา", "ค้นหาในเพลย์บุ๊ก"]
    {
        assert!(journey.contains(words), "{words}");
    }
    for english in [">Journey map<", ">Key metrics<", ">Funnel<", "Skip to content", "Search the playbook", "% lost"] {
        assert!(!journey.contains(english), "English left on a Thai page: {english}");
    }
    assert!(journey.contains("<time datetime=\"2026-09-30\">30 ก.ย. 2569</time>"), "Buddhist-era update date");
    let stage = page(root, "journeys/subscription/การสมัคร/index.html");
    assert!(stage.contains("<html lang=\"th\">") && stage.contains("ขั้นตอนที่ 3 จาก 6"), "stage position in Thai");
    let note = page(root, "insights/2569/สัมภาษณ์คุณนภา/index.html");
    assert!(note.contains("<html lang=\"th\">"), "a note takes its journey's language");
    assert!(note.contains("<time datetime=\"2026-08-14\">14 ส.ค. 2569</time>"), "Buddhist era: 2026 + 543");
    assert!(note.contains("สัมภาษณ์") && note.contains("ความมั่นใจสูง"), "kind and confidence in Thai");
    let persona = page(root, "personas/office-worker/index.html");
    assert!(persona.contains("<html lang=\"th\">") && persona.contains("เส้นทางของ คุณนภา (Napa)"));
    let home = page(root, "index.html");
    assert!(home.contains("<html lang=\"en\">") && home.contains("Headline metrics"), "the site stays English");
}

#[test]
fn unicode_paths_are_nfc_and_every_link_is_percent_encoded_and_resolves() {
    let project = built();
    let out = project.path().join("public");
    let tree = read_tree(&out);
    for path in [
        "journeys/subscription/การสมัคร/index.html",
        "journeys/доставка/заказ/index.html",
        "journeys/доставка/配送/index.html",
        "journeys/доставка/stage-3/index.html",
        "tags/กาแฟ/index.html",
        "tags/การชำระเงิน/index.html",
        "tags/配送/index.html",
    ] {
        assert!(tree.contains_key(path), "{path} missing");
    }
    for path in tree.keys().filter(|p| p.ends_with(".html")) {
        assert_eq!(journeybook::model::id::nfc(path), *path, "output paths are NFC");
    }
    // Every link is ASCII and reaches a file (and its anchor): see `routes`.
    assert!(crate::routes::assert_links_resolve(&tree, "/") > 50);
    let journey = page(project.path(), "journeys/subscription/index.html");
    let encoded = "/journeys/subscription/%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%AA%E0%B8%A1%E0%B8%B1%E0%B8%84%E0%B8%A3/";
    assert!(journey.contains(&format!("href=\"{encoded}\"")), "{encoded}");
    assert!(journey.contains("href=\"/tags/%E0%B8%81%E0%B8%B2%E0%B9%81%E0%B8%9F/\""), "a Thai tag's address");
}

#[test]
fn the_search_index_holds_thai_words_one_by_one() {
    let project = built();
    let index = page(project.path(), "search-index.json");
    let entries: serde_json::Value = serde_json::from_str(&index).unwrap();
    let note = entries.as_array().unwrap().iter().find(|e| e["k"] == "interview").expect("the note is indexed");
    let words: Vec<&str> = note["x"].as_str().unwrap().split(' ').collect();
    // "คุณนภาบอกว่าการชำระเงินด้วยคิวอาร์โค้ดสะดวกมาก" is one run of Thai letters in the note.
    for word in ["ชำระ", "เงิน", "สะดวก"] {
        assert!(words.contains(&word), "{word} in {words:?}");
    }
    let stage = entries.as_array().unwrap().iter().find(|e| e["t"] == "การพิจารณา").unwrap();
    assert!(stage["x"].as_str().unwrap().split(' ').any(|w| w == "แพ็กเกจ"), "a pain point's words");
}

/// The visible text of `html`: tags, scripts and styles dropped, so attribute values and
/// embedded chart code do not count.
pub(crate) fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let tag = &rest[open..];
        let skip_to = ["<script", "<style"].iter().find(|t| tag.starts_with(**t)).map(|t| format!("</{}>", &t[1..]));
        rest = match skip_to {
            Some(end) => tag.find(&end).map_or("", |i| &tag[i + end.len()..]),
            None => tag.find('>').map_or("", |close| &tag[close + 1..]),
        };
    }
    out.push_str(rest);
    out
}

#[test]
fn evidence_and_action_pages_read_in_thai_when_the_site_is_thai() {
    let project = fixture("good/thai");
    let root = project.path();
    let config = fs::read_to_string(root.join("journeybook.yaml")).unwrap();
    fs::write(root.join("journeybook.yaml"), format!("{config}language: th\n")).unwrap();
    let run = Run::new(&["build"]).source(root).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let pages = [
        ("pain-points/index.html", vec!["ความรุนแรง", "ทุกเส้นทาง", "รุนแรงสูง", "บรรเทาแล้ว", "ความถี่", "พบที่"]),
        ("opportunities/index.html", vec!["โอกาสทั้งหมด", "ความสำคัญ", "วางแผนแล้ว", "กำลังทำ", "ช่วยแก้:"]),
        ("roadmap/index.html", vec!["แผนงาน", "ไอเดีย", "กำหนดเสร็จ 2026-Q4", "ผู้รับผิดชอบ", "ความสำคัญ"]),
        ("personas/index.html", vec!["เพอร์โซนา"]),
        ("journeys/subscription/การพิจารณา/index.html", vec!["ผลกระทบสูง", "ผู้รับผิดชอบ"]),
    ];
    let english = [
        "Pain points",
        "Opportunities",
        "Roadmap",
        "Severity",
        "Status",
        "Owner",
        "Frequency",
        "Customers affected",
        "Evidence",
        "Where",
        "Priority",
        "Fixes",
        "Fixed by",
        "Targets",
        "Due",
        "No due date",
        "no owner",
        "Idea",
        "Planned",
        "In progress",
        "Done",
        "Open",
        "Mitigated",
        "Resolved",
        "All journeys",
        "Any severity",
        "Any status",
        "Needs review",
        "Primary",
        "Segment",
        "Demographics",
        "Zoom in",
        "shown",
        "impact",
        "effort",
    ];
    for (path, thai) in pages {
        let html = page(root, path);
        assert!(html.contains("<html lang=\"th\">"), "{path}");
        for words in thai {
            assert!(html.contains(words), "{path}: {words}");
        }
        let text = visible(&html);
        for word in english {
            assert!(!text.contains(word), "English left on a Thai page, {path}: {word}");
        }
    }
    let filter = page(root, "pain-points/index.html");
    assert!(filter.contains("data-shown=\"แสดง {shown} จาก {total} รายการ\""), "the filter's count in Thai");
}

#[test]
fn a_partial_string_file_falls_back_to_english_with_one_warning() {
    let project = fixture("good/thai");
    let root = project.path();
    let english = include_str!("../../themes/default/i18n/en.yaml");
    let partial: String = english
        .lines()
        .filter(|l| !["nav.journeys:", "stage.next:", "chart.lost:"].iter().any(|k| l.starts_with(k)))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replace("Journey map", "Carte du parcours");
    fs::create_dir_all(root.join("i18n")).unwrap();
    fs::write(root.join("i18n/fr.yaml"), partial).unwrap();
    let journey = root.join("content/journeys/доставка.yaml");
    let text = fs::read_to_string(&journey).unwrap().replace("title: Доставка", "language: fr\ntitle: Доставка");
    fs::write(&journey, text).unwrap();
    let run = Run::new(&["check", "--format", "json"]).source(root).go();
    assert_eq!(run.status, 0, "a warning only: {}", run.stderr);
    assert_eq!(
        json_diagnostics(&run.stdout).trim_end(),
        "W040 warning i18n/fr.yaml:1:1 3 interface strings are missing for `fr`, shown in English: chart.lost, nav.journeys, \
         stage.next (help: add them to i18n/fr.yaml)"
    );
    let build = Run::new(&["build"]).source(root).go();
    assert_eq!(build.status, 0, "{}", build.stderr);
    let page = page(root, "journeys/доставка/index.html");
    assert!(page.contains("<html lang=\"fr\">") && page.contains("Carte du parcours"), "the project's strings");
    assert!(page.contains(">Journeys</a>"), "a missing key falls back to English");
    let strict = Run::new(&["check", "--strict"]).source(root).go();
    assert_eq!(strict.status, 1, "--strict makes W040 an error");
}

#[test]
fn new_journey_and_note_take_an_id_or_derive_a_unicode_one() {
    let project = fixture("good/thai");
    let root = project.path();
    let run = Run::new(&["new", "journey", "การคืนสินค้า"]).source(root).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(root.join("content/journeys/การคืนสินค้า.yaml").is_file());
    let run = Run::new(&["new", "journey", "การคืนเงิน", "--id", "refunds"]).source(root).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(root.join("content/journeys/refunds.yaml").is_file());
    let run = Run::new(&["new", "note", "🚀✨", "--journey", "subscription"]).source(root).go();
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr.trim_end(),
        "error: cannot make an id from `🚀✨`: it has no letters or digits; give one with --id"
    );
    let run = Run::new(&["new", "note", "🚀✨", "--id", "launch-ideas"]).source(root).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let run = Run::new(&["new", "note", "x", "--id", "Bad Id"]).source(root).go();
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("`Bad Id` is not a valid id: it contains `B`, a space, `I`"), "{}", run.stderr);
    let check = Run::new(&["check", "--strict"]).source(root).go();
    assert_eq!(check.status, 0, "{}", check.stderr);
}

#[test]
fn ascii_slugify_keeps_the_old_ids() {
    let project = fixture("good/thai");
    let root = project.path();
    let config = fs::read_to_string(root.join("journeybook.yaml")).unwrap() + "slugify: ascii\n";
    fs::write(root.join("journeybook.yaml"), config).unwrap();
    let run = Run::new(&["build"]).source(root).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let out = root.join("public");
    assert!(out.join("journeys/subscription/stage-3/index.html").is_file(), "a Thai stage name gives nothing in ascii");
    assert!(out.join("tags/กาแฟ/index.html").is_file(), "tag addresses always follow the unicode rule");
}
