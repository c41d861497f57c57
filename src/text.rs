//! Text every output step writes the same way: HTML escaping (pages and SVG charts alike),
//! numbers with a fixed count of decimals, and whole numbers with their digits grouped. It sits below the pipeline so that metrics,
//! charts and pages share one spelling.

/// Escapes text for HTML text and quoted attributes: `& < > " '`. Unlike Tera's default it
/// leaves `/` alone, so URLs in the output stay readable.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_html_into(&mut out, text);
    out
}

/// `text` escaped as [`escape_html`] escapes it, written where it is formatted (`write!`,
/// `format!`) without a string of its own.
pub struct Escaped<'a>(pub &'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        escaped_pieces(self.0, |piece| f.write_str(piece))
    }
}

/// [`escape_html`], written at the end of `out`: markup made piece by piece escapes its
/// texts without a string of their own each.
pub fn escape_html_into(out: &mut String, text: &str) {
    let pushed: Result<(), std::convert::Infallible> = escaped_pieces(text, |piece| {
        out.push_str(piece);
        Ok(())
    });
    let Ok(()) = pushed;
}

/// Gives `text` escaped to `write` in pieces: the runs between special characters whole (most
/// text has none), and each special character's entity.
fn escaped_pieces<E>(text: &str, mut write: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        write(&text[start..i])?;
        write(entity)?;
        start = i + 1;
    }
    write(&text[start..])
}

/// `value` with `decimals` digits after the point, as `format!("{value:.decimals$}")` writes
/// it (the standard formatter's width and fill do not apply). Chart coordinates and most
/// measured values have few decimals: when `value` scaled by 10^`decimals` is a whole number,
/// or clearly nearer one whole number than the next, that number is the rounded one and is
/// written as an integer, with the point put in; the standard formatter, which reaches the
/// same digits the long way (a big-number division for such values), writes the rest: values
/// at a half, or too large.
#[derive(Clone, Copy)]
pub struct Fixed(pub f64, pub usize);

impl std::fmt::Display for Fixed {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let Fixed(value, decimals) = *self;
        // Below 2^53 every whole f64 is exact; -0.0 keeps its sign the long way.
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if decimals <= 9 {
            let scaled = value * 10u64.pow(decimals as u32) as f64;
            // The product is within a few units in its last place of `value` scaled exactly:
            // where it is that much clear of a half, the exact value rounds to the same whole
            // number, so a label's coordinate (rarely a whole number of tenths) takes this way too.
            let half = (scaled - scaled.floor() - 0.5).abs();
            let rounded = match scaled.fract() == 0.0 {
                true => Some(scaled),
                false => (half > scaled.abs() * f64::EPSILON * 8.0).then(|| scaled.round()),
            };
            if let Some(rounded) = rounded.filter(|r| r.abs() < EXACT && (scaled != 0.0 || value.is_sign_positive())) {
                // Digits from the right, the point after `decimals` of them, and at least one
                // digit before it: at most 16 digits, the point and the sign.
                let (mut n, mut buf, mut at, mut written) = (rounded.abs() as u64, [0u8; 20], 20, 0);
                loop {
                    if written == decimals && decimals > 0 {
                        at -= 1;
                        buf[at] = b'.';
                    }
                    at -= 1;
                    buf[at] = b'0' + (n % 10) as u8;
                    n /= 10;
                    written += 1;
                    if n == 0 && written > decimals {
                        break;
                    }
                }
                if scaled < 0.0 {
                    at -= 1;
                    buf[at] = b'-';
                }
                return f.write_str(std::str::from_utf8(&buf[at..]).expect("ASCII digits"));
            }
        }
        write!(f, "{value:.decimals$}")
    }
}

/// A whole number with thousands separators: `120000` → `120,000`.
pub fn thousands(n: f64) -> String {
    let digits = format!("{:.0}", n.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0.0 && digits != "0" {
        out.push('-');
    }
    group_digits(&digits, &mut out);
    out
}

/// Appends the ASCII `digits` to `out` with a comma before each group of three from the right.
pub fn group_digits(digits: &str, out: &mut String) {
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_writes_what_the_standard_formatter_writes() {
        let mut values =
            vec![0.0, -0.0, 0.05, 0.25, 0.35, -0.25, 2.5, 12.25, 72.4, -1.5e-9, 1e300, f64::NAN, f64::INFINITY];
        values.extend([-f64::INFINITY, 9_007_199_254_740_993.0, 123_456.789, 0.1 + 0.2, 1.0 / 3.0, -7.0]);
        // Next to a half once scaled, either side, where only the exact value tells the way.
        values.extend([
            0.15,
            0.45,
            -0.45,
            1.005,
            2.675,
            1.0 + f64::EPSILON,
            0.5 - f64::EPSILON / 4.0,
            4.35,
            1e15 + 0.5,
        ]);
        // Every tenth and hundredth from -20 to 20, as sums and as quotients, and odd values
        // from a simple generator.
        for i in -2000..=2000 {
            values.extend([i as f64 / 10.0, i as f64 / 100.0, i as f64 * 0.01, i as f64 * 0.1 + 0.05]);
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push((x % 2_000_000) as f64 / 997.0 - 1000.0);
        }
        for v in values {
            for d in 0..=10 {
                assert_eq!(Fixed(v, d).to_string(), format!("{v:.d$}"), "{v:?} to {d} decimals");
            }
        }
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(120000.0), "120,000");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(-1234567.0), "-1,234,567");
        assert_eq!(thousands(0.0), "0");
    }

    #[test]
    fn escapes_markup_but_not_slashes() {
        assert_eq!(escape_html(r#"<a href="x">'&'</a>/"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;/");
        // Other scripts around special characters, and text with none.
        assert_eq!(escape_html("café \"ok\" ร้าน"), "café &quot;ok&quot; ร้าน");
        assert_eq!(escape_html("x'"), "x&#39;");
        assert_eq!(escape_html("plain ร้าน"), "plain ร้าน");
        assert_eq!(escape_html(""), "");
    }
}
