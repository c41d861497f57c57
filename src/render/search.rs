//! The search index: journeys, stages (with everything said about them), personas and notes
//! (their whole text), as a JSON file the site's search box loads on first use, so no page
//! carries it. Text is stored as its words split by spaces, broken the way each language
//! needs (SPEC §12): a Thai sentence becomes its words, so a search for one word finds it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::model::{Note, NoteKind};
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
    x: Cow<'a, str>,
}

/// The distinct words of `parts`, lowercased, in the order they first appear, one space
/// between each. A search asks only whether a term starts some word of an entry, so a repeated
/// word adds bytes to the index and nothing to its answers. Spaces always separate words
/// (UAX #29), so the text is read a run between spaces at a time, and a run the segmenter has
/// to break is broken once. Each run is lowercased alone, which gives it the case it would get
/// in the whole text: a space is neither cased nor case-ignorable, so it ends the context a
/// final sigma looks at.
fn words(parts: &[&str]) -> String {
    let size: usize = parts.iter().map(|p| p.len()).sum();
    let mut found = Distinct::with_capacity(size);
    let mut segmented: FxHashSet<&str> = FxHashSet::default();
    // A run the segmenter breaks, once.
    let mut segment = |found: &mut Distinct, run| {
        if segmented.insert(run) {
            crate::i18n::words::words(&run.to_lowercase()).into_iter().for_each(|w| found.add(w));
        }
    };
    // Most text is ASCII: it is cut at ASCII spaces and each run is sorted out in the same
    // pass; only a run holding other characters is cut again at every kind of space.
    for part in parts {
        runs(part, |run, shape| match shape {
            Shape::Short(packed) => found.add_packed(packed),
            Shape::Word(word, upper) => found.add_ascii(word, upper),
            Shape::Ascii => segment(&mut found, run),
            Shape::Other => run.split_whitespace().for_each(|run| match ascii_word(run) {
                Some((word, upper)) => found.add_ascii(word, upper),
                None => segment(&mut found, run),
            }),
        });
    }
    // Kept for the whole build (a note's words, until the index is made): no spare room.
    let mut text = found.text;
    text.shrink_to_fit();
    String::from_utf8(text).expect("whole words and spaces")
}

/// Words joined by spaces, each once. A short word (most are) is known by its bytes packed
/// into one number ([`pack`]), so seeing it again costs a hash and one compare; a longer one
/// by its place in the text, so a word is copied once, when it is first seen.
struct Distinct {
    /// The words so far, each whole, so the text is UTF-8 throughout.
    text: Vec<u8>,
    /// Each short word seen, packed.
    short: hashbrown::HashTable<u128>,
    /// The last short word seen at each of a few places chosen by its hash: the common words
    /// of a text come back so often that most sightings are answered here, without a probe.
    recent: [u128; RECENT],
    /// Where each longer word is in `text`: its start and end.
    long: hashbrown::HashTable<(usize, usize)>,
}

/// The longest word packed into a number: the last of its 16 bytes holds the length.
const SHORT: usize = 15;

/// How many recent short words [`Distinct`] keeps at hand: a power of two.
const RECENT: usize = 64;

/// `word` (at most [`SHORT`] bytes) packed with its length into a number no other word packs to.
fn pack(word: &[u8]) -> u128 {
    let mut packed = [0u8; 16];
    packed[..word.len()].copy_from_slice(word);
    packed[SHORT] = word.len() as u8;
    u128::from_le_bytes(packed)
}

