//! Which of a page's variables its theme reads. A variable whose value is costly to build
//! and that the built-in templates draw another way (the journey map's parts, a persona's
//! journeys; see `docs/themes.md`) is built only where some template names it; a template that
//! names it gets it as before.

use tera::ast::{Expr, ExprVal, Node};
use tera::Template;

/// The costly variables a theme names, each given to its pages only where it does: a journey
/// page's `map` (the map's parts) and a persona page's `curves` (the whole journeys behind
/// its chart). The built-in templates name neither.
#[derive(Clone, Copy, Debug)]
pub struct Named {
    pub map: bool,
    pub curves: bool,
}

impl Named {
    /// What `templates` name.
    pub fn by<'t>(templates: impl IntoIterator<Item = &'t Template> + Clone) -> Named {
        Named { map: reads(templates.clone(), "map"), curves: reads(templates, "curves") }
    }

    /// Everything, for a view of the pages made without a theme (the contract's tests).
    pub const ALL: Named = Named { map: true, curves: true };
}

/// Whether any of `templates` reads the variable `name`: `name` itself or any field of it,
/// wherever an expression may stand (output, conditions, loops, `set`, the arguments of
/// filters, tests, functions and macros), or the whole context
/// (`__tera_context`). A template that gives `name` a value of its own counts too: telling
/// the two apart is not worth the risk of leaving a variable out.
pub fn reads<'t>(templates: impl IntoIterator<Item = &'t Template>, name: &str) -> bool {
    let reader = Reader { name };
    templates.into_iter().any(|t| {
        reader.nodes(&t.ast)
            || t.blocks.values().any(|b| reader.nodes(&b.body))
            || t.macros.values().any(|m| reader.nodes(&m.body))
    })
}

struct Reader<'n> {
    name: &'n str,
}

impl Reader<'_> {
    fn nodes(&self, list: &[Node]) -> bool {
        list.iter().any(|node| match node {
            Node::VariableBlock(_, expr) => self.expr(expr),
            // A macro's defaults are literals.
            Node::MacroDefinition(_, definition, _) => self.nodes(&definition.body),
            Node::Set(_, set) => self.ident(&set.key) || self.expr(&set.value),
            Node::FilterSection(_, section, _) => {
                section.filter.args.values().any(|e| self.expr(e)) || self.nodes(&section.body)
            }
            Node::Block(_, block, _) => self.nodes(&block.body),
            Node::Forloop(_, forloop, _) => {
                self.expr(&forloop.container)
                    || self.ident(&forloop.value)
                    || forloop.key.as_deref().is_some_and(|k| self.ident(k))
                    || self.nodes(&forloop.body)
                    || forloop.empty_body.as_deref().is_some_and(|body| self.nodes(body))
            }
            Node::If(branches, _) => {
                branches.conditions.iter().any(|(_, condition, body)| self.expr(condition) || self.nodes(body))
                    || branches.otherwise.as_ref().is_some_and(|(_, body)| self.nodes(body))
            }
            Node::Super
            | Node::Text(_)
            | Node::Extends(..)
            | Node::Include(..)
            | Node::ImportMacro(..)
            | Node::Raw(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::Comment(..) => false,
        })
    }

    fn expr(&self, expr: &Expr) -> bool {
        self.value(&expr.val) || expr.filters.iter().flat_map(|f| f.args.values()).any(|e| self.expr(e))
    }

    fn value(&self, value: &ExprVal) -> bool {
        match value {
            ExprVal::Ident(path) => self.ident(path),
            ExprVal::Math(math) => self.expr(&math.lhs) || self.expr(&math.rhs),
            ExprVal::Logic(logic) => self.expr(&logic.lhs) || self.expr(&logic.rhs),
            ExprVal::In(within) => self.expr(&within.lhs) || self.expr(&within.rhs),
            ExprVal::Test(test) => self.ident(&test.ident) || test.args.iter().any(|e| self.expr(e)),
            ExprVal::MacroCall(call) => call.args.values().any(|e| self.expr(e)),
            ExprVal::FunctionCall(call) => call.args.values().any(|e| self.expr(e)),
            ExprVal::Array(items) => items.iter().any(|e| self.expr(e)),
            ExprVal::StringConcat(concat) => concat.values.iter().any(|v| self.value(v)),
            ExprVal::String(_) | ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) => false,
        }
    }

    /// Whether the dotted or indexed path `path` starts at the variable, or is the whole
    /// context. An index may itself name the variable: `x[map.key]`.
    fn ident(&self, path: &str) -> bool {
        if path.starts_with("__tera_context") {
            return true;
        }
        let starts = |at: &str| {
            at.strip_prefix(self.name).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[', ' ', ']']))
        };
        starts(path) || path.match_indices('[').any(|(i, _)| starts(path[i + 1..].trim_start()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads_in(text: &str) -> bool {
        let template = Template::new("t.html", None, text).expect("the test's template parses");
        reads([&template], "map")
    }

    #[test]
    fn a_variable_is_read_wherever_an_expression_may_name_it() {
        for text in [
            "{{ map }}",
            "{{ map.lanes | length }}",
            "{{ map[\"lanes\"] }}",
            "{{ other[map.key] }}",
            "{% if map.emotion %}x{% endif %}",
            "{% if x %}{% elif not map %}y{% endif %}",
            "{% if 'a' in map.stages %}x{% endif %}",
            "{% if map is defined %}x{% endif %}",
            "{% for l in map.lanes %}{{ l }}{% endfor %}",
            "{% for l in x %}{% else %}{{ map }}{% endfor %}",
            "{% set lanes = map.lanes %}",
            "{% set map = 1 %}",
            "{{ x | default(value=map) }}",
            "{{ f(a=map.stages) }}",
            "{{ 'a' ~ map.title }}",
            "{{ [1, map] }}",
            "{{ map.count + 1 }}",
            "{% filter replace(from='a', to=map.a) %}x{% endfilter %}",
            "{% macro m(x) %}{{ map.lanes }}{% endmacro m %}",
            "{% block b %}{{ map }}{% endblock b %}",
            "{{ __tera_context }}",
        ] {
            assert!(reads_in(text), "{text}");
        }
    }

    #[test]
    fn the_built_in_theme_names_neither_costly_variable() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let templates: Vec<Template> = std::fs::read_dir(dir)
            .expect("the built-in templates are readable")
            .map(|entry| {
                let path = entry.expect("a directory entry").path();
                let text = std::fs::read_to_string(&path).expect("a template is text");
                Template::new(&path.to_string_lossy(), None, &text).expect("a built-in template parses")
            })
            .collect();
        assert!(templates.len() >= 20, "{} templates", templates.len());
        let named = Named::by(&templates);
        assert!(!named.map && !named.curves, "{named:?}");
    }

    #[test]
    fn other_names_and_text_are_not_reads() {
        for text in [
            "<div class=\"jmap\" id=\"map-heading\">map</div>",
            "{{ t(key=\"journey.map\") }}",
            "{{ maps }} {{ mapping.x }} {{ roadmap }} {{ x.map }}",
            "{% raw %}{{ map }}{% endraw %}",
            "{# {{ map }} #}",
            "{{ 'map' }}",
            "{% macro m(x=\"map\") %}{{ x }}{% endmacro m %}",
        ] {
            assert!(!reads_in(text), "{text}");
        }
    }
}
