//! `journeybook.yaml` (SPEC §2).

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::action::Word;
use crate::model::{Config, Direction, MetricDefinition, Unit};
use crate::project::fields::Fields;
use crate::project::yaml;

/// Keys `journeybook.yaml` may have.
pub const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "output",
    "currency",
    "at_risk_band",
    "build_drafts",
    "max_file_size",
    "metrics",
    "lanes",
    "custom_lanes",
    "link_schemes",
    "slugify",
    "calendar",
    "stale_after",
    "surveys",
    "event_logs",
    "extra",
];
/// Keys of a custom metric definition.
pub const METRIC_KEYS: &[&str] = &["id", "name", "unit", "direction", "description"];

/// Reads the configuration; every key has a default, so a bad key still yields a config.
pub fn parse(text: &str, file: &str, diagnostics: &mut Diagnostics) -> Config {
    let mut config = Config::default();
    let root = match yaml::parse(text, file, 0) {
        Ok(root) => root,
        Err(errors) => {
            errors.into_iter().for_each(|d| diagnostics.push(d));
            return config;
        }
    };
    if root.is_null() {
        return config;
    }
    let Some(mut f) = Fields::new(&root, file, "the site configuration", KEYS, diagnostics) else {
        return config;
    };
    let strings: [(&str, &mut String); 6] = [
        ("title", &mut config.title),
        ("description", &mut config.description),
        ("base_url", &mut config.base_url),
        ("theme", &mut config.theme),
        ("output", &mut config.output),
        ("currency", &mut config.currency),
    ];
    for (key, slot) in strings {
        if let Some(value) = f.string(key) {
            *slot = value.value;
        }
    }
    if let Some(theme) = f.get("theme") {
        config.theme_pos = theme.span();
    }
    if let Some(node) = f.get("currency") {
        let c = &config.currency;
        if !(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())) {
            f.error(
                "E023",
                node.span(),
                format!("`currency` must be an ISO 4217 code such as `USD` or `EUR`, found `{c}`"),
            );
        }
    }
    if let Some(band) = f.number("at_risk_band", 0.0..=1.0) {
        config.at_risk_band = band.value;
    }
    if let Some(days) = f.count("stale_after") {
        config.stale_after = days.value;
    }
    if let Some(drafts) = f.bool("build_drafts") {
        config.build_drafts = drafts;
    }
    if let Some(mib) = f.number("max_file_size", 1.0..=1024.0) {
        config.max_file_size = mib.value.round() as u64;
    }
    if let Some(tag) = f.language("language") {
        config.language = tag;
    }
    if let Some(slugify) = f.word("slugify") {
        config.slugify = slugify;
    }
    if let Some(calendar) = f.word("calendar") {
        config.calendar = calendar;
    }
    if let Some(node) = f.get("base_url") {
        if !valid_base_url(&config.base_url) {
            let found = config.base_url.clone();
            f.error(
                "E023",
                node.span(),
                format!("`base_url` must be a path such as `/playbook/` or an http(s) URL, found `{found}`"),
            );
            config.base_url = "/".into();
        }
    }
    if let Some(node) = f.get("metrics") {
        config.metrics = metric_definitions(node, file, f.diagnostics);
    }
    config.lanes = super::lanes::order(&mut f);
    config.custom_lanes = super::lanes::declarations(&mut f);
    if let Some(node) = f.get("link_schemes") {
        config.link_schemes = link_schemes(node, file, f.diagnostics);
    }
    if let Some(node) = f.get("surveys") {
        config.surveys = super::research_config::surveys(node, file, f.diagnostics);
    }
    if let Some(node) = f.get("event_logs") {
        config.event_logs = super::research_config::event_logs(node, file, f.diagnostics);
    }
    config.extra = f.extra();
    f.finish();
    config
}

