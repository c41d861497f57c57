//! Percent-encoding of links (SPEC §8): ids may be Thai, Cyrillic or CJK, and every link to
//! their pages is written percent-encoded, so it is plain ASCII in any tool that reads it.
//! The encoding itself lives with the routes (`crate::route`); this pass applies it to pages.

pub use crate::route::encode;

/// Percent-encodes the value of every `href="…"` and `src="…"` in a rendered page, so links
/// made by any template (including a project's own) follow the rule without a filter.
pub fn encode_links(html: String) -> String {
    if html.is_ascii() {
        return html;
    }
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html.as_str();
    while let Some(at) = next_link(rest) {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        // Without its closing quote this is no attribute value: leave the rest as written.
        let Some(end) = tail.find('"') else {
            rest = tail;
            break;
        };
        out.push_str(&encode(&tail[..end]));
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Where the value of the next ` href="` or ` src="` attribute starts in `html`: inside a
/// tag, not in text such as `&lt;a href="…` that only looks like one. Each `="` is looked at
/// once, so a page of many links costs one pass.
fn next_link(html: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = from + html[from..].find("=\"")?;
        let before = &html[..at];
        let named = before.ends_with(" href") || before.ends_with(" src");
        if named && before.rfind(['<', '>']).is_some_and(|i| html.as_bytes()[i] == b'<') {
            return Some(at + 2);
        }
        from = at + 2;
    }
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
