//! "Did you mean …?": the nearest known name to a misspelt one.

/// The candidate closest to `found`, if it is close enough to be a plausible typo: similar
/// overall (Jaro-Winkler) and no more than a few edits away (a third of its length, or of its file name for a
/// path; at least 2).
pub fn nearest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let found_lower = found.to_ascii_lowercase();
    // For paths, only the file name counts towards how many edits are plausible.
    let name_len = found.rsplit('/').next().unwrap_or(found).chars().count();
    let max_edits = (name_len / 3).max(2);
    candidates
        .into_iter()
        .filter(|c| strsim::levenshtein(&found_lower, &c.to_ascii_lowercase()) <= max_edits)
        .map(|c| (strsim::jaro_winkler(&found_lower, &c.to_ascii_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
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
    fn ignores_unrelated_names() {
        assert_eq!(nearest("zzz", ["awareness", "onboarding"]), None);
        assert_eq!(nearest("x", std::iter::empty()), None);
        assert_eq!(nearest("content/insights/missing.md", ["content/insights/n.md"]), None);
    }
}
