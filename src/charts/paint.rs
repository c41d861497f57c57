//! Chart colours as classes. plotters writes its colours as attributes (`fill="#0F5E6E"`);
//! before a chart reaches the page each becomes a class naming the colour's role
//! (`fill-accent`), and the theme's stylesheet paints that class from its design tokens. The
//! same pass covers the few shapes the charts write themselves.

use super::svg::ROLES;

/// `svg` with every `fill="#RRGGBB"` and `stroke="#RRGGBB"` of a swatch in [`ROLES`] replaced
/// by the class `fill-<role>` or `stroke-<role>`, added to the element's own classes.
pub fn classes(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        tag(&rest[start..end], &mut out);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The colour attributes a tag may have, as they start, and the paint each names.
const PAINTS: [(&str, &str); 2] = [(" fill=\"#", "fill"), (" stroke=\"#", "stroke")];

/// Writes one tag, `<…>`, to `out` with its colour attributes made classes: each known one
/// is left out and its class added to the element's own (fills first), or to a new `class`.
fn tag(text: &str, out: &mut String) {
    if !text.contains("=\"#") {
        out.push_str(text);
        return;
    }
    // Byte ranges of the attributes to leave out, in order, and the classes they become.
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    let mut classes = String::new();
    for (attribute, paint) in PAINTS {
        let mut from = 0;
        while let Some((at, role)) = find(text, from, attribute) {
            let end = at + attribute.len() + 7;
            dropped.push((at, end));
            if !classes.is_empty() {
                classes.push(' ');
            }
            classes.push_str(paint);
            classes.push('-');
            classes.push_str(role);
            from = end;
        }
    }
    if dropped.is_empty() {
        out.push_str(text);
        return;
    }
    dropped.sort_unstable();
    // Where the classes go: into the element's `class`, else right after its name, which
    // ends before any attribute and so before anything left out.
    let (insert_at, own) = match text.find(" class=\"") {
        Some(at) => {
            let value = at + " class=\"".len();
            (value + text[value..].find('"').unwrap_or(0), true)
        }
        None => (text.find([' ', '/', '>']).unwrap_or(text.len()), false),
    };
    let insert = |out: &mut String| {
        if own {
            out.push(' ');
            out.push_str(&classes);
        } else {
            out.push_str(" class=\"");
            out.push_str(&classes);
            out.push('"');
        }
    };
    let (mut done, mut inserted) = (0, false);
    for (start, end) in dropped {
        if !inserted && insert_at <= start {
            let at = insert_at.max(done);
            out.push_str(&text[done..at]);
            insert(out);
            (done, inserted) = (at, true);
        }
        out.push_str(&text[done..start.max(done)]);
        done = end.max(done);
    }
    if !inserted {
        let at = insert_at.max(done);
        out.push_str(&text[done..at]);
        insert(out);
        done = at;
    }
    out.push_str(&text[done..]);
}

/// Where the next `attribute` (` fill="#`) at or after `from` starts with the value of a known
/// swatch, and its role.
fn find(text: &str, from: usize, attribute: &str) -> Option<(usize, &'static str)> {
    let mut from = from;
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
