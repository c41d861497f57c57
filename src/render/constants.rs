//! Interface strings and fixed links written into a locale's copy of the parsed templates.
//!
//! Most of the `t()` calls in a theme name a fixed key and nothing else
//! (`{{ t(key="nav.journeys") }}`), so in a given locale they always write the same text, as a
//! `url()` naming only a kind of page without an id (`{{ url(to="home") }}`) always writes the
//! same link; yet Tera evaluates each call on every page, which costs more than the rest of a
//! short page. [`substitute`] replaces each such call in a template's syntax tree (its body,
//! its blocks and its macros) by what it writes, escaped as the call's output is, and the
//! locale's pages are rendered from the result. A call with other arguments or with filters,
//! and a call the given function has no fixed text for (a plural, a missing key), are left as
//! they are.
//!
//! The site's own values are as fixed: `site` is the same on every page, so [`site_values`]
//! writes each `{{ site.title }}` in as its text, and gives `{% if site.description %}` and
//! a macro's `base=site.base` the string itself, which reads the same as the lookup Tera would
//! otherwise make on every page (a dotted name costs it a few copies of its parts each time).
//! That is only sound where nothing names another `site`: no `{% set site %}`, loop variable
//! or macro argument of that name in any template ([`names_site`]).
//!
//! Every page template and the header are `.html`, which Tera escapes (with the renderer's
//! escape function, [`crate::text::escape_html`]), so the text is written escaped as that
//! function escapes it. Whitespace control (`{{-`) is applied to the text around a tag when
//! the template is parsed, so a tag's own flags no longer matter.
//!
//! The same copy asks its conditions not to escape what they compare: Tera escapes a string
//! it reads in `{% if %}` as if it were to be written, a copy of the whole string made only to
//! be compared or tested for emptiness. Escaping keeps a string empty or not, and two strings
//! are equal exactly when their escaped forms are, so an operand whose partner is escaped in
//! the same way ([`quiet`]) is marked `safe`, which Tera reads as "write as it is", and every
//! condition answers as before.

use std::collections::HashMap;

use tera::ast::{Expr, ExprVal, FunctionCall, LogicOperator, Node};
use tera::Template;

/// Replaces in `template` each `{{ f(arg="…") }}` (one function, one literal argument) whose
/// text `text_of(f, arg, value)` gives; whether any was.
pub fn substitute(template: &mut Template, text_of: &impl Fn(&str, &str, &str) -> Option<String>) -> bool {
    let variable = |node: &mut Node| {
        let Node::VariableBlock(_, expr) = &*node else { return false };
        match fixed_call(expr).and_then(|(f, arg, value)| text_of(f, arg, value)) {
            Some(text) => {
                *node = Node::Text(super::escape_html(&text));
                true
            }
            None => false,
        }
    };
    let pass = Pass { macros: true, variable: &variable, condition: &quiet };
    let mut changed = pass.walk(&mut template.ast);
    for block in template.blocks.values_mut() {
        changed |= pass.walk(&mut block.body);
    }
    for definition in template.macros.values_mut() {
        changed |= pass.walk(&mut definition.body);
    }
    changed
}

/// A pass over a template's nodes: what it does to each `{{ … }}` and to each condition of an
/// `{% if %}`, each saying whether it changed anything, and whether it goes into macros.
struct Pass<'f> {
    macros: bool,
    variable: &'f dyn Fn(&mut Node) -> bool,
    condition: &'f dyn Fn(&mut Expr) -> bool,
}

impl Pass<'_> {
    /// Runs the pass over `list` and every body inside it; whether anything changed.
    fn walk(&self, list: &mut [Node]) -> bool {
        let mut changed = false;
        for node in list {
            changed |= match node {
                Node::VariableBlock(..) => (self.variable)(node),
                Node::MacroDefinition(_, definition, _) if self.macros => self.walk(&mut definition.body),
                Node::FilterSection(_, section, _) => self.walk(&mut section.body),
                Node::Block(_, block, _) => self.walk(&mut block.body),
                Node::Forloop(_, forloop, _) => {
                    let body = self.walk(&mut forloop.body);
                    body | forloop.empty_body.as_mut().is_some_and(|empty| self.walk(empty))
                }
                Node::If(branches, _) => {
                    let mut any = false;
                    for (_, condition, body) in &mut branches.conditions {
                        any |= (self.condition)(condition);
                        any |= self.walk(body);
                    }
                    any | branches.otherwise.as_mut().is_some_and(|(_, body)| self.walk(body))
                }
                _ => false,
            };
        }
        changed
    }
}

