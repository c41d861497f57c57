//! Metric values, changes, durations and research text in the page's language (SPEC §11,
//! §12): the `thai-research` fixture (a Thai site with survey responses, an event log and
//! metrics in every unit) built by the real binary, its pages read back.

use std::fs;
use std::path::Path;

use scraper::{Html, Selector};

use super::i18n::visible;
use crate::harness::{fixture, Run};

/// Builds the fixture, in English when `english` (its `language: th` line dropped).
fn built(english: bool) -> tempfile::TempDir {
    let project = fixture("good/thai-research");
    if english {
        let path = project.path().join("journeybook.yaml");
        let config = fs::read_to_string(&path).unwrap().replace("language: th\n", "");
        fs::write(path, config).unwrap();
    }
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    project
}

fn page(project: &Path, path: &str) -> String {
    fs::read_to_string(project.join("public").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text of every element `css` selects.
fn texts(html: &str, css: &str) -> Vec<String> {
    let html = Html::parse_document(html);
    html.select(&Selector::parse(css).unwrap()).map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

/// Interface words and unit abbreviations an English page shows for these figures.
const ENGLISH: &[&str] = &[
    "no change",
    "pts",
    " to ",
    "Target",
    "target",
    "significant",
    "within noise",
    "status not certain",
    "Survey responses",
    "touchpoint",
    "persona",
    "Time to convert",
    "Median",
    "90th",
    "Retention",
    "Cohort",
    "users",
    "Other",
    "RICE-scored",
];

/// No English word of [`ENGLISH`] and no English duration (`5s`, `3m`, `1 h`, `2 d`, `3 min`)
/// in the visible text of `html`, charts included.
#[track_caller]
fn assert_no_english(path: &str, html: &str) {
    let text = visible(html);
    for word in ENGLISH {
        assert!(!text.contains(word), "English left on a Thai page, {path}: {word:?}");
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.windows(2) {
        let number = pair[0].trim_start_matches(['+', '−']).chars().all(|c| c.is_ascii_digit() || c == ',');
        assert!(!(number && ["h", "d", "min", "s"].contains(&pair[1])), "English duration on {path}: {pair:?}");
    }
    let brief = |w: &str| w.len() > 1 && w.ends_with(['s', 'm', 'h']) && w[..w.len() - 1].parse::<u32>().is_ok();
    let found = words.iter().map(|w| w.trim_start_matches(['+', '−'])).find(|w| brief(w));
    assert!(found.is_none(), "English duration on {path}: {found:?}");
}

#[test]
fn a_thai_journey_page_words_values_durations_and_research_in_thai() {
    let project = built(false);
    let path = "journeys/shop/index.html";
    let html = page(project.path(), path);
    assert!(html.contains("<html lang=\"th\">"));
    for words in [
        // A duration metric: value, target and change.
        "<p class=\"kpi-value\">3\u{a0}นาที 5\u{a0}วินาที</p>",
        "เป้าหมาย 3\u{a0}นาที 20\u{a0}วินาที",
        "−5\u{a0}วินาที <span>เทียบกับ 2026-01</span>",
        // Percentage points, and a change that rounds to zero.
        "+0.3\u{a0}จุด <span>เทียบกับ 2026-01</span>",
        "ไม่เปลี่ยนแปลง <span>เทียบกับ 2026-01</span>",
        // Survey intervals, sample sizes and tests.
        ">±\u{a0}17.5</span> · n = 20",
        ">±\u{a0}14.8\u{a0}จุด</span> · n = 40",
        "title=\"ช่วงความเชื่อมั่น 95 %: 35.2% ถึง 64.8%\"",
        "<td class=\"num\">53.1% ถึง 88.8%</td>",
        "<td class=\"num\">−34 ถึง 74</td>",
        "· มีนัยสำคัญ</span>",
        "· อยู่ในช่วงความคลาดเคลื่อน</span>",
        // Survey values by touchpoint and persona.
        "คำตอบแบบสำรวจตามจุดสัมผัสและเพอร์โซนา",
        "±\u{a0}65.1",
        // Time to convert from the event log, and retention.
        "เวลาก่อนไปสู่ขั้นถัดไป",
        "<td class=\"num\">1\u{a0}ชั่วโมง</td><td class=\"num\">2\u{a0}วัน 9\u{a0}ชั่วโมง</td>",
        "<td class=\"num\">6\u{a0}วัน 23\u{a0}ชั่วโมง</td>",
        "การกลับมาใช้ซ้ำ",
    ] {
        assert!(html.contains(words), "{path}: {words}");
    }
    assert_no_english(path, &html);
}

#[test]
fn thai_charts_tick_and_describe_in_thai() {
    let project = built(false);
    let html = page(project.path(), "journeys/shop/index.html");
    let ticks = texts(&html, "svg#trend-shop-session_duration text.axis");
    assert_eq!(
        ticks[..4],
        ["3\u{a0}นาที 5\u{a0}วินาที", "3\u{a0}นาที 10\u{a0}วินาที", "3\u{a0}นาที 15\u{a0}วินาที", "3\u{a0}นาที 20\u{a0}วินาที"]
    );
    assert_eq!(texts(&html, "svg#trend-shop-session_duration text.target"), ["เป้าหมาย 3\u{a0}นาที 20\u{a0}วินาที"]);
    let desc = texts(&html, "svg#trend-shop-session_duration desc");
    assert_eq!(
        desc,
        ["ระยะเวลาใช้งานเฉลี่ยต่อครั้ง ในแต่ละช่วงเวลา: 2026-01 3\u{a0}นาที 10\u{a0}วินาที, 2026-02 3\u{a0}นาที 5\u{a0}วินาที"]
    );
    assert_eq!(texts(&html, "svg#retention-shop text.axis")[..2], ["0%", "25%"]);
    let retention = texts(&html, "svg#retention-shop desc");
    assert_eq!(retention, ["สัดส่วนของแต่ละกลุ่มที่ยังใช้งานในแต่ละเดือนถัดมา 2026-01 (3 คน): 33%, 33%; 2026-02 (1 คน): 0%"]);
    let metrics = page(project.path(), "metrics/index.html");
    let spark = texts(&metrics, "svg#spark-shop-session_duration desc");
    assert_eq!(
        spark,
        ["ระยะเวลาใช้งานเฉลี่ยต่อครั้ง จาก 3\u{a0}นาที 10\u{a0}วินาที ใน 2026-01 เป็น 3\u{a0}นาที 5\u{a0}วินาที ใน 2026-02"]
    );
}

#[test]
fn the_thai_metrics_page_and_priorities_read_in_thai() {
    let project = built(false);
    let path = "metrics/index.html";
    let html = page(project.path(), path);
    let changes = texts(&html, "#metrics-table .delta");
    assert_eq!(changes, ["−25\u{a0}จุด", "−5\u{a0}วินาที", "+60", "−2.5", "+0.3\u{a0}จุด", "ไม่เปลี่ยนแปลง", "ไม่เปลี่ยนแปลง"]);
    let values = texts(&html, "#metrics-table td[data-label=\"ค่า\"]");
    assert_eq!(values[..3], ["50%", "3\u{a0}นาที 5\u{a0}วินาที", "80"]);
    assert_no_english(path, &html);
    for path in ["opportunities/index.html", "roadmap/index.html", "journeys/shop/checkout/index.html"] {
        let html = page(project.path(), path);
        assert!(html.contains("คะแนน RICE 21,333.3"), "{path}: the RICE score in Thai");
        assert_no_english(path, &html);
    }
}

#[test]
fn the_same_playbook_in_english_reads_as_before() {
    let project = built(true);
    let html = page(project.path(), "journeys/shop/index.html");
    assert!(html.contains("<html lang=\"en\">"));
    for words in [
        "<p class=\"kpi-value\">3m 5s</p>",
        "target 3m 20s",
        "−5s <span>vs 2026-01</span>",
        "+0.3 pts <span>vs 2026-01</span>",
        "no change <span>vs 2026-01</span>",
        ">± 14.8 pts</span> · n = 40",
        "<td class=\"num\">53.1% to 88.8%</td>",
        "<td class=\"num\">1 h</td><td class=\"num\">2 d 9 h</td>",
    ] {
        assert!(html.contains(words), "English journey page: {words}");
    }
    let ticks = texts(&html, "svg#trend-shop-session_duration text.axis");
    assert_eq!(ticks[..4], ["3m 5s", "3m 10s", "3m 15s", "3m 20s"]);
    let opportunities = page(project.path(), "opportunities/index.html");
    assert!(opportunities.contains(">RICE 21,333.3<"), "the RICE score in English");
}
