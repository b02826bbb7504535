//! The sheet reader on whole files, as the staff import reads them: the input is the file's
//! bytes, read as an .xlsx (a zip is read as .xlsx / .xlsb / .ods, a compound file as .xls,
//! whatever the extension) and as a .csv (text in any encoding), then the import's header
//! search and row normaliser run over what was read. It never panics, and memory stays
//! bounded (run with `-rss_limit_mb=1024`: libFuzzer also fails any single allocation above
//! that). Seeds: `corpus/sheet/` (see README.md).
#![no_main]

use std::sync::atomic::{AtomicUsize, Ordering};

use libfuzzer_sys::fuzz_target;
use qungong::people::import::{auto_mapping, load_bytes, normalize_row_lenient};
use qungong::xlsx::read::{self, limits};

/// Panics inside calamine on damaged files (its compound-file reader indexes out of range):
/// the reader catches them and says the file is damaged (`read_workbook`), so they are not
/// failures here; any other panic still aborts, as libFuzzer's hook does.
static CALAMINE_PANICS: AtomicUsize = AtomicUsize::new(0);

fn allow_calamine_panics() {
    let abort_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if info
            .location()
            .is_some_and(|l| l.file().contains("/calamine-"))
        {
            let n = CALAMINE_PANICS.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_power_of_two() {
                eprintln!("calamine panics caught so far: {n} (latest: {info})");
            }
            return;
        }
        abort_hook(info);
    }));
}

fuzz_target!(init: allow_calamine_panics(), |data: &[u8]| {
    for name in ["花名册.xlsx", "花名册.csv"] {
        let Ok(sheet) = load_bytes(data, name) else {
            continue;
        };
        assert!(sheet.rows.len() <= read::MAX_ROWS);
        assert!(sheet.rows.iter().all(|r| r.len() <= read::MAX_COLUMNS));
        for row in &sheet.rows {
            for cell in row {
                if let read::Cell::Text(t) = cell {
                    assert!(t.chars().count() <= limits::MAX_CELL_CHARS);
                }
            }
        }
        if let Ok(mapping) = auto_mapping(&sheet) {
            for cells in sheet.rows.iter().skip(mapping.header_row) {
                let _ = normalize_row_lenient(cells, &mapping);
            }
        }
    }
});
