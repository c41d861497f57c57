//! Cards drawn in Rust for the parts of pages that repeat by the thousand. Each filter
//! writes, byte for byte, what the built-in templates drew from the same fields, and the
//! built-in macro of its name, where there is one, is one call of it: `note_card` (a note's
//! card: on its journey's, its stage's, its tags' and the insights list's pages),
//! `kpi_card` (a metric's card: on its journey's or stage's page and the home page), a
//! stage page's `touchpoint_card`, `pain_item` and `opportunity_item` with their parts
//! (`pain_facts`, `opportunity_facts`, `opportunity_links`, `item_link`, `level`), a
//! journey page's `trend_figure`, `channel_card` and `touchpoint_key` (the key to its map's
//! numbers), the `list` and `tags` that stage, journey and note pages show, and the rows of
//! the tables of every metric, pain point and opportunity (`metric_row`, `pain_row`,
//! `opportunity_row`: a large playbook's have thousands) with the opportunities' matrix
//! cells (`item_links`), roadmap cards (`roadmap_card`) and funnel rows (`funnel_cells`,
//! a row for every stage on the metrics page), and a stage page's head, lanes and
//! side column (`stage_head`, `stage_lanes`, `stage_aside`: a playbook has a page for every
//! stage). In a template a
//! card cost some fifty lookups, each parsing its dotted path again; here it costs one filter
//! call.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use tera::{Tera, Value};

use super::strings::{lookup, lookup_or, Badges};
use crate::i18n::{Locale, Resolved};
use crate::text::{escape_html, escape_html_into, Escaped};

/// Registers the cards' filters bound to `locale` and its `strings`, and to the site's `base`
/// for the links `url()` would make.
pub fn register(tera: &mut Tera, strings: &Arc<Resolved>, locale: &Arc<Locale>, base: &str) {
    let words = Arc::new(Words {
        strings: Arc::clone(strings),
        locale: Arc::clone(locale),
        base: base.to_string(),
        badges: Badges::new(strings, locale),
        fixed: fixed(strings),
    });
    type Card = fn(&Fields, &Words) -> tera::Result<String>;
    let items: [(&str, Card); 8] = [
        ("touchpoint_card", touchpoint_card),
        ("trend_figure", trend_figure),
        ("channel_card", channel_card),
        ("pain_item", pain_item),
        ("pain_facts", pain_facts),
        ("opportunity_item", opportunity_item),
        ("opportunity_facts", opportunity_facts),
        ("opportunity_links", opportunity_links),
    ];
    for (name, card) in items {
        let w = Arc::clone(&words);
        tera.register_filter(name, move |value: &Value, _: &HashMap<String, Value>| {
            card(&Fields(value), &w).map(Value::String)
        });
    }
    tera.register_filter("list", |items: &Value, _: &HashMap<String, Value>| Ok(Value::String(list_of(items))));
    let w = Arc::clone(&words);
    tera.register_filter("touchpoint_key", move |touchpoints: &Value, _: &HashMap<String, Value>| {
        touchpoint_key(touchpoints, &w).map(Value::String)
    });
    let w = Arc::clone(&words);
    tera.register_filter("tags", move |tags: &Value, _: &HashMap<String, Value>| tags_of(tags, &w).map(Value::String));
    tera.register_filter("item_link", |value: &Value, args: &HashMap<String, Value>| {
        let kind = args.get("kind").map(shown).unwrap_or_default();
        Ok(Value::String(item_link(&Fields(value), &kind)))
    });
    tera.register_filter("item_links", |items: &Value, args: &HashMap<String, Value>| {
        let kind = args.get("kind").map(shown).unwrap_or_default();
        Ok(Value::String(item_links(items, &kind)))
    });
    let w = Arc::clone(&words);
    tera.register_filter("level", move |value: &Value, args: &HashMap<String, Value>| {
        let kind = args.get("kind").map(shown).unwrap_or_default();
        level(&kind, value, &w).map(Value::String)
    });
    let w = Arc::clone(&words);
    tera.register_filter("note_card", move |card: &Value, args: &HashMap<String, Value>| {
        let level = args.get("level").map_or_else(|| "3".to_string(), shown);
        note_card(&Fields(card), &escape_html(&level), &w).map(Value::String)
    });
    let w = Arc::clone(&words);
    tera.register_filter("note_header", move |note: &Value, args: &HashMap<String, Value>| {
        static NULL: Value = Value::Null;
        note_header(&Fields(note), &Fields(args.get("card").unwrap_or(&NULL)), &w).map(Value::String)
    });
    let w = Arc::clone(&words);
    tera.register_filter("journey_card", move |card: &Value, args: &HashMap<String, Value>| {
        let level = args.get("level").map_or_else(|| "3".to_string(), shown);
        journey_card(&Fields(card), &escape_html(&level), &w).map(Value::String)
    });
    type Row = fn(&Fields, &Words) -> tera::Result<String>;
    let rows: [(&str, Row); 5] = [
        ("metric_row", metric_row),
        ("pain_row", pain_row),
        ("opportunity_row", opportunity_row),
        ("roadmap_card", roadmap_card),
        ("funnel_cells", funnel_cells),
    ];
    for (name, row) in rows {
        let w = Arc::clone(&words);
        tera.register_filter(name, move |value: &Value, _: &HashMap<String, Value>| {
            row(&Fields(value), &w).map(Value::String)
        });
    }
    let w = Arc::clone(&words);
    tera.register_filter("stage_aside", move |stage: &Value, args: &HashMap<String, Value>| {
        stage_aside(&Fields(stage), args.get("drop_off"), &w).map(Value::String)
    });
    let w = Arc::clone(&words);
    tera.register_filter("stage_lanes", move |stage: &Value, _: &HashMap<String, Value>| {
        stage_lanes(&Fields(stage), &w).map(Value::String)
    });
    let w = Arc::clone(&words);
    tera.register_filter("stage_head", move |stage: &Value, args: &HashMap<String, Value>| {
        stage_head(&Fields(stage), args, &w).map(Value::String)
    });
    tera.register_filter("kpi_card", move |metric: &Value, args: &HashMap<String, Value>| {
        let arg = |name: &str| args.get(name).filter(|v| truthy(v)).map(shown);
        kpi_card(&Fields(metric), arg("sparkline").as_deref(), arg("context").as_deref(), &words).map(Value::String)
    });
}

/// The page's language, for the cards' words, and the site's base, for their links.
struct Words {
    strings: Arc<Resolved>,
    locale: Arc<Locale>,
    base: String,
    badges: Badges,
    /// Each string with nothing to fill in, escaped once: most of what cards write.
    fixed: rustc_hash::FxHashMap<String, String>,
}

/// The strings of `strings` with nothing to fill in (plain, without `{…}`), escaped.
fn fixed(strings: &Resolved) -> rustc_hash::FxHashMap<String, String> {
    let plain = strings.iter().filter_map(|(key, text)| match text {
        crate::i18n::Text::Plain(text) if !text.contains('{') => Some((key.to_string(), escape_html(text))),
        _ => None,
    });
    plain.collect()
}

