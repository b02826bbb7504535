//! Files far beyond any roster are refused before they are read whole, in Chinese, and the
//! reader never panics on damaged files (issue 14: a 1,685-byte .xlsx aborted the process by
//! allocating 512 GB; a zip bomb took 1.6 GB before it was refused; a binary renamed .csv took
//! 1.4 GB; a UTF-16 CSV without BOM found no header).
//!
//! The big files of the issue are measured by `fuzz/bad_files.py`; these use small
//! files that show the refusal comes before the reading.

use std::io::{Cursor, Read, Seek, SeekFrom, Write};

use qungong::error::ReadError;
use qungong::xlsx::read::{self, Cell, limits};
use rand::{Rng, SeedableRng};
use rust_xlsxwriter::Workbook;

fn xlsx_bytes(cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for &(row, col, text) in cells {
        sheet.write_string(row, col, text).unwrap();
    }
    book.save_to_buffer().unwrap()
}

const HEADER: [&str; 5] = ["工号", "姓名", "性别", "身份证号", "所在单位"];

fn header_cells() -> Vec<(u32, u16, &'static str)> {
    HEADER
        .iter()
        .enumerate()
        .map(|(i, h)| (0, i as u16, *h))
        .collect()
}

fn err(bytes: &[u8], name: &str) -> ReadError {
    read::open_book_bytes(bytes, name).expect_err("should be refused")
}

#[test]
fn one_far_cell_at_xfd1048576_is_not_a_grid_of_17_billion_cells() {
    let mut cells = header_cells();
    cells.push((1_048_575, 16_383, "x"));
    let bytes = xlsx_bytes(&cells);
    assert!(bytes.len() < 10_000, "a tiny file: {} bytes", bytes.len());
    // Columns beyond 200 are ignored: the header is all that is left.
    let sheets = read::open_book_bytes(&bytes, "花名册.xlsx").unwrap();
    assert_eq!(sheets[0].rows.len(), 1);
    assert_eq!(sheets[0].rows[0][1], Cell::Text("姓名".into()));
    // The same far row in a column that is read: refused by its row number.
    let mut cells = header_cells();
    cells.push((1_048_575, 0, "x"));
    let e = err(&xlsx_bytes(&cells), "花名册.xlsx");
    assert_eq!(e.code(), "import.too_many_rows");
    assert!(e.to_string().contains("1048576 行"), "{e}");
    assert!(
        e.to_string().contains(&format!("{}", read::MAX_ROWS)),
        "{e}"
    );
}

#[test]
fn the_staff_import_and_the_meeting_import_survive_the_far_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("far.xlsx");
    let mut cells = header_cells();
    cells.push((1, 0, "10001"));
    cells.push((1, 1, "张三"));
    cells.push((1_048_575, 16_383, "x"));
    std::fs::write(&path, xlsx_bytes(&cells)).unwrap();
    let sheet = qungong::people::import::load(&path).unwrap();
    assert_eq!(sheet.rows.len(), 2);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    // Not a meeting list, but read without aborting.
    let _ = qungong::attendance::meeting_import::read(&path, day);
}

/// Sets the uncompressed size that the central directory declares for `entry`.
fn declare_size(zip: &mut [u8], entry: &str, size: u32) {
    let sig = b"PK\x01\x02";
    let mut at = 0;
    let mut found = false;
    while let Some(p) = zip[at..].windows(4).position(|w| w == sig) {
        let h = at + p;
        let name_len = u16::from_le_bytes([zip[h + 28], zip[h + 29]]) as usize;
        if &zip[h + 46..h + 46 + name_len] == entry.as_bytes() {
            zip[h + 24..h + 28].copy_from_slice(&size.to_le_bytes());
            found = true;
        }
        at = h + 4;
    }
    assert!(found, "{entry} not in the zip");
}

