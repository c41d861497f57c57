//! "Did you mean …?": the nearest known name to a misspelt one.

/// The candidate closest to `found`, if it is close enough to be a plausible typo.
///
/// A candidate that differs only in case, blanks, `-` or `_` wins outright (`Check out` for
/// `checkout`). Otherwise it must be no more than a few edits away, counting a swap of two
/// neighbouring letters as one edit (a third of its length, or of its file name for a path; at
/// least 2), and either similar overall (Jaro-Winkler) or a single edit away, so that short ids
/// such as `nsp` still find `nps`. Fewer edits rank first, then similarity.
pub fn nearest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let found_lower = found.to_lowercase();
    let found_key = loose(found);
    // For paths, only the file name counts towards how many edits are plausible.
    let name_len = found.rsplit('/').next().unwrap_or(found).chars().count();
    let max_edits = (name_len / 3).max(2);
    let mut best: Option<(usize, f64, &str)> = None;
    for candidate in candidates {
        if !found_key.is_empty() && loose(candidate) == found_key {
            return Some(candidate);
        }
        let lower = candidate.to_lowercase();
        let edits = strsim::osa_distance(&found_lower, &lower);
        let similarity = strsim::jaro_winkler(&found_lower, &lower);
        let single_edit = edits == 1 && name_len >= 3;
        if edits > max_edits || !(similarity >= 0.8 || single_edit) {
            continue;
        }
        let better = best.is_none_or(|(e, s, c)| (edits, -similarity, candidate) < (e, -s, c));
        if better {
            best = Some((edits, similarity, candidate));
        }
    }
    best.map(|(_, _, c)| c)
}

/// A name as a person may mistype it: lowercase, without blanks, `-` or `_`.
fn loose(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_')).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn finds_a_typo() {
        assert_eq!(nearest("onbording", ["awareness", "onboarding", "renewal"]), Some("onboarding"));
        assert_eq!(nearest("titel", ["title", "id", "stages"]), Some("title"));
    }

    #[test]
    fn finds_swapped_letters_in_short_ids() {
        assert_eq!(nearest("nsp", ["conversion_rate", "nps", "ces", "cac", "aov"]), Some("nps"));
        assert_eq!(nearest("cas", ["cac", "ces"]), Some("cac"));
    }

    #[test]
    fn case_and_spacing_do_not_count() {
        assert_eq!(nearest("Check out", ["awareness", "checkout"]), Some("checkout"));
        assert_eq!(nearest("welcome-email", ["Welcome email", "Welcome call"]), Some("Welcome email"));
    }

    #[test]
    fn ignores_unrelated_names() {
        assert_eq!(nearest("zzz", ["awareness", "onboarding"]), None);
        assert_eq!(nearest("x", std::iter::empty()), None);
        assert_eq!(nearest("content/insights/missing.md", ["content/insights/n.md"]), None);
        assert_eq!(nearest("ab", ["xy", "cd"]), None);
    }
}