impl Words {
    /// `{{ t(key=key, …args) }}`: the string, filled in and escaped.
    fn t(&self, key: &str, args: &[(&str, &Value)]) -> tera::Result<std::borrow::Cow<'_, str>> {
        match self.fixed.get(key) {
            Some(fixed) if args.is_empty() => Ok(std::borrow::Cow::Borrowed(fixed)),
            _ => self.raw(key, args).map(|w| std::borrow::Cow::Owned(escape_html(&w))),
        }
    }

    /// `t(key=key, …args)` as a value, not yet escaped.
    fn raw(&self, key: &str, args: &[(&str, &Value)]) -> tera::Result<String> {
        let args = args.iter().map(|(k, v)| ((*k).to_string(), (*v).clone())).collect();
        lookup(&self.strings, &self.locale, key, &args)
    }

    /// `{{ t(key=key, default=default) }}`: `default` where no language has the key.
    fn t_or(&self, key: &str, default: &str) -> tera::Result<String> {
        self.raw_or(key, default).map(|w| escape_html(&w))
    }

    /// `t(key=key, default=default)` as a value, not yet escaped.
    fn raw_or(&self, key: &str, default: &str) -> tera::Result<String> {
        lookup_or(&self.strings, &self.locale, key, Some(default), &HashMap::new())
    }

    /// The name of a metric of `id` and `name`: the interface string `metric.<id>` where
    /// there is one (built-in metrics), else its own name. Not yet escaped.
    fn metric(&self, m: &Fields) -> tera::Result<String> {
        let id = m.0.get("id").map(shown).unwrap_or_default();
        let name = m.0.get("name").map(shown).unwrap_or_default();
        self.raw_or(&format!("metric.{id}"), &name)
    }

    /// The `status` macro's badge of a metric's `status` (`on_track`), where it has one.
    fn status(&self, out: &mut String, m: &Fields) -> tera::Result<()> {
        if m.get("status").is_some() {
            let status = m.0.get("status").map(shown).unwrap_or_default();
            out.push_str(&status_badge(&status, &self.t(&format!("status.{status}"), &[])?));
        }
        Ok(())
    }
}

/// The badge of a metric's status, `status` (`on_track`, escaped here), in `words` (escaped
/// already), as the `status` macro draws it.
pub fn status_badge(status: &str, words: &str) -> String {
    format!(
        "<span class=\"status status-{}\"><span aria-hidden=\"true\" class=\"status-icon\"></span>{words}</span>",
        Escaped(status)
    )
}

/// A row of the metrics page's table of every metric (`metrics.html`): a PlacedMetric's
/// journey and stage, the metric's name, value, target, status, change and sparkline, each
/// cell with what the table sorts it by and, for phones, the name of its column.
fn metric_row(r: &Fields, w: &Words) -> tera::Result<String> {
    let m = r.of("metric");
    // `x | default(value=…)`: the default where the field is missing or null.
    let or = |name: &str, default: &str| match m.0.get(name) {
        None | Some(Value::Null) => default.to_string(),
        Some(_) => m.text(name).to_string(),
    };
    let mut out = String::with_capacity(2048);
    let journey = r.of("journey").text("title");
    let _ = write!(
        out,
        "<tr>\n      <td data-label=\"{}\" data-sort=\"{journey}\"><a href=\"{}\">{journey}</a></td>\n      <td data-label=\"{}\" data-sort=\"",
        w.t("col.journey", &[])?,
        r.text("journey_href"),
        w.t("col.stage", &[])?
    );
    if r.get("stage").is_some() {
        let stage = r.of("stage").text("title");
        let _ = write!(out, "{stage}\"><a href=\"{}\">{stage}</a>", r.text("stage_href"));
    } else {
        let _ = write!(out, "\"><span class=\"small\">{}</span>", w.t("metrics.whole_journey", &[])?);
    }
    let _ = write!(
        out,
        "</td>\n      <td class=\"stack-title\" data-sort=\"{}\">{}</td>\n      <td class=\"num\" data-label=\"{}\" data-sort=\"{}\">{}</td>\n      <td class=\"num\" data-label=\"{}\" data-sort=\"{}\">{}</td>\n      <td data-label=\"{}\" data-sort=\"{}\">",
        m.text("name"),
        Escaped(&w.metric(&m)?),
        w.t("col.value", &[])?,
        m.text("value"),
        m.text("display"),
        w.t("col.target", &[])?,
        or("target", ""),
        or("target_display", "—"),
        w.t("col.status", &[])?,
        r.text("rank")
    );
    w.status(&mut out, &m)?;
    let _ = write!(
        out,
        "</td>\n      <td class=\"num\" data-label=\"{}\" data-sort=\"{}\">",
        w.t("col.change", &[])?,
        or("delta", "")
    );
    if m.get("delta_display").is_some() {
        let class = if m.is("delta_better", true) {
            " better"
        } else if m.is("delta_better", false) {
            " worse"
        } else {
            ""
        };
        let _ = write!(out, "<span class=\"delta{class}\">{}</span>", m.text("delta_display"));
    } else {
        out.push('—');
    }
    let _ = write!(out, "</td>\n      <td data-label=\"{}\"", w.t("col.trend", &[])?);
    match r.get("sparkline") {
        Some(sparkline) => {
            let _ = write!(out, "><div class=\"sparkline\">{}</div>", shown(sparkline));
        }
        None => out.push_str(" class=\"stack-empty\">"),
    }
    out.push_str("</td>\n    </tr>");
    Ok(out)
}

/// A row of the pain points page's table of one severity (`pain_points.html`): a PainView's
/// link, touchpoint and fixes, status, owner, frequency, customers affected, evidence and
/// place, the row carrying what the page's filters read.
fn pain_row(p: &Fields, w: &Words) -> tera::Result<String> {
    let mut out = String::with_capacity(1536);
    let _ = write!(
        out,
        "<tr id=\"pain-{}-{}\" data-journey=\"{}\" data-severity=\"{}\" data-status=\"{}\">\n        <td class=\"stack-title\">{}",
        p.text("journey"),
        p.text("id"),
        p.text("journey"),
        p.text("severity"),
        p.text("status"),
        item_link(p, "pain")
    );
    if let Some(touchpoint) = p.get("touchpoint") {
        let _ = write!(out, " <span class=\"small\">({})</span>", w.t("pains.at", &[("name", touchpoint)])?);
    }
    out.push_str("\n          ");
    item_list(&mut out, "items.fixed_by", list(p, "fixed_by"), "opp", w)?;
    out.push_str("</td>");
    status_and_owner(&mut out, p, "pstatus", w)?;
    for (column, field) in [("col.frequency", "frequency"), ("col.customers_affected", "customers_affected")] {
        let _ = write!(
            out,
            "\n        <td data-label=\"{}\" class=\"num\">{}</td>",
            w.t(column, &[])?,
            text_or_dash(p, field)
        );
    }
    let evidence = p.0.get("evidence").and_then(Value::as_array).map_or(0, Vec::len);
    let _ = write!(out, "\n        <td data-label=\"{}\" class=\"num\">{evidence}</td>", w.t("col.evidence", &[])?);
    place(&mut out, p, w)?;
    Ok(out)
}

/// A row of the opportunities page's table of every opportunity (`opportunities.html`): an
/// OpportunityView's link and the pain points it fixes, priority, status, owner, impact,
/// effort and place.
fn opportunity_row(o: &Fields, w: &Words) -> tera::Result<String> {
    let mut out = String::with_capacity(1536);
    let _ = write!(out, "<tr><td class=\"stack-title\">{}", item_link(o, "opp"));
    item_list(&mut out, "items.fixes", list(o, "fixes"), "pain", w)?;
    let _ = write!(out, "</td>\n        <td data-label=\"{}\">", w.t("col.priority", &[])?);
    priority(&mut out, o, w)?;
    out.push_str("</td>");
    status_and_owner(&mut out, o, "ostatus", w)?;
    out.push_str("\n        ");
    for (column, field) in [("col.impact", "impact"), ("col.effort", "effort")] {
        let value = o.0.get(field).map(shown).unwrap_or_default();
        let _ = write!(
            out,
            "<td data-label=\"{}\"><span class=\"level {field}-{}\">{}</span></td>",
            w.t(column, &[])?,
            Escaped(&value),
            w.t(&format!("level.{value}"), &[])?
        );
    }
    place(&mut out, o, w)?;
    Ok(out)
}

