//! Chart colours as classes. plotters writes its colours as attributes (`fill="#0F5E6E"`);
//! before a chart reaches the page each becomes a class naming the colour's role
//! (`fill-accent`), and the theme's stylesheet paints that class from its design tokens. The
//! same pass covers the few shapes the charts write themselves.

use super::svg::ROLES;

/// Writes `svg` to `out` with every `fill="#RRGGBB"` and `stroke="#RRGGBB"` of a swatch in
/// [`ROLES`] replaced by the class `fill-<role>` or `stroke-<role>`, added to the element's
/// own classes.
pub fn classes_into(out: &mut String, svg: &str) {
    // Every colour value starts with `#`: markup without one (labels, most shapes, which the
    // canvas writes with classes already) is written as it is.
    if memchr::memchr(b'#', svg.as_bytes()).is_none() {
        out.push_str(svg);
        return;
    }
    let mut rest = svg;
    // The attributes a tag drops, kept between tags so that none needs a list of its own.
    let mut dropped = Vec::new();
    while let Some(start) = memchr::memchr(b'<', rest.as_bytes()) {
        out.push_str(&rest[..start]);
        let end = memchr::memchr(b'>', &rest.as_bytes()[start..]).map_or(rest.len(), |e| start + e + 1);
        tag(&rest[start..end], out, &mut dropped);
        rest = &rest[end..];
    }
    out.push_str(rest);
}

/// Where an element's own classes are, found with one searcher made once.
static CLASS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b" class=\""));

/// The colour attributes a tag may have, by the name before their `="#`, and the paint each
/// names, fills first.
const PAINTS: [(&str, &str); 2] = [(" fill", "fill"), (" stroke", "stroke")];

/// The byte range of an attribute a tag leaves out, its paint (an index into [`PAINTS`]) and
/// its role.
type Dropped = (usize, usize, usize, &'static str);

/// Writes one tag, `<…>`, to `out` with its colour attributes made classes: each known one
/// is left out and its class added to the element's own (fills first), or to a new `class`.
/// `dropped` is room for the attributes left out, emptied first.
fn tag(text: &str, out: &mut String, dropped: &mut Vec<Dropped>) {
    // Byte ranges of the attributes to leave out, in order, with their paint and role. One
    // search for `="#`, the start of every colour value, then a look at the name before it.
    dropped.clear();
    let bytes = text.as_bytes();
    // `#` is rare in a tag and found without a searcher to set up, which a tag would not repay.
    for hash in memchr::memchr_iter(b'#', bytes) {
        let Some(at) = hash.checked_sub(2).filter(|&at| &bytes[at..hash] == b"=\"") else { continue };
        let before = &text[..at];
        let Some(paint) = PAINTS.iter().position(|(name, _)| before.ends_with(name)) else { continue };
        // The value, `RRGGBB"`, names a swatch of ours or is left as written.
        let Some(role) = text.get(at + 3..at + 10).and_then(role_of) else { continue };
        dropped.push((at - PAINTS[paint].0.len(), at + 10, paint, role));
    }
    if dropped.is_empty() {
        out.push_str(text);
        return;
    }
    // Where the classes go: into the element's `class`, else right after its name, which
    // ends before any attribute and so before anything left out.
    let (insert_at, own) = match CLASS.find(bytes) {
        Some(at) => {
            let value = at + " class=\"".len();
            (value + text[value..].find('"').unwrap_or(0), true)
        }
        None => (text.find([' ', '/', '>']).unwrap_or(text.len()), false),
    };
    // The classes, fills first, each `fill-<role>` or `stroke-<role>`.
    let classes = |out: &mut String| {
        let each = PAINTS.iter().enumerate().flat_map(|(p, (_, paint))| {
            dropped.iter().filter(move |d| d.2 == p).map(move |&(_, _, _, role)| (paint, role))
        });
        for (n, (paint, role)) in each.enumerate() {
            if n > 0 {
                out.push(' ');
            }
            out.push_str(paint);
            out.push('-');
            out.push_str(role);
        }
    };
    let insert = |out: &mut String| {
        if own {
            out.push(' ');
            classes(out);
        } else {
            out.push_str(" class=\"");
            classes(out);
            out.push('"');
        }
    };
    let (mut done, mut inserted) = (0, false);
    for &(start, end, _, _) in dropped.iter() {
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

    fn classes(svg: &str) -> String {
        let mut out = String::new();
        classes_into(&mut out, svg);
        out
    }

    #[test]
    fn colours_become_classes_next_to_the_elements_own() {
        let svg = r##"<rect x="1" fill="#0F5E6E" stroke="none"/><path class="band" d="M0" fill="#1a7f37" fill-opacity="0.18"/>"##;
        assert_eq!(
            classes(svg),
            r#"<rect class="fill-accent" x="1" stroke="none"/><path class="band fill-on-track" d="M0" fill-opacity="0.18"/>"#
        );
    }

    #[test]
    fn fills_come_first_and_other_values_with_a_hash_are_left_alone() {
        let svg = r##"<a href="#pain-1"><rect stroke="#D9DEE5" fill-opacity="#0F5E6E" fill="#0F5E6E" data-x="#1a7f37"/></a>"##;
        assert_eq!(
            classes(svg),
            r##"<a href="#pain-1"><rect class="fill-accent stroke-grid" fill-opacity="#0F5E6E" data-x="#1a7f37"/></a>"##
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

    #[test]
    fn markup_without_a_colour_value_is_written_as_it_is() {
        // No `#` anywhere: the tags are not looked at, and a tag left open at the end stays.
        for svg in [r#"<text class="stage" x="1.5">a &amp; b</text><rect fill="none"/>"#, "<g>ok</g><rect x=\"1", ""] {
            let mut out = String::from("before ");
            classes_into(&mut out, svg);
            assert_eq!(out, format!("before {svg}"));
        }
    }
}
