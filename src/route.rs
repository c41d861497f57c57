//! Where every page of the site lives (SPEC §7): the folder below the base, the file written
//! there and the link to it. Pages, the search index, the sitemap, Markdown link targets,
//! charts, history pages, `diff` reports and the templates' `url()` function all ask here, so
//! an address is spelt once.
//!
//! It sits with the shared modules because the Markdown step and the charts link to pages
//! too, and both come before the page layer.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// What is encoded in a link: everything outside ASCII, controls, spaces and the characters
/// that cannot stand in a URL. `%` is kept, so a link written already encoded stays as it is.
const LINK: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'{').add(b'}').add(b'|');

/// Whether [`encode`] leaves `link` as it is: printable ASCII throughout, as most links are.
pub fn encoded_already(link: &[u8]) -> bool {
    link.iter().all(u8::is_ascii_graphic)
}

/// `link` percent-encoded as UTF-8 wherever it holds a character a URL cannot.
pub fn encode(link: &str) -> Cow<'_, str> {
    if encoded_already(link.as_bytes()) {
        return Cow::Borrowed(link);
    }
    Cow::Owned(utf8_percent_encode(link, LINK).to_string())
}

/// A page of the site. Ids are as the model holds them (NFC); list pages count from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    /// The playbook's front page.
    Home,
    /// The list of journeys, page `n`.
    Journeys(usize),
    /// A journey.
    Journey(&'a str),
    /// A stage of a journey: journey id, stage id.
    Stage(&'a str, &'a str),
    /// A journey's history across revisions (`build --history`).
    History(&'a str),
    /// Two journeys side by side, in either order: the page's address puts the smaller id first.
    Compare(&'a str, &'a str),
    /// The list of personas.
    Personas,
    /// A persona.
    Persona(&'a str),
    /// The list of notes, page `n`.
    Insights(usize),
    /// A note, by its path under `insights/`.
    Note(&'a str),
    /// The list of tags.
    Tags,
    /// A tag's page `n`, by the tag's address slug.
    Tag(&'a str, usize),
    /// Every metric.
    Metrics,
    /// Every pain point.
    PainPoints,
    /// Every opportunity.
    Opportunities,
    /// Opportunities by status and period.
    Roadmap,
    /// The page served for a missing address.
    NotFound,
}

impl Route<'_> {
    /// The folder below the site's base, ending in `/`, or empty for the front page and the
    /// 404 page: `journeys/snack-box/awareness/`. Not encoded: search and reports store it.
    pub fn dir(&self) -> String {
        match *self {
            Route::Home | Route::NotFound => String::new(),
            Route::Journeys(n) => list_dir("journeys/", n),
            Route::Journey(j) => ["journeys/", j, "/"].concat(),
            Route::Stage(j, s) => ["journeys/", j, "/", s, "/"].concat(),
            Route::History(j) => ["journeys/", j, "/history/"].concat(),
            Route::Compare(a, b) => {
                let (first, second) = if a <= b { (a, b) } else { (b, a) };
                ["compare/", first, "/", second, "/"].concat()
            }
            Route::Personas => "personas/".into(),
            Route::Persona(p) => ["personas/", p, "/"].concat(),
            Route::Insights(n) => list_dir("insights/", n),
            Route::Note(n) => ["insights/", n, "/"].concat(),
            Route::Tags => "tags/".into(),
            Route::Tag(slug, n) => list_dir(&["tags/", slug, "/"].concat(), n),
            Route::Metrics => "metrics/".into(),
            Route::PainPoints => "pain-points/".into(),
            Route::Opportunities => "opportunities/".into(),
            Route::Roadmap => "roadmap/".into(),
        }
    }

    /// The file the page is written to, below the output folder.
    pub fn file(&self) -> String {
        match self {
            Route::NotFound => "404.html".into(),
            _ => {
                let mut file = self.dir();
                file.push_str("index.html");
                file
            }
        }
    }

    /// The link to the page from any page of a site whose base is `base` (ending in `/`),
    /// percent-encoded.
    pub fn href(&self, base: &str) -> String {
        let dir = self.dir();
        let mut link = String::with_capacity(base.len() + dir.len());
        link.push_str(base);
        link.push_str(&dir);
        match encode(&link) {
            Cow::Borrowed(_) => link,
            Cow::Owned(encoded) => encoded,
        }
    }
}

/// The folder of list page `page` below `dir`: `dir` itself for page 1, `dir/page/N/` after.
fn list_dir(dir: &str, page: usize) -> String {
    if page <= 1 {
        dir.to_string()
    } else {
        format!("{dir}page/{page}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks a route's folder, file and link under the base `/pb/`.
    fn check(route: Route, dir: &str, file: &str, href: &str) {
        assert_eq!(route.dir(), dir, "{route:?}");
        assert_eq!(route.file(), file, "{route:?}");
        assert_eq!(route.href("/pb/"), href, "{route:?}");
    }

    #[test]
    fn home_and_not_found() {
        check(Route::Home, "", "index.html", "/pb/");
        check(Route::NotFound, "", "404.html", "/pb/");
    }

    #[test]
    fn journeys_list() {
        check(Route::Journeys(1), "journeys/", "journeys/index.html", "/pb/journeys/");
        check(Route::Journeys(3), "journeys/page/3/", "journeys/page/3/index.html", "/pb/journeys/page/3/");
    }

    #[test]
    fn journey() {
        check(
            Route::Journey("snack-box"),
            "journeys/snack-box/",
            "journeys/snack-box/index.html",
            "/pb/journeys/snack-box/",
        );
    }

    #[test]
    fn stage() {
        check(
            Route::Stage("snack-box", "awareness"),
            "journeys/snack-box/awareness/",
            "journeys/snack-box/awareness/index.html",
            "/pb/journeys/snack-box/awareness/",
        );
    }

    #[test]
    fn history() {
        check(Route::History("a"), "journeys/a/history/", "journeys/a/history/index.html", "/pb/journeys/a/history/");
    }

    #[test]
    fn compare_puts_the_smaller_id_first() {
        check(Route::Compare("b", "a"), "compare/a/b/", "compare/a/b/index.html", "/pb/compare/a/b/");
        assert_eq!(Route::Compare("a", "b").dir(), Route::Compare("b", "a").dir());
    }

    #[test]
    fn personas() {
        check(Route::Personas, "personas/", "personas/index.html", "/pb/personas/");
        check(Route::Persona("ops"), "personas/ops/", "personas/ops/index.html", "/pb/personas/ops/");
    }

    #[test]
    fn insights_and_notes() {
        check(Route::Insights(1), "insights/", "insights/index.html", "/pb/insights/");
        check(Route::Insights(2), "insights/page/2/", "insights/page/2/index.html", "/pb/insights/page/2/");
        check(
            Route::Note("2026/first"),
            "insights/2026/first/",
            "insights/2026/first/index.html",
            "/pb/insights/2026/first/",
        );
    }

    #[test]
    fn tags() {
        check(Route::Tags, "tags/", "tags/index.html", "/pb/tags/");
        check(Route::Tag("b2b", 1), "tags/b2b/", "tags/b2b/index.html", "/pb/tags/b2b/");
        check(Route::Tag("b2b", 2), "tags/b2b/page/2/", "tags/b2b/page/2/index.html", "/pb/tags/b2b/page/2/");
    }

    #[test]
    fn the_lists_of_evidence_and_action() {
        check(Route::Metrics, "metrics/", "metrics/index.html", "/pb/metrics/");
        check(Route::PainPoints, "pain-points/", "pain-points/index.html", "/pb/pain-points/");
        check(Route::Opportunities, "opportunities/", "opportunities/index.html", "/pb/opportunities/");
        check(Route::Roadmap, "roadmap/", "roadmap/index.html", "/pb/roadmap/");
    }

    #[test]
    fn links_are_percent_encoded_and_paths_are_not() {
        let route = Route::Stage("การสมัคร", "ก");
        assert_eq!(route.file(), "journeys/การสมัคร/ก/index.html");
        assert_eq!(
            route.href("/"),
            "/journeys/%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%AA%E0%B8%A1%E0%B8%B1%E0%B8%84%E0%B8%A3/%E0%B8%81/"
        );
        assert_eq!(Route::Tag("😀", 1).href("/"), "/tags/%F0%9F%98%80/");
        assert!(matches!(encode("/journeys/snack-box/#map"), Cow::Borrowed(_)));
    }
}