/// ` <span class="small fixed-by">{label} …</span>` of the linked `items` of `kind`, when
/// there are any, with ` · ` between them.
fn item_list(out: &mut String, label: &str, items: Option<&[Value]>, kind: &str, w: &Words) -> tera::Result<()> {
    let Some(items) = items else { return Ok(()) };
    let _ = write!(out, "<span class=\"small fixed-by\">{} ", w.t(label, &[])?);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        out.push_str(&item_link(&Fields(item), kind));
    }
    out.push_str("</span>");
    Ok(())
}

/// The status and owner cells of a pain point's (`kind` `pstatus`) or an opportunity's
/// (`ostatus`) row.
fn status_and_owner(out: &mut String, x: &Fields, kind: &str, w: &Words) -> tera::Result<()> {
    let status = x.0.get("status").map(shown).unwrap_or_default();
    let _ = write!(
        out,
        "\n        <td data-label=\"{}\"><span class=\"{kind} {kind}-{}\">{}</span></td>\n        <td data-label=\"{}\">{}</td>",
        w.t("col.status", &[])?,
        Escaped(&status),
        w.t(&format!("{kind}.{status}"), &[])?,
        w.t("col.owner", &[])?,
        text_or_dash(x, "owner")
    );
    Ok(())
}

/// `{% if x.name %}{{ x.name }}{% else %}—{% endif %}`.
fn text_or_dash(x: &Fields, name: &str) -> String {
    match x.get(name) {
        Some(_) => x.text(name).to_string(),
        None => "—".to_string(),
    }
}

/// The last cell of a pain point's or an opportunity's row, where it is: its stage's page and
/// its journey's.
fn place(out: &mut String, x: &Fields, w: &Words) -> tera::Result<()> {
    let _ = write!(
        out,
        "\n        <td data-label=\"{}\"><a href=\"{}\">{}</a> <span class=\"small\">· <a href=\"{}\">{}</a></span></td></tr>",
        w.t("col.where", &[])?,
        x.text("href"),
        x.of("stage_ref").text("title"),
        x.text("journey_href"),
        x.of("journey_ref").text("title")
    );
    Ok(())
}

/// The head of a stage's page and the links to the stages before and after it
/// (`stage.html`), from the stage and the arguments `journey` (its card), `position`, `count`,
/// `previous` and `next` (Refs or null) and their links `previous_href` and `next_href`.
fn stage_head(stage: &Fields, args: &HashMap<String, Value>, w: &Words) -> tera::Result<String> {
    static NULL: Value = Value::Null;
    let at = |name: &str| args.get(name).unwrap_or(&NULL);
    let (journey, previous, next) = (Fields(at("journey")), Fields(at("previous")), Fields(at("next")));
    let mut out = String::with_capacity(1024);
    let _ = write!(
        out,
        "<header class=\"page-head\">\n  <p class=\"meta\">{} · <a href=\"{}\">{}</a></p>\n  <h1>{}</h1>\n  ",
        w.t("stage.position", &[("position", at("position")), ("count", at("count"))])?,
        journey.text("href"),
        journey.text("title"),
        stage.text("name")
    );
    if stage.get("goal").is_some() {
        let _ =
            write!(out, "<p class=\"lede\"><strong>{}</strong> {}</p>", w.t("stage.goal", &[])?, stage.text("goal"));
    }
    let _ = write!(out, "\n</header>\n<nav class=\"pager\" aria-label=\"{}\">\n  ", w.t("figure.stages", &[])?);
    if truthy(previous.0) {
        let _ = write!(
            out,
            "<a class=\"prev\" rel=\"prev\" href=\"{}\"><span>← {}</span>{}</a>",
            Escaped(&shown(at("previous_href"))),
            w.t("stage.previous", &[])?,
            previous.text("title")
        );
    } else {
        out.push_str("<span></span>");
    }
    out.push_str("\n  ");
    if truthy(next.0) {
        let _ = write!(
            out,
            "<a class=\"next\" rel=\"next\" href=\"{}\"><span>{} →</span>{}</a>",
            Escaped(&shown(at("next_href"))),
            w.t("stage.next", &[])?,
            next.text("title")
        );
    }
    out.push_str("\n</nav>");
    Ok(out)
}

/// A stage's doing, thinking and feeling (with its emotion) on its page (`stage.html`), each
/// card where the stage has something for it.
fn stage_lanes(stage: &Fields, w: &Words) -> tera::Result<String> {
    let mut out = String::with_capacity(512);
    out.push_str("<div class=\"persona-grid\">\n      ");
    if let Some(doing) = stage.get("doing") {
        let _ = write!(
            out,
            "<section class=\"card\"><h2 class=\"h3\">{}</h2>{}</section>",
            w.t("lane.doing", &[])?,
            list_of(doing)
        );
    }
    out.push_str("\n      ");
    if let Some(thinking) = list(stage, "thinking") {
        let _ = write!(
            out,
            "<section class=\"card\"><h2 class=\"h3\">{}</h2><ul class=\"plain\">",
            w.t("lane.thinking", &[])?
        );
        for thought in thinking {
            let _ = write!(out, "<li><q>{}</q></li>", Escaped(&shown(thought)));
        }
        out.push_str("</ul></section>");
    }
    out.push_str("\n      ");
    let emotion = stage.get("emotion").and_then(Value::as_f64);
    if stage.get("feeling").is_some() || emotion.is_some() {
        let _ = write!(out, "<section class=\"card\"><h2 class=\"h3\">{}</h2>", w.t("lane.feeling", &[])?);
        if let Some(score) = emotion {
            out.push_str(&w.badges.badge(score)?);
        }
        if stage.get("feeling").is_some() {
            let _ = write!(out, "<p>{}</p>", stage.text("feeling"));
        }
        out.push_str("</section>");
    }
    out.push_str("\n    </div>");
    Ok(out)
}

/// The side column of a stage's page (`stage.html`): how many entered the stage and the share
/// that did not go on (`drop_off`, a fraction, or null), then the stage's influencers and
/// backstage people, process and technology, each list where it has items.
fn stage_aside(stage: &Fields, drop_off: Option<&Value>, w: &Words) -> tera::Result<String> {
    let mut out = String::with_capacity(512);
    let _ = write!(out, "<aside class=\"stage-side\" aria-label=\"{}\">\n    ", w.t("stage.facts", &[])?);
    if let Some(entered) = stage.0.get("entered").and_then(Value::as_f64) {
        let share = match drop_off.and_then(Value::as_f64) {
            Some(fraction) => {
                let n = Value::String(w.locale.number(fraction * 100.0, 1));
                let share = Value::String(w.raw("format.percent", &[("n", &n)])?);
                w.t("stage.entered_dropped", &[("share", &share)])?
            }
            None => w.t("stage.entered", &[])?,
        };
        let _ = write!(
            out,
            "\n    <section class=\"card\">\n      <h2 class=\"h3\">{}</h2>\n      <p class=\"big-number\">{}</p>\n      <p class=\"small\">{share}</p>\n    </section>\n    ",
            w.t("funnel.heading", &[])?,
            Escaped(&w.locale.number(entered, 0))
        );
    }
    out.push_str("\n    ");
    for lane in ["influencers", "people", "process", "tech"] {
        out.push_str("\n    \n    ");
        if let Some(items) = stage.get(lane) {
            let _ = write!(
                out,
                "<section class=\"card\"><h2 class=\"h3\">{}</h2>{}</section>",
                w.t(&format!("lane.{lane}"), &[])?,
                list_of(items)
            );
        }
        out.push_str("\n    ");
    }
    out.push_str("\n  </aside>");
    Ok(out)
}

/// An object's fields as a template reads them.
struct Fields<'v>(&'v Value);

impl<'v> Fields<'v> {
    /// The field `name` when `{% if x.name %}` would take the branch.
    fn get(&self, name: &str) -> Option<&'v Value> {
        self.0.get(name).filter(|v| truthy(v))
    }

    /// `{{ x.name }}`: the field written as Tera writes it, escaped, where it is formatted.
    fn text(&self, name: &str) -> Text<'v> {
        Text(self.0.get(name))
    }

    /// The field `name`'s own fields.
    fn of(&self, name: &str) -> Fields<'v> {
        static NULL: Value = Value::Null;
        Fields(self.0.get(name).unwrap_or(&NULL))
    }

    /// Whether the field is the boolean `value` (`x.name == true`), not just truthy.
    fn is(&self, name: &str, value: bool) -> bool {
        self.0.get(name) == Some(&Value::Bool(value))
    }
}