/// Masks keeping the first `n` bytes of a packed word, for each `n` up to [`SHORT`].
const KEEP: [u128; SHORT + 1] = {
    let mut masks = [0u128; SHORT + 1];
    let mut n = 1;
    while n <= SHORT {
        masks[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// The packed form of the ASCII word of letters and digits `bytes[at..at + len]` (`len` at
/// most [`SHORT`]), lowercased: the word's bytes are read sixteen at once where the text goes
/// on that far. In such a word a byte with 0x40 set and 0x20 clear is a capital, and setting
/// its 0x20 lowercases it; digits and small letters keep theirs.
fn pack_ascii(bytes: &[u8], at: usize, len: usize) -> u128 {
    let word = match bytes.get(at..at + 16) {
        Some(sixteen) => {
            let all = u128::from_le_bytes(sixteen.try_into().expect("sixteen bytes"));
            all & KEEP[len] | (len as u128) << (8 * SHORT)
        }
        None => pack(&bytes[at..at + len]),
    };
    word | (word & 0x4040_4040_4040_4040_4040_4040_4040_4040) >> 1
}

impl Distinct {
    /// Room for the distinct words of `size` bytes of text, which are mostly repeats.
    fn with_capacity(size: usize) -> Distinct {
        Distinct {
            text: Vec::with_capacity(size / 8),
            short: hashbrown::HashTable::with_capacity(size / 16),
            // No word packs to this: its length byte is over SHORT.
            recent: [u128::MAX; RECENT],
            long: hashbrown::HashTable::new(),
        }
    }

    fn add(&mut self, word: &str) {
        match word.len() <= SHORT {
            true => self.add_packed(pack(word.as_bytes())),
            false => self.add_long(word),
        }
    }

    /// Adds the ASCII word of letters and digits `word`, lowercased when `upper`.
    fn add_ascii(&mut self, word: &str, upper: bool) {
        match (word.len() <= SHORT, upper) {
            (true, _) => self.add_packed(pack_ascii(word.as_bytes(), 0, word.len())),
            (false, false) => self.add_long(word),
            (false, true) => self.add_long(&word.to_ascii_lowercase()),
        }
    }

    /// Adds the word `packed` by [`pack`] or [`pack_ascii`].
    fn add_packed(&mut self, packed: u128) {
        let hash = rustc_hash::FxBuildHasher.hash_one(packed);
        let slot = (hash >> (u64::BITS - RECENT.trailing_zeros())) as usize;
        if self.recent[slot] == packed {
            return;
        }
        self.recent[slot] = packed;
        // One probe: a word seen before is found where a new one would go.
        let rehash = |&seen: &u128| rustc_hash::FxBuildHasher.hash_one(seen);
        match self.short.entry(hash, |&seen| seen == packed, rehash) {
            hashbrown::hash_table::Entry::Occupied(_) => return,
            hashbrown::hash_table::Entry::Vacant(place) => place.insert(packed),
        };
        let bytes = packed.to_le_bytes();
        let len = usize::from(bytes[SHORT]);
        self.push(&bytes[..len]);
    }

    fn add_long(&mut self, word: &str) {
        let (hasher, word) = (rustc_hash::FxBuildHasher, word.as_bytes());
        let hash = hasher.hash_one(word);
        let text = &self.text;
        if self.long.find(hash, |&(start, end)| &text[start..end] == word).is_some() {
            return;
        }
        let start = self.push(word);
        let text = &self.text;
        self.long.insert_unique(hash, (start, text.len()), |&(start, end)| hasher.hash_one(&text[start..end]));
    }

    /// Writes `word` after the others; returns where it starts.
    fn push(&mut self, word: &[u8]) -> usize {
        if !self.text.is_empty() {
            self.text.push(b' ');
        }
        self.text.extend_from_slice(word);
        self.text.len() - word.len()
    }
}

/// What a run of text between ASCII spaces is to the index.
enum Shape<'a> {
    /// ASCII, and one word ([`ascii_word`]) of at most [`SHORT`] bytes, packed by [`pack_ascii`].
    Short(u128),
    /// ASCII, and one longer word: the word, and whether it has capitals.
    Word(&'a str, bool),
    /// ASCII, but not one word: the segmenter breaks it.
    Ascii,
    /// Holding characters beyond ASCII.
    Other,
}

/// Gives `found` each run of `text` between the ASCII characters `char::is_whitespace` takes,
/// and its [`Shape`], reading each byte once: such a byte is never part of another character,
/// so each cut falls between two. A run is read as [`ascii_word`] reads it, in three parts:
/// the marks before its word, the letters and digits of the word, and the rest, which must be
/// marks alone for the word to be the run's one word.
fn runs<'a>(text: &'a str, mut found: impl FnMut(&'a str, Shape<'a>)) {
    let bytes = text.as_bytes();
    // Past the end reads as a space, which ends every loop below.
    let kind = |at: usize| bytes.get(at).map_or(Byte::Space, |&b| BYTES[usize::from(b)]);
    let mut at = 0;
    while at < bytes.len() {
        if kind(at) == Byte::Space {
            at += 1;
            continue;
        }
        let start = at;
        while kind(at) == Byte::Mark {
            at += 1;
        }
        let first = at;
        let mut upper = false;
        // Most of a text is letters: eight bytes at a time while they are, then one at a time.
        while let Some(eight) = bytes.get(at..at + 8) {
            let (letters, capitals) = letters_of(u64::from_le_bytes(eight.try_into().expect("eight bytes")));
            upper |= capitals;
            at += letters;
            if letters < 8 {
                break;
            }
        }
        loop {
            match kind(at) {
                Byte::Lower => {}
                Byte::Upper => upper = true,
                _ => break,
            }
            at += 1;
        }
        let end = at;
        let (mut marks_only, mut wide) = (true, false);
        loop {
            match kind(at) {
                Byte::Space => break,
                Byte::Mark => {}
                _ => {
                    marks_only = false;
                    wide |= !bytes[at].is_ascii();
                }
            }
            at += 1;
        }
        let shape = match wide {
            true => Shape::Other,
            false if end > first && marks_only && end - first <= SHORT => {
                Shape::Short(pack_ascii(bytes, first, end - first))
            }
            false if end > first && marks_only => Shape::Word(&text[first..end], upper),
            false => Shape::Ascii,
        };
        found(&text[start..at], shape);
    }
}

/// How many of the eight bytes `chunk` (read little-endian, so its first byte is the lowest)
/// are ASCII letters and digits ([`Byte::Lower`] or [`Byte::Upper`]) before the first that
/// is not, and whether any of those is a capital. All eight are looked at at once: a byte's
/// top bit is set in a mask where the byte is in a range, found by adding to it what carries
/// into that bit exactly from the range's start on.
fn letters_of(chunk: u64) -> (usize, bool) {
    const EACH: u64 = 0x0101_0101_0101_0101;
    const TOP: u64 = 0x80 * EACH;
    // Bytes from `lo` to `hi` of `seven`, whose bytes are all below 0x80 (no add carries out).
    let within = |seven: u64, lo: u64, hi: u64| (seven + (0x80 - lo) * EACH) & !(seven + (0x7F - hi) * EACH) & TOP;
    let seven = chunk & !TOP;
    let ascii = !chunk & TOP;
    let digits = within(seven, b'0'.into(), b'9'.into());
    // Setting 0x20 makes capitals small and takes no other byte into `a`..=`z`.
    let letters = within(seven | (0x20 * EACH), b'a'.into(), b'z'.into());
    let found = (digits | letters) & ascii;
    // The top bit of each byte that is not a letter or digit; the bits below the first of
    // them (all bits when there is none) cover the letters before it.
    let stops = !found & TOP;
    let count = (stops.trailing_zeros() / 8) as usize;
    let before = (stops & stops.wrapping_neg()).wrapping_sub(1);
    // A capital is a letter whose 0x20 bit is clear; that bit moved up to the top one.
    let capitals = letters & ascii & !(chunk << 2) & TOP;
    (count, capitals & before != 0)
}

/// What each ASCII byte is to [`ascii_word`]; every other byte is [`Byte::Other`].
#[derive(Clone, Copy, PartialEq)]
enum Byte {
    Lower,
    Upper,
    /// Punctuation trimmed from either end of a word: all of ASCII's but `_`, which joins words.
    Mark,
    /// The ASCII characters `char::is_whitespace` takes, which end a run.
    Space,
    Other,
}

const BYTES: [Byte; 256] = {
    let mut table = [Byte::Other; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            Byte::Upper
        } else if c.is_ascii_alphanumeric() {
            Byte::Lower
        } else if c.is_ascii_punctuation() && c != b'_' {
            Byte::Mark
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c') {
            Byte::Space
        } else {
            Byte::Other
        };
        b += 1;
    }
    table
};

/// The one word of a run without spaces that is an ASCII word with punctuation around it
/// ("quarter," or "(kitchen)"), as the segmenter would find it, and whether it has capitals:
/// letters and digits side by side are never broken (UAX #29, WB5 to WB13) and a mark at
/// either end with no letter beyond it is not part of a word. `None` for any other run. One
/// table lookup a byte, in a single pass.
fn ascii_word(run: &str) -> Option<(&str, bool)> {
    let kind = |b: u8| BYTES[usize::from(b)];
    let bytes = run.as_bytes();
    let start = bytes.iter().position(|&b| kind(b) != Byte::Mark)?;
    let end = bytes.iter().rposition(|&b| kind(b) != Byte::Mark)? + 1;
    let mut upper = false;
    for &b in &bytes[start..end] {
        match kind(b) {
            Byte::Lower => {}
            Byte::Upper => upper = true,
            _ => return None,
        }
    }
    // Cutting beside ASCII punctuation always falls between characters.
    Some((&run[start..end], upper))
}

/// Each note's search words by note id; see [`note_words`].
pub type NoteWords = HashMap<String, String>;

/// The words a search finds `note` by: its text, tags and author. Taken from the note's HTML,
/// so a build that frees the HTML once the note pages are written takes them first, and
/// `serve` keeps them, taking them again only for a note that changed.
pub fn note_words(note: &Note) -> String {
    words_with(note, &note.body.html)
}

/// [`note_words`] of `note` whose body is `html`.
fn words_with(note: &Note, html: &str) -> String {
    words(&[&plain_text(html), &note.tags.join(" "), &note.author])
}

/// [`note_words`] of every one of `notes`, on every core; a note's body is the one in `html`
/// at its place, where there is one there, else its own.
pub fn all_note_words(notes: &[&Note], html: &[String]) -> NoteWords {
    let notes = notes.par_iter().enumerate().with_max_len(crate::cores::BATCH);
    notes.map(|(i, n)| (n.id.clone(), words_with(n, html.get(i).unwrap_or(&n.body.html)))).collect()
}

/// `search-index.json` for the built content, with the notes' words from `notes`; a note not
/// there has its words taken now.
pub fn index(content: &Content, notes: &NoteWords) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_index(content, notes, &mut out);
    out
}

