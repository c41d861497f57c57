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
//! Every page template and the header are `.html`, which Tera escapes (with the renderer's
//! escape function, [`crate::text::escape_html`]), so the text is written escaped as that
//! function escapes it. Whitespace control (`{{-`) is applied to the text around a tag when
//! the template is parsed, so a tag's own flags no longer matter.

use tera::ast::{Expr, ExprVal, Node};
use tera::Template;

/// Replaces in `template` each `{{ f(arg="…") }}` (one function, one literal argument) whose
/// text `text_of(f, arg, value)` gives; whether any was.
pub fn substitute(template: &mut Template, text_of: &impl Fn(&str, &str, &str) -> Option<String>) -> bool {
    let mut changed = nodes(&mut template.ast, text_of);
    for block in template.blocks.values_mut() {
        changed |= nodes(&mut block.body, text_of);
    }
    for definition in template.macros.values_mut() {
        changed |= nodes(&mut definition.body, text_of);
    }
    changed
}

fn nodes(list: &mut [Node], text_of: &impl Fn(&str, &str, &str) -> Option<String>) -> bool {
    let mut changed = false;
    for node in list {
        changed |= match node {
            Node::VariableBlock(_, expr) => match fixed_call(expr).and_then(|(f, arg, value)| text_of(f, arg, value)) {
                Some(text) => {
                    *node = Node::Text(super::escape_html(&text));
                    true
                }
                None => false,
            },
            Node::MacroDefinition(_, definition, _) => nodes(&mut definition.body, text_of),
            Node::FilterSection(_, section, _) => nodes(&mut section.body, text_of),
            Node::Block(_, block, _) => nodes(&mut block.body, text_of),
            Node::Forloop(_, forloop, _) => {
                let body = nodes(&mut forloop.body, text_of);
                body | forloop.empty_body.as_mut().is_some_and(|empty| nodes(empty, text_of))
            }
            Node::If(branches, _) => {
                let mut any = false;
                for (_, _, body) in &mut branches.conditions {
                    any |= nodes(body, text_of);
                }
                any | branches.otherwise.as_mut().is_some_and(|(_, body)| nodes(body, text_of))
            }
            _ => false,
        };
    }
    changed
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
