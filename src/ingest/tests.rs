//! Properties of ingest's parsers: no input makes them panic.

use proptest::prelude::*;

use super::extract;
use super::extract::allowance;
use super::extract::normalise;
use super::extract::sections;
use super::extract::wording;
use super::names;
use super::sources::RecipeAt;
use crate::content::recipe::{HtmlRecipe, TsvRecipe};
use crate::content::{Direction, Reference};

fn html_recipe() -> HtmlRecipe {
    crate::yaml::from_str(
        "remove: [div.x]\ntables: [{selector: table, language: en, border: CN, columns: [name, counterpart, hours, place]}]\n\
         lists: [{selector: li, language: en, border: RU, side: counterpart}]\n\
         rules: [{id: r, title: R, category: visa, parts: [{start: A}], lists: [{after: A, kind: steps}], \
         allowances: [{after: A, direction: import}]}]\n",
    )
    .expect("recipe")
}

fn tsv_recipe() -> TsvRecipe {
    crate::yaml::from_str(
        "group_column: g\nname_column: n\nseparators: [' - ']\nlanguage: ru\ngroups: {G: {border: RU}}\n",
    )
    .expect("recipe")
}

proptest! {
    #[test]
    fn text_parsers_never_panic(s in any::<String>()) {
        let _ = allowance::parse(&s, Direction::Import);
        let _ = (names::fold(&s), names::keys(&s), names::split_parenthesis(&s), names::quoted(&s), names::clean_item(&s));
        let _ = (super::extract::hours::parse(&s, Some("2021"), None), normalise::classification(&s), normalise::place(&s, &Reference::default()));
        let _ = extract::tsv_candidates(&format!("g\tn\n{s}"), &tsv_recipe(), "t");
        let _ = (wording::modes(&s), wording::traffic(&s), wording::status(&s), wording::country(&s, &Reference::default()));
    }

    #[test]
    fn html_extraction_never_panics(body in "(<(table|tr|td|th|li|ul|ol|p|h2|div class=x|b|td rowspan=[0-9]{1,9}|th colspan=[0-9]{1,9})>|</(table|tr|td|li|ul|ol|p|h2|div|b)>|A|[a-z ,.();$0-9]{0,12}|\"|Tel\\.:){0,40}") {
        let recipe = html_recipe();
        let page = extract::parse_page(&body, &recipe).expect("parses");
        let at = RecipeAt { file: std::path::Path::new("sources.yaml"), source: "s" };
        let _ = extract::html_candidates(&page, &recipe, at, &Reference::default());
        let _ = sections::rule_drafts(&page, &recipe, "s", None);
    }
}
