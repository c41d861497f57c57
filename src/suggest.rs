//! "Did you mean …?": the nearest known name to a misspelt one.

/// The candidate closest to `found`, if it is close enough to be a plausible typo.
pub fn nearest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let found_lower = found.to_ascii_lowercase();
    candidates
        .into_iter()
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
    }
}