fn metric_definitions(node: &yaml::Node, file: &str, diagnostics: &mut Diagnostics) -> Vec<MetricDefinition> {
    let Some(items) = node.as_seq() else {
        diagnostics.push(node.wrong_type(file, "metrics", "a list of metric definitions"));
        return Vec::new();
    };
    let mut out: Vec<MetricDefinition> = Vec::new();
    for item in items {
        let Some(mut f) = Fields::new(item, file, "a metric definition", METRIC_KEYS, diagnostics) else { continue };
        let metric_id = f.required_string("id");
        let name = f.required_string("name");
        let unit = f.word::<Unit>("unit");
        let direction = f.word::<Direction>("direction");
        if f.get("unit").is_none() {
            let pos = f.pos();
            f.error("E021", pos, format!("missing required `unit` (one of {})", Unit::words().join(", ")));
        }
        let description = f.string("description").map(|s| s.value).unwrap_or_default();
        f.finish();
        let Some(metric_id) = metric_id else { continue };
        if !is_metric_id(&metric_id.value) {
            diagnostics.push(Diagnostic::error(
                "E030",
                file,
                metric_id.span(),
                format!("`{}` is not a valid metric id: use a-z, 0-9 and _, starting with a letter", metric_id.value),
            ));
            continue;
        }
        if crate::metrics::catalogue::builtin(&metric_id.value).is_some() || out.iter().any(|m| m.id == metric_id.value)
        {
            diagnostics.push(Diagnostic::error(
                "E031",
                file,
                metric_id.span(),
                format!("metric `{}` is already defined", metric_id.value),
            ));
            continue;
        }
        out.push(MetricDefinition {
            id: metric_id.value,
            name: name.map(|n| n.value).unwrap_or_default(),
            unit: unit.unwrap_or_default(),
            direction: direction.unwrap_or_default(),
            description,
        });
    }
    out
}

/// The extra link schemes: each a URL scheme (`slack`, `zoommtg`, without `:`), never one
/// that runs script or carries a document (`javascript`, `data`, `vbscript`).
fn link_schemes(node: &yaml::Node, file: &str, diagnostics: &mut Diagnostics) -> Vec<String> {
    let Some(items) = node.as_seq() else {
        diagnostics.push(node.wrong_type(file, "link_schemes", "a list of URL schemes"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Some(text) = item.as_text() else {
            let found = item.kind();
            diagnostics.push(Diagnostic::error(
                "E022",
                file,
                item.pos,
                format!("items of `link_schemes` must be strings, found {found}"),
            ));
            continue;
        };
        let scheme = text.trim_end_matches(':').to_ascii_lowercase();
        let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b));
        let message = if crate::markdown::links::FORBIDDEN_SCHEMES.contains(&scheme.as_str()) {
            format!("`link_schemes` cannot allow `{scheme}:`: its links can run script or carry a page of their own")
        } else if !valid {
            format!("`link_schemes` lists `{text}`, which is not a URL scheme: use letters, digits, `+`, `.` and `-`")
        } else {
            out.push(scheme);
            continue;
        };
        diagnostics.push(Diagnostic::error("E023", file, item.pos, message));
    }
    out.sort();
    out.dedup();
    out
}

/// Metric ids follow the catalogue's style: `a-z`, `0-9` and `_`, starting with a letter.
pub fn is_metric_id(text: &str) -> bool {
    text.len() <= 64
        && text.starts_with(|c: char| c.is_ascii_lowercase())
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A path of URL-safe characters starting with `/`, or an `http(s)://` URL made of them.
pub fn valid_base_url(url: &str) -> bool {
    let safe = |s: &str| {
        s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/%:@!$&()*+,;=".contains(&b))
            && !s.split('/').any(|p| p == "..")
    };
    if let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) {
        return !rest.is_empty() && !rest.starts_with('/') && safe(rest);
    }
    url.starts_with('/') && !url.starts_with("//") && safe(url)
}

#[cfg(test)]
mod tests {
    use super::valid_base_url;

    #[test]
    fn base_urls() {
        for ok in [
            "/",
            "/playbook/",
            "/cx/play-book",
            "https://example.org",
            "https://example.org/cx/",
            "http://127.0.0.1:1111/",
        ] {
            assert!(valid_base_url(ok), "{ok}");
        }
        for bad in
            ["", "playbook", "javascript:alert(1)", "//evil.org", "/a/../b", "/\"><script>", "https:///x", "ftp://x"]
        {
            assert!(!valid_base_url(bad), "{bad}");
        }
    }
}