/// Joins each run of text side by side in `template` (its body, its blocks and its macros)
/// into one: the strings and links written in above leave the text around them in pieces,
/// and Tera writes each piece through the formatting machinery of its own.
pub fn join_text(template: &mut Template) {
    fn join(list: &mut Vec<Node>) {
        let mut joined: Vec<Node> = Vec::with_capacity(list.len());
        for mut node in list.drain(..) {
            match &mut node {
                Node::MacroDefinition(_, definition, _) => join(&mut definition.body),
                Node::FilterSection(_, section, _) => join(&mut section.body),
                Node::Block(_, block, _) => join(&mut block.body),
                Node::Forloop(_, forloop, _) => {
                    join(&mut forloop.body);
                    forloop.empty_body.iter_mut().for_each(join);
                }
                Node::If(branches, _) => {
                    branches.conditions.iter_mut().for_each(|(_, _, body)| join(body));
                    branches.otherwise.iter_mut().for_each(|(_, body)| join(body));
                }
                _ => {}
            }
            match (joined.last_mut(), node) {
                (Some(Node::Text(before)), Node::Text(text)) => before.push_str(&text),
                (_, node) => joined.push(node),
            }
        }
        *list = joined;
    }
    join(&mut template.ast);
    template.blocks.values_mut().for_each(|block| join(&mut block.body));
    template.macros.values_mut().for_each(|definition| join(&mut definition.body));
}

/// Whether any of `templates` gives the name `site` a value of its own: `{% set %}`,
/// `{% set_global %}`, a loop's key or value, or a macro's argument.
pub fn names_site<'t>(templates: impl IntoIterator<Item = &'t Template>) -> bool {
    fn any(list: &[Node]) -> bool {
        list.iter().any(|node| match node {
            Node::Set(_, set) => set.key == "site",
            Node::Forloop(_, forloop, _) => {
                forloop.value == "site"
                    || forloop.key.as_deref() == Some("site")
                    || any(&forloop.body)
                    || forloop.empty_body.as_deref().is_some_and(any)
            }
            Node::MacroDefinition(_, definition, _) => definition.args.contains_key("site") || any(&definition.body),
            Node::FilterSection(_, section, _) => any(&section.body),
            Node::Block(_, block, _) => any(&block.body),
            Node::If(branches, _) => {
                branches.conditions.iter().any(|(_, _, body)| any(body))
                    || branches.otherwise.as_ref().is_some_and(|(_, body)| any(body))
            }
            _ => false,
        })
    }
    templates.into_iter().any(|t| {
        any(&t.ast)
            || t.blocks.values().any(|b| any(&b.body))
            || t.macros.values().any(|m| m.args.contains_key("site") || any(&m.body))
    })
}

/// Writes the site's values into `template` (its body and blocks; a macro cannot see
/// `site`): `{{ site.<field> }}` alone becomes its text, escaped; `site.<field>` tested alone
/// in a condition, compared with `==` or `!=`, or given to a macro becomes the string as
/// written. `field` gives a field's text. Whether anything was written in. Call it only where
/// [`names_site`] is false.
pub fn site_values(template: &mut Template, field: &impl Fn(&str) -> Option<String>) -> bool {
    let variable = |node: &mut Node| {
        let Node::VariableBlock(_, expr) = node else { return false };
        match (site_field(expr, field), &mut expr.val) {
            (Some(text), _) if expr.filters.is_empty() && !expr.negated => {
                *node = Node::Text(super::escape_html(&text));
                true
            }
            (_, ExprVal::MacroCall(call)) => {
                let mut any = false;
                for arg in call.args.values_mut() {
                    any |= to_string(arg, field);
                }
                any
            }
            _ => false,
        }
    };
    let condition = |expr: &mut Expr| site_condition(expr, field);
    let pass = Pass { macros: false, variable: &variable, condition: &condition };
    let mut changed = pass.walk(&mut template.ast);
    for block in template.blocks.values_mut() {
        changed |= pass.walk(&mut block.body);
    }
    changed
}

