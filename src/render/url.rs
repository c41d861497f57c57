//! Percent-encoding of links (SPEC §8): ids may be Thai, Cyrillic or CJK, and every link to
//! their pages is written percent-encoded, so it is plain ASCII in any tool that reads it.
//! The encoding itself lives with the routes (`crate::route`); this pass applies it to pages
//! as they are written, so a page goes to its file without being held whole.

use std::io::{self, Write};
use std::sync::LazyLock;

use memchr::arch::all::packedpair::HeuristicFrequencyRank;
use memchr::memmem::{Finder, FinderBuilder};

pub use crate::route::encode;

/// The attributes whose values are links, each written with the space before it and the quote
/// after: where one stands inside a tag, a link starts.
static NEEDLES: LazyLock<[Finder<'static>; 2]> = LazyLock::new(|| {
    let finder = |needle: &'static [u8]| FinderBuilder::new().build_forward_with_ranker(InHtml, needle);
    [finder(b" href=\""), finder(b" src=\"")]
});

/// How common each byte is in a page, for the needles' search, which first looks for the two
/// rarest of a needle's bytes: the default ranking, made from prose and code, takes `=` and
/// `"` for rare, and in HTML they stand at every attribute.
struct InHtml;

impl HeuristicFrequencyRank for InHtml {
    fn rank(&self, byte: u8) -> u8 {
        match byte {
            b' ' | b'"' | b'=' | b'<' | b'>' | b'/' | b'\n' => 255,
            b'a' | b'c' | b'e' | b'i' | b'l' | b'n' | b'o' | b'r' | b's' | b't' => 200,
            b'f' | b'h' => 60,
            _ => 120,
        }
    }
}

/// The longest needle, less one: how much of the end of what was gathered waits for the next
/// piece, where a needle it begins may end.
const HELD: usize = 6;

/// How much is gathered before it is looked through and passed on.
pub const GATHER: usize = 32 * 1024;

/// Percent-encodes the value of every `href="…"` and `src="…"` in a page, so links made by
/// any template (including a project's own) follow the rule without a filter.
pub fn encode_links(html: String) -> String {
    let mut out = Links::new(Vec::with_capacity(html.len()));
    // Writing to memory cannot fail.
    let _ = out.write_all(html.as_bytes()).and_then(|()| out.finish());
    String::from_utf8(out.into_inner()).unwrap_or(html)
}

/// A writer that passes a page on to `out` with the value of each ` href="` or ` src="`
/// inside a tag percent-encoded: up to its closing quote, and the next is looked for after
/// it. Text that only looks like such an attribute (`&lt;a href="…` is not in a tag) is left
/// alone, and so is a value without its closing quote. The page may arrive in pieces of any
/// size (Tera writes a few bytes at a time); they are gathered and looked through [`GATHER`]
/// bytes at once, so the links found do not depend on where the pieces break.
pub struct Links<W: Write> {
    out: W,
    /// What was written and not yet looked through.
    gathered: Vec<u8>,
    /// Whether what was passed on ends inside a tag: its last `<` or `>` is a `<`.
    in_tag: bool,
    /// The link value being read, until its closing quote.
    value: Option<Vec<u8>>,
}

impl<W: Write> Links<W> {
    pub fn new(out: W) -> Self {
        Links { out, gathered: Vec::new(), in_tag: false, value: None }
    }

    /// Passes on everything gathered, and a value left without its closing quote as it came;
    /// call once the page is whole.
    pub fn finish(&mut self) -> io::Result<()> {
        self.pass(true)?;
        match self.value.take() {
            Some(value) => self.out.write_all(&value),
            None => Ok(()),
        }
    }

    pub fn into_inner(self) -> W {
        self.out
    }

    /// Whether position `at` of `text`, whose start follows what was passed on, is in a tag.
    fn in_tag_at(&self, text: &[u8], at: usize) -> bool {
        match memchr::memrchr2(b'<', b'>', &text[..at]) {
            Some(i) => text[i] == b'<',
            None => self.in_tag,
        }
    }