/// Writes [`index`] to `out` as it is made.
pub fn write_index(content: &Content, notes: &NoteWords, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // Every journey's and every note's words are found on every core.
    let mut entries: Vec<Entry> = content.journeys.par_iter().flat_map_iter(journey_entries).collect();
    for p in content.personas {
        entries.push(Entry {
            t: &p.name,
            w: words(&[&p.name]),
            u: Route::Persona(&p.id).dir(),
            k: Kind::Persona,
            s: "",
            x: Cow::Owned(words(&[&p.role, &p.quote])),
        });
    }
    entries.extend(content.notes.iter().map(|n| Entry {
        t: &n.title,
        w: words(&[&n.title]),
        u: Route::Note(&n.id).dir(),
        k: Kind::Note(n.kind),
        s: "",
        x: notes.get(&n.id).map_or_else(|| Cow::Owned(note_words(n)), |x| Cow::Borrowed(x.as_str())),
    }));
    Ok(serde_json::to_writer(out, &entries)?)
}

/// The entries of a journey and of each of its stages.
fn journey_entries(j: &crate::model::Journey) -> Vec<Entry<'_>> {
    let tags = j.tags.join(" ");
    let mut entries = vec![Entry {
        t: &j.title,
        w: words(&[&j.title]),
        u: Route::Journey(&j.id).dir(),
        k: Kind::Journey,
        s: "",
        x: Cow::Owned(words(&[&j.summary.excerpt, &tags, &j.owner])),
    }];
    entries.extend(j.stages.iter().map(|s| Entry {
        t: &s.name,
        w: words(&[&s.name]),
        u: Route::Stage(&j.id, &s.id).dir(),
        k: Kind::Stage,
        s: &j.title,
        x: Cow::Owned(words(&stage_text(s))),
    }));
    entries
}

