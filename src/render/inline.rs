//! Macro calls written out in place, in a locale's "fast" copy of the templates (see
//! [`super::constants`]).
//!
//! Most built-in macros are one filter over their arguments, `{{ note | note_card(level=level)
//! | safe }}`, so that a theme can restyle a card by replacing `macros.html`; a page calls them
//! by the hundred. Tera makes each call a frame of its own: the macro found by name, its
//! arguments gathered into a map, looked up again inside. [`inline`] replaces each call of such
//! a macro by its body with the call's arguments in place of the macro's names, which writes
//! the same text: a macro sees nothing but its arguments, Tera does not escape what a macro
//! writes, and the body's own `safe` and escaping stay as they were. Only what is plainly that
//! is written out: a body of text around one `{{ … }}` that names nothing but the macro's
//! arguments (bare or dotted, and as filter arguments), called with each argument a name, a
//! dotted name or a literal (a literal where the body leaves the argument unused: the call
//! would look a name up, and fail on one that names nothing), no filter on the call, and every
//! argument given or defaulted. A
//! theme's own macros are written out when they are that simple, and left as calls otherwise.

use std::collections::HashMap;

use tera::ast::{Expr, ExprVal, FunctionCall, MacroDefinition, Node};
use tera::Tera;

/// A macro that can be written out: its body's text before and after its one expression.
struct Simple<'m> {
    definition: &'m MacroDefinition,
    before: String,
    expr: Expr,
    after: String,
}

/// Writes out in `tera`'s templates each call of a macro [`Simple`] enough; whether any was.
pub fn inline(tera: &mut Tera) -> bool {
    // Each template's simple macros, by template and name.
    let mut simple: HashMap<(String, String), Simple> = HashMap::new();
    for (file, template) in &tera.templates {
        for (name, definition) in &template.macros {
            if let Some(s) = simple_macro(definition) {
                simple.insert((file.clone(), name.clone()), s);
            }
        }
    }
    if simple.is_empty() {
        return false;
    }
    // Each template with its calls written out, made from the templates as they were.
    let mut written = Vec::new();
    for (name, template) in &tera.templates {
        let mut namespaces: HashMap<&str, &str> =
            template.imported_macro_files.iter().map(|(file, ns)| (ns.as_str(), file.as_str())).collect();
        namespaces.insert("self", name.as_str());
        let calls = Calls { simple: &simple, namespaces };
        let mut template = template.clone();
        let mut any = calls.nodes(&mut template.ast);
        for block in template.blocks.values_mut() {
            any |= calls.nodes(&mut block.body);
        }
        for definition in template.macros.values_mut() {
            any |= calls.nodes(&mut definition.body);
        }
        if any {
            written.push((name.clone(), template));
        }
    }
    drop(simple);
    let changed = !written.is_empty();
    tera.templates.extend(written);
    changed
}

/// The body of `definition` as text, one expression and text, when it names nothing but the
/// macro's arguments.
fn simple_macro(definition: &MacroDefinition) -> Option<Simple<'_>> {
    let mut before = String::new();
    let mut after = String::new();
    let mut expr = None;
    for node in &definition.body {
        match node {
            Node::Text(text) if expr.is_none() => before.push_str(text),
            Node::Text(text) => after.push_str(text),
            Node::VariableBlock(_, e) if expr.is_none() => expr = Some(e.clone()),
            Node::Comment(..) => {}
            _ => return None,
        }
    }
    let expr = expr?;
    let arg = |name: &str| definition.args.contains_key(root(name));
    let only_arguments = match &expr.val {
        ExprVal::Ident(name) => arg(name) && !name.contains('['),
        _ => false,
    } && !expr.negated
        && expr
            .filters
            .iter()
            .flat_map(|f| f.args.values())
            .all(|a| literal(a) || bare_ident(a).is_some_and(|n| arg(n) && !n.contains('.')));
    only_arguments.then_some(Simple { definition, before, expr, after })
}

/// The first name of a dotted path.
fn root(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or(path)
}

/// A string, number or boolean as written, with nothing applied to it.
fn literal(expr: &Expr) -> bool {
    matches!(expr.val, ExprVal::String(_) | ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_))
        && expr.filters.is_empty()
        && !expr.negated
}