    /// Writes a link value, percent-encoded where it needs to be.
    fn write_value(&mut self, value: &[u8]) -> io::Result<()> {
        // Most links need nothing encoded: passed on without first checking the bytes make text.
        if crate::route::encoded_already(value) {
            return self.out.write_all(value);
        }
        match std::str::from_utf8(value) {
            Ok(text) => self.out.write_all(encode(text).as_bytes()),
            Err(_) => self.out.write_all(value),
        }
    }

    /// Passes on what is gathered, but for its last [`HELD`] bytes unless `last`.
    fn pass(&mut self, last: bool) -> io::Result<()> {
        let text = std::mem::take(&mut self.gathered);
        let passed = self.pass_text(&text, last);
        self.gathered = text;
        let kept = passed?;
        self.gathered.drain(..kept);
        Ok(())
    }

    /// Passes on `text` with its links encoded; returns how much of it was taken, the rest
    /// waiting for what follows.
    fn pass_text(&mut self, text: &[u8], last: bool) -> io::Result<usize> {
        let mut done = 0;
        // Within a value: everything up to its closing quote is part of it.
        if let Some(mut value) = self.value.take() {
            let Some(end) = memchr::memchr(b'"', text) else {
                value.extend_from_slice(text);
                self.value = Some(value);
                self.in_tag = self.in_tag_at(text, text.len());
                return Ok(text.len());
            };
            value.extend_from_slice(&text[..end]);
            self.write_value(&value)?;
            done = end;
        }
        // A needle starting in the held bytes is looked for again with what follows them.
        let held = if last { text.len() } else { text.len().saturating_sub(HELD).max(done) };
        let mut from = done;
        let mut next = Next { found: [None; 2] };
        while let Some((at, needle)) = next.after(text, from).filter(|&(at, _)| at < held) {
            let start = at + needle;
            from = start;
            if !self.in_tag_at(text, at) {
                continue;
            }
            self.out.write_all(&text[done..start])?;
            let Some(len) = memchr::memchr(b'"', &text[start..]) else {
                self.value = Some(text[start..].to_vec());
                self.in_tag = self.in_tag_at(text, text.len());
                return Ok(text.len());
            };
            self.write_value(&text[start..start + len])?;
            done = start + len;
            from = done;
        }
        let taken = held.max(done);
        self.out.write_all(&text[done..taken])?;
        self.in_tag = self.in_tag_at(text, taken);
        Ok(taken)
    }
}

/// Where each needle is next found in a text, so each is searched for once per occurrence
/// however often the other one occurs. Asked with a start that never goes back.
struct Next {
    /// Per needle: not searched yet, or its next occurrence (`None` when there is no more).
    found: [Option<Option<usize>>; 2],
}

impl Next {
    /// The first needle in `text` at or after `from`: where it starts and how long it is.
    fn after(&mut self, text: &[u8], from: usize) -> Option<(usize, usize)> {
        let mut first: Option<(usize, usize)> = None;
        for (finder, found) in NEEDLES.iter().zip(&mut self.found) {
            if found.is_none_or(|at| at.is_some_and(|at| at < from)) {
                *found = Some(finder.find(&text[from..]).map(|at| from + at));
            }
            if let Some(Some(at)) = *found {
                let here = (at, finder.needle().len());
                first = Some(first.map_or(here, |f| f.min(here)));
            }
        }
        first
    }
}

impl<W: Write> Write for Links<W> {
    fn write(&mut self, piece: &[u8]) -> io::Result<usize> {
        if self.gathered.capacity() == 0 {
            self.gathered.reserve_exact(GATHER + HELD);
        }
        self.gathered.extend_from_slice(piece);
        if self.gathered.len() >= GATHER {
            self.pass(false)?;
        }
        Ok(piece.len())
    }