#[test]
fn a_zip_bomb_is_refused_by_its_declared_size_before_it_is_unpacked() {
    let mut bytes = xlsx_bytes(&header_cells());
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", 3_000_000_000);
    let e = err(&bytes, "bomb.xlsx");
    assert_eq!(e.code(), "import.too_large");
    assert!(e.to_string().starts_with("表格过大："), "{e}");
    assert!(e.to_string().contains("sheet1.xml"), "{e}");
    // All parts together.
    let mut bytes = xlsx_bytes(&header_cells());
    for part in ["xl/worksheets/sheet1.xml", "xl/styles.xml"] {
        declare_size(&mut bytes, part, 190 * 1024 * 1024);
    }
    assert_eq!(err(&bytes, "bomb.xlsx").code(), "import.too_large");
}

#[test]
fn a_lying_shared_string_count_does_not_reserve_gigabytes() {
    let bytes = rewrite_part(
        &xlsx_bytes(&header_cells()),
        "xl/sharedStrings.xml",
        |text| {
            let at = text.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = at + text[at..].find('"').unwrap();
            format!("{}4000000000{}", &text[..at], &text[end..])
        },
    );
    assert_eq!(err(&bytes, "bomb.xlsx").code(), "import.workbook");
}

#[test]
fn shared_strings_repeated_millions_of_times_are_refused_by_the_text_budget() {
    // One 30,000-character string in 3,400 cells: 102 million characters from a small file.
    let long = "长".repeat(30_000);
    let mut cells = header_cells();
    for row in 1..=340u32 {
        for col in 0..10u16 {
            cells.push((row, col, long.as_str()));
        }
    }
    let bytes = xlsx_bytes(&cells);
    assert!(bytes.len() < 300_000, "{} bytes", bytes.len());
    let e = err(&bytes, "bomb.xlsx");
    assert_eq!(e.code(), "import.too_large");
    assert!(e.to_string().contains("文字共超过"), "{e}");
}

/// The fixture .xls with one cell record moved to `row`, `col`.
fn xls_with_cell_at(row: u16, col: u16) -> Vec<u8> {
    let bytes = std::fs::read("tests/fixtures/import/roster.xls").unwrap();
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
    let mut stream = Vec::new();
    cfb.open_stream("/Workbook")
        .unwrap()
        .read_to_end(&mut stream)
        .unwrap();
    let mut at = 0;
    let mut patched = false;
    let mut cells_seen = 0;
    while at + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = u16::from_le_bytes([stream[at + 2], stream[at + 3]]) as usize;
        if matches!(typ, 0x00FD | 0x0203 | 0x027E) {
            cells_seen += 1;
            if cells_seen == 8 {
                stream[at + 4..at + 6].copy_from_slice(&row.to_le_bytes());
                stream[at + 6..at + 8].copy_from_slice(&col.to_le_bytes());
                patched = true;
                break;
            }
        }
        at += 4 + len;
    }
    assert!(patched);
    let mut s = cfb.open_stream("/Workbook").unwrap();
    s.seek(SeekFrom::Start(0)).unwrap();
    s.write_all(&stream).unwrap();
    drop(s);
    cfb.flush().unwrap();
    cfb.into_inner().into_inner()
}

#[test]
fn an_xls_whose_cells_span_a_huge_grid_is_refused_before_calamine_builds_it() {
    // The fixture reads.
    let bytes = std::fs::read("tests/fixtures/import/roster.xls").unwrap();
    assert!(read::open_book_bytes(&bytes, "roster.xls").is_ok());
    // A cell moved to row 60,000 of column 3: still a sane grid.
    assert!(read::open_book_bytes(&xls_with_cell_at(60_000, 3), "roster.xls").is_ok());
    // A cell at row 65,536, column 65,536: calamine would fill 4 billion cells.
    let e = err(&xls_with_cell_at(65_535, 65_535), "roster.xls");
    assert_eq!(e.code(), "import.too_large");
    assert!(e.to_string().contains("65536 行 × 65536 列"), "{e}");
}