/// The name or dotted name `expr` is, with nothing applied to it.
fn bare_ident(expr: &Expr) -> Option<&str> {
    match &expr.val {
        ExprVal::Ident(name) if expr.filters.is_empty() && !expr.negated && !name.contains('[') => Some(name),
        _ => None,
    }
}

/// The calls a template makes, and where their macros are.
struct Calls<'s, 'm> {
    simple: &'s HashMap<(String, String), Simple<'m>>,
    /// Namespace → the file it names (`self` is the template itself).
    namespaces: HashMap<&'s str, &'s str>,
}

impl Calls<'_, '_> {
    /// Writes out the simple calls in `list` and in every body inside it; whether any.
    fn nodes(&self, list: &mut Vec<Node>) -> bool {
        let mut changed = false;
        let mut i = 0;
        while i < list.len() {
            if let Some(written) = self.written(&list[i]) {
                let n = written.len();
                list.splice(i..=i, written);
                changed = true;
                i += n;
                continue;
            }
            changed |= match &mut list[i] {
                Node::MacroDefinition(_, definition, _) => self.nodes(&mut definition.body),
                Node::FilterSection(_, section, _) => self.nodes(&mut section.body),
                Node::Block(_, block, _) => self.nodes(&mut block.body),
                Node::Forloop(_, forloop, _) => {
                    let body = self.nodes(&mut forloop.body);
                    body | forloop.empty_body.as_mut().is_some_and(|empty| self.nodes(empty))
                }
                Node::If(branches, _) => {
                    let mut any = false;
                    for (_, _, body) in &mut branches.conditions {
                        any |= self.nodes(body);
                    }
                    any | branches.otherwise.as_mut().is_some_and(|(_, body)| self.nodes(body))
                }
                _ => false,
            };
            i += 1;
        }
        changed
    }