/// A field as `{{ x.name }}` writes it: escaped, and nothing for a field that is not there.
/// Formatted in place, it needs no string of its own.
struct Text<'v>(Option<&'v Value>);

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(Value::String(text)) => crate::text::Escaped(text).fmt(f),
            Some(value) => crate::text::Escaped(&shown(value)).fmt(f),
            None => Ok(()),
        }
    }
}

/// The `note_card` macro's card of a note card's fields, its title a heading of `level`.
fn note_card(card: &Fields, level: &str, w: &Words) -> tera::Result<String> {
    let mut out = String::with_capacity(512);
    out.push_str("<article class=\"card note-card\">\n  <p class=\"meta\">");
    kind_and_date(&mut out, card, w)?;
    if card.get("draft").is_some() {
        let _ = write!(out, " <span class=\"badge\">{}</span>", w.t("note.draft", &[])?);
    }
    title_and_excerpt(&mut out, card, level);
    out.push_str("\n  ");
    if card.get("journey").is_some() {
        out.push_str("<p class=\"context\">");
        stage_and_journey(&mut out, card, &w.t("card.stage_in", &[])?);
        out.push_str("</p>");
    }
    out.push_str("\n</article>");
    Ok(out)
}

/// The head of a note's page, as `note.html` draws it: kind, date, author, confidence and
/// draft badge, the title, what the note is about (from its `card`: journey, stage,
/// touchpoint) and its tags.
fn note_header(note: &Fields, card: &Fields, w: &Words) -> tera::Result<String> {
    let confidence = note.0.get("confidence").map(shown).unwrap_or_default();
    let mut out = String::with_capacity(1024);
    out.push_str("<header class=\"page-head\">\n    <p class=\"meta\">");
    kind_and_date(&mut out, note, w)?;
    if note.get("author").is_some() {
        let _ = write!(out, " · {}", note.text("author"));
    }
    let _ = write!(out, " · {}", w.t(&format!("confidence.{confidence}"), &[])?);
    if note.get("draft").is_some() {
        let _ = write!(out, " <span class=\"badge\">{}</span>", w.t("note.draft", &[])?);
    }
    let _ = write!(out, "</p>\n    <h1>{}</h1>\n    ", note.text("title"));
    if card.get("journey").is_some() {
        let _ = write!(out, "\n    <p class=\"context\">{} ", w.t("note.about", &[])?);
        if card.get("touchpoint").is_some() {
            let _ = write!(
                out,
                "{} <strong>{}</strong> {} ",
                w.t("note.touchpoint", &[])?,
                card.text("touchpoint"),
                w.t("note.in", &[])?
            );
        }
        stage_and_journey(&mut out, card, &format!("{} ", w.t("note.stage_of", &[])?));
        out.push_str("</p>\n    ");
    }
    static NULL: Value = Value::Null;
    let _ = write!(out, "\n    {}\n  </header>", tags_of(note.0.get("tags").unwrap_or(&NULL), w)?);
    Ok(out)
}

/// The `journey_card` macro's card of a journey's card fields (`JourneyCard`), its title a
/// heading of `level` (escaped already).
fn journey_card(j: &Fields, level: &str, w: &Words) -> tera::Result<String> {
    let state = j.0.get("state").map(shown).unwrap_or_default();
    let mut out = String::with_capacity(768 + j.0.get("sparkline").and_then(Value::as_str).map_or(0, str::len));
    let _ = write!(
        out,
        "<article class=\"card journey-card\">\n  <p class=\"meta\"><span class=\"state state-{}\">{}</span>",
        Escaped(&state),
        w.t(&format!("state.{state}"), &[])?
    );
    if j.get("stale").is_some() {
        let _ = write!(out, " <span class=\"badge review\">{}</span>", w.t("review.badge", &[])?);
    }
    if j.get("persona").is_some() {
        let _ = write!(out, " · {}", j.of("persona").text("title"));
    }
    if j.get("parent").is_some() {
        let parent = j.of("parent");
        let id = parent.0.get("id").and_then(Value::as_str).ok_or("journey_card: the parent has no `id`")?;
        let _ = write!(
            out,
            " · <span class=\"small\">{} <a href=\"{}\">{}</a></span>",
            w.t("journey.inside", &[])?,
            Escaped(&crate::route::Route::Journey(id).href(&w.base)),
            parent.text("title")
        );
    }
    title_and_excerpt(&mut out, j, level);
    out.push_str("\n  <dl class=\"figures\">\n");
    for (key, field) in
        [("figure.stages", "stages"), ("figure.touchpoints", "touchpoints"), ("figure.pain_points", "pain_points")]
    {
        let _ = writeln!(out, "    <div><dt>{}</dt><dd>{}</dd></div>", w.t(key, &[])?, j.text(field));
    }
    out.push_str("    ");
    if let Some(score) = j.get("emotion") {
        let badge = score.as_f64().map(|score| w.badges.badge(score)).transpose()?.unwrap_or_default();
        let _ = write!(out, "<div><dt>{}</dt><dd>{badge}</dd></div>", w.t("figure.mean_emotion", &[])?);
    }
    out.push_str("\n  </dl>\n  ");
    if let Some(sparkline) = j.get("sparkline") {
        let _ = write!(out, "<div class=\"card-spark\">{}</div>", shown(sparkline));
    }
    out.push_str("\n</article>");
    Ok(out)
}

/// A note's kind as a badge and its date as shown, as its card and its page begin their line
/// of facts.
fn kind_and_date(out: &mut String, note: &Fields, w: &Words) -> tera::Result<()> {
    let kind = note.0.get("kind").map(shown).unwrap_or_default();
    let date = note.0.get("date").map(shown).unwrap_or_default();
    let _ = write!(
        out,
        "<span class=\"kind kind-{}\">{}</span> <time datetime=\"{}\">{}</time>",
        Escaped(&kind),
        w.t(&format!("kind.{kind}"), &[])?,
        Escaped(&date),
        Escaped(&super::strings::date(&w.locale, date.clone()))
    );
    Ok(())
}

/// The links of what a note is about: its stage (when it names one) followed by `joiner`,
/// then its journey.
fn stage_and_journey(out: &mut String, card: &Fields, joiner: &str) {
    if card.get("stage").is_some() {
        let _ = write!(out, "<a href=\"{}\">{}</a>{joiner}", card.text("stage_href"), card.of("stage").text("title"));
    }
    let _ = write!(out, "<a href=\"{}\">{}</a>", card.text("journey_href"), card.of("journey").text("title"));
}

/// What a note or journey card writes after its line of facts: the end of that line, its
/// title as a heading of `level` linking to its page, and its excerpt where it has one.
fn title_and_excerpt(out: &mut String, card: &Fields, level: &str) {
    let _ = write!(
        out,
        "</p>\n  <h{level} class=\"h3\"><a href=\"{}\">{}</a></h{level}>\n  ",
        card.text("href"),
        card.text("title")
    );
    if card.get("excerpt").is_some() {
        let _ = write!(out, "<p class=\"excerpt\">{}</p>", card.text("excerpt"));
    }
}

