//! The search index: journeys, stages (with everything said about them), personas and notes
//! (their whole text), as a JSON file the site's search box loads on first use, so no page
//! carries it. Text is stored as its words split by spaces, broken the way each language
//! needs (SPEC §12): a Thai sentence becomes its words, so a search for one word finds it.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::NoteKind;
use crate::render::pages::Content;
use crate::route::Route;

/// What a search result is: the closed set `k` takes in the index.
#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Journey,
    Stage,
    Persona,
    /// A note, by its kind (`interview`, `survey`, …).
    #[serde(untagged)]
    Note(NoteKind),
}

/// One thing a search can find.
#[derive(Serialize)]
struct Entry<'a> {
    /// Title shown in the results.
    t: &'a str,
    /// Page path below the site's base.
    u: String,
    /// What it is: journey, stage, persona, or the note's kind.
    k: Kind,
    /// Where it belongs (a stage's journey), if anywhere.
    #[serde(skip_serializing_if = "str::is_empty")]
    s: &'a str,
    /// The title's words, lowercased and split by spaces.
    w: String,
    /// Words searched besides the title, lowercased and split by spaces.
    x: String,
}

/// The distinct words of `parts`, lowercased, in the order they first appear, one space
/// between each. A search asks only whether a term starts some word of an entry, so a repeated
/// word adds bytes to the index and nothing to its answers. Spaces always separate words
/// (UAX #29), so each distinct run between spaces is lowercased and segmented once.
fn words(parts: &[&str]) -> String {
    let mut runs: HashSet<&str> = HashSet::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = String::new();
    for run in parts.iter().flat_map(|p| p.split_whitespace()) {
        if !runs.insert(run) {
            continue;
        }
        let lower = run.to_lowercase();
        for word in run_words(&lower) {
            if seen.contains(word) {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
            seen.insert(word.to_string());
        }
    }
    out
}

/// The words of one run without spaces. Most runs are an ASCII word with punctuation around
/// it ("quarter," or "(kitchen)"): letters and digits side by side are never broken (UAX #29,
/// WB5 to WB13) and a mark at either end with no letter beyond it is not part of a word, so
/// such a run is its core without asking the segmenter. `_` joins words, so it is not trimmed.
fn run_words(run: &str) -> Vec<&str> {
    let core = run.trim_matches(|c: char| c.is_ascii_punctuation() && c != '_');
    if !core.is_empty() && core.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return vec![core];
    }
    crate::i18n::words::words(run)
}

/// `search-index.json` for the built content.
pub fn index(content: &Content) -> Vec<u8> {
    let mut entries = Vec::new();
    for j in content.journeys {
        let tags = j.tags.join(" ");
        entries.push(Entry {
            t: &j.title,
            w: words(&[&j.title]),
            u: Route::Journey(&j.id).dir(),
            k: Kind::Journey,
            s: "",
            x: words(&[&j.summary.excerpt, &tags, &j.owner]),
        });
        for s in &j.stages {
            entries.push(Entry {
                t: &s.name,
                w: words(&[&s.name]),
                u: Route::Stage(&j.id, &s.id).dir(),
                k: Kind::Stage,
                s: &j.title,
                x: words(&stage_text(s)),
            });
        }
    }
    for p in content.personas {
        entries.push(Entry {
            t: &p.name,
            w: words(&[&p.name]),
            u: Route::Persona(&p.id).dir(),
            k: Kind::Persona,
            s: "",
            x: words(&[&p.role, &p.quote]),
        });
    }
    // Notes hold most of the text; their words are found on every core.
    let notes: Vec<Entry> = content
        .notes
        .par_iter()
        .map(|n| Entry {
            t: &n.title,
            w: words(&[&n.title]),
            u: Route::Note(&n.id).dir(),
            k: Kind::Note(n.kind),
            s: "",
            x: words(&[&plain_text(&n.body.html), &n.tags.join(" "), &n.author]),
        })
        .collect();
    entries.extend(notes);
    serde_json::to_vec(&entries).expect("the index serialises")
}

/// The text of rendered, sanitised HTML: tags dropped, the entities it can hold decoded.
/// The Markdown source is gone by now; the HTML is what a reader sees.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        rest = rest[open..].find('>').map_or("", |close| &rest[open + close + 1..]);
    }
    out.push_str(rest);
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// Everything written about a stage that a search may look for.
fn stage_text(s: &crate::model::Stage) -> Vec<&str> {
    let mut parts = vec![s.goal.as_str(), s.feeling.as_str(), s.description.excerpt.as_str()];
    for list in [&s.doing, &s.thinking, &s.influencers, &s.people, &s.process, &s.tech] {
        parts.extend(list.iter().map(String::as_str));
    }
    for t in &s.touchpoints {
        parts.extend([t.name.as_str(), t.channel.as_str(), t.description.as_str()]);
        parts.extend(t.pain_points.iter().map(|p| p.text.as_str()));
        parts.extend(t.opportunities.iter().map(|o| o.text.as_str()));
    }
    parts.extend(s.pain_points.iter().map(|p| p.text.as_str()));
    parts.extend(s.opportunities.iter().map(|o| o.text.as_str()));
    parts
}

#[cfg(test)]
mod tests {
    /// Every word, as segmenting the whole text at once finds them.
    fn whole(text: &str) -> std::collections::BTreeSet<String> {
        crate::i18n::words::words(&text.to_lowercase()).into_iter().map(str::to_string).collect()
    }

    #[test]
    fn words_are_those_of_the_whole_text_once_each() {
        let text = "Don't pay 3,5 or 3.5 e.g. U.S.A. \u{301}x ร้านค้าปิดเร็วไป ร้านค้า  café CAFÉ Ελλάδα ελλάδα \
                    日本語のテキスト 🙂 a_b x\u{200d}\u{1F600} tab\there new\nline";
        let found = super::words(&[text, "pay again"]);
        let list: Vec<&str> = found.split(' ').collect();
        let distinct: std::collections::BTreeSet<String> = list.iter().map(|w| w.to_string()).collect();
        assert_eq!(list.len(), distinct.len(), "{found}");
        assert_eq!(distinct, whole(&format!("{text} pay again")));
        assert!(list.contains(&"เร็ว") && list.contains(&"don't") && list.contains(&"3.5"), "{found}");
    }

    #[test]
    fn ascii_runs_split_as_the_segmenter_splits_them() {
        for run in [
            "kitchen",
            "quarter,",
            "(kitchen)",
            "3.5",
            "e.g.",
            "don't",
            "'tis",
            "a_b",
            "_x_",
            "--x--",
            "x.",
            "\"ok\"",
            "9am",
            "#1",
            "a-b",
            "a/b",
            "1,000",
            "ok!?",
        ] {
            assert_eq!(super::run_words(run), crate::i18n::words::words(run), "{run}");
        }
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        assert_eq!(super::plain_text("<p>Tom &amp; <em>Jerry</em></p>"), " Tom &  Jerry  ");
    }
}
