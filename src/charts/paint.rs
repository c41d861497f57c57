//! Chart colours as classes. plotters writes its colours as attributes (`fill="#0F5E6E"`);
//! before a chart reaches the page each becomes a class naming the colour's role
//! (`fill-accent`), and the theme's stylesheet paints that class from its design tokens. The
//! same pass covers the few shapes the charts write themselves.

use std::borrow::Cow;

use super::svg::ROLES;

/// `svg` with every `fill="#RRGGBB"` and `stroke="#RRGGBB"` of a swatch in [`ROLES`] replaced
/// by the class `fill-<role>` or `stroke-<role>`, added to the element's own classes.
pub fn classes(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        out.push_str(&tag(&rest[start..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One tag, `<…>`, with its colour attributes made classes.
fn tag(text: &str) -> Cow<'_, str> {
    if !text.contains("=\"#") {
        return Cow::Borrowed(text);
    }
    let mut text = text.to_string();
    let mut classes = Vec::new();
    for paint in ["fill", "stroke"] {
        let attribute = format!(" {paint}=\"#");
        // An element has at most one of each; the loop ends once none is left that we know.
        while let Some((at, role)) = find(&text, &attribute) {
            text.replace_range(at..at + attribute.len() + 7, "");
            classes.push(format!("{paint}-{role}"));
        }
    }
    if classes.is_empty() {
        return Cow::Owned(text);
    }
    let classes = classes.join(" ");
    match text.find(" class=\"") {
        Some(at) => {
            let close = at + " class=\"".len() + text[at + " class=\"".len()..].find('"').unwrap_or(0);
            text.insert_str(close, &format!(" {classes}"));
        }
        None => {
            let name_end = text.find([' ', '/', '>']).unwrap_or(text.len());
            text.insert_str(name_end, &format!(" class=\"{classes}\""));
        }
    }
    Cow::Owned(text)
}

/// Where `attribute` (` fill="#`) starts with the value of a known swatch, and its role.
fn find(text: &str, attribute: &str) -> Option<(usize, &'static str)> {
    let mut from = 0;
    while let Some(found) = text[from..].find(attribute) {
        let at = from + found;
        let value = text.get(at + attribute.len()..at + attribute.len() + 7)?;
        if let Some(role) = role_of(value) {
            return Some((at, role));
        }
        from = at + attribute.len();
    }
    None
}

/// The role of the swatch written `RRGGBB"`, case-insensitively.
fn role_of(value: &str) -> Option<&'static str> {
    let hex = value.strip_suffix('"')?;
    let rgb = u32::from_str_radix(hex, 16).ok()?;
    let (r, g, b) = ((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8);
    ROLES.iter().find(|(s, _)| (s.0, s.1, s.2) == (r, g, b)).map(|(_, role)| *role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_become_classes_next_to_the_elements_own() {
        let svg = r##"<rect x="1" fill="#0F5E6E" stroke="none"/><path class="band" d="M0" fill="#1a7f37" fill-opacity="0.18"/>"##;
        assert_eq!(
            classes(svg),
            r#"<rect class="fill-accent" x="1" stroke="none"/><path class="band fill-on-track" d="M0" fill-opacity="0.18"/>"#
        );
    }

    #[test]
    fn strokes_and_text_are_handled_and_unknown_colours_kept() {
        let svg = r##"<polyline fill="none" stroke="#D9DEE5" points="0,0 1,1"/><text x="0">fill="#0F5E6E"</text><circle fill="#123456"/>"##;
        assert_eq!(
            classes(svg),
            r##"<polyline class="stroke-grid" fill="none" points="0,0 1,1"/><text x="0">fill="#0F5E6E"</text><circle fill="#123456"/>"##
        );
    }
}
