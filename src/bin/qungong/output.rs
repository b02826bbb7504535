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

pub fn table(headers: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.iter().map(Cell::new));
    let mut n = 0;
    for row in rows {
        t.add_row(row);
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
            Cell::new(v),
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
