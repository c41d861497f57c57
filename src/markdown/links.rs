//! Link destinations: relative links to project files become links to their pages, and every
//! URL, from Markdown syntax or raw HTML, must use a scheme that cannot run script.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::markdown::LinkTargets;

/// Schemes a link may use without configuration: those a sanitiser of the web's Markdown has
/// long allowed (the web, mail, telephone, chat and the common protocols that open another
/// program). Relative URLs need no scheme.
pub const DEFAULT_SCHEMES: &[&str] = &[
    "bitcoin",
    "ftp",
    "ftps",
    "geo",
    "http",
    "https",
    "im",
    "irc",
    "ircs",
    "magnet",
    "mailto",
    "mms",
    "mx",
    "news",
    "nntp",
    "openpgp4fpr",
    "sip",
    "sms",
    "smsto",
    "ssh",
    "tel",
    "url",
    "webcal",
    "wtai",
    "xmpp",
];

/// Schemes no configuration can allow: each can run script or smuggle a document in the URL.
pub const FORBIDDEN_SCHEMES: &[&str] = &["javascript", "vbscript", "data", "livescript", "mocha"];

/// The scheme of `url` as a browser reads it (tabs and newlines removed, leading spaces and
/// control characters trimmed, case folded), or `None` for a relative URL: one with no `:`
/// before its path, or whose text before the `:` is not a scheme (`foo):`).
pub fn scheme_of(url: &str) -> Option<String> {
    let compact: String =
        url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let end = compact.find([':', '/', '?', '#'])?;
    let scheme = &compact[..end];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
    (compact[end..].starts_with(':') && valid).then(|| scheme.to_ascii_lowercase())
}

/// True when `text`, read with every space and control character removed, starts with a
/// forbidden scheme: such a value is kept out of every attribute, titles and alt text too,
/// so no attribute of a page can be mistaken for script by a browser or by a checker.
pub fn looks_like_script(text: &str) -> bool {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    FORBIDDEN_SCHEMES.iter().any(|s| compact.strip_prefix(s).is_some_and(|rest| rest.starts_with(':')))
}

/// True when `url` is relative or uses a default scheme or one of `extra`.
pub fn allowed(url: &str, extra: &BTreeSet<String>) -> bool {
    match scheme_of(url) {
        None => true,
        Some(scheme) => {
            !FORBIDDEN_SCHEMES.contains(&scheme.as_str())
                && (DEFAULT_SCHEMES.contains(&scheme.as_str()) || extra.contains(&scheme))
        }
    }
}

/// The page address for a relative link to a project file; `None` leaves the link as written.
pub fn rewrite(
    url: &str,
    file: &str,
    pos: Pos,
    targets: &LinkTargets,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    if url.is_empty() || url.starts_with('#') || url.starts_with('/') || url.contains(':') {
        return None;
    }
    let (path, fragment) = match url.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (url, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let is_content = [".md", ".yaml", ".yml"].iter().any(|ext| path.ends_with(ext));
    if !is_content {
        return None;
    }
    let Some(resolved) = resolve(file, path) else {
        diagnostics.push(Diagnostic::error("E051", file, pos, format!("link `{url}` leads outside the project")));
        return Some("#".into());
    };
    if let Some(page) = targets.pages.get(&resolved) {
        let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        return Some(format!("{}{page}{fragment}", targets.base));
    }
    let d = if targets.unbuilt.contains(&resolved) {
        Diagnostic::error(
            "E051",
            file,
            pos,
            format!("link `{url}` leads to a draft note, which is not built without --drafts"),
        )
    } else {
        let message =
            format!("link `{url}` leads to `{resolved}`, which is not a note, journey or persona of this project");
        Diagnostic::error("E051", file, pos, message).suggest(&resolved, targets.pages.keys().map(String::as_str))
    };
    diagnostics.push(d);
    Some("#".into())
}

/// Joins `link` to the folder of `file` and normalises it; `None` if it climbs above the project.
pub fn resolve(file: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = file.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        let none = BTreeSet::new();
        for bad in
            ["javascript:alert(1)", " JaVa\tScRipt:x", "\u{1}javascript:x", "data:text/html,x", "vbscript:x", "foo:bar"]
        {
            assert!(!allowed(bad, &none), "{bad}");
        }
        for ok in ["https://x.org/a:b", "mailto:a@b.c", "../a.md", "#top", "a/b:c", "?q=a:b", "", "foo):", "a b:c"] {
            assert!(allowed(ok, &none), "{ok}");
        }
        let extra: BTreeSet<String> = ["slack".to_string(), "javascript".to_string()].into();
        assert!(allowed("slack://open", &extra));
        assert!(!allowed("javascript:x", &extra), "never, even when listed");
        assert!(looks_like_script(" Java script :alert(1)") && looks_like_script("DATA:text/html,x"));
        assert!(!looks_like_script("metadata: x") && !looks_like_script("https://x.org/?javascript:x"));
    }
}
