use super::*;
use crate::content::{Classification, HoursKind, Mode, OpenTo};

/// A register's shape in small: records nested in objects and arrays, the country elsewhere.
const REGISTER: &str = r#"{"data": {
  "countries": [{"id": 4, "iso_code": "KZ"}, {"id": 9, "iso_code": "CN"}],
  "districts": {"1": [{"checkpoints": [
    {"id": 226, "title": {"ru": "Озинки"}, "foreign_checkpoint": {"ru": "Таскала"}, "country_id": 4,
     "type": {"title": {"ru": "Автомобильный пункт пропуска"}}, "status": {"title": {"ru": "Многосторонний"}, "description": {"ru": "для пересечения границы лицами независимо от их гражданства"}},
     "pattern": {"title": {"ru": "Грузо-пассажирский"}}, "working_time": {"ru": "Круглосуточно"},
     "condition": true, "latitude": "51.216321", "longitude": "49.880509", "updated_at": "2026-02-18T10:00:00.000000Z"},
    {"id": 7, "title": {"ru": "Забайкальск"}, "foreign_checkpoint": {"ru": "Маньчжурия"}, "country_id": 9,
     "type": {"title": {"ru": "Железнодорожный пункт пропуска"}}, "updated_at": "2026-01-01T00:00:00Z"}
  ]}],
  "2": [{"checkpoints": [
    {"id": 135, "title": {"ru": "Кварцитный"}, "foreign_checkpoint": {"ru": "Кайрак"}, "country_id": 4,
     "type": {"title": {"ru": "Железнодорожный пункт пропуска"}}, "status": {"title": {"ru": "Двусторонний"}, "description": {"ru": "гражданами Российской Федерации и сопредельного государства"}},
     "working_time": {"ru": "на нерегулярной основе"}, "condition": false, "updated_at": "2026-02-11T00:00:00Z"}
  ]}]}
}}"#;

const RECIPE: &str = "records: data.districts.*.*.checkpoints.*\n\
    filter:\n  - path: country_id\n    lookup: {entries: data.countries.*, where: iso_code, is: KZ, take: id}\n\
    id: id\nlanguage: ru\nborder: RU\ndescribes: counterpart\nrecord_per_row: true\n\
    fields:\n  name: foreign_checkpoint.ru\n  counterpart: title.ru\n  modes: type.title.ru\n\
    \x20 classification: status.title.ru\n  open_to: status.description.ru\n  traffic: pattern.title.ru\n  hours: working_time.ru\n\
    \x20 functioning: condition\n  lat: latitude\n  lon: longitude\n  as_of: updated_at\n\
    required: [name, counterpart, modes]\n";

fn recipe(yaml: &str) -> JsonRecipe {
    crate::yaml::from_str(yaml).unwrap()
}

fn read(document: &str, yaml: &str) -> anyhow::Result<Vec<Candidate>> {
    let at = RecipeAt { file: std::path::Path::new("sources.yaml"), source: "register" };
    candidates(&parse(document.as_bytes(), MAX_BYTES)?, &recipe(yaml), at, &Reference::default())
}

#[test]
fn reads_nested_records_kept_by_a_lookup_with_the_table_readers() {
    let c = read(REGISTER, RECIPE).unwrap();
    assert_eq!(c.len(), 2, "the Chinese record is left out by the lookup of KZ's id");
    let taskala = &c[0];
    assert_eq!((taskala.name[0].1.as_str(), taskala.counterpart[0].1.as_str()), ("Таскала", "Озинки"));
    assert_eq!(taskala.modes.yes().collect::<Vec<_>>(), vec![Mode::Road]);
    assert_eq!(taskala.classification.as_ref().and_then(|k| k.kind), Some(Classification::Multilateral));
    assert_eq!(taskala.traffic.yes().count(), 2, "Грузо-пассажирский names passengers and cargo");
    assert_eq!(taskala.record_as_of.as_deref(), Some("2026-02-18"));
    assert_eq!(
        (taskala.open_to, c[1].open_to),
        (Some(OpenTo::All), Some(OpenTo::Neighbours)),
        "from the class's definition"
    );
    assert!(taskala.record_per_row);
    assert_eq!(taskala.label, "Таскала – Озинки (record 226)");
}

