//! Identifiers (SPEC §8): checking explicit ones and deriving them from names.
//!
//! Ids may be written in any script: letters, marks and decimal digits (Unicode categories L,
//! M and Nd), lowercase, in NFC. `slugify: ascii` keeps the older `a-z0-9` rule for derived
//! ids so addresses made by earlier versions stay the same.

use icu_normalizer::ComposingNormalizerBorrowed;
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
use icu_properties::CodePointMapData;
use icu_segmenter::GraphemeClusterSegmenter;

/// The longest id allowed, in characters.
pub const MAX_LEN: usize = 64;
/// The longest id allowed, in UTF-8 bytes: some file systems count bytes, not characters.
pub const MAX_BYTES: usize = 200;

/// How ids are derived from names (`slugify` in `journeybook.yaml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Slugify {
    /// Letters, marks and digits of any script.
    #[default]
    Unicode,
    /// Only `a-z` and `0-9`, as in earlier versions.
    Ascii,
}

impl crate::model::action::Word for Slugify {
    const WORDS: &'static [(&'static str, Self)] = &[("unicode", Slugify::Unicode), ("ascii", Slugify::Ascii)];
}

/// `text` in Unicode normalisation form C, the form every id and output path is compared in.
pub fn nfc(text: &str) -> String {
    ComposingNormalizerBorrowed::new_nfc().normalize(text).into_owned()
}

fn category(c: char) -> GeneralCategory {
    CodePointMapData::<GeneralCategory>::new().get(c)
}

/// True for a letter or decimal digit of any script (an id may start with one).
fn is_base(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let gc = category(c);
    GeneralCategoryGroup::Letter.contains(gc) || gc == GeneralCategory::DecimalNumber
}

fn is_mark(c: char) -> bool {
    !c.is_ascii() && GeneralCategoryGroup::Mark.contains(category(c))
}

/// True when `c` is unchanged by lowercasing, so scripts without case always pass.
fn is_lowercase_form(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

/// True when `id` is a valid id of SPEC §8: 1–64 characters and at most 200 bytes of
/// lowercase letters, marks, digits and `-`, in NFC, starting with a letter or digit.
pub fn is_valid(id: &str) -> bool {
    let Some(first) = id.chars().next() else { return false };
    is_base(first)
        && id.chars().count() <= MAX_LEN
        && id.len() <= MAX_BYTES
        && id.chars().all(|c| c == '-' || ((is_base(c) || is_mark(c)) && is_lowercase_form(c)))
        && ComposingNormalizerBorrowed::new_nfc().is_normalized(id)
}

/// Derives an id from `name` the default (`unicode`) way; `None` when nothing is left.
pub fn derive(name: &str) -> Option<String> {
    derive_with(name, Slugify::Unicode)
}

/// Lowercases `name` and turns every run of characters an id cannot hold into one `-`,
/// trimmed, then cuts it at a grapheme boundary to fit. `None` when nothing is left.
pub fn derive_with(name: &str, mode: Slugify) -> Option<String> {
    let full = derive_uncut(name, mode)?;
    let trimmed = cut_to_fit(&full).trim_end_matches('-');
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// [`derive_with`] before the cut to 64 characters and 200 bytes: what the cut id starts with.
pub fn derive_uncut(name: &str, mode: Slugify) -> Option<String> {
    // ASCII is its own normal form, and lowercases byte by byte.
    let lowered = match name.is_ascii() {
        true => name.to_ascii_lowercase(),
        false => nfc(&nfc(name).to_lowercase()),
    };
    let mut out = String::with_capacity(lowered.len());
    for c in lowered.chars() {
        let keep = match mode {
            Slugify::Ascii => c.is_ascii_lowercase() || c.is_ascii_digit(),
            // A mark only after a letter or digit: alone it would start an id.
            Slugify::Unicode => is_base(c) || (is_mark(c) && !out.is_empty() && !out.ends_with('-')),
        };
        if keep {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// The longest prefix of `text` that ends at a grapheme boundary and fits the id limits.
fn cut_to_fit(text: &str) -> &str {
    cut_to(text, MAX_LEN, MAX_BYTES)
}

/// The longest prefix of `text` that ends at a grapheme boundary and has at most `chars`
/// characters and `bytes` bytes: room for a suffix such as `-2` without splitting a letter.
pub fn cut_to(text: &str, chars: usize, bytes: usize) -> &str {
    if text.len() <= bytes && text.chars().count() <= chars {
        return text;
    }
    let mut end = 0;
    for boundary in GraphemeClusterSegmenter::new().segment_str(text) {
        if boundary > bytes || text[..boundary].chars().count() > chars {
            break;
        }
        end = boundary;
    }
    &text[..end]
}

/// What is wrong with an explicit id, in words, for the error message.
pub fn explain(id: &str) -> String {
    let chars = id.chars().count();
    if id.is_empty() {
        "it is empty".into()
    } else if chars > MAX_LEN {
        format!("it is {chars} characters long; the limit is {MAX_LEN}")
    } else if id.len() > MAX_BYTES {
        format!("it is {} bytes long in UTF-8; the limit is {MAX_BYTES}", id.len())
    } else if id.starts_with('-') || id.chars().next().is_some_and(is_mark) {
        format!("it starts with `{}`", id.chars().next().unwrap_or('-'))
    } else {
        let mut bad: Vec<char> = Vec::new();
        for c in id.chars().filter(|c| !(*c == '-' || ((is_base(*c) || is_mark(*c)) && is_lowercase_form(*c)))) {
            if !bad.contains(&c) {
                bad.push(c);
            }
        }
        let shown: Vec<String> =
            bad.iter().take(4).map(|c| if *c == ' ' { "a space".into() } else { format!("`{c}`") }).collect();
        format!("it contains {}; use only lowercase letters, digits and -", shown.join(", "))
    }
}

#[cfg(test)]
mod tests;
