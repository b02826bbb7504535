use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn ages_turn_on_the_birthday_and_29_february_on_1_march() {
    assert_eq!(age_on(d("1990-11-24"), d("2025-11-23")), 34);
    assert_eq!(age_on(d("1990-11-24"), d("2025-11-24")), 35);
    assert_eq!(age_on(d("2000-02-29"), d("2025-02-28")), 24);
    assert_eq!(age_on(d("2000-02-29"), d("2025-03-01")), 25);
    assert_eq!(age_on(d("2000-02-29"), d("2024-02-29")), 24);
    assert_eq!(age_on(d("2030-01-01"), d("2025-01-01")), 0);
}

#[test]
fn bracket_labels_follow_the_bounds() {
    assert_eq!(
        bracket_labels(&DEFAULT_BRACKETS),
        [
            "30岁及以下",
            "31–35岁",
            "36–40岁",
            "41–45岁",
            "46–50岁",
            "51–55岁",
            "56岁及以上"
        ]
    );
}

#[test]
fn typed_brackets_preview_their_labels_or_say_what_is_wrong() {
    let p = config::preview_brackets("30，40、50").unwrap();
    assert_eq!(p.brackets, [30, 40, 50]);
    assert_eq!(p.labels, ["30岁及以下", "31–40岁", "41–50岁", "51岁及以上"]);
    let e = config::preview_brackets("40,30").unwrap_err().to_string();
    assert!(e.contains("从小到大"), "{e}");
    assert!(config::preview_brackets("").is_err());
}
