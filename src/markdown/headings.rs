//! Heading anchors and the table of contents.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::model::TocEntry;

/// Ids the built-in theme's pages use (`id="…"` in `themes/default/templates`), which a
/// heading in a note, summary or description must not take. Ids built from data (`m-…` on
/// the metrics page, `sev-…` on the pain-points page) are on pages that show no Markdown.
pub const THEME_IDS: &[&str] = &[
    "channels-heading",
    "convert-heading",
    "curve-heading",
    "demographics-heading",
    "curves-heading",
    "export-heading",
    "funnel-heading",
    "headline-heading",
    "history-curves",
    "history-emotion",
    "history-metrics",
    "journeys-heading",
    "kpi-heading",
    "list-heading",
    "main",
    "map-heading",
    "matrix-heading",
    "mermaid-source",
    "metrics-heading",
    "metrics-table",
    "notes-heading",
    "opp-heading",
    "pain-filters",
    "pain-heading",
    "personas-heading",
    "retention-heading",
    "search",
    "search-input",
    "search-results",
    "stages-heading",
    "surveyed-heading",
    "tj",
    "tn",
    "tp-heading",
    "tp-key-heading",
    "trends-heading",
    "walks",
    "wheel-caption",
    "zoom-heading",
];

/// Gives every heading an id (from its text, unique in the document) and returns the table
/// of contents: level, id and text of each heading. An id the theme's pages use, or a
/// footnote's, gets a number, so a link to `#main` or `#search` still finds the page's own.
pub fn anchor_headings(events: &mut [Event], footnotes: &BTreeSet<String>) -> Vec<TocEntry> {
    let mut toc = Vec::new();
    // The ids given so far; the theme's and the footnotes' are looked up where they are, as
    // most texts have no heading at all.
    let mut used: BTreeSet<String> = BTreeSet::new();
    let taken =
        |id: &str, used: &BTreeSet<String>| THEME_IDS.contains(&id) || footnotes.contains(id) || used.contains(id);
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = *level as u8;
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let stem = crate::model::id::derive(&text).unwrap_or_else(|| "section".into());
            let mut id = stem.clone();
            let mut n = 1;
            while taken(&id, &used) {
                n += 1;
                id = format!("{stem}-{n}");
            }
            used.insert(id.clone());
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                if slot.is_none() {
                    *slot = Some(CowStr::from(id.clone()));
                }
            }
            toc.push(TocEntry { level, id, text });
            i = j;
        }
        i += 1;
    }
    toc
}

#[cfg(test)]
mod tests {
    use super::THEME_IDS;

    /// The list above is every literal id in the built-in theme's templates, so a template
    /// that gains an id fails here until the list learns it.
    #[test]
    fn theme_ids_match_the_templates() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut found = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for (i, _) in text.match_indices(" id=\"") {
                let rest = &text[i + 5..];
                let id = &rest[..rest.find('"').unwrap()];
                if !id.contains("{{") {
                    found.insert(id.to_string());
                }
            }
        }
        let listed: std::collections::BTreeSet<String> = THEME_IDS.iter().map(|s| s.to_string()).collect();
        assert_eq!(found, listed);
    }
}
