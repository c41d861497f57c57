//! What every chart shares: drawing with plotters into an SVG string, the palette that the
//! theme's CSS maps to its own colours, and the accessible frame (`role`, `<title>`, `<desc>`).
//!
//! plotters draws shapes and numbers. Text written by users (stage names, titles) is added as
//! an escaped overlay so it can carry a `<title>` tooltip with the full label, and links where
//! a chart needs them; plotters has neither.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::canvas::Canvas;

use crate::model::MetricStatus;
use crate::text::{Escaped, Fixed};

/// A colour plotters draws with. It never reaches the page: [`frame`] swaps every
/// `fill="#…"` and `stroke="#…"` for a class naming the swatch's role (`fill-accent`,
/// `stroke-grid`, see [`ROLES`]), which the theme's stylesheet paints from its design tokens,
/// so light, dark and custom themes restyle every chart. Each swatch's value only has to be
/// unique, so its role can be told back from plotters' output.
pub struct Swatch(pub u8, pub u8, pub u8);

impl Swatch {
    pub const fn rgb(&self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }
}

pub const MUTED: Swatch = Swatch(0x56, 0x61, 0x70);
pub const GRID: Swatch = Swatch(0xD9, 0xDE, 0xE5);
pub const SURFACE: Swatch = Swatch(0xFF, 0xFF, 0xFE);
pub const ACCENT: Swatch = Swatch(0x0F, 0x5E, 0x6E);
pub const COMPARE: Swatch = Swatch(0xB3, 0x58, 0x06);
pub const WARN: Swatch = Swatch(0xB2, 0x18, 0x2C);
pub const TARGET: Swatch = Swatch(0x56, 0x61, 0x71);
/// Emotion 1 (very negative) to 5 (very positive): a red–blue diverging scale.
pub const EMOTION: [Swatch; 5] = [
    Swatch(0xB2, 0x18, 0x2B),
    Swatch(0xD6, 0x60, 0x4D),
    Swatch(0x8C, 0x8C, 0x8C),
    Swatch(0x43, 0x93, 0xC3),
    Swatch(0x21, 0x66, 0xAC),
];
/// Status colours: on track, at risk, off track.
pub const STATUS: [Swatch; 3] = [Swatch(0x1A, 0x7F, 0x37), Swatch(0x9A, 0x67, 0x00), Swatch(0xC4, 0x31, 0x4B)];
/// The series of a chart of several journeys (Okabe–Ito, apart for colour-blind readers).
pub const SERIES: [Swatch; 6] = [
    Swatch(0x00, 0x72, 0xB2),
    Swatch(0xD5, 0x5E, 0x00),
    Swatch(0x00, 0x9E, 0x73),
    Swatch(0xCC, 0x79, 0xA7),
    Swatch(0x56, 0xB4, 0xE9),
    Swatch(0xE6, 0x9F, 0x00),
];

/// Every swatch and the role that names it in a chart's classes.
pub const ROLES: [(&Swatch, &str); 21] = [
    (&MUTED, "muted"),
    (&GRID, "grid"),
    (&SURFACE, "surface"),
    (&ACCENT, "accent"),
    (&COMPARE, "compare"),
    (&WARN, "warn"),
    (&TARGET, "target"),
    (&EMOTION[0], "emotion-1"),
    (&EMOTION[1], "emotion-2"),
    (&EMOTION[2], "emotion-3"),
    (&EMOTION[3], "emotion-4"),
    (&EMOTION[4], "emotion-5"),
    (&STATUS[0], "on-track"),
    (&STATUS[1], "at-risk"),
    (&STATUS[2], "off-track"),
    (&SERIES[0], "series-1"),
    (&SERIES[1], "series-2"),
    (&SERIES[2], "series-3"),
    (&SERIES[3], "series-4"),
    (&SERIES[4], "series-5"),
    (&SERIES[5], "series-6"),
];

/// The level of an emotion score, 1 to 5: the nearest whole score, for its colour (the
/// classes `e1`…`e5`) and its words.
pub fn emotion_level(score: f64) -> u8 {
    score.round().clamp(1.0, 5.0) as u8
}

/// The colour for an emotion score.
pub fn emotion(score: f64) -> &'static Swatch {
    &EMOTION[usize::from(emotion_level(score)) - 1]
}

/// The colour for a status; muted without one.
pub fn status(status: Option<MetricStatus>) -> &'static Swatch {
    match status {
        Some(MetricStatus::OnTrack) => &STATUS[0],
        Some(MetricStatus::AtRisk) => &STATUS[1],
        Some(MetricStatus::OffTrack) => &STATUS[2],
        None => &MUTED,
    }
}

/// The drawing result plotters hands back.
pub type Drawn = Result<(), DrawingAreaErrorKind<std::convert::Infallible>>;

/// Draws with plotters on a `width` × `height` canvas and returns the SVG body (no frame).
pub fn draw(width: u32, height: u32, paint: impl FnOnce(&DrawingArea<Canvas, Shift>) -> Drawn) -> String {
    let mut out = String::new();
    {
        let root = Canvas::new(&mut out, width, height).into_drawing_area();
        // Drawing into a string cannot fail; a failure would be a bug in a chart.
        let drawn = paint(&root).and_then(|()| root.present());
        debug_assert!(drawn.is_ok(), "{drawn:?}");
    }
    out
}

/// A finished chart: the accessible frame around plotters' drawing and the text overlay.
pub fn frame(id: &str, width: u32, height: u32, title: &str, desc: &str, body: &str, overlay: &str) -> String {
    framed("img", id, width, height, title, desc, body, overlay)
}