/// The `kpi` macro's card of a metric's fields, with its `sparkline` (SVG) and `context` (a
/// line naming where it is from) where given.
fn kpi_card(m: &Fields, sparkline: Option<&str>, context: Option<&str>, w: &Words) -> tera::Result<String> {
    let mut out = String::with_capacity(1024 + sparkline.map_or(0, str::len));
    out.push_str("<article class=\"kpi");
    if m.get("status").is_some() {
        let _ = write!(out, " kpi-{}", m.text("status"));
    }
    let _ = write!(
        out,
        "\">\n  <h3 class=\"kpi-name\" title=\"{}\">{}</h3>\n  ",
        m.text("description"),
        Escaped(&w.metric(m)?)
    );
    if let Some(context) = context {
        let _ = write!(out, "<p class=\"kpi-context\">{}</p>", Escaped(context));
    }
    let _ = write!(out, "\n  <p class=\"kpi-value\">{}</p>\n  ", m.text("display"));
    let u = m.of("uncertainty");
    if m.get("uncertainty").is_some() {
        out.push_str("<p class=\"kpi-ci\">");
        if let Some(margin) = u.get("margin_display") {
            let range = u.0.get("interval_display").unwrap_or(&Value::Null);
            let _ = write!(
                out,
                "<span title=\"{}\">{}</span> · ",
                w.t("research.interval", &[("range", range)])?,
                Escaped(&shown(margin))
            );
        }
        let n = u.0.get("n").and_then(Value::as_f64).ok_or("kpi_card: `uncertainty.n` is not a number")?;
        let _ = write!(out, "n = {}", Escaped(&w.locale.number(n, 0)));
        if u.get("margin_display").is_none() {
            let _ = write!(out, " · {}", w.t("research.no_interval", &[])?);
        }
        if u.is("status_certain", false) {
            let _ = write!(out, " · <span class=\"kpi-uncertain\">{}</span>", w.t("research.uncertain", &[])?);
        }
        out.push_str("</p>");
    }
    out.push_str("\n  ");
    if let Some(sparkline) = sparkline {
        let _ = write!(out, "<div class=\"sparkline\">{sparkline}</div>");
    }
    out.push_str("\n  <p class=\"kpi-meta\">");
    w.status(&mut out, m)?;
    if let Some(target) = m.get("target_display") {
        let _ = write!(out, " <span class=\"kpi-target\">{}</span>", w.t("kpi.target", &[("value", target)])?);
    }
    out.push_str("</p>\n  ");
    if m.get("delta_display").is_some() {
        out.push_str("<p class=\"delta");
        if m.is("delta_better", true) {
            out.push_str(" better");
        } else if m.is("delta_better", false) {
            out.push_str(" worse");
        }
        let versus = match m.get("previous_period") {
            Some(period) => w.t("kpi.versus", &[("period", period)])?,
            None => w.t("kpi.versus_previous", &[])?,
        };
        let _ = write!(out, "\">{} <span>{versus}</span>", m.text("delta_display"));
        if m.get("uncertainty").is_some() && u.is("change_significant", true) {
            let _ = write!(out, " <span class=\"kpi-sig\">· {}</span>", w.t("research.significant", &[])?);
        } else if m.get("uncertainty").is_some() && u.is("change_significant", false) {
            let _ = write!(out, " <span class=\"kpi-sig\">· {}</span>", w.t("research.noise", &[])?);
        }
        out.push_str("</p>");
    }
    out.push_str("\n  ");
    if let Some(note) = m.of("note").get("html") {
        let _ = write!(out, "<div class=\"kpi-note\">{}</div>", shown(note));
    }
    out.push_str("\n</article>");
    Ok(out)
}

