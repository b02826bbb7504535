//! How every command prints: JSON with --json, otherwise Chinese tables on stdout.

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use serde::Serialize;

/// Prints `value` as JSON, or runs `human` for the Chinese table.
pub fn out<T: Serialize>(json: bool, value: &T, human: impl FnOnce()) {
    if json {
        match serde_json::to_string_pretty(value) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("错误：无法输出 JSON：{e}"),
        }
    } else {
        human();
    }
}

/// The most of one cell a table shows: comfy_table's wrapping takes time that grows faster
/// than the text (a 1.6-million-character cell took 22 s, one of 16.7 million never ended),
/// and a terminal shows no more anyway. `--json` gives every value whole.
pub const MAX_CELL_CHARS: usize = 200;
/// The most lines of one cell a table shows.
pub const MAX_CELL_LINES: usize = 12;

/// `text` cut to what a table cell shows ([`MAX_CELL_CHARS`], [`MAX_CELL_LINES`]), with “…”
/// where it was cut.
pub fn clip(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_CELL_CHARS * 4));
    let mut cut = false;
    for (i, line) in text.split('\n').enumerate() {
        if i == MAX_CELL_LINES {
            cut = true;
            break;
        }
        if i > 0 {
            out.push('\n');
        }
        let room = MAX_CELL_CHARS.saturating_sub(out.chars().count());
        match line.char_indices().nth(room) {
            Some((at, _)) => {
                out.push_str(&line[..at]);
                cut = true;
                break;
            }
            None => out.push_str(line),
        }
    }
    if cut {
        out.push('…');
    }
    out
}

pub fn table(headers: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.iter().map(Cell::new));
    let mut n = 0;
    for row in rows {
        t.add_row(row.iter().map(|c| clip(c)).collect::<Vec<_>>());
        n += 1;
    }
    if n == 0 {
        println!("（无记录）");
    } else {
        println!("{t}");
    }
}

pub fn key_values(rows: &[(&str, String)]) {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    for (k, v) in rows {
        t.add_row(vec![
            Cell::new(k).set_alignment(CellAlignment::Right),
            Cell::new(clip(v)),
        ]);
    }
    println!("{t}");
}

pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|v| v.to_string()).unwrap_or_default()
}

/// A share as "12.3%"; "—" where there is nothing to divide by.
pub fn percent(x: Option<f64>) -> String {
    x.map(|x| format!("{:.1}%", x * 100.0))
        .unwrap_or_else(|| "—".into())
}

/// "10001 张三" as the CLI has always named people, or "张三" for someone without a 工号.
pub fn no_name(employee_no: &Option<String>, name: &str) -> String {
    match employee_no {
        Some(no) => format!("{no} {name}"),
        None => name.to_string(),
    }
}