/// The fixture .ods with one more row: a value, `gap` empty columns, a value, repeated.
fn ods_with_row(gap: u32, repeats: u32) -> Vec<u8> {
    let bytes = std::fs::read("tests/fixtures/import/roster.ods").unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "content.xml" {
            let text = String::from_utf8(data).unwrap();
            // After the last row with a value (LibreOffice's empty rows to 1,048,576 follow).
            let at = text
                .find(r#"<table:table-row table:style-name="ro1" table:number-rows-repeated"#)
                .unwrap();
            let row = format!(
                r#"<table:table-row table:number-rows-repeated="{repeats}"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="{gap}"/><table:table-cell office:value-type="string"><text:p>y</text:p></table:table-cell></table:table-row>"#
            );
            data = format!("{}{row}{}", &text[..at], &text[at..]).into_bytes();
        }
        let options = if name == "mimetype" {
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
        } else {
            zip::write::SimpleFileOptions::default()
        };
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn an_ods_whose_repeats_spread_over_a_huge_grid_is_refused_before_calamine_builds_it() {
    assert!(read::open_book_bytes(&ods_with_row(3, 2), "roster.ods").is_ok());
    // 100 columns wide, 30,000 rows: 3 million cells, read.
    assert!(read::open_book_bytes(&ods_with_row(98, 30_000), "roster.ods").is_ok());
    // 16,000 columns × 6,000 rows: 96 million cells (3 GB in calamine).
    let e = err(&ods_with_row(16_000, 6_000), "roster.ods");
    assert_eq!(e.code(), "import.too_large");
}

#[test]
fn a_binary_file_renamed_csv_is_refused_from_its_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // Larger than any roster: refused by its size, without reading it (a sparse file of
    // text, then of zeros: binary content is named first).
    let big = dir.path().join("big.csv");
    std::fs::write(&big, "工号,姓名\n10001,张三\n".repeat(500)).unwrap();
    let f = std::fs::OpenOptions::new().write(true).open(&big).unwrap();
    f.set_len(limits::MAX_FILE_BYTES + 1).unwrap();
    drop(f);
    let e = read::open_book(&big).unwrap_err();
    assert_eq!(e.code(), "import.too_large");
    assert!(e.to_string().contains("文件有 100 MB，最多 100 MB"), "{e}");
    let zeros = dir.path().join("zeros.csv");
    let f = std::fs::File::create(&zeros).unwrap();
    f.set_len(limits::MAX_FILE_BYTES * 3).unwrap();
    drop(f);
    assert_eq!(
        read::open_book(&zeros).unwrap_err().code(),
        "import.not_a_sheet"
    );

    // Binary content: a program, random bytes.
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(14);
    let mut random = vec![0u8; 1_000_000];
    rng.fill(&mut random[..]);
    let exe = std::fs::read(std::env::current_exe().unwrap()).unwrap();
    for (name, bytes) in [
        ("random.csv", random.as_slice()),
        ("program.csv", &exe[..exe.len().min(2_000_000)]),
        ("zeros.txt", &[0u8; 5000][..]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let e = read::open_book(&path).unwrap_err();
        assert_eq!(e.code(), "import.not_a_sheet", "{name}: {e}");
        assert!(e.to_string().starts_with("不是表格文件"), "{e}");
        assert_eq!(
            read::open_book_bytes(bytes, name).unwrap_err().code(),
            "import.not_a_sheet"
        );
    }
}

#[test]
fn utf16_csv_without_a_bom_is_read() {
    // 销 is U+9500: a NUL byte on the other side.
    let text = "工号,姓名,性别,所在单位\r\n10001,张三,男,营销部\r\n10002,Li Si,女,营销部\r\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (label, bytes) in [("LE", le), ("BE", be)] {
        let sheet = read::open_bytes(&bytes, "名单.csv").unwrap();
        assert_eq!(sheet.rows.len(), 3, "{label}");
        assert_eq!(sheet.rows[1][1], Cell::Text("张三".into()), "{label}");
        assert_eq!(sheet.rows[2][1], Cell::Text("Li Si".into()), "{label}");
    }
    // GBK and UTF-8 are still text.
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    assert_eq!(
        read::open_bytes(&gbk, "名单.csv").unwrap().rows[1][1],
        Cell::Text("张三".into())
    );
}

#[test]
fn a_cell_longer_than_excel_allows_is_refused_naming_row_and_column() {
    let mut csv = String::from("工号,姓名,备注\n10001,张三,短\n10002,李四,");
    csv.push_str(&"很长".repeat(20_000));
    csv.push('\n');
    let e = err(csv.as_bytes(), "名单.csv");
    assert_eq!(e.code(), "import.too_large");
    assert!(
        e.to_string()
            .contains("第 3 行 C 列的单元格有 40000 个字符"),
        "{e}"
    );
    // Up to Excel's limit it is read (the import decides what a field may hold).
    let mut csv = String::from("工号,姓名,备注\n10001,张三,");
    csv.push_str(&"长".repeat(limits::MAX_CELL_CHARS));
    assert!(read::open_book_bytes(csv.as_bytes(), "名单.csv").is_ok());
}

#[test]
fn merged_regions_over_every_row_many_times_over_are_refused_not_walked() {
    let mut cells = header_cells();
    cells.push((1, 0, "营销部"));
    cells.push((1_999, 1, "张三"));
    let bytes = xlsx_bytes(&cells);
    // 3,000 copies of one region down 2,000 rows: 6 million rows walked (a few kB zipped).
    let merges = format!(
        r#"<mergeCells count="3000">{}</mergeCells>"#,
        r#"<mergeCell ref="A2:A2000"/>"#.repeat(3_000)
    );
    let bytes = rewrite_part(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        xml.replace("</sheetData>", &format!("</sheetData>{merges}"))
    });
    let e = err(&bytes, "merged.xlsx");
    assert_eq!(e.code(), "import.too_large");
    assert!(e.to_string().contains("合并单元格过多"), "{e}");
    // One such region is what merged cells are for: 部门 copied down.
    let one = rewrite_part(&xlsx_bytes(&cells), "xl/worksheets/sheet1.xml", |xml| {
        xml.replace(
            "</sheetData>",
            r#"</sheetData><mergeCells count="1"><mergeCell ref="A2:A2000"/></mergeCells>"#,
        )
    });
    let sheets = read::open_book_bytes(&one, "merged.xlsx").unwrap();
    assert_eq!(sheets[0].rows[1_999][0], Cell::Text("营销部".into()));
}

