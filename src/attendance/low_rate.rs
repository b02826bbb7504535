//! 设置 `attendance_low_rate`: the 出勤率 in percent below which the 出勤统计 screen marks a
//! person for follow-up (default 80 %).

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::settings::store::{self, Key};

/// The threshold unless 设置 says otherwise.
pub const DEFAULT_LOW_RATE: u32 = 80;

/// 设置: rates below this many percent are marked on 出勤统计.
pub const LOW_RATE: Key = Key {
    name: "attendance_low_rate",
    label: "出勤率提醒线（%）",
    check: |v| parse_low_rate(v).map(drop),
};

/// "80", "８０", "80%", "80％" → 80; whole percents from 1 to 100.
pub fn parse_low_rate(input: &str) -> Result<u32> {
    let field = "出勤率提醒线";
    let folded = crate::codes::fold_input(input);
    let s = folded.trim().trim_end_matches(['%', '％']).trim();
    let percent: u32 = s
        .parse()
        .map_err(|_| Error::invalid(field, format!("“{}”不是整数百分比", input.trim())))?;
    if !(1..=100).contains(&percent) {
        return Err(Error::invalid(field, "应在 1% 到 100% 之间"));
    }
    Ok(percent)
}

/// The threshold in use (from 设置, else the default).
pub fn low_rate(conn: &Connection) -> Result<u32> {
    match store::get(conn, LOW_RATE.name)? {
        Some(v) => parse_low_rate(&v),
        None => Ok(DEFAULT_LOW_RATE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low_rate_accepts_whole_percents_from_1_to_100() {
        assert_eq!(parse_low_rate("80").unwrap(), 80);
        assert_eq!(parse_low_rate(" 75% ").unwrap(), 75);
        assert_eq!(parse_low_rate("９０％").unwrap(), 90);
        assert_eq!(parse_low_rate("1").unwrap(), 1);
        assert_eq!(parse_low_rate("100").unwrap(), 100);
        for bad in ["0", "101", "八十", "80.5", "-5", ""] {
            let e = parse_low_rate(bad).unwrap_err().to_string();
            assert!(e.contains("出勤率提醒线"), "{bad}: {e}");
        }
    }

    #[test]
    fn low_rate_is_a_setting_with_its_check_and_default() {
        let key = crate::settings::key("attendance_low_rate").unwrap();
        assert!((key.check)("85").is_ok());
        assert!((key.check)("0").is_err());
        assert!((key.check)("200").is_err());

        let dir = tempfile::tempdir().unwrap();
        let mut db = crate::db::Db::open(dir.path().join("t.db")).unwrap();
        assert_eq!(low_rate(db.conn()).unwrap(), DEFAULT_LOW_RATE);
        db.transact(
            &crate::db::Actor::local(),
            crate::db::Action::SettingSet,
            |tx| crate::settings::set(tx, "attendance_low_rate", "70%"),
        )
        .unwrap();
        assert_eq!(low_rate(db.conn()).unwrap(), 70);
        let refused = db.transact(
            &crate::db::Actor::local(),
            crate::db::Action::SettingSet,
            |tx| crate::settings::set(tx, "attendance_low_rate", "0"),
        );
        assert!(refused.is_err());
        assert_eq!(low_rate(db.conn()).unwrap(), 70);
    }
}
