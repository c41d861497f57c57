//! Word boundaries (SPEC §12): Thai, Lao, Khmer and Burmese write no spaces between words, so
//! labels are cut and text is indexed at the boundaries ICU4X's dictionary segmenter finds.

use std::sync::LazyLock;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{GraphemeClusterSegmenter, WordSegmenter, WordSegmenterBorrowed};

/// The word segmenter, made once: making one looks up its compiled data, which costs more
/// than segmenting a short run of text.
static WORDS: LazyLock<WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_auto(WordBreakInvariantOptions::default()));

/// The byte offsets where `text` may be broken between words, from 0 to its length.
pub fn boundaries(text: &str) -> Vec<usize> {
    WORDS.segment_str(text).collect()
}

/// The byte offsets of the grapheme boundaries of `text` (user-perceived characters), from 0
/// to its length.
pub fn graphemes(text: &str) -> Vec<usize> {
    GraphemeClusterSegmenter::new().segment_str(text).collect()
}

/// The words of `text` (letters, digits, ideographs), without spaces and punctuation.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut segments = WORDS.segment_str(text);
    let mut start = 0;
    while let Some(end) = segments.next() {
        if end > start && segments.is_word_like() {
            out.push(&text[start..end]);
        }
        start = end;
    }
    out
}

/// The longest start of `text` that ends at a word boundary and for which `fits` holds with
/// `…` after it. A first word too long alone is cut between graphemes, never inside one.
pub fn shorten(text: &str, fits: impl Fn(&str) -> bool) -> String {
    let candidates = |cuts: Vec<usize>| {
        cuts.into_iter()
            .filter(|&end| end > 0 && end < text.len())
            .map(|end| text[..end].trim_end())
            .filter(|head| !head.is_empty())
            .take_while(|head| fits(&format!("{head}…")))
            .last()
    };
    let by_word = candidates(boundaries(text));
    let head = by_word.or_else(|| candidates(graphemes(text)));
    format!("{}…", head.unwrap_or_default())
}

/// `text` broken into lines at word boundaries, each line one for which `fits` holds where
/// that can be done; a word too long for a line stays whole on its own line.
pub fn wrap(text: &str, fits: impl Fn(&str) -> bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let cuts = boundaries(text);
    for pair in cuts.windows(2) {
        let piece = &text[pair[0]..pair[1]];
        let longer = format!("{line}{piece}");
        if line.trim().is_empty() || fits(longer.trim_end()) {
            line = longer;
        } else {
            lines.push(line.trim_end().to_string());
            line = piece.trim_start().to_string();
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_words_inside_a_sentence() {
        let found = words("มีแพ็กเกจมากเกินไปจนเลือกไม่ถูก");
        assert!(found.contains(&"แพ็กเกจ"), "{found:?}");
        assert!(found.contains(&"เลือก"), "{found:?}");
        assert_eq!(words("Buy & pay, now!"), ["Buy", "pay", "now"]);
    }

    #[test]
    fn shortens_thai_at_a_word_boundary() {
        let text = "มีแพ็กเกจมากเกินไปจนเลือกไม่ถูก";
        let short = shorten(text, |s| s.chars().count() <= 12);
        let head = short.trim_end_matches('…');
        assert!(boundaries(text).contains(&head.len()), "{short}");
        assert!(!head.is_empty());
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let text = "การใช้งานประจำวัน";
        let lines = wrap(text, |s| s.chars().count() <= 9);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), text);
        let cuts = boundaries(text);
        let mut at = 0;
        for line in &lines[..lines.len() - 1] {
            at += line.len();
            assert!(cuts.contains(&at), "{lines:?}");
        }
    }
}
