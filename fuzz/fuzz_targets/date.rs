//! The date parser on any text and any number: it never panics, and what it accepts is a real
//! date in a sensible range.
#![no_main]

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use qungong::xlsx::read::{Cell, excel_serial_to_date, parse_date_text, parse_date_value};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(v) = parse_date_text(&text) {
        assert!((1900..=2100).contains(&v.date.year()), "{text:?} → {v:?}");
    }
    let _ = parse_date_value(&Cell::Text(text.into_owned()));
    if let Some(bytes) = data.get(..8) {
        let n = f64::from_le_bytes(bytes.try_into().unwrap());
        if let Ok(v) = parse_date_value(&Cell::Number(n)) {
            assert!((1900..=2100).contains(&v.date.year()), "{n} → {v:?}");
        }
        let _ = excel_serial_to_date(n);
    }
});