/// A chart whose parts are links: an image role would hide them from assistive technology,
/// so it is a labelled group instead.
pub fn interactive_frame(
    id: &str,
    width: u32,
    height: u32,
    title: &str,
    desc: &str,
    body: &str,
    overlay: &str,
) -> String {
    framed("group", id, width, height, title, desc, body, overlay)
}

#[allow(clippy::too_many_arguments)]
fn framed(role: &str, id: &str, width: u32, height: u32, title: &str, desc: &str, body: &str, overlay: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(body.len() + overlay.len() + desc.len() + 512);
    let _ = write!(
        out,
        "<svg class=\"chart\" id=\"{id}\" role=\"{role}\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        Escaped(title),
        Escaped(desc)
    );
    super::paint::classes_into(&mut out, body);
    out.push_str("<g class=\"labels\">");
    super::paint::classes_into(&mut out, overlay);
    out.push_str("</g></svg>");
    out
}

/// Where a label sits and how it reads.
pub struct Label<'a> {
    pub x: f64,
    pub y: f64,
    pub text: &'a str,
    /// The room it has, in pixels; longer text is cut with `…` and the full text is a tooltip.
    pub width: f64,
    pub size: f64,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// Rotate by −90° (reading upwards) when the labels are too many to lie flat.
    pub vertical: bool,
    pub class: &'static str,
}

/// An SVG `<text>` for `label`, escaped, cut to fit, with the full text as its tooltip.
pub fn label(l: &Label) -> String {
    use std::fmt::Write;
    let (x, y) = (Fixed(l.x, 1), Fixed(l.y, 1));
    let mut out = String::with_capacity(128 + 2 * l.text.len());
    for part in ["<text class=\"", l.class, "\" x=\""] {
        out.push_str(part);
    }
    let _ = write!(out, "{x}\" y=\"{y}");
    out.push_str("\" font-size=\"");
    // A whole size, as sizes are, is written as `{}` writes it: with no point.
    match l.size.fract() == 0.0 && l.size > 0.0 && l.size < 1e15 {
        true => out.push_str(itoa::Buffer::new().format(l.size as i64)),
        false => {
            let _ = write!(out, "{}", l.size);
        }
    }
    for part in ["\" text-anchor=\"", l.anchor, "\""] {
        out.push_str(part);
    }
    if l.vertical {
        let _ = write!(out, " transform=\"rotate(-90 {x} {y})\"");
    }
    out.push('>');
    let shown = fit(l.text, l.width, l.size);
    if shown != l.text {
        out.push_str("<title>");
        crate::text::escape_html_into(&mut out, l.text);
        out.push_str("</title>");
    }
    crate::text::escape_html_into(&mut out, &shown);
    out.push_str("</text>");
    out
}

/// A stage name under a chart's column: centred, or reading upwards when there are too many
/// columns for names to lie flat.
pub fn stage_label(x: f64, y: f64, text: &str, room: f64, vertical: bool) -> String {
    label(&Label {
        x,
        y,
        text,
        width: room,
        size: 12.0,
        anchor: if vertical { "end" } else { "middle" },
        vertical,
        class: "stage",
    })
}

/// Roughly how wide `text` is at `size` px: Latin letters about half an em, other scripts and
/// emoji about a full em, combining marks (Thai vowels and tone marks above and below a
/// consonant) and joiners nothing. Good enough to keep labels apart without a font at hand.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                0.56
            } else if takes_no_room(c) {
                0.0
            } else {
                1.0
            }
        })
        .sum::<f64>()
        * size
}

/// Marks that sit on another character, and format characters such as the zero-width joiner.
fn takes_no_room(c: char) -> bool {
    use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
    let category = icu_properties::CodePointMapData::<GeneralCategory>::new().get(c);
    GeneralCategoryGroup::Mark.contains(category) || category == GeneralCategory::Format
}

/// `text` cut with `…` so it fits `width` at `size`, at a word boundary (Thai words too,
/// which have no spaces between them); whole when it fits.
pub fn fit(text: &str, width: f64, size: f64) -> std::borrow::Cow<'_, str> {
    if text_width(text, size) <= width {
        return text.into();
    }
    crate::i18n::words::shorten(text, |candidate| text_width(candidate, size) <= width).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_cut_with_a_tooltip() {
        let l = Label {
            x: 0.0,
            y: 0.0,
            text: "<b>A very long stage name indeed</b>",
            width: 60.0,
            size: 12.0,
            anchor: "middle",
            vertical: false,
            class: "x",
        };
        let svg = label(&l);
        assert!(svg.contains("<title>&lt;b&gt;A very long stage name indeed&lt;/b&gt;</title>"), "{svg}");
        assert!(svg.contains('…'));
        assert!(!svg.contains("<b>"));
    }

    #[test]
    fn short_labels_are_whole() {
        assert_eq!(fit("Trial", 100.0, 12.0), "Trial");
        assert!(text_width("การรับรู้", 10.0) < text_width("การรับรู้xxxxx", 10.0));
        assert_eq!(text_width("รู้", 10.0), 10.0, "the vowel and tone mark take no room");
    }

    #[test]
    fn long_thai_labels_are_cut_between_words() {
        let name = "มีแพ็กเกจมากเกินไปจนเลือกไม่ถูก";
        let shown = fit(name, 90.0, 12.0);
        let head = shown.strip_suffix('…').unwrap();
        assert!(crate::i18n::words::boundaries(name).contains(&head.len()), "{shown}");
        assert!(text_width(&shown, 12.0) <= 90.0);
    }
}