    /// What `node` writes, as nodes, when it is a bare call of a simple macro.
    fn written(&self, node: &Node) -> Option<Vec<Node>> {
        let Node::VariableBlock(ws, expr) = node else { return None };
        let ExprVal::MacroCall(call) = &expr.val else { return None };
        if !expr.filters.is_empty() || expr.negated {
            return None;
        }
        let file = self.namespaces.get(call.namespace.as_str())?;
        let simple = self.simple.get(&((*file).to_string(), call.name.clone()))?;
        // Every argument as given, else as defaulted; a name the macro does not take, or one
        // missing, leaves the call to report it.
        if call.args.keys().any(|name| !simple.definition.args.contains_key(name)) {
            return None;
        }
        let ExprVal::Ident(head) = &simple.expr.val else { return None };
        let used = |name: &str| {
            root(head) == name
                || simple.expr.filters.iter().flat_map(|f| f.args.values()).any(|a| bare_ident(a) == Some(name))
        };
        let mut values: HashMap<&str, &Expr> = HashMap::new();
        for (name, default) in &simple.definition.args {
            let value = call.args.get(name).or(default.as_ref())?;
            // The call looks every argument up, so a name it would fail on stays a call even
            // where the body leaves the argument unused.
            let fits = if used(name) { literal(value) || bare_ident(value).is_some() } else { literal(value) };
            if !fits {
                return None;
            }
            values.insert(name, value);
        }
        let value = values.get(root(head))?;
        let val = match (&value.val, &head[root(head).len()..]) {
            (whole, "") => whole.clone(),
            (ExprVal::Ident(path), rest) => ExprVal::Ident(format!("{path}{rest}")),
            // A field of a literal.
            _ => return None,
        };
        let filters = simple
            .expr
            .filters
            .iter()
            .map(|f| FunctionCall {
                name: f.name.clone(),
                args: f
                    .args
                    .iter()
                    .map(|(k, a)| {
                        let a = match bare_ident(a) {
                            Some(name) => (*values.get(name).unwrap_or(&a)).clone(),
                            None => a.clone(),
                        };
                        (k.clone(), a)
                    })
                    .collect(),
            })
            .collect();
        let expr = Expr { val, negated: false, filters };
        let mut out = Vec::with_capacity(3);
        if !simple.before.is_empty() {
            out.push(Node::Text(simple.before.clone()));
        }
        out.push(Node::VariableBlock(*ws, expr));
        if !simple.after.is_empty() {
            out.push(Node::Text(simple.after.clone()));
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use tera::{Context, Tera, Value};

    use super::*;

    fn tera(page: &str) -> Tera {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(crate::text::escape_html);
        tera.register_filter("card", |v: &Value, args: &HashMap<String, Value>| {
            let mut keys: Vec<_> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
            keys.sort();
            Ok(Value::String(format!("<card {}>{v}</card>", keys.join(" "))))
        });
        tera.add_raw_templates([
            (
                "macros.html",
                concat!(
                    "{% macro card(x, level=3, note=\"a&b\") %}\n{{ x | card(level=level, note=note) | safe }}\n{% endmacro card %}",
                    "{% macro field(x) %}{{ x.title }}{% endmacro field %}",
                    "{% macro plain(x) %}{{ x }}{% endmacro plain %}",
                    "{% macro twice(x) %}{{ x }}{{ x }}{% endmacro twice %}",
                    "{% macro outside(x) %}{{ y }}{% endmacro outside %}",
                    "{% macro branch(x) %}{% if x %}{{ x }}{% endif %}{% endmacro branch %}",
                    "{% macro nested(x) %}{{ self::card(x=x) }}{% endmacro nested %}",
                    "{% macro unused(x, y) %}{{ x }}{% endmacro unused %}",
                ),
            ),
            ("base.html", "{% block body %}{% endblock body %}"),
            ("page.html", page),
        ])
        .unwrap();
        tera
    }

    fn context() -> Context {
        let mut context = Context::new();
        context.insert("item", &serde_json::json!({ "title": "<T & t>", "n": 2 }));
        context.insert("items", &serde_json::json!([{ "title": "one" }, { "title": "two" }]));
        context.insert("y", "outside");
        context
    }

    #[test]
    fn pages_read_the_same_with_simple_macros_written_out() {
        let page = concat!(
            "{% extends \"base.html\" %}{% import \"macros.html\" as m %}{% block body %}",
            "{{ m::card(x=item) }}|{{ m::card(x=item.title, level=1) }}|{{ m::card(x=\"<lit>\", note=item.n) }}",
            "|{{ m::unused(x=item.n, y=\"lit\") }}{{ m::unused(x=item.n, y=item.title) }}",
            "|{% for i in items %}{{ m::field(x=i) }}{{ m::plain(x=i.title) }}{% endfor %}",
            "|{{ m::twice(x=item.title) }}|{{ m::outside(x=1) }}|{{ m::branch(x=item.n) }}|{{ m::nested(x=item) }}",
            "|{{ m::card(x=item) | upper }}|{{ m::plain(x=item.title | upper) }}",
            "{% endblock body %}"
        );
        let plain = tera(page);
        let mut fast = plain.clone();
        assert!(inline(&mut fast));
        fast.build_inheritance_chains().unwrap();
        let expected = plain.render("page.html", &context()).unwrap();
        assert_eq!(fast.render("page.html", &context()).unwrap(), expected);
        assert!(expected.contains("<card level=3 note=\"a&b\">{\"n\":2"), "{expected}");
        assert!(expected.contains("&lt;T &amp; t&gt;&lt;T &amp; t&gt;|outside|2|"), "{expected}");
        // The simple calls are gone from the page; the others stay calls.
        let calls = |tera: &Tera| {
            format!("{:?}", tera.templates["page.html"].blocks["body"].body).matches("MacroCall(").count()
        };
        assert_eq!(
            calls(&plain) - calls(&fast),
            6,
            "card ×3, field, plain and unused given a literal written out; not twice, outside, branch, \
             nested, the filtered ones or unused given a name"
        );
    }

    /// Whether `page` fails to render both as written and with its macros written out.
    fn fails_both_ways(page: &str) -> bool {
        let plain = tera(page);
        let mut fast = plain.clone();
        inline(&mut fast);
        plain.render("page.html", &context()).is_err() && fast.render("page.html", &context()).is_err()
    }

    #[test]
    fn a_call_that_fails_fails_as_before() {
        // An argument the body leaves unused, naming nothing; a required argument left out.
        assert!(fails_both_ways("{% import \"macros.html\" as m %}{{ m::unused(x=1, y=nowhere) }}"));
        assert!(fails_both_ways("{% import \"macros.html\" as m %}{{ m::card(level=2) }}"));
    }
}