/// The site's fields in a condition, as [`site_values`] says; whether any was written in.
fn site_condition(expr: &mut Expr, field: &impl Fn(&str) -> Option<String>) -> bool {
    match &mut expr.val {
        ExprVal::Logic(logic) => match logic.operator {
            LogicOperator::And | LogicOperator::Or | LogicOperator::Eq | LogicOperator::NotEq => {
                site_condition(&mut logic.lhs, field) | site_condition(&mut logic.rhs, field)
            }
            _ => false,
        },
        // Tera tests a string as written for emptiness, as it tests a value it looked up,
        // but leaves its filters out: only a name alone is written in.
        _ => to_string(expr, field),
    }
}

/// Makes `expr`, a site field alone (`not` allowed), the string it holds; whether it was one.
fn to_string(expr: &mut Expr, field: &impl Fn(&str) -> Option<String>) -> bool {
    match site_field(expr, field) {
        Some(text) if expr.filters.is_empty() => {
            expr.val = ExprVal::String(text);
            true
        }
        _ => false,
    }
}

/// The text of the site field `expr` names, `site.<field>`; `None` for anything else.
fn site_field(expr: &Expr, field: &impl Fn(&str) -> Option<String>) -> Option<String> {
    let ExprVal::Ident(name) = &expr.val else { return None };
    name.strip_prefix("site.").filter(|f| !f.contains('.')).and_then(field)
}

/// Marks `safe` each operand of the condition `expr` whose escaping cannot change its answer:
/// a value tested for truth, and both sides of `==` or `!=` when each is a variable or a
/// string as written, which Tera would escape alike. Whether any was marked.
fn quiet(expr: &mut Expr) -> bool {
    let ExprVal::Logic(logic) = &mut expr.val else {
        // Tera answers `not x` before it would escape; a string is true when not empty.
        return matches!(expr.val, ExprVal::Ident(_)) && mark_safe(expr);
    };
    match logic.operator {
        LogicOperator::And | LogicOperator::Or => quiet(&mut logic.lhs) | quiet(&mut logic.rhs),
        LogicOperator::Eq | LogicOperator::NotEq if bare(&logic.lhs) && bare(&logic.rhs) => {
            mark_safe(&mut logic.lhs) | mark_safe(&mut logic.rhs)
        }
        _ => false,
    }
}

/// A variable or a string as written, with no filter and no `not`: what Tera always escapes
/// (but the whole context, `__tera_context`, which it never does).
fn bare(expr: &Expr) -> bool {
    let escaped = match &expr.val {
        ExprVal::Ident(name) => name != "__tera_context",
        ExprVal::String(_) => true,
        _ => false,
    };
    escaped && expr.filters.is_empty() && !expr.negated
}

/// Ends `expr`'s filters with `safe`, which Tera never calls; whether it had to.
fn mark_safe(expr: &mut Expr) -> bool {
    if expr.is_marked_safe() {
        return false;
    }
    expr.filters.push(FunctionCall { name: "safe".into(), args: HashMap::new() });
    true
}

