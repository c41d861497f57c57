//! The search index: journeys, stages (with their touchpoints), personas and notes, as a small
//! JSON file the site's search box loads on first use, so no page carries it.

use serde::Serialize;

use crate::render::pages::Content;

/// One thing a search can find.
#[derive(Serialize)]
struct Entry<'a> {
    /// Title shown in the results.
    t: &'a str,
    /// Page path below the site's base.
    u: String,
    /// What it is: journey, stage, persona, or the note's kind.
    k: &'a str,
    /// Where it belongs (a stage's journey), if anywhere.
    #[serde(skip_serializing_if = "str::is_empty")]
    s: &'a str,
    /// Words searched besides the title, lowercased.
    x: String,
}

fn words(parts: &[&str]) -> String {
    parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// `search-index.json` for the built content.
pub fn index(content: &Content) -> Vec<u8> {
    let mut entries = Vec::new();
    for j in content.journeys {
        let tags = j.tags.join(" ");
        entries.push(Entry {
            t: &j.title,
            u: format!("journeys/{}/", j.id),
            k: "journey",
            s: "",
            x: words(&[&j.summary.excerpt, &tags, &j.owner]),
        });
        for s in &j.stages {
            let touchpoints: Vec<&str> =
                s.touchpoints.iter().flat_map(|t| [t.name.as_str(), t.channel.as_str()]).collect();
            let pains: Vec<&str> = s.pain_points.iter().map(|p| p.text.as_str()).collect();
            entries.push(Entry {
                t: &s.name,
                u: format!("journeys/{}/{}/", j.id, s.id),
                k: "stage",
                s: &j.title,
                x: words(&[&s.goal, &s.feeling, &touchpoints.join(" "), &pains.join(" ")]),
            });
        }
    }
    for p in content.personas {
        entries.push(Entry {
            t: &p.name,
            u: format!("personas/{}/", p.id),
            k: "persona",
            s: "",
            x: words(&[&p.role, &p.quote]),
        });
    }
    for n in &content.notes {
        let tags = n.tags.join(" ");
        entries.push(Entry {
            t: &n.title,
            u: format!("insights/{}/", n.id),
            k: n.kind,
            s: "",
            x: words(&[&n.body.excerpt, &tags, &n.author]),
        });
    }
    serde_json::to_vec(&entries).expect("the index serialises")
}
