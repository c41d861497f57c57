//! Percent-encoding of links (SPEC §8): ids may be Thai, Cyrillic or CJK, and every link to
//! their pages is written percent-encoded, so it is plain ASCII in any tool that reads it.
//! The encoding itself lives with the routes (`crate::route`); this pass applies it to pages.

use std::borrow::Cow;

pub use crate::route::encode;

/// Percent-encodes the value of every `href="…"` and `src="…"` in a rendered page, so links
/// made by any template (including a project's own) follow the rule without a filter.
pub fn encode_links(html: String) -> String {
    if html.is_ascii() {
        return html;
    }
    let mut out: Option<String> = None;
    let mut done = 0;
    for start in links(&html) {
        // Without its closing quote this is no attribute value: leave the rest as written.
        let Some(len) = memchr::memchr(b'"', &html.as_bytes()[start..]) else { break };
        let Cow::Owned(encoded) = encode(&html[start..start + len]) else { continue };
        // Most pages link only to ASCII paths; the page is copied only once one does not.
        let out = out.get_or_insert_with(|| String::with_capacity(html.len() + html.len() / 8));
        out.push_str(&html[done..start]);
        out.push_str(&encoded);
        done = start + len;
    }
    match out {
        Some(mut out) => {
            out.push_str(&html[done..]);
            out
        }
        None => html,
    }
}

/// Where the value of each ` href="` or ` src="` attribute starts in `html`: inside a tag,
/// not in text such as `&lt;a href="…` that only looks like one. One pass over the page.
fn links(html: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memmem::find_iter(html.as_bytes(), b"=\"").filter_map(move |at| {
        let before = &html[..at];
        let named = before.ends_with(" href") || before.ends_with(" src");
        // Looking back for the tag only for the few attributes that are links.
        let in_tag = || memchr::memrchr2(b'<', b'>', before.as_bytes()).is_some_and(|i| html.as_bytes()[i] == b'<');
        (named && in_tag()).then_some(at + 2)
    })
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    #[test]
    fn encodes_thai_links_and_leaves_text_alone() {
        let html = r#"<a href="/journeys/การสมัคร/">การสมัคร</a> <img src="a b.png"> <a href="/x/%E0%B8%81/">ok</a>"#;
        assert_eq!(
            encode_links(html.to_string()),
            "<a href=\"/journeys/%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%AA%E0%B8%A1%E0%B8%B1%E0%B8%84%E0%B8%A3/\">การสมัคร</a> \
             <img src=\"a%20b.png\"> <a href=\"/x/%E0%B8%81/\">ok</a>"
        );
    }

    #[test]
    fn an_unclosed_value_is_left_alone() {
        let html = "<a href=\"/x/ก\">ok</a> <a href=\"ข <b>";
        assert_eq!(encode_links(html.to_string()), "<a href=\"/x/%E0%B8%81\">ok</a> <a href=\"ข <b>");
        let text = "<p>&lt;a href=\"ก'&gt; ข</p>";
        assert_eq!(encode_links(text.to_string()), text, "text that looks like a link");
    }

    #[test]
    fn ascii_links_are_borrowed() {
        assert!(matches!(encode("/journeys/snack-box/#map"), Cow::Borrowed(_)));
        assert_eq!(encode("/tags/😀/"), "/tags/%F0%9F%98%80/");
    }
}