/// The function, argument name and value of a call with one literal argument and nothing
/// else: no other argument, filter or `not`.
fn fixed_call(expr: &Expr) -> Option<(&str, &str, &str)> {
    let ExprVal::FunctionCall(call) = &expr.val else { return None };
    if call.args.len() != 1 || expr.negated || !expr.filters.is_empty() {
        return None;
    }
    let (name, arg) = call.args.iter().next()?;
    match &arg.val {
        ExprVal::String(value) if arg.filters.is_empty() && !arg.negated => Some((&call.name, name, value)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use tera::{Context, Tera, Value};

    use super::*;

    fn text_of(function: &str, arg: &str, key: &str) -> Option<String> {
        if (function, arg, key) == ("url", "to", "home") {
            return Some("/b/&x/".into());
        }
        if (function, arg) != ("t", "key") {
            return None;
        }
        match key {
            "nav.home" => Some("Home".into()),
            "a.b" => Some("Fish & <chips> {{ x }}".into()),
            _ => None,
        }
    }

    /// The templates of the tests, with a `t` that reads [`text_of`] and fills in `n`.
    fn tera() -> Tera {
        let mut tera = Tera::default();
        // As the renderer escapes: `/` is left alone.
        tera.set_escape_fn(super::super::escape_html);
        tera.register_function("t", |args: &HashMap<String, Value>| {
            let key = args.get("key").and_then(Value::as_str).unwrap_or_default();
            let text = text_of("t", "key", key).unwrap_or_else(|| format!("[{key}]"));
            Ok(Value::String(match args.get("n") {
                Some(n) => format!("{text} {n}"),
                None => text,
            }))
        });
        tera.register_function("url", |args: &HashMap<String, Value>| {
            let to = args.get("to").and_then(Value::as_str).unwrap_or_default();
            Ok(Value::String(if to == "home" { "/b/&x/".into() } else { format!("/b/{to}/{}/", args.len()) }))
        });
        tera.add_raw_templates([
            ("macros.html", r#"{% macro m(x) %}<b title="{{ t(key='a.b') }}">{{ x }} {{ t(key="nav.home") }}</b>{% endmacro m %}"#),
            ("base.html", r#"<p><a href="{{ url(to='home') }}">{{ t(key="nav.home") }}</a> {{ url(to="journey", id="a") }}</p>{% block body %}{{ t(key="a.b") }}{% endblock body %}"#),
            (
                "page.html",
                r#"{% extends "base.html" %}{% import "macros.html" as m %}{% block body %}
{%- for i in [1, 2] %} {{- t(key="nav.home") -}} {% if i == 1 %}{{ t(key="a.b") }}{% else %}{{ t(key="missing") }}{% endif %}{% endfor %}
{{ t(key="a.b", n=2) }} {{ t(key="nav.home") | upper }} {{ m::m(x="y") }}
{% filter upper %}{{ t(key="nav.home") }}{% endfilter %}{% raw %}{{ t(key="nav.home") }}{% endraw %}{% endblock body %}"#,
            ),
        ])
        .unwrap();
        tera
    }

    #[test]
    fn pages_read_the_same_with_fixed_strings_written_in() {
        let plain = tera();
        let mut fast = plain.clone();
        let mut changed = 0;
        for template in fast.templates.values_mut() {
            changed += usize::from(substitute(template, &text_of));
        }
        fast.build_inheritance_chains().unwrap();
        assert_eq!(changed, 3, "every template has a fixed call");
        let context = Context::new();
        let expected = plain.render("page.html", &context).unwrap();
        assert_eq!(fast.render("page.html", &context).unwrap(), expected);
        assert!(expected.contains("Fish &amp; &lt;chips&gt; {{ x }}") && expected.contains("[missing]"), "{expected}");
        assert!(expected.contains(r#"{{ t(key="nav.home") }}"#), "raw text stays raw");
        assert!(expected.contains(r#"<a href="/b/&amp;x/">Home</a> /b/journey/2/"#), "{expected}");
        // Text side by side, as the strings written in leave it, is joined, and reads the same.
        let texts = |tera: &Tera| format!("{:?}", tera.templates["base.html"].ast).matches("Text(").count();
        let pieces = texts(&fast);
        fast.templates.values_mut().for_each(join_text);
        fast.build_inheritance_chains().unwrap();
        assert_eq!(fast.render("page.html", &context).unwrap(), expected);
        assert!(texts(&fast) < pieces, "{pieces} pieces of text in base.html stay {}", texts(&fast));
        let macros = format!("{:?}", fast.templates["macros.html"].macros["m"].body);
        assert_eq!(macros.matches("Text(").count(), 2, "the macro's text around its `x`: {macros}");
    }

    #[test]
    fn conditions_answer_as_before_without_escaping() {
        let conditions = [
            r#"{% if a == "x & <y>" %}1{% endif %}"#,
            r#"{% if a != b %}2{% endif %}"#,
            r#"{% if a == c and empty %}3{% elif not empty or amp %}4{% endif %}"#,
            r#"{% if amp == "&" %}5{% endif %}{% if amp == "&amp;" %}6{% endif %}"#,
            r#"{% if a | upper == "X & <Y>" %}7{% endif %}{% if amp in ["&"] %}8{% endif %}"#,
            r#"{% if n == 2 %}9{% endif %}{% if missing is defined %}10{% endif %}{% if empty %}11{% endif %}"#,
        ];
        let mut plain = Tera::default();
        plain.set_escape_fn(super::super::escape_html);
        plain.add_raw_template("c.html", &conditions.concat()).unwrap();
        let mut fast = plain.clone();
        assert!(substitute(fast.templates.get_mut("c.html").unwrap(), &text_of));
        let mut context = Context::new();
        for (key, value) in
            [("a", "x & <y>"), ("b", "x &amp; &lt;y&gt;"), ("c", "x & <y>"), ("amp", "&"), ("empty", "")]
        {
            context.insert(key, value);
        }
        context.insert("n", &2);
        let expected = plain.render("c.html", &context).unwrap();
        assert_eq!(fast.render("c.html", &context).unwrap(), expected);
        // A string never equals the escaped form of itself, escaped or not.
        assert_eq!(expected, "1245789");
        let ast = format!("{:?}", fast.templates["c.html"].ast);
        // `a`, `"x & <y>"`, `a`, `b`, `a`, `c`, `empty`, `empty`, `amp`, and both sides of
        // the two `amp ==`, and `empty` again; not `a | upper`, `amp in`, `n == 2` or `is defined`.
        assert_eq!(ast.matches(r#"name: "safe""#).count(), 14, "{ast}");
    }

    /// The site's values written in read the same as the lookups they replace: text
    /// escaped, conditions (alone, negated, compared, combined) answered alike, macro
    /// arguments passed alike, and a field with a filter left to Tera.
    #[test]
    fn pages_read_the_same_with_the_sites_values_written_in() {
        let site = serde_json::json!({ "title": "Fish & <chips>", "description": "", "base": "/b/&x/" });
        let field = |name: &str| site.get(name).and_then(Value::as_str).map(str::to_string);
        let mut plain = Tera::default();
        plain.set_escape_fn(super::super::escape_html);
        plain
            .add_raw_templates([
                ("macros.html", r#"{% macro link(base) %}<a href="{{ base }}x/">{% endmacro link %}"#),
                ("base.html", r#"<title>{% block title %}{% endblock title %}{{ site.title }}</title>{% block body %}{% endblock body %}"#),
                (
                    "page.html",
                    r#"{% extends "base.html" %}{% import "macros.html" as m %}{% block title %}{{ site.title | upper }} · {% endblock title %}{% block body %}
{% if site.description %}1{% endif %}{% if not site.description %}2{% endif %}{% if site.title == "Fish & <chips>" and not site.description %}3{% endif %}
{% if site.title != t %}4{% endif %}{% for i in [1] %}{{ site.base }}{{ m::link(base=site.base) }}{% endfor %}
{% filter upper %}{{ site.title }}{% endfilter %}{{ lang | default(value=site.title) }}{{ site.missing | default(value="none") }}{% endblock body %}"#,
                ),
            ])
            .unwrap();
        assert!(!names_site(plain.templates.values()));
        let mut fast = plain.clone();
        let changed = fast.templates.values_mut().map(|t| usize::from(site_values(t, &field))).sum::<usize>();
        fast.build_inheritance_chains().unwrap();
        assert_eq!(changed, 2, "the page and its base; not the macros");
        let mut context = Context::new();
        context.insert("site", &site);
        context.insert("t", "Fish &amp; &lt;chips&gt;");
        let expected = plain.render("page.html", &context).unwrap();
        assert_eq!(fast.render("page.html", &context).unwrap(), expected);
        assert!(expected.contains("<title>FISH &amp; &lt;CHIPS&gt; · Fish &amp; &lt;chips&gt;</title>"), "{expected}");
        assert!(expected.contains("\n23\n4/b/&amp;x/<a href=\"/b/&amp;x/x/\">"), "{expected}");
        let body = format!("{:?}", fast.templates["page.html"].blocks["body"].body);
        // In the body, `default(value=…)` and the missing field keep their lookups.
        assert_eq!(body.matches("Ident(\"site.").count(), 2, "{body}");
    }

    #[test]
    fn a_template_that_names_its_own_site_is_seen() {
        for own in [
            "{% set site = 1 %}",
            "{% set_global site = 1 %}",
            "{% for site in [1] %}{% endfor %}",
            "{% for site, v in o %}{% endfor %}",
            "{% if x %}{% for i in [1] %}{% set site = 1 %}{% endfor %}{% endif %}",
            "{% block b %}{% set site = 1 %}{% endblock b %}",
            "{% macro m(site) %}{% endmacro m %}",
        ] {
            let mut tera = Tera::default();
            tera.add_raw_template("t.html", own).unwrap();
            assert!(names_site(tera.templates.values()), "{own}");
        }
    }

    #[test]
    fn only_a_key_alone_is_fixed() {
        let mut tera = tera();
        let page = tera.templates.get_mut("page.html").unwrap();
        substitute(page, &text_of);
        let body = format!("{:?}", page.blocks["body"].body);
        // `n=2`, `| upper` and the missing key keep their calls.
        assert_eq!(body.matches("FunctionCall { name: \"t\"").count(), 3, "{body}");
    }
}
