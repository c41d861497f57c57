//! Percent-encoding of links (SPEC §8): ids may be Thai, Cyrillic or CJK, and every link to
//! their pages is written percent-encoded, so it is plain ASCII in any tool that reads it.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// What is encoded in a link: everything outside ASCII, controls, spaces and the characters
/// that cannot stand in a URL. `%` is kept, so a link written already encoded stays as it is.
const LINK: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'{').add(b'}').add(b'|');

/// `link` percent-encoded as UTF-8 wherever it holds a character a URL cannot.
pub fn encode(link: &str) -> Cow<'_, str> {
    if link.bytes().all(|b| b.is_ascii_graphic()) {
        return Cow::Borrowed(link);
    }
    Cow::Owned(utf8_percent_encode(link, LINK).to_string())
}

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
        let end = tail.find('"').unwrap_or(tail.len());
        out.push_str(&encode(&tail[..end]));
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Where the value of the next ` href="` or ` src="` attribute starts in `html`.
fn next_link(html: &str) -> Option<usize> {
    let href = html.find(" href=\"").map(|i| i + 7);
    let src = html.find(" src=\"").map(|i| i + 6);
    match (href, src) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
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
    fn ascii_links_are_borrowed() {
        assert!(matches!(encode("/journeys/snack-box/#map"), Cow::Borrowed(_)));
        assert_eq!(encode("/tags/😀/"), "/tags/%F0%9F%98%80/");
    }
}
