//! Numbers, dates and plural categories as each language writes them. The separators, month
//! names and date pattern come from the translation files; only the rules live here.

/// How a language writes numbers and dates (from its translation file).
#[derive(Debug, Clone)]
pub struct Conventions {
    /// Between groups of three digits: `,` in English, a narrow no-break space in Russian.
    pub group: String,
    /// Before the fraction: `.` in English, `,` in Russian and Kazakh.
    pub decimal: String,
    /// Month names as dates use them (January..December; genitive in Russian).
    pub months: [String; 12],
    /// The date pattern, with `{day}`, `{month}` and `{year}`.
    pub date: String,
}

impl Conventions {
    /// `n` with grouped thousands and no needless decimals (at most three).
    pub fn number(&self, n: f64) -> String {
        if !n.is_finite() {
            return n.to_string();
        }
        let rounded = (n.abs() * 1000.0).round() / 1000.0;
        let whole = rounded.trunc() as u64;
        let mut out = group_digits(whole, &self.group);
        let fraction = format!("{:.3}", rounded.fract());
        let fraction = fraction.trim_start_matches('0').trim_start_matches('.').trim_end_matches('0');
        if !fraction.is_empty() {
            out.push_str(&self.decimal);
            out.push_str(fraction);
        }
        if n < 0.0 && rounded != 0.0 { format!("-{out}") } else { out }
    }

    /// A `YYYY-MM-DD` date in words (`25 November 2026`), or the text as given when it is not
    /// such a date.
    pub fn date(&self, iso: &str) -> String {
        let Some(date) = crate::content::date::Date::parse(iso) else { return iso.to_string() };
        let month = &self.months[(date.month as usize).saturating_sub(1).min(11)];
        self.date
            .replace("{day}", &date.day.to_string())
            .replace("{month}", month)
            .replace("{year}", &date.year.to_string())
    }
}

fn group_digits(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(ch);
    }
    out
}

/// The CLDR plural category of the whole number `n` in `lang`: `one`, `few`, `many` or `other`.
pub fn plural_category(lang: &str, n: u64) -> &'static str {
    match lang {
        "ru" | "uk" | "be" => {
            let (tens, units) = (n % 100, n % 10);
            if units == 1 && tens != 11 {
                "one"
            } else if (2..=4).contains(&units) && !(12..=14).contains(&tens) {
                "few"
            } else {
                "many"
            }
        }
        _ if n == 1 => "one",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conventions(group: &str, decimal: &str, date: &str) -> Conventions {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September"];
        let mut all: Vec<String> = months.iter().map(|m| m.to_string()).collect();
        all.extend(["October", "November", "December"].map(String::from));
        Conventions { group: group.into(), decimal: decimal.into(), months: all.try_into().unwrap(), date: date.into() }
    }

    #[test]
    fn groups_thousands_and_writes_fractions_per_language() {
        let en = conventions(",", ".", "{day} {month} {year}");
        assert_eq!(en.number(10000.0), "10,000");
        assert_eq!(en.number(100.0), "100");
        assert_eq!(en.number(0.5), "0.5");
        assert_eq!(en.number(1234567.25), "1,234,567.25");
        let ru = conventions("\u{202F}", ",", "{day} {month} {year} г.");
        assert_eq!(ru.number(10000.0), "10\u{202F}000");
        assert_eq!(ru.number(0.5), "0,5");
        assert_eq!(ru.number(-3.0), "-3");
    }

    #[test]
    fn writes_dates_in_words() {
        let en = conventions(",", ".", "{day} {month} {year}");
        assert_eq!(en.date("2026-11-25"), "25 November 2026");
        assert_eq!(en.date("2026-01-05"), "5 January 2026");
        assert_eq!(en.date("soon"), "soon");
        let kk = conventions(" ", ",", "{year} жылғы {day} {month}");
        assert_eq!(kk.date("2026-11-25"), "2026 жылғы 25 November");
    }

    #[test]
    fn plural_categories_follow_cldr() {
        let ru: Vec<&str> = [1, 2, 5, 11, 12, 21, 22, 25, 111, 0].iter().map(|n| plural_category("ru", *n)).collect();
        assert_eq!(ru, ["one", "few", "many", "many", "many", "one", "few", "many", "many", "many"]);
        assert_eq!(plural_category("en", 1), "one");
        assert_eq!(plural_category("en", 0), "other");
        assert_eq!(plural_category("kk", 5), "other");
    }
}