    /// Passes on what is gathered but the bytes a needle may still need.
    fn flush(&mut self) -> io::Result<()> {
        self.pass(false)?;
        self.out.flush()
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

    /// What [`Links`] does, written plainly over a whole page: each needle after the last
    /// link's end, in a tag, starts a value that ends at the next quote.
    fn plainly(html: &str) -> String {
        let bytes = html.as_bytes();
        let (mut out, mut done, mut from) = (String::new(), 0, 0);
        loop {
            let needles = [" href=\"", " src=\""];
            let next = needles.iter().filter_map(|n| html[from..].find(n).map(|i| (from + i, n.len()))).min();
            let Some((at, len)) = next else { break };
            let start = at + len;
            from = start;
            let in_tag = bytes[..at].iter().rposition(|&c| c == b'<' || c == b'>').is_some_and(|i| bytes[i] == b'<');
            if !in_tag {
                continue;
            }
            let Some(end) = html[start..].find('"') else { break };
            out.push_str(&html[done..start]);
            out.push_str(&encode(&html[start..start + end]));
            (done, from) = (start + end, start + end);
        }
        out.push_str(&html[done..]);
        out
    }

    /// `html` written to [`Links`] in pieces cut at `cuts` (byte counts), each piece followed
    /// by a flush, which passes on all it can.
    fn in_pieces(html: &str, cuts: &[usize]) -> String {
        let mut links = Links::new(Vec::new());
        let mut rest = html.as_bytes();
        for &cut in cuts.iter().cycle().take(html.len()) {
            let (piece, after) = rest.split_at(cut.min(rest.len()));
            links.write_all(piece).and_then(|()| links.flush()).unwrap();
            rest = after;
            if rest.is_empty() {
                break;
            }
        }
        links.write_all(rest).and_then(|()| links.finish()).unwrap();
        String::from_utf8(links.into_inner()).unwrap()
    }

    #[test]
    fn a_link_cut_anywhere_by_the_pieces_is_encoded_whole() {
        let html = r#"<p>ก</p><a class="x" href="/journeys/การสมัคร/">การสมัคร</a><img alt="a" src="รูป 1.png">"#;
        let whole = encode_links(html.to_string());
        assert!(whole.contains("href=\"/journeys/%E0%B8%81"), "{whole}");
        assert!(whole.contains("src=\"%E0%B8%A3"), "{whole}");
        for size in 1..html.len() {
            assert_eq!(in_pieces(html, &[size]), whole, "pieces of {size} bytes");
        }
    }

    #[test]
    fn a_large_page_is_passed_on_as_it_comes() {
        let link = "<a href=\"/tags/ก/\">ก</a>\n";
        let html = link.repeat(3 * GATHER / link.len());
        let mut links = Links::new(Vec::new());
        links.write_all(html.as_bytes()).unwrap();
        let passed = links.out.len();
        assert!(passed > 2 * GATHER, "only {passed} bytes were passed on before the end");
        links.finish().unwrap();
        let encoded = "<a href=\"/tags/%E0%B8%81/\">ก</a>\n";
        assert_eq!(String::from_utf8(links.into_inner()).unwrap(), encoded.repeat(3 * GATHER / link.len()));
    }

    proptest::proptest! {
        #[test]
        fn links_are_found_as_a_plain_reading_finds_them(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "<a", "<img", ">", " href=\"", " src=\"", "\"", " ", "x", "ก", "😀", "&lt;", "%", "/", "\n",
            ]), 0..60),
            cuts in proptest::collection::vec(1usize..12, 1..6),
        ) {
            let html: String = parts.concat();
            let expected = plainly(&html);
            proptest::prop_assert_eq!(&encode_links(html.clone()), &expected);
            proptest::prop_assert_eq!(&in_pieces(&html, &cuts), &expected);
        }
    }
}
