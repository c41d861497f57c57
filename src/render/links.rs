//! The templates' `url()` function: `{{ url(to="stage", id=j.id, stage=s.id) }}` is the
//! percent-encoded link to that page below the site's base, made by [`crate::route`], so a
//! template never spells an address itself.
//!
//! `to` names the kind of page: `home`, `journeys`, `journey`, `stage`, `history`, `compare`,
//! `personas`, `persona`, `insights`, `note`, `tags`, `tag`, `metrics`, `pain-points`,
//! `opportunities` or `roadmap`. `id` is the journey, persona or note id or the tag's slug;
//! `stage` a stage id, `other` the second journey of a comparison, `page` a list page number.

use std::collections::HashMap;

use tera::{Function, Value};

use crate::route::Route;

/// The kinds of page `to` may name, for the error a wrong one gets.
const KINDS: &str = "home, journeys, journey, stage, history, compare, personas, persona, insights, note, tags, tag, \
                     metrics, pain-points, opportunities, roadmap";

/// `url()` bound to one site's base.
pub struct Url {
    /// The base every link starts with, ending in `/`.
    pub base: String,
}

impl Function for Url {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let text = |key: &str| args.get(key).and_then(Value::as_str);
        let need = |key: &str| text(key).ok_or_else(|| tera::Error::msg(format!("url(): `{key}` is missing")));
        let page = || args.get("page").and_then(Value::as_u64).unwrap_or(1) as usize;
        let to = need("to")?;
        let route = match to {
            "home" => Route::Home,
            "journeys" => Route::Journeys(page()),
            "journey" => Route::Journey(need("id")?),
            "stage" => Route::Stage(need("id")?, need("stage")?),
            "history" => Route::History(need("id")?),
            "compare" => Route::Compare(need("id")?, need("other")?),
            "personas" => Route::Personas,
            "persona" => Route::Persona(need("id")?),
            "insights" => Route::Insights(page()),
            "note" => Route::Note(need("id")?),
            "tags" => Route::Tags,
            "tag" => Route::Tag(need("id")?, page()),
            "metrics" => Route::Metrics,
            "pain-points" => Route::PainPoints,
            "opportunities" => Route::Opportunities,
            "roadmap" => Route::Roadmap,
            other => return Err(tera::Error::msg(format!("url(): `to` must be one of {KINDS}, found `{other}`"))),
        };
        Ok(Value::String(route.href(&self.base)))
    }

    fn is_safe(&self) -> bool {
        // The link is percent-encoded ASCII, but a base may hold `&` or a quote: escape it.
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(pairs: &[(&str, Value)]) -> tera::Result<Value> {
        let args = pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        Url { base: "/pb/".into() }.call(&args)
    }

    #[test]
    fn links_each_kind_through_the_routes() {
        let s = |v: &str| Value::from(v);
        assert_eq!(call(&[("to", s("home"))]).unwrap(), "/pb/");
        assert_eq!(call(&[("to", s("stage")), ("id", s("a")), ("stage", s("b"))]).unwrap(), "/pb/journeys/a/b/");
        assert_eq!(call(&[("to", s("compare")), ("id", s("b")), ("other", s("a"))]).unwrap(), "/pb/compare/a/b/");
        assert_eq!(
            call(&[("to", s("tag")), ("id", s("ไทย")), ("page", Value::from(2))]).unwrap(),
            "/pb/tags/%E0%B9%84%E0%B8%97%E0%B8%A2/page/2/"
        );
        assert_eq!(call(&[("to", s("pain-points"))]).unwrap(), "/pb/pain-points/");
    }

    #[test]
    fn a_wrong_kind_or_a_missing_id_is_an_error() {
        let err = call(&[("to", Value::from("journy"))]).unwrap_err().to_string();
        assert!(err.contains("`to` must be one of home, journeys, journey"), "{err}");
        let err = call(&[("to", Value::from("journey"))]).unwrap_err().to_string();
        assert!(err.contains("`id` is missing"), "{err}");
    }
}