#[test]
fn a_neighbours_register_gives_its_own_sides_hours_place_and_functioning() {
    let c = read(REGISTER, RECIPE).unwrap();
    let taskala = &c[0];
    assert!(taskala.hours.is_none() && taskala.point.is_none(), "not the Kazakh side's");
    assert_eq!(taskala.counterpart_hours.as_ref().and_then(|h| h.kind), Some(HoursKind::RoundTheClock));
    assert_eq!(taskala.counterpart_point, Some((51.216321, 49.880509)));
    assert_eq!(taskala.functioning, Some(Fact::Yes));
    assert!(taskala.status.is_none(), "functioning is evidence of operation, not a status");
    assert_eq!(taskala.operating.iter().map(|(kind, _)| *kind).collect::<Vec<_>>(), vec![Evidence::Register]);
    let kayrak = &c[1];
    assert_eq!(kayrak.functioning, Some(Fact::No));
    assert_eq!(kayrak.status.as_ref().map(|s| s.state.value), Some(StatusState::Suspended));
    assert!(kayrak.operating.is_empty());
    let own = RECIPE.replace("describes: counterpart\n", "");
    let c = read(REGISTER, &own).unwrap();
    assert_eq!(c[0].point, Some((51.216321, 49.880509)), "a register of the Kazakh side places it");
}

#[test]
fn a_plain_value_filter_and_paths_with_indices() {
    let yaml =
        RECIPE.replace("lookup: {entries: data.countries.*, where: iso_code, is: KZ, take: id}", "equals: \"9\"");
    let c = read(REGISTER, &yaml.replace("required: [name, counterpart, modes]", "required: [name]")).unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].counterpart[0].1, "Забайкальск");
    let doc: Value = serde_json::from_str(REGISTER).unwrap();
    let found = select(&doc, "data.districts.2.0.checkpoints.0.id");
    assert_eq!(found, vec![("data.districts.2.0.checkpoints.0.id".to_string(), &Value::from(135))]);
}

#[test]
fn malformed_json_is_named_at_its_byte_offset() {
    let e = parse(b"{\"a\": [1, 2,, 3]}", MAX_BYTES).unwrap_err();
    assert!(format!("{e:#}").contains("malformed JSON at byte 12 (line 1, column 13)"), "{e:#}");
    let e = parse(b"{\"a\": 1,\n \"b\": }", MAX_BYTES).unwrap_err();
    assert!(format!("{e:#}").contains("at byte 15 (line 2"), "{e:#}");
}

#[test]
fn a_document_over_the_limit_is_refused() {
    let e = parse(REGISTER.as_bytes(), 100).unwrap_err();
    assert!(format!("{e:#}").contains("over the limit of 100"), "{e:#}");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = parse(deep.as_bytes(), MAX_BYTES).unwrap_err();
    assert!(format!("{e:#}").contains("recursion limit"), "{e:#}");
}

#[test]
fn a_path_that_matches_nothing_is_named() {
    let e = read(REGISTER, &RECIPE.replace("data.districts.*.*.checkpoints.*", "data.regions.*")).unwrap_err();
    assert!(
        format!("{e:#}").contains("sources.yaml:1:10: source `register`: `data.regions.*` matches nothing"),
        "{e:#}"
    );
    let e = read(REGISTER, &RECIPE.replace("is: KZ", "is: XX")).unwrap_err();
    assert!(format!("{e:#}").contains("no entry of `data.countries.*` whose `iso_code` is `XX`"), "{e:#}");
}

#[test]
fn a_record_missing_a_required_field_is_named_by_path_and_id() {
    let e = read(REGISTER, &RECIPE.replace("required: [name, counterpart, modes]", "required: [traffic]")).unwrap_err();
    let message = format!("{e:#}");
    assert!(
        message.contains("record `135` (at `data.districts.2.0.checkpoints.0`) has no value at `pattern.title.ru`"),
        "{message}"
    );
}
