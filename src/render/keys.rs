//! The translation keys the program itself uses: labels, page titles, formats, the months and
//! weekdays, and the texts of the "open now" badge. Templates use others, which `validate` finds
//! in them.

/// The months' names, January first: `month_1` to `month_12`.
pub const MONTHS: [&str; 12] = [
    "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8", "month_9", "month_10",
    "month_11", "month_12",
];

/// The weekdays' short names, Monday first.
pub const WEEKDAYS: [&str; 7] =
    ["weekday_1", "weekday_2", "weekday_3", "weekday_4", "weekday_5", "weekday_6", "weekday_7"];

/// The texts of the "open now" badge, as `hours.js` names them after `open_`.
pub const BADGE: [&str; 6] = [
    "open_now_closes",
    "open_now_all_day",
    "open_closed",
    "open_closed_opens",
    "open_closed_opens_day",
    "open_closed_opens_date",
];

/// The other keys: labels of values and fields, titles, formats.
const LABELS: &[&str] = &[
    "language_name",
    "offline_copy",
    "offline_stored",
    "offline_megabytes",
    "number_group",
    "number_decimal",
    "date_format",
    "mode_road",
    "mode_rail",
    "mode_air",
    "mode_sea",
    "mode_river",
    "mode_pedestrian",
    "traffic_passenger",
    "traffic_cargo",
    "fact_yes",
    "fact_no",
    "fact_unknown",
    "as_of",
    "filter_confirmed",
    "status_ended",
    "cited_more",
    "may_be_out_of_date",
    "lang_en",
    "lang_ru",
    "lang_kk",
    "unknown",
    "coverage_name",
    "coverage_stale",
    "hours_24h",
    "hours_daytime",
    "hours_schedule",
    "hours_seasonal",
    "hours_every_day",
    "hours_break",
    "hours_season",
    "hours_zone_unknown",
    "day_month",
    "status_open",
    "status_closed",
    "status_suspended",
    "status_unknown",
    "classification_international",
    "classification_multilateral",
    "classification_bilateral",
    "precision_surveyed",
    "precision_settlement",
    "precision_approximate",
    "open_to_all",
    "open_to_neighbours",
    "status_since",
    "status_until",
    "map_phone",
    "map_label",
    "locator_label",
    "source_untitled",
    "distance_km",
    "border_none",
    "border_title",
    "border_title_none",
    "border_description",
    "count_checkpoints",
    "applies_borders",
    "applies_checkpoints",
    "applies_nationalities",
    "category_visa",
    "category_documents",
    "category_procedure",
    "category_vehicles",
    "category_customs",
    "category_refusal",
    "direction_import",
    "direction_export",
    "direction_both",
    "unit_l",
    "unit_kg",
    "unit_pieces",
    "checkpoint_description",
    "checkpoint_description_border",
    "data_description",
    "title_checkpoints",
    "title_rules",
    "title_borders",
    "title_data",
    "title_not_found",
    "filter_border",
    "filter_mode",
    "filter_traffic",
    "filter_hours",
    "filter_status",
    "feed_checkpoint",
    "field_name",
    "field_aliases",
    "field_border",
    "field_counterpart",
    "field_modes",
    "field_traffic",
    "field_open_to",
    "field_classification",
    "field_hours",
    "field_status",
    "field_location",
    "field_region",
    "field_district",
    "field_settlement",
    "field_coordinates",
    "field_contacts",
    "field_notes",
    "field_text",
    "field_allowances",
    "field_lists",
    "field_applies_to",
    "field_e_queue",
    "filter_e_queue",
    "e_queue_yes",
    "e_queue_since",
    "e_queue_no",
    "e_queue_short_yes",
    "e_queue_short_no",
    "e_queue_fee_in_turn",
    "e_queue_fee_out_of_turn",
    "e_queue_fee_accelerated",
    "e_queue_fee_rebooking",
    "e_queue_book",
    "e_queue_fee",
    "title_e_queue",
    "e_queue_lead",
    "completeness",
];

/// The key of month `m` (1 to 12).
pub fn month(m: u32) -> Option<&'static str> {
    MONTHS.get((m as usize).checked_sub(1)?).copied()
}

/// Every key the program uses, each once.
pub fn rust_keys() -> impl Iterator<Item = &'static str> {
    LABELS.iter().chain(&MONTHS).chain(&WEEKDAYS).chain(&BADGE).copied()
}

/// Whether the program uses `key`.
pub fn is_rust_key(key: &str) -> bool {
    rust_keys().any(|k| k == key)
}