/// The text of rendered, sanitised HTML: tags dropped (each leaves a space), the entities it
/// can hold decoded, in one pass. The Markdown source is gone by now; the HTML is what a
/// reader sees.
fn plain_text(html: &str) -> String {
    const ENTITIES: [(&str, &str); 5] =
        [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with('<') {
            out.push(' ');
            rest = tail.find('>').map_or("", |close| &tail[close + 1..]);
        } else {
            let (entity, text) = ENTITIES.iter().find(|(e, _)| tail.starts_with(e)).copied().unwrap_or(("&", "&"));
            out.push_str(text);
            rest = &tail[entity.len()..];
        }
    }
    out.push_str(rest);
    out
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
                    日本語のテキスト 🙂 a_b x\u{200d}\u{1F600} tab\there new\nline vertical\x0btab no\u{a0}break ideographic\u{3000}space";
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
            if let Some((word, _)) = super::ascii_word(run) {
                assert_eq!(vec![word], crate::i18n::words::words(run), "{run}");
            }
        }
        for fast in ["kitchen", "quarter,", "(kitchen)", "x.", "\"ok\"", "9am", "#1", "ok!?"] {
            assert!(super::ascii_word(fast).is_some(), "{fast}");
        }
    }

    #[test]
    fn runs_read_each_run_as_ascii_word_does() {
        use super::{ascii_word, pack, runs, Shape};
        let text = "kitchen Quarter, (KITCHEN) 3.5 e.g. don't 'tis a_b _x_ --x-- x. \"Ok\" 9am #1 a-b \
                    !!! 1,000 ok!? café CAFÉ x\u{7f}y Internationalisation internationalisations\tTab\nline \
                    ABCDEFGHIJKLMNO ABCDEFGHIJKLMNOP End";
        let mut seen = Vec::new();
        runs(text, |run, shape| seen.push((run, shape)));
        let expected: Vec<&str> = text.split_ascii_whitespace().collect();
        assert_eq!(seen.iter().map(|(run, _)| *run).collect::<Vec<_>>(), expected);
        for (run, shape) in seen {
            match (shape, ascii_word(run)) {
                (Shape::Short(packed), Some((word, _))) => {
                    assert_eq!(packed, pack(word.to_ascii_lowercase().as_bytes()), "{run}")
                }
                (Shape::Word(found, upper), Some((word, capitals))) => {
                    assert!(word.len() > super::SHORT && found == word && upper == capitals, "{run}")
                }
                (Shape::Ascii, None) => assert!(run.is_ascii(), "{run}"),
                (Shape::Other, _) => assert!(!run.is_ascii(), "{run}"),
                _ => panic!("{run} read otherwise than ascii_word reads it"),
            }
        }
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        assert_eq!(super::plain_text("<p>Tom &amp; <em>Jerry</em></p>"), " Tom &  Jerry  ");
        // Entities decode once, left to right, whatever they decode to.
        assert_eq!(
            super::plain_text("&amp;lt; &amp;amp; a &lt;b&gt; &quot;c&#39; & d &copy;"),
            "&lt; &amp; a <b> \"c' & d &copy;"
        );
        assert_eq!(super::plain_text("x<a href=\"&amp;\">y</a>&"), "x y &");
    }

    #[test]
    fn eight_letters_at_once_are_read_as_one_at_a_time() {
        use super::{letters_of, Byte, BYTES};
        let one_at_a_time = |bytes: &[u8; 8]| {
            let mut upper = false;
            for (i, &b) in bytes.iter().enumerate() {
                match BYTES[usize::from(b)] {
                    Byte::Lower => {}
                    Byte::Upper => upper = true,
                    _ => return (i, upper),
                }
            }
            (8, upper)
        };
        // Every byte value at every place among letters, then pseudo-random mixes of the bytes
        // near the ranges' edges and beyond ASCII.
        for place in 0..8 {
            for b in 0..=255u8 {
                let mut bytes = *b"aBcDeFgH";
                bytes[place] = b;
                assert_eq!(letters_of(u64::from_le_bytes(bytes)), one_at_a_time(&bytes), "{bytes:?}");
            }
        }
        let edges = b"/09:@AZ[`az{ \x7f\x80\xc0\xe0\xffm5Q_-.";
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let bytes: [u8; 8] = std::array::from_fn(|i| edges[(state >> (i * 5)) as usize % edges.len()]);
            assert_eq!(letters_of(u64::from_le_bytes(bytes)), one_at_a_time(&bytes), "{bytes:?}");
        }
    }
}
