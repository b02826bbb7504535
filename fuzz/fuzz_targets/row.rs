//! The row normaliser on any row: cells are the input split at tabs, a cell starting with '#'
//! is the number after it, one starting with '@' a boolean; every field is mapped. It never
//! panics, and an accepted row holds normalised values.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use qungong::people::import::{Field, Mapping, mapping_at, normalize_row};
use qungong::xlsx::read::{Cell, Sheet};

fn mapping() -> &'static Mapping {
    static MAPPING: OnceLock<Mapping> = OnceLock::new();
    MAPPING.get_or_init(|| {
        let header = Field::ALL
            .iter()
            .map(|f| Cell::Text(f.aliases()[0].to_string()))
            .collect();
        let sheet = Sheet {
            name: String::new(),
            rows: vec![header],
        };
        mapping_at(&sheet, 0).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cells: Vec<Cell> = text
        .split('\t')
        .map(|s| {
            if let Some(n) = s.strip_prefix('#') {
                n.parse().map(Cell::Number).unwrap_or(Cell::Empty)
            } else if let Some(b) = s.strip_prefix('@') {
                Cell::Bool(b == "1")
            } else if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.to_string())
            }
        })
        .collect();
    if let Ok(row) = normalize_row(&cells, mapping()) {
        if let Some(no) = &row.employee_no {
            assert!(!no.chars().any(char::is_whitespace), "{no:?}");
        }
        if let Some(id) = &row.id_number {
            assert_eq!(id.number.len(), 18);
        }
        assert!(row.unit_path.iter().all(|s| !s.is_empty()));
    }
});
