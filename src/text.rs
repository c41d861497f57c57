//! Text every output step writes the same way: HTML escaping (pages and SVG charts alike)
//! and whole numbers with their digits grouped. It sits below the pipeline so that metrics,
//! charts and pages share one spelling.

/// Escapes text for HTML text and quoted attributes: `& < > " '`. Unlike Tera's default it
/// leaves `/` alone, so URLs in the output stay readable.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Copies the runs between special characters whole; most text has none.
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
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out
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
