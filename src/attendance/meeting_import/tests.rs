use super::*;
use crate::xlsx::read::Cell;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
}

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

#[test]
fn join_times_in_the_forms_meeting_software_writes() {
    let text = |s: &str| parse_time(&Cell::Text(s.into()), day());
    assert_eq!(text("2026-03-10 09:02:33"), Some(t("2026-03-10 09:02:33")));
    assert_eq!(text("2026/3/10 9:02"), Some(t("2026-03-10 09:02:00")));
    assert_eq!(text("2026-03-10T09:02:33"), Some(t("2026-03-10 09:02:33")));
    assert_eq!(text("2026年3月10日 09:02"), Some(t("2026-03-10 09:02:00")));
    assert_eq!(text("2026年3月10日09:02"), Some(t("2026-03-10 09:02:00")));
    assert_eq!(
        text("2026-03-10 09:02:33 (GMT+08:00)"),
        Some(t("2026-03-10 09:02:33"))
    );
    assert_eq!(text("09:02"), Some(t("2026-03-10 09:02:00")));
    assert_eq!(text("９：０２：０５"), Some(t("2026-03-10 09:02:05")));
    assert_eq!(text("abc"), None);
    assert_eq!(text("25:00"), None);
    // Excel serials: 46091 is 2026-03-10; a fraction alone is a time of day.
    assert_eq!(
        parse_time(&Cell::Number(46091.375), day()),
        Some(t("2026-03-10 09:00:00"))
    );
    assert_eq!(
        parse_time(&Cell::Number(0.5), day()),
        Some(t("2026-03-10 12:00:00"))
    );
    assert_eq!(text("46091.375"), Some(t("2026-03-10 09:00:00")));
    let time_only = NaiveDate::from_ymd_opt(1899, 12, 31)
        .unwrap()
        .and_hms_opt(9, 5, 0)
        .unwrap();
    assert_eq!(
        parse_time(&Cell::DateTime(time_only), day()),
        Some(t("2026-03-10 09:05:00"))
    );
}

#[test]
fn durations_in_minutes() {
    let m = |s: &str| parse_minutes(&Cell::Text(s.into()), DurationUnit::Minutes);
    assert_eq!(m("65"), Some(65));
    assert_eq!(m("65分钟"), Some(65));
    assert_eq!(m("1小时5分钟"), Some(65));
    assert_eq!(m("1时5分30秒"), Some(66));
    assert_eq!(m("01:05:00"), Some(65));
    assert_eq!(m("3900秒"), Some(65));
    assert_eq!(m("1h5m"), Some(65));
    assert_eq!(m("约一小时"), None);
    assert_eq!(
        parse_minutes(&Cell::Number(3900.0), DurationUnit::Seconds),
        Some(65)
    );
    assert_eq!(duration_unit("参会时长（秒）"), DurationUnit::Seconds);
    assert_eq!(duration_unit("参会时长"), DurationUnit::Minutes);
}