/// The zipped workbook with one part's text changed.
fn rewrite_part(bytes: &[u8], part: &str, change: impl Fn(String) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == part {
            data = change(String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

// ---------------------------------------------------------------------------------------------
// Damaged files: no panic, whatever the bytes (the fuzz target `sheet` does this at length).

fn samples() -> Vec<(&'static str, Vec<u8>)> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["工号", "姓名", "性别", "出生日期", "所在单位"],
        ["10001", "张三", "男", "1985-03-12", "城关供电所"],
        ["10002", "李四", "女", "1990.5", "营业班"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    sheet.write_number(3, 0, 10003.0).unwrap();
    sheet
        .merge_range(4, 4, 6, 4, "运检部", &rust_xlsxwriter::Format::new())
        .unwrap();
    let xlsx = book.save_to_buffer().unwrap();
    let csv = "工号,姓名,性别,出生日期\n10001,张三,男,1985-03-12\n\"10002\",\"李\n四\",女,1990.5\n"
        .as_bytes()
        .to_vec();
    vec![
        ("s.xlsx", xlsx),
        ("s.csv", csv),
        (
            "s.xls",
            std::fs::read("tests/fixtures/import/roster.xls").unwrap(),
        ),
        (
            "s.ods",
            std::fs::read("tests/fixtures/import/roster.ods").unwrap(),
        ),
    ]
}

fn mutate(rng: &mut rand_chacha::ChaCha8Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..rng.random_range(1..=4) {
        if out.is_empty() {
            break;
        }
        let len = out.len();
        match rng.random_range(0..5) {
            // Flip bits.
            0 => {
                for _ in 0..rng.random_range(1..=16) {
                    let i = rng.random_range(0..len);
                    out[i] ^= 1 << rng.random_range(0..8);
                }
            }
            // Truncate.
            1 => out.truncate(rng.random_range(0..len)),
            // Duplicate a chunk.
            2 => {
                let a = rng.random_range(0..len);
                let b = (a + rng.random_range(1..=512)).min(len);
                let at = rng.random_range(0..=len);
                let chunk = out[a..b].to_vec();
                out.splice(at..at, chunk);
            }
            // A byte set to an extreme.
            3 => {
                let i = rng.random_range(0..len);
                out[i] = if rng.random_bool(0.5) { 0xFF } else { 0 };
            }
            // Delete a chunk.
            _ => {
                let a = rng.random_range(0..len);
                let b = (a + rng.random_range(1..=64)).min(len);
                out.drain(a..b);
            }
        }
    }
    out
}

#[test]
fn hundreds_of_damaged_sample_files_are_read_or_refused_without_a_panic() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(20261124);
    let mut read_ok = 0;
    let mut refused = 0;
    for (name, bytes) in samples() {
        assert!(read::open_book_bytes(&bytes, name).is_ok(), "{name}");
        for _ in 0..100 {
            let damaged = mutate(&mut rng, &bytes);
            let result = std::panic::catch_unwind(|| {
                let r = read::open_book_bytes(&damaged, name);
                if let Ok(sheets) = &r {
                    for sheet in sheets {
                        let _ = qungong::people::import::auto_mapping(sheet);
                    }
                }
                r.is_ok()
            });
            match result {
                Ok(true) => read_ok += 1,
                Ok(false) => refused += 1,
                Err(_) => {
                    let path = std::env::temp_dir().join(format!("qungong-panic-{name}"));
                    std::fs::write(&path, &damaged).unwrap();
                    panic!(
                        "{name}: panicked on a damaged copy, saved as {}",
                        path.display()
                    );
                }
            }
        }
    }
    assert_eq!(read_ok + refused, 400);
    assert!(
        refused > 0 && read_ok > 0,
        "{read_ok} read, {refused} refused"
    );
}

/// Found by the fuzz target `sheet`: the fixture .xls with a cell record moved to row 65,536,
/// column 12,032 and its compound-file tables damaged so that only calamine's lenient reader
/// opened it; calamine then filled 24 GB. Now refused as damaged before calamine sees it.
#[test]
fn a_damaged_xls_that_only_calamine_could_open_is_refused() {
    let bytes = std::fs::read("tests/fixtures/import/fuzz-oom.xls").unwrap();
    let e = err(&bytes, "roster.xls");
    assert_eq!(e.code(), "import.workbook");
    assert!(e.to_string().contains("文件结构已损坏"), "{e}");
}

/// A UTF-8 roster whose 4,096th byte falls inside a 汉字 is text, not binary.
#[test]
fn utf8_text_cut_inside_a_character_by_the_sample_is_text() {
    use qungong::xlsx::read::limits::{SNIFF_BYTES, TextKind, sniff_text};
    for shift in 0..3 {
        let mut csv = "x".repeat(shift);
        csv.push_str("姓名,工号\n");
        while csv.len() < SNIFF_BYTES * 2 {
            csv.push_str("张伟,10001\n");
        }
        assert_eq!(sniff_text(csv.as_bytes()), TextKind::Bytes, "shift {shift}");
    }
}
