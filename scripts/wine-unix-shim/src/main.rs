//! Under Wine a Windows program can start a Unix program, but Wine then reports the start as
//! failed ("Invalid handle": there is no Windows process to hand back) and the Unix program's
//! output does not reach the pipes the caller made. So the tests' `Command::new("pdftotext")`
//! cannot read a PDF back with Debian's poppler-utils.
//!
//! Copies of this program, named like the tool (`pdftotext.exe`, `pdftoppm.exe` …), stand in for
//! it on Wine's PATH. Each starts `scripts/wine-unix-tool` (a Unix script; its Windows path in
//! `QUNGONG_WINE_UNIX_TOOL`) with a fresh folder, the tool's name and its own arguments, lets
//! the start's error pass, waits until the script has written the tool's exit code into the
//! folder, then passes on the tool's standard output and error and its exit code.

use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let exe = std::env::current_exe().expect("current_exe");
    let tool = exe
        .file_stem()
        .expect("a tool name")
        .to_string_lossy()
        .into_owned();
    let Some(script) = std::env::var_os("QUNGONG_WINE_UNIX_TOOL") else {
        eprintln!("{tool}.exe: QUNGONG_WINE_UNIX_TOOL is not set (scripts/cross-test.sh sets it)");
        return ExitCode::from(127);
    };
    let dir = std::env::temp_dir().join(format!("wine-unix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    // Wine runs the script and returns an error all the same: the status file tells the end.
    let _ = Command::new(&script)
        .arg(&dir)
        .arg(&tool)
        .args(std::env::args_os().skip(1))
        .spawn();
    let status = dir.join("status");
    let deadline = Instant::now() + Duration::from_secs(600);
    while !status.exists() {
        if Instant::now() > deadline {
            eprintln!(
                "{tool}.exe: no answer from {} in 10 minutes",
                Path::new(&script).display()
            );
            return ExitCode::from(124);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_default();
    std::io::stdout().write_all(&read("out")).expect("stdout");
    std::io::stderr().write_all(&read("err")).expect("stderr");
    let code: u8 = String::from_utf8_lossy(&read("status"))
        .trim()
        .parse()
        .unwrap_or(1);
    let _ = std::fs::remove_dir_all(&dir);
    ExitCode::from(code)
}
