//! Citizen ID numbers (公民身份号码), GB 11643-1999: 6-digit region, 8-digit birth date,
//! 3-digit sequence (odd for men), 1 check character (ISO 7064 MOD 11-2).

use chrono::NaiveDate;

use crate::codes::{Gender, fold_input};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdCardError {
    #[error("应为 18 位，实际为 {0} 位")]
    Length(usize),
    #[error("前 17 位须为数字，最后一位为数字或 X")]
    BadChar,
    #[error("前两位“{0}”不是有效的省级行政区划代码")]
    BadRegion(String),
    #[error("第 7–14 位的出生日期“{0}”无效")]
    BadBirthDate(String),
    #[error("校验位错误（按 GB 11643 应为 {expected}）")]
    CheckDigit { expected: char },
}

/// A checked ID number and what it tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdNumber {
    pub number: String,
    pub birth_date: NaiveDate,
    pub gender: Gender,
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
const PROVINCES: [u32; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// The check character for the first 17 digits. `first17` must be 17 ASCII digits.
pub fn check_char(first17: &str) -> char {
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

/// Validates an ID number as users type it (spaces, full-width digits, lower-case x are folded).
pub fn parse(input: &str) -> Result<IdNumber, IdCardError> {
    let number = fold_input(input).to_uppercase();
    let len = number.chars().count();
    if len != 18 {
        return Err(IdCardError::Length(len));
    }
    // Checked before splitting: 18 characters are not 18 bytes when one is not ASCII.
    if !number.is_ascii() {
        return Err(IdCardError::BadChar);
    }
    let (body, last) = number.split_at(17);
    if !body.bytes().all(|b| b.is_ascii_digit())
        || !last.bytes().all(|b| b.is_ascii_digit() || b == b'X')
    {
        return Err(IdCardError::BadChar);
    }
    let province: u32 = body[..2].parse().unwrap_or(0);
    if !PROVINCES.contains(&province) {
        return Err(IdCardError::BadRegion(body[..2].to_string()));
    }
    let birth = &body[6..14];
    let birth_date = NaiveDate::parse_from_str(birth, "%Y%m%d")
        .ok()
        .filter(|d| d.format("%Y").to_string().as_str() >= "1900")
        .ok_or_else(|| IdCardError::BadBirthDate(birth.to_string()))?;
    let expected = check_char(body);
    if !last.starts_with(expected) {
        return Err(IdCardError::CheckDigit { expected });
    }
    let gender = if (body.as_bytes()[16] - b'0') % 2 == 1 {
        Gender::Male
    } else {
        Gender::Female
    };
    Ok(IdNumber {
        number,
        birth_date,
        gender,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers_give_birth_date_and_gender() {
        // 11010519491231002X is the example of GB 11643 itself.
        let id = parse("11010519491231002x").unwrap();
        assert_eq!(id.number, "11010519491231002X");
        assert_eq!(
            id.birth_date,
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert_eq!(id.gender, Gender::Female);
        let id = parse("140105198503120018").unwrap();
        assert_eq!(id.gender, Gender::Male);
    }

    #[test]
    fn check_digit_is_verified() {
        assert_eq!(check_char("14010519850312001"), '8');
        assert_eq!(
            parse("140105198503120017"),
            Err(IdCardError::CheckDigit { expected: '8' })
        );
        assert_eq!(
            parse("140105198503120017").unwrap_err().to_string(),
            "校验位错误（按 GB 11643 应为 8）"
        );
    }

    #[test]
    fn malformed_numbers_are_refused_with_reasons() {
        assert_eq!(parse("1401051985031200"), Err(IdCardError::Length(16)));
        assert_eq!(parse("14010519850312A017"), Err(IdCardError::BadChar));
        // 18 characters, not all ASCII (found by fuzzing the import).
        assert_eq!(parse("14010519850312001一"), Err(IdCardError::BadChar));
        assert_eq!(parse("一40105198503120018"), Err(IdCardError::BadChar));
        assert_eq!(parse("140105198503120一18"), Err(IdCardError::BadChar));
        assert_eq!(
            parse("990105198503120017"),
            Err(IdCardError::BadRegion("99".into()))
        );
        assert!(matches!(
            parse("140105198502300010"),
            Err(IdCardError::BadBirthDate(_))
        ));
        // Full-width digits and spaces are folded before checking.
        assert!(parse("１４０１０５ 19850312 0018").is_ok());
    }
}
