//! What plotters draws on: SVG shapes written straight into a string, each colour of ours as
//! the class naming its role ([`ROLES`]), as [`super::paint::classes_into`] makes it of any other
//! markup. A journey page draws a few hundred shapes across its charts; writing each shape's
//! attributes once, in place, costs a fraction of writing colours and then rewriting them.
//!
//! Shapes are written as SVG's own elements, attributes in a fixed order: `<rect>`,
//! `<polyline>`, `<polygon>`, `<circle>` and `<line>`, coordinates in whole pixels, then
//! `opacity`, the paint and the stroke's width. A colour that is not a swatch of ours stays a
//! `fill` or `stroke` attribute.

use std::convert::Infallible;
use std::fmt::Write;

use plotters_backend::{BackendColor, BackendCoord, BackendStyle, DrawingBackend, DrawingErrorKind};

use super::svg::ROLES;

/// An SVG canvas of a given size, drawing into a string: its shapes, one a line, each line
/// starting with a line break.
pub struct Canvas<'a> {
    size: (u32, u32),
    out: &'a mut String,
}

/// How a shape uses its colour.
#[derive(Clone, Copy, PartialEq)]
enum Paint {
    Fill,
    Stroke,
}

impl<'a> Canvas<'a> {
    /// A canvas that draws at the end of `out`, starting a line.
    pub fn new(out: &'a mut String, width: u32, height: u32) -> Canvas<'a> {
        out.push('\n');
        Canvas { size: (width, height), out }
    }

    /// Starts the element `name` with its colour's class, or `None` when the colour is not a
    /// swatch of ours and must be written as an attribute. Nothing is drawn of a transparent
    /// colour.
    fn open(&mut self, name: &str, color: BackendColor, paint: Paint) -> Option<Option<&'static str>> {
        if color.alpha == 0.0 {
            return None;
        }
        self.out.push('<');
        self.out.push_str(name);
        let role = ROLES.iter().find(|(s, _)| (s.0, s.1, s.2) == color.rgb).map(|(_, role)| *role);
        if let Some(role) = role {
            let paint = if paint == Paint::Fill { "fill" } else { "stroke" };
            for part in [" class=\"", paint, "-", role, "\""] {
                self.out.push_str(part);
            }
        }
        Some(role)
    }

    /// ` name="n"`.
    fn number(&mut self, name: &str, n: impl itoa::Integer) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.out.push_str(itoa::Buffer::new().format(n));
        self.out.push('"');
    }

    /// ` opacity="a"`, written as `{}` writes the number.
    fn opacity(&mut self, alpha: f64) {
        if alpha == 1.0 {
            self.out.push_str(" opacity=\"1\"");
        } else {
            let _ = write!(self.out, " opacity=\"{alpha}\"");
        }
    }

    /// ` name="#RRGGBB"` for a colour with no role, or `value` where the shape leaves that
    /// paint out (`none`); nothing for a colour written as a class.
    fn paint(&mut self, name: &str, color: BackendColor, role: Option<&str>, used: bool) {
        match (used, role) {
            (true, Some(_)) => {}
            (true, None) => {
                let (r, g, b) = color.rgb;
                let _ = write!(self.out, " {name}=\"#{r:02X}{g:02X}{b:02X}\"");
            }
            (false, _) => {
                let _ = write!(self.out, " {name}=\"none\"");
            }
        }
    }

    fn points(&mut self, path: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        let mut digits = itoa::Buffer::new();
        for (x, y) in path {
            self.out.push_str(digits.format(x));
            self.out.push(',');
            self.out.push_str(digits.format(y));
            self.out.push(' ');
        }
        self.out.push('"');
    }

    fn close(&mut self) {
        self.out.push_str("/>\n");
    }
}

