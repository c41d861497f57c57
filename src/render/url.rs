//! Percent-encoding of links (SPEC §8): ids may be Thai, Cyrillic or CJK, and every link to
//! their pages is written percent-encoded, so it is plain ASCII in any tool that reads it.
//! The encoding itself lives with the routes (`crate::route`); this pass applies it to pages.

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem::Finder;

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
/// not in text such as `&lt;a href="…` that only looks like one. Each is searched for whole,
/// so the page's other attributes cost nothing, and the tag looked back for only at those.
fn links(html: &str) -> impl Iterator<Item = usize> + '_ {
    static HREF: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b" href=\""));
    static SRC: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b" src=\""));
    let bytes = html.as_bytes();
    let in_tag = |&at: &usize| memchr::memrchr2(b'<', b'>', &bytes[..at]).is_some_and(|i| bytes[i] == b'<');
    let hrefs = HREF.find_iter(bytes).map(|at| at + HREF.needle().len());
    let srcs = SRC.find_iter(bytes).map(|at| at + SRC.needle().len());
    let mut starts: Vec<usize> = hrefs.chain(srcs).filter(in_tag).collect();
    starts.sort_unstable();
    starts.into_iter()
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
