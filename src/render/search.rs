//! The search index: journeys, stages (with everything said about them), personas and notes
//! (their whole text), as a JSON file the site's search box loads on first use, so no page
//! carries it. Text is stored as its words split by spaces, broken the way each language
//! needs (SPEC §12): a Thai sentence becomes its words, so a search for one word finds it.

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

/// The words of `parts`, lowercased, one space between each.
fn words(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        for word in crate::i18n::words::words(&part.to_lowercase()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
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
    for n in &content.notes {
        let tags = n.tags.join(" ");
        entries.push(Entry {
            t: &n.title,
            w: words(&[&n.title]),
            u: Route::Note(&n.id).dir(),
            k: Kind::Note(n.kind),
            s: "",
            x: words(&[&plain_text(&n.body.html), &tags, &n.author]),
        });
    }
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
    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        assert_eq!(super::plain_text("<p>Tom &amp; <em>Jerry</em></p>"), " Tom &  Jerry  ");
    }
}
