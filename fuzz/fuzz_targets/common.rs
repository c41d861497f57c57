//! Checks shared by the fuzz targets.

/// No script element, no event handler attribute, no script URL in an attribute. Text is
/// serialised with every `<` escaped, so each literal `<` starts a tag; attributes are read as
/// a browser reads them, quoted values and all.
pub fn assert_inert(html: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in lower.split('<').skip(1).map(|t| t.split('>').next().unwrap_or_default()) {
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(!["script", "iframe", "object", "embed"].contains(&name.as_str()), "<{tag}> in {html}");
        for (attr, value) in attributes(&tag[name.len()..]) {
            assert!(!attr.starts_with("on"), "<{tag}> in {html}");
            let compact: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
            assert!(
                !["javascript:", "vbscript:", "data:text/html"].iter().any(|b| compact.starts_with(b)),
                "<{tag}> in {html}"
            );
        }
    }
}

/// The attributes of a tag's inside, as (name, value) pairs.
fn attributes(mut rest: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        let name = rest[..end].to_string();
        rest = rest[end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let close = after[1..].find(q).map_or(after.len(), |i| i + 1);
                value = after[1..close].to_string();
                rest = after.get(close + 1..).unwrap_or("");
            } else {
                let close = after.find(char::is_whitespace).unwrap_or(after.len());
                value = after[..close].to_string();
                rest = &after[close..];
            }
        }
        if name.is_empty() {
            return out;
        }
        out.push((name, value));
    }
}
