//! 党群沟通 on the command line (`qungong concern / opinion / contact / talk / report`, and
//! their prints and exports), run as a real process on a real database file.
//!
//! One module a command (and one for the prints and exports); the helpers they share are here.

#[path = "../common/mod.rs"]
mod common;

mod concerns;
mod contacts;
mod opinions;
mod outputs;
mod reports;
mod talks;

use std::path::{Path, PathBuf};

use serde_json::Value;

use common::{ok, qungong};

fn json(db: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_str(&ok(db, &args)).unwrap()
}

/// Runs a command that must fail; returns its stderr.
fn fails(db: &Path, args: &[&str]) -> String {
    let out = qungong(db, args);
    assert!(!out.status.success(), "qungong {args:?} should have failed");
    assert_ne!(out.status.code(), Some(0));
    String::from_utf8(out.stderr).unwrap()
}

/// The test branch (国网示范县供电公司 > 城关供电所 > 营业班, 营销部; 10001 张三, 10002 李四,
/// 10003 王五, 10004 赵六) in a database file the command line then works on.
fn branch() -> (common::Branch, PathBuf) {
    let b = common::branch();
    let db = b.t.dir.path().join("qungong.db");
    (b, db)
}