impl DrawingBackend for Canvas<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<Infallible>> {
        let Some(role) = self.open("rect", color, Paint::Fill) else { return Ok(()) };
        self.number("x", x);
        self.number("y", y);
        self.out.push_str(" width=\"1\" height=\"1\" stroke=\"none\"");
        self.opacity(color.alpha);
        self.paint("fill", color, role, true);
        self.close();
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let color = style.color();
        let Some(role) = self.open("line", color, Paint::Stroke) else { return Ok(()) };
        self.opacity(color.alpha);
        self.paint("stroke", color, role, true);
        self.number("stroke-width", style.stroke_width());
        self.number("x1", from.0);
        self.number("y1", from.1);
        self.number("x2", to.0);
        self.number("y2", to.1);
        self.close();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let color = style.color();
        let paint = if fill { Paint::Fill } else { Paint::Stroke };
        let Some(role) = self.open("rect", color, paint) else { return Ok(()) };
        self.number("x", x0);
        self.number("y", y0);
        self.number("width", x1 - x0);
        self.number("height", y1 - y0);
        self.opacity(color.alpha);
        self.paint("fill", color, role, fill);
        self.paint("stroke", color, role, !fill);
        self.close();
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let color = style.color();
        let Some(role) = self.open("polyline", color, Paint::Stroke) else { return Ok(()) };
        self.out.push_str(" fill=\"none\"");
        self.opacity(color.alpha);
        self.paint("stroke", color, role, true);
        self.number("stroke-width", style.stroke_width());
        self.points(path);
        self.close();
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let color = style.color();
        let Some(role) = self.open("polygon", color, Paint::Fill) else { return Ok(()) };
        self.opacity(color.alpha);
        self.paint("fill", color, role, true);
        self.points(path);
        self.close();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let color = style.color();
        let paint = if fill { Paint::Fill } else { Paint::Stroke };
        let Some(role) = self.open("circle", color, paint) else { return Ok(()) };
        self.number("cx", x);
        self.number("cy", y);
        self.number("r", radius);
        self.opacity(color.alpha);
        self.paint("fill", color, role, fill);
        self.paint("stroke", color, role, !fill);
        self.number("stroke-width", style.stroke_width());
        self.close();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use plotters::element::DashedPathElement;
    use plotters::prelude::*;

    use super::*;
    use crate::charts::svg;

    /// Every kind of shape the charts draw, in swatches of ours, in a colour of no role, half
    /// transparent and wholly transparent.
    fn shapes<DB: DrawingBackend>(root: &DrawingArea<DB, plotters::coord::Shift>) {
        let other = RGBColor(0x12, 0x34, 0x56);
        for colour in [svg::ACCENT.rgb(), svg::EMOTION[4].rgb(), other] {
            let faint = colour.mix(0.5);
            root.draw(&Rectangle::new([(1, 2), (30, 40)], colour.filled())).unwrap();
            root.draw(&Rectangle::new([(3, 4), (50, 60)], ShapeStyle::from(colour).stroke_width(2))).unwrap();
            root.draw(&Rectangle::new([(3, 4), (50, 60)], faint.filled())).unwrap();
            root.draw(&PathElement::new(vec![(0, 0), (10, 20), (30, -5)], ShapeStyle::from(colour).stroke_width(3)))
                .unwrap();
            root.draw(&DashedPathElement::new(vec![(0, 10), (100, 10)], 3, 3, colour)).unwrap();
            root.draw(&Circle::new((7, 8), 4, colour.filled())).unwrap();
            root.draw(&Circle::new((7, 8), 5, ShapeStyle::from(faint).stroke_width(2))).unwrap();
            root.draw(&Polygon::new(vec![(0, 0), (5, 9), (9, 0)], colour.filled())).unwrap();
            root.draw(&Rectangle::new([(1, 1), (2, 2)], colour.mix(0.0).filled())).unwrap();
        }
    }

    #[test]
    fn draws_what_plotters_svg_backend_drew_with_its_colours_made_classes() {
        let mut theirs = String::new();
        {
            let root = SVGBackend::with_string(&mut theirs, (100, 80)).into_drawing_area();
            shapes(&root);
            root.present().unwrap();
        }
        // Between the opening `<svg …>` and the closing `</svg>`, as charts keep it.
        let body = &theirs[theirs.find('>').unwrap() + 1..theirs.rfind("</svg>").unwrap()];
        let mut ours = String::new();
        {
            let root = Canvas::new(&mut ours, 100, 80).into_drawing_area();
            shapes(&root);
            root.present().unwrap();
        }
        let mut classed = String::new();
        crate::charts::paint::classes_into(&mut classed, body);
        assert_eq!(ours, classed);
        assert!(ours.contains("<rect class=\"fill-accent\"") && ours.contains("class=\"stroke-emotion-5\""), "{ours}");
        assert!(ours.contains("fill=\"#123456\"") && ours.contains("opacity=\"0.5\""), "{ours}");
    }
}