/// The `touchpoint_card` macro's card of a stage's touchpoint: channel, owner, name, whether
/// it is a moment of truth, description, emotion, and links to its pain points and
/// opportunities further down the stage's page.
fn touchpoint_card(t: &Fields, w: &Words) -> tera::Result<String> {
    let moment = t.get("moment_of_truth").is_some();
    let mut out = String::with_capacity(1024);
    out.push_str(if moment {
        "<article class=\"card touchpoint mot\">"
    } else {
        "<article class=\"card touchpoint\">"
    });
    out.push_str("\n          <p class=\"meta\">");
    if t.get("channel").is_some() {
        let _ = write!(out, "<span class=\"channel\">{}</span>", t.text("channel"));
    }
    if t.get("owner").is_some() {
        let _ = write!(out, " · {}", t.text("owner"));
    }
    out.push_str("</p>\n          <h3>");
    let mot = if moment { Some(w.t("mot.title", &[])?) } else { None };
    if let Some(mot) = &mot {
        let _ = write!(out, "<span class=\"mot-mark\" title=\"{mot}\">★</span> ");
    }
    let _ = write!(out, "{}</h3>\n          ", t.text("name"));
    if let Some(mot) = &mot {
        let _ = write!(out, "<p class=\"small\"><strong>{mot}</strong>: {}</p>", w.t("mot.explained", &[])?);
    }
    out.push_str("\n          ");
    if t.get("description").is_some() {
        let _ = write!(out, "<p>{}</p>", t.text("description"));
    }
    out.push_str("\n          ");
    if let Some(score) = t.get("emotion").and_then(Value::as_f64) {
        out.push_str(&w.badges.badge(score)?);
    }
    out.push_str("\n          ");
    if let Some(pains) = list(t, "pain_points") {
        out.push_str("<ul class=\"plain\">");
        for p in pains.iter().map(Fields) {
            let _ = write!(
                out,
                "<li class=\"pain sev-{}\"><a href=\"#pain-{}\">{}</a></li>",
                p.text("severity"),
                p.text("id"),
                p.text("text")
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("\n          ");
    if let Some(opportunities) = list(t, "opportunities") {
        out.push_str("<ul class=\"plain\">");
        for o in opportunities.iter().map(Fields) {
            let _ =
                write!(out, "<li class=\"opportunity\"><a href=\"#opp-{}\">{}</a></li>", o.text("id"), o.text("text"));
        }
        out.push_str("</ul>");
    }
    out.push_str("\n        </article>");
    Ok(out)
}

/// The `trend_figure` macro's figure of a metric card with its full trend chart (`trend`):
/// its name and status, the chart, the legend of its margins where it has them, and its
/// series as a table.
fn trend_figure(k: &Fields, w: &Words) -> tera::Result<String> {
    let m = k.of("metric");
    let name = w.metric(&m)?;
    let mut out = String::with_capacity(4096 + k.0.get("trend").and_then(Value::as_str).map_or(0, str::len));
    let _ = write!(out, "<figure class=\"card trend\">\n      <figcaption><strong>{}</strong> ", Escaped(&name));
    w.status(&mut out, &m)?;
    let _ = write!(
        out,
        "</figcaption>\n      <div class=\"chart-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">{}</div>\n      \n      ",
        w.t("trends.of", &[("name", &Value::String(name))])?,
        k.0.get("trend").map(shown).unwrap_or_default()
    );
    let u = m.get("uncertainty").map(|_| m.of("uncertainty"));
    if let Some(u) = &u {
        let n = u.0.get("n").unwrap_or(&Value::Null);
        let count =
            Value::String(w.locale.number(n.as_f64().ok_or("trend_figure: `uncertainty.n` is not a number")?, 0));
        let _ = write!(
            out,
            "<p class=\"legend\"><span class=\"key-band\" aria-hidden=\"true\"></span> {} · <span class=\"key-ring\" aria-hidden=\"true\"></span> {} · {}</p>",
            w.t("research.band", &[])?,
            w.t("research.ring", &[])?,
            w.t("research.latest_n", &[("n", n), ("count", &count)])?
        );
    }
    let _ = write!(
        out,
        "\n      <details class=\"chart-data\"><summary>{}</summary>\n        <table class=\"data\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th>",
        w.t("chart.as_table", &[])?,
        w.t("col.period", &[])?,
        w.t("col.value", &[])?
    );
    if u.is_some() {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"num\">n</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\">{}</th>",
            w.t("col.interval", &[])?,
            w.t("col.change", &[])?
        );
    }
    out.push_str("</tr></thead>\n        <tbody>");
    let points = u.as_ref().and_then(|u| u.0.get("points")).and_then(Value::as_array);
    for (i, p) in m.0.get("series").and_then(Value::as_array).into_iter().flatten().map(Fields).enumerate() {
        let _ =
            write!(out, "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td>", p.text("period"), p.text("display"));
        if u.is_some() {
            let b = Fields(points.and_then(|points| points.get(i)).ok_or("trend_figure: a period has no margin")?);
            let n = b.0.get("n").and_then(Value::as_f64).ok_or("trend_figure: a margin's `n` is not a number")?;
            let interval = match b.0.get("interval_display") {
                Some(Value::Null) | None => "—".to_string(),
                Some(v) => escape_html(&shown(v)),
            };
            let change = if b.get("significant").is_some() {
                w.t("research.significant", &[])?
            } else if i == 0 {
                "—".into()
            } else {
                w.t("research.noise", &[])?
            };
            let _ = write!(
                out,
                "<td class=\"num\">{}</td><td class=\"num\">{interval}</td><td>{change}</td>",
                Escaped(&w.locale.number(n, 0))
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n      </details>\n    </figure>");
    Ok(out)
}

/// The `channel_card` macro's card of a channel: its name, how many touchpoints it has, and
/// each with its emotion, stage and owner.
fn channel_card(c: &Fields, w: &Words) -> tera::Result<String> {
    let touchpoints = c.0.get("touchpoints").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let mut out = String::with_capacity(512 * (1 + touchpoints.len()));
    let _ = write!(
        out,
        "<section class=\"card\">\n      <h3>{} <span class=\"count\">{}</span></h3>\n      <ul class=\"plain\">\n      ",
        c.text("name"),
        touchpoints.len()
    );
    for t in touchpoints.iter().map(Fields) {
        out.push_str("\n        <li>");
        if t.get("moment_of_truth").is_some() {
            let _ = write!(out, "<span class=\"mot-mark\" title=\"{}\">★</span> ", w.t("mot.title", &[])?);
        }
        let _ = write!(out, "{}", t.text("name"));
        if let Some(score) = t.get("emotion").and_then(Value::as_f64) {
            let _ = write!(out, " {}", w.badges.badge(score)?);
        }
        let _ =
            write!(out, "<br><a class=\"small\" href=\"{}\">{}</a>", t.text("stage_href"), t.of("stage").text("title"));
        if t.get("owner").is_some() {
            let _ = write!(out, " <span class=\"small\">· {}</span>", t.text("owner"));
        }
        out.push_str("</li>\n      ");
    }
    out.push_str("\n      </ul>\n    </section>");
    Ok(out)
}

/// The items of the key to the numbers on a journey map's emotion curve, from the map's
/// numbered touchpoints: each number (coloured by its emotion), name, stage and channel.
fn touchpoint_key(touchpoints: &Value, w: &Words) -> tera::Result<String> {
    let touchpoints = touchpoints.as_array().map_or(&[][..], Vec::as_slice);
    let mut out = String::with_capacity(256 * touchpoints.len());
    let mot = w.t("mot.title", &[])?;
    for t in touchpoints.iter().map(Fields) {
        out.push_str("<li><span class=\"tp-num");
        if let Some(score) = t.get("emotion").and_then(Value::as_f64) {
            let _ = write!(out, " e{}", crate::charts::svg::emotion_level(score));
        }
        let _ = write!(out, "\">{}</span> ", t.text("number"));
        if t.get("moment_of_truth").is_some() {
            let _ = write!(out, "<span class=\"mot-mark\" title=\"{mot}\">★</span><span class=\"sr\">{mot}: </span>");
        }
        let _ = write!(
            out,
            "{} <span class=\"small\">· <a href=\"{}\">{}</a>",
            t.text("name"),
            t.text("stage_href"),
            t.text("stage")
        );
        if t.get("channel").is_some() {
            let _ = write!(out, " · {}", t.text("channel"));
        }
        out.push_str("</span></li>");
    }
    Ok(out)
}

/// The `list` macro's list of `items`, each written as text; nothing when there are none.
fn list_of(items: &Value) -> String {
    let Some(items) = items.as_array().filter(|items| !items.is_empty()) else { return String::new() };
    let mut out = String::from("<ul class=\"plain\">");
    for item in items {
        let _ = write!(out, "<li>{}</li>", Escaped(&shown(item)));
    }
    out.push_str("</ul>");
    out
}

/// The `tags` macro's list of `tags`, each a link to its tag's page; nothing when there are
/// none.
fn tags_of(tags: &Value, w: &Words) -> tera::Result<String> {
    let Some(tags) = tags.as_array().filter(|tags| !tags.is_empty()) else { return Ok(String::new()) };
    let mut out = format!("<ul class=\"tags\" aria-label=\"{}\">", w.t("tags.label", &[])?);
    for tag in tags.iter().map(shown) {
        // The tag's folder, as the `slug` filter and `url(to="tag")` make it.
        let slug = crate::model::id::derive(&tag).unwrap_or_default();
        let href = crate::route::Route::Tag(&slug, 1).href(&w.base);
        let _ = write!(out, "<li><a href=\"{}\">{}</a></li>", Escaped(&href), Escaped(&tag));
    }
    out.push_str("</ul>");
    Ok(out)
}

/// The `level` macro's badge: `value` (`high`) of the scale `kind` (`severity`) in words.
fn level(kind: &str, value: &Value, w: &Words) -> tera::Result<String> {
    let value = shown(value);
    Ok(format!(
        "<span class=\"level {}-{}\">{}</span>",
        Escaped(kind),
        Escaped(&value),
        w.t(&format!("level.{kind}.{value}"), &[])?
    ))
}

/// The `item_link` macro's link to a pain point (`kind` `pain`) or opportunity (`opp`) on its
/// stage's or journey's page, from its `href`, `id` and `text`.
fn item_link(i: &Fields, kind: &str) -> String {
    format!("<a href=\"{}#{}-{}\">{}</a>", i.text("href"), Escaped(kind), i.text("id"), i.text("text"))
}

/// `<li>` and the [`item_link`] of `kind` of each of `items`, then `</li>`: a cell of the
/// opportunities page's matrix.
fn item_links(items: &Value, kind: &str) -> String {
    let items = items.as_array().map_or(&[][..], Vec::as_slice);
    let mut out = String::with_capacity(items.len() * 160);
    for item in items {
        out.push_str("<li>");
        out.push_str(&item_link(&Fields(item), kind));
        out.push_str("</li>");
    }
    out
}

/// A card of the roadmap (`roadmap.html`), from an OpportunityView: its link, its journey and
/// stage, its owner (or, for planned work or work in progress, a warning that it has none),
/// its priority and what it fixes and targets.
fn roadmap_card(o: &Fields, w: &Words) -> tera::Result<String> {
    let mut out = String::with_capacity(1024);
    let _ = write!(
        out,
        "<li class=\"card roadmap-card\">\n        <p class=\"item-title\">{}</p>\n        <p class=\"small\"><a href=\"{}\">{}</a> · <a href=\"{}\">{}</a></p>\n        <dl class=\"facts\">\n          ",
        item_link(o, "opp"),
        o.text("journey_href"),
        o.of("journey_ref").text("title"),
        o.text("href"),
        o.of("stage_ref").text("title")
    );
    let status = o.0.get("status").and_then(Value::as_str);
    if o.get("owner").is_some() {
        let _ = write!(out, "<div><dt>{}</dt><dd>{}</dd></div>", w.t("col.owner", &[])?, o.text("owner"));
    } else if matches!(status, Some("planned" | "in_progress")) {
        let _ = write!(
            out,
            "<div><dt>{}</dt><dd><span class=\"badge warn\">{}</span></dd></div>",
            w.t("col.owner", &[])?,
            w.t("roadmap.no_owner", &[])?
        );
    }
    let _ = write!(out, "\n          <div><dt>{}</dt><dd>", w.t("col.priority", &[])?);
    priority(&mut out, o, w)?;
    out.push_str("</dd></div>\n        </dl>\n        ");
    out.push_str(&opportunity_links(o, w)?);
    out.push_str("\n      </li>");
    Ok(out)
}

/// An opportunity's priority as its row and card write it: the RICE score in words, or the
/// score as it is.
fn priority(out: &mut String, o: &Fields, w: &Words) -> tera::Result<()> {
    if o.of("priority").0.get("method").and_then(Value::as_str) == Some("rice") {
        static NULL: Value = Value::Null;
        out.push_str(&w.t("priority.rice", &[("score", o.0.get("priority_score").unwrap_or(&NULL))])?);
    } else {
        let _ = write!(out, "{}", o.text("priority_score"));
    }
    Ok(())
}

/// The cells of a row of a funnel table (on a journey's page and the metrics page), from a
/// FunnelRow: the stage linked to its page, how many entered it and the share that did not
/// go on, marked where the drop is the largest.
fn funnel_cells(r: &Fields, w: &Words) -> tera::Result<String> {
    let mut out = String::with_capacity(256);
    let _ = write!(
        out,
        "<th scope=\"row\"><a href=\"{}\">{}</a></th>\n        <td class=\"num\">",
        r.text("stage_href"),
        r.of("stage").text("title")
    );
    match r.0.get("entered").and_then(Value::as_f64) {
        Some(entered) => escape_html_into(&mut out, &w.locale.number(entered, 0)),
        None => out.push('—'),
    }
    out.push_str("</td>\n        <td class=\"num\">");
    match r.0.get("drop_off").and_then(Value::as_f64) {
        Some(fraction) => {
            let n = Value::String(w.locale.number(fraction * 100.0, 1));
            escape_html_into(&mut out, &w.raw("format.percent", &[("n", &n)])?);
            if r.get("largest").is_some() {
                let _ = write!(out, " <span class=\"badge warn\">{}</span>", w.t("funnel.largest", &[])?);
            }
        }
        None => out.push('—'),
    }
    out.push_str("</td>");
    Ok(out)
}

/// Writes the line `<p class="small">{label} …</p>` of `items`, when there are any, each by
/// `write`, with ` · ` between them: the links to an item's evidence, fixes or targets.
fn links_line(
    out: &mut String,
    label: &str,
    items: Option<&[Value]>,
    w: &Words,
    mut write: impl FnMut(&mut String, &Fields) -> tera::Result<()>,
) -> tera::Result<()> {
    let Some(items) = items else { return Ok(()) };
    let _ = write!(out, "<p class=\"small\">{} ", w.t(label, &[])?);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        write(out, &Fields(item))?;
    }
    out.push_str("</p>");
    Ok(())
}

/// [`links_line`] of `items`, each an [`item_link`] of `kind`.
fn item_links_line(out: &mut String, label: &str, items: Option<&[Value]>, kind: &str, w: &Words) -> tera::Result<()> {
    links_line(out, label, items, w, |out, i| {
        out.push_str(&item_link(i, kind));
        Ok(())
    })
}

/// The field `name`, a list, when it has items.
fn list<'v>(x: &Fields<'v>, name: &str) -> Option<&'v [Value]> {
    x.get(name).and_then(Value::as_array).map(Vec::as_slice)
}

/// The `pain_item` macro's item of a pain point's fields: text, severity, facts, evidence and
/// what fixes it.
fn pain_item(p: &Fields, w: &Words) -> tera::Result<String> {
    let severity = p.0.get("severity").unwrap_or(&Value::Null);
    let mut out = String::with_capacity(1024);
    let _ = write!(
        out,
        "<li class=\"pain sev-{} item\" id=\"pain-{}\">\n  <p class=\"item-title\">{} {}",
        p.text("severity"),
        p.text("id"),
        p.text("text"),
        level("severity", severity, w)?
    );
    at_touchpoint(&mut out, p, w)?;
    let _ = write!(out, "</p>\n  {}\n  ", pain_facts(p, w)?);
    links_line(&mut out, "items.evidence", list(p, "evidence"), w, |out, n| {
        let id = n.0.get("id").and_then(Value::as_str).ok_or("pain_item: an evidence note has no `id`")?;
        let href = crate::route::Route::Note(id).href(&w.base);
        let _ = write!(out, "<a href=\"{}\">{}</a>", Escaped(&href), n.text("title"));
        Ok(())
    })?;
    out.push_str("\n  ");
    item_links_line(&mut out, "items.fixed_by", list(p, "fixed_by"), "opp", w)?;
    out.push_str("\n</li>");
    Ok(out)
}

/// ` <span class="small">at {touchpoint}</span>` where the item names its touchpoint.
fn at_touchpoint(out: &mut String, item: &Fields, w: &Words) -> tera::Result<()> {
    if let Some(name) = item.get("touchpoint") {
        let _ = write!(out, " <span class=\"small\">{}</span>", w.t("pains.at", &[("name", name)])?);
    }
    Ok(())
}

/// The `pain_facts` macro's list of a pain point's status, owner, frequency, reach and
/// evidence count.
fn pain_facts(p: &Fields, w: &Words) -> tera::Result<String> {
    let status = p.0.get("status").map(shown).unwrap_or_default();
    let mut out = String::with_capacity(512);
    let _ = write!(
        out,
        "<dl class=\"facts\">\n  <div><dt>{}</dt><dd><span class=\"pstatus pstatus-{}\">{}</span></dd></div>\n  ",
        w.t("col.status", &[])?,
        Escaped(&status),
        w.t(&format!("pstatus.{status}"), &[])?
    );
    for (field, label) in [("owner", "col.owner"), ("frequency", "col.frequency")] {
        if p.get(field).is_some() {
            let _ = write!(out, "<div><dt>{}</dt><dd>{}</dd></div>", w.t(label, &[])?, p.text(field));
        }
        out.push_str("\n  ");
    }
    if p.get("customers_affected").is_some() {
        let _ = write!(
            out,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            w.t("col.customers_affected", &[])?,
            p.text("customers_affected")
        );
    }
    let evidence = p.0.get("evidence").and_then(Value::as_array).map_or(0, Vec::len);
    let _ = write!(
        out,
        "\n  <div><dt>{}</dt><dd>{}</dd></div>\n</dl>",
        w.t("col.evidence", &[])?,
        w.t("map.notes", &[("n", &Value::from(evidence))])?
    );
    Ok(out)
}

/// The `opportunity_item` macro's item of an opportunity's fields: text, impact, effort,
/// facts and links.
fn opportunity_item(o: &Fields, w: &Words) -> tera::Result<String> {
    let scale = |name: &str| o.0.get(name).unwrap_or(&Value::Null);
    let mut out = String::with_capacity(1024);
    let _ = write!(
        out,
        "<li class=\"opportunity item\" id=\"opp-{}\">\n  <p class=\"item-title\">{} {} {}",
        o.text("id"),
        o.text("text"),
        level("impact", scale("impact"), w)?,
        level("effort", scale("effort"), w)?
    );
    at_touchpoint(&mut out, o, w)?;
    let _ = write!(out, "</p>\n  {}\n  {}\n</li>", opportunity_facts(o, w)?, opportunity_links(o, w)?);
    Ok(out)
}

/// The `opportunity_facts` macro's list of an opportunity's status, priority, owner and due
/// date.
fn opportunity_facts(o: &Fields, w: &Words) -> tera::Result<String> {
    let status = o.0.get("status").map(shown).unwrap_or_default();
    let score = o.0.get("priority_score").unwrap_or(&Value::Null);
    let priority = match o.of("priority").0.get("method").and_then(Value::as_str) {
        Some("rice") => w.t("priority.rice", &[("score", score)])?,
        _ => escape_html(&shown(score)).into(),
    };
    let mut out = String::with_capacity(512);
    let _ = write!(
        out,
        "<dl class=\"facts\">\n  <div><dt>{}</dt><dd><span class=\"ostatus ostatus-{}\">{}</span></dd></div>\n  <div><dt>{}</dt><dd>{priority}</dd></div>\n  ",
        w.t("col.status", &[])?,
        Escaped(&status),
        w.t(&format!("ostatus.{status}"), &[])?,
        w.t("col.priority", &[])?
    );
    if o.get("owner").is_some() {
        let _ = write!(out, "<div><dt>{}</dt><dd>{}</dd></div>", w.t("col.owner", &[])?, o.text("owner"));
    }
    out.push_str("\n  ");
    if o.get("due").is_some() {
        let _ = write!(out, "<div><dt>{}</dt><dd>{}</dd></div>", w.t("col.due", &[])?, o.text("due"));
    }
    out.push_str("\n</dl>");
    Ok(out)
}

/// The `opportunity_links` macro's lines of the pain points an opportunity fixes and the
/// metrics it targets.
fn opportunity_links(o: &Fields, w: &Words) -> tera::Result<String> {
    let mut out = String::new();
    item_links_line(&mut out, "items.fixes", list(o, "fixes"), "pain", w)?;
    out.push_str("\n  ");
    links_line(&mut out, "items.targets", list(o, "targets"), w, |out, tg| {
        let journey =
            tg.0.get("journey").and_then(Value::as_str).ok_or("opportunity_links: a target has no `journey`")?;
        let stage = tg.get("stage").map(|_| tg.of("stage"));
        let route = match &stage {
            Some(s) => {
                let id =
                    s.0.get("id").and_then(Value::as_str).ok_or("opportunity_links: a target's stage has no `id`")?;
                crate::route::Route::Stage(journey, id)
            }
            None => crate::route::Route::Journey(journey),
        };
        let metric = tg.0.get("metric").map(shown).unwrap_or_default();
        let name = tg.0.get("name").map(shown).unwrap_or_default();
        let _ = write!(
            out,
            "<a href=\"{}\">{}",
            Escaped(&route.href(&w.base)),
            w.t_or(&format!("metric.{metric}"), &name)?
        );
        if let Some(s) = stage {
            let _ = write!(out, " ({})", s.text("title"));
        }
        out.push_str("</a>");
        Ok(())
    })?;
    Ok(out)
}

/// A value as `{{ value }}` writes it before escaping: a string as it is, a number as Rust
/// writes it (`3`, not `3.0`), null as nothing.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (_, _, Some(f)) => f.to_string(),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// Whether `{% if value %}` takes the branch, as Tera decides it.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// A roadmap card as `roadmap.html` drew it before `roadmap_card` took its place.
    const ROADMAP_CARD_AS_WRITTEN: &str = r#"<li class="card roadmap-card">
        <p class="item-title">{{ o | item_link(kind="opp") | safe }}</p>
        <p class="small"><a href="{{ o.journey_href }}">{{ o.journey_ref.title }}</a> · <a href="{{ o.href }}">{{ o.stage_ref.title }}</a></p>
        <dl class="facts">
          {% if o.owner %}<div><dt>{{ t(key="col.owner") }}</dt><dd>{{ o.owner }}</dd></div>{% elif o.status == "planned" or o.status == "in_progress" %}<div><dt>{{ t(key="col.owner") }}</dt><dd><span class="badge warn">{{ t(key="roadmap.no_owner") }}</span></dd></div>{% endif %}
          <div><dt>{{ t(key="col.priority") }}</dt><dd>{% if o.priority.method == "rice" %}{{ t(key="priority.rice", score=o.priority_score) }}{% else %}{{ o.priority_score }}{% endif %}</dd></div>
        </dl>
        {{ o | opportunity_links | safe }}
      </li>"#;

    /// The cells of a funnel row as `journey.html` drew them before `funnel_cells`.
    const FUNNEL_CELLS_AS_WRITTEN: &str = r#"<th scope="row"><a href="{{ r.stage_href }}">{{ r.stage.title }}</a></th>
        <td class="num">{% if r.entered is number %}{{ r.entered | thousands }}{% else %}—{% endif %}</td>
        <td class="num">{% if r.drop_off is number %}{{ r.drop_off | percent(digits=1) }}{% if r.largest %} <span class="badge warn">{{ t(key="funnel.largest") }}</span>{% endif %}{% else %}—{% endif %}</td>"#;

    /// A cell's links as `opportunities.html` drew them before `item_links`.
    const ITEM_LINKS_AS_WRITTEN: &str =
        r#"{% for o in items %}<li>{{ o | item_link(kind="opp") | safe }}</li>{% endfor %}"#;

    fn opportunity(owner: &str, status: &str, method: &str, score: serde_json::Value) -> serde_json::Value {
        json!({
            "id": "o-1", "text": "Show <the> price & fees", "href": "/j/a%20b/s/", "journey_href": "/j/a%20b/",
            "journey_ref": {"id": "a b", "title": "Buy \"it\""}, "stage_ref": {"id": "s", "title": "Pay & go"},
            "owner": owner, "status": status, "priority": {"method": method}, "priority_score": score,
            "fixes": [{"id": "p-1", "href": "/j/a%20b/s/", "text": "Fees <late>"}],
            "targets": [{"journey": "a b", "stage": {"id": "s", "title": "Pay"}, "metric": "csat", "name": "CSAT"},
                        {"journey": "a b", "metric": "own", "name": "Own & <custom>"}],
        })
    }

    #[test]
    fn the_list_filters_write_what_the_templates_wrote_in_every_language() {
        let opportunities = [
            opportunity("Ana & Bo", "planned", "rice", json!(21333.333)),
            opportunity("", "planned", "impact_effort", json!(6)),
            opportunity("", "in_progress", "rice", json!(0.5)),
            opportunity("", "done", "impact_effort", json!("high")),
            opportunity("", "idea", "rice", serde_json::Value::Null),
        ];
        let stage = json!({"id": "s", "title": "Pay <now>"});
        let rows = [
            json!({"stage": stage, "stage_href": "/j/s/", "entered": 12345, "drop_off": 0.4567, "largest": true}),
            json!({"stage": stage, "stage_href": "/j/s/", "entered": 100.5, "drop_off": 0.0, "largest": false}),
            json!({"stage": stage, "stage_href": "/j/s/", "entered": null, "drop_off": null, "largest": false}),
            json!({"stage": stage, "stage_href": "/j/s/", "entered": 7, "drop_off": null, "largest": true}),
        ];
        for language in ["en", "th"] {
            let mut tera = super::super::tera_in(language);
            tera.add_raw_templates([
                ("card.html", ROADMAP_CARD_AS_WRITTEN),
                ("card-filter.html", "{{ o | roadmap_card | safe }}"),
                ("cells.html", FUNNEL_CELLS_AS_WRITTEN),
                ("cells-filter.html", "{{ r | funnel_cells | safe }}"),
                ("links.html", ITEM_LINKS_AS_WRITTEN),
                ("links-filter.html", r#"{{ items | item_links(kind="opp") | safe }}"#),
            ])
            .expect("every template parses");
            let same = |name: &str, key: &str, value: &serde_json::Value| {
                let mut context = tera::Context::new();
                context.insert(key, value);
                let want = tera.render(&format!("{name}.html"), &context).expect("the markup renders");
                let got = tera.render(&format!("{name}-filter.html"), &context).expect("the filter renders");
                assert_eq!(got, want, "{language} {name} {value}");
                want
            };
            for o in &opportunities {
                let card = same("card", "o", o);
                assert!(card.contains("Buy &quot;it&quot;") && card.contains("Own &amp; &lt;custom&gt;"), "{card}");
            }
            for r in &rows {
                same("cells", "r", r);
            }
            let links = same("links", "items", &json!(opportunities));
            assert_eq!(links.matches("<li>").count(), opportunities.len(), "{links}");
            same("links", "items", &json!([]));
        }
    }
}
