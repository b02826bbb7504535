//! Masking of personal numbers for lists, printouts and exports.

/// 140105198503120018 → 1401**********0018 (first four and last four kept).
pub fn mask_id_number(id: &str) -> String {
    mask(id, 4, 4)
}

/// 13812345678 → 138****5678.
pub fn mask_phone(phone: &str) -> String {
    mask(phone, 3, 4)
}

fn mask(s: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= keep_start + keep_end {
        return "*".repeat(chars.len());
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if i < keep_start || i >= chars.len() - keep_end {
                c
            } else {
                '*'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_the_ends() {
        assert_eq!(mask_id_number("140105198503120018"), "1401**********0018");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("1234"), "****");
    }
}
