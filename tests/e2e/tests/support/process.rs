//! The processes of a test: where the programs it runs are (the app, the command line, the
//! WebDriver servers), a `PATH` without a PDF viewer, its own D-Bus session bus, the processes
//! it started (found in /proc, waited for and stopped when it ends) and whether a WebDriver
//! server is ready.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::{PATIENCE, until_blocking};

pub(super) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

pub(super) fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let local = root().join(".tools/bin/tauri-driver");
    if local.exists() {
        return local;
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("tauri-driver"))
            .find(|p| p.exists())
    });
    found.unwrap_or_else(|| {
        panic!("未找到 tauri-driver：请运行 ./test.sh（它会安装），或 cargo install tauri-driver --version '^2' --locked")
    })
}

/// The `qungong` command line (browser mode's server), built by ./test.sh.
pub(super) fn cli_binary() -> PathBuf {
    let cli = std::env::var_os("QUNGONG_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/debug/qungong"));
    assert!(
        cli.exists(),
        "未找到 {}：请先构建（cargo build --bin qungong），或运行 ./test.sh",
        cli.display()
    );
    cli
}

/// A program from PATH (or `env`), or the test fails saying what to install.
pub(super) fn program(env: &str, names: &[&str], package: &str) -> PathBuf {
    if let Some(p) = std::env::var_os(env) {
        return PathBuf::from(p);
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .flat_map(|d| names.iter().map(move |n| d.join(n)))
            .find(|p| p.exists())
    });
    found.unwrap_or_else(|| panic!("未找到 {}：请安装 {package}（./test.sh 会安装）", names[0]))
}

pub(super) fn chromedriver() -> PathBuf {
    program("CHROMEDRIVER", &["chromedriver"], "chromium-driver")
}

pub(super) fn chromium() -> PathBuf {
    program("CHROMIUM", &["chromium", "chromium-browser"], "chromium")
}

pub(super) fn app_binary() -> PathBuf {
    let app = std::env::var_os("QUNGONG_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/debug/qungong-desktop"));
    assert!(
        app.exists(),
        "未找到桌面应用 {}：请先构建（npm --prefix ui run build && cargo build -p qungong-desktop），或运行 ./test.sh",
        app.display()
    );
    app
}

/// A `PATH` whose `xdg-open` (what the app opens a saved PDF with) only says it did: the test
/// machine has no PDF viewer, and the real one stays behind as a process until the test's
/// clean-up gives up waiting for it (two minutes per test that prints).
pub(super) fn quiet_opener(dir: &Path) -> std::ffi::OsString {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opener = bin.join("xdg-open");
    std::fs::write(&opener, "#!/bin/sh\nexit 0\n").unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut path = bin.into_os_string();
    if let Some(rest) = std::env::var_os("PATH") {
        path.push(":");
        path.push(rest);
    }
    path
}

/// A D-Bus session bus of the test's own. The app is a single instance per session bus (a
/// second launch hands over to the running one and exits), so on a shared bus a test's app
/// still shutting down — still owning the name although its process is already a zombie —
/// makes the next test's app exit at once, and WebKitWebDriver then waits for it forever.
pub(super) struct SessionBus {
    daemon: Child,
    pub(super) address: String,
}

impl SessionBus {
    pub(super) fn start() -> SessionBus {
        use std::io::BufRead;
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (apt-get install dbus)");
        let mut address = String::new();
        let out = daemon.stdout.take().unwrap();
        std::io::BufReader::new(out)
            .read_line(&mut address)
            .expect("the address of the test's D-Bus session bus");
        let address = address.trim().to_string();
        assert!(!address.is_empty(), "dbus-daemon printed no address");
        SessionBus { daemon, address }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        // Services it started (the accessibility bus) go with it.
        let started = descendants(self.daemon.id());
        let _ = Command::new("kill")
            .args(["-TERM", &self.daemon.id().to_string()])
            .status();
        let _ = self.daemon.wait();
        stop_all(&started, "the test's D-Bus services");
    }
}

/// The processes below `root` (its children, theirs …), read from /proc.
pub fn descendants(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let pid = e.file_name().to_str()?.parse::<u32>().ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            // "pid (comm) state ppid …": comm may hold spaces and parentheses.
            let ppid = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    found.remove(0);
    found
}

/// Whether `pid` still runs any thread: a zombie whose other threads are still exiting holds
/// its files and sockets (and the app its D-Bus name) until the last one has gone.
fn alive(pid: u32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    let zombie = stat
        .rsplit_once(')')
        .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'));
    let threads = std::fs::read_dir(format!("/proc/{pid}/task")).map_or(0, |d| d.count());
    !zombie || threads > 1
}

/// Waits until every process in `pids` has gone; asks those left to stop (SIGTERM), then kills
/// them. Only processes this test started are ever named here.
pub(super) fn stop_all(pids: &[u32], what: &str) {
    let left = || -> Vec<u32> { pids.iter().copied().filter(|&p| alive(p)).collect() };
    let gone = |limit: Duration, waiting: &str| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            until_blocking(limit, waiting, || {
                let l = left();
                if l.is_empty() {
                    Ok(())
                } else {
                    Err(format!("pids {l:?}"))
                }
            })
        }))
        .is_ok()
    };
    if gone(PATIENCE, &format!("{what} to quit")) {
        return;
    }
    eprintln!("{what} did not quit: stopping them\n{}", processes());
    for pid in left() {
        let _ = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status();
    }
    if gone(PATIENCE, &format!("{what} to stop on SIGTERM")) {
        return;
    }
    for pid in left() {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
    until_blocking(PATIENCE, &format!("{what} to be killed"), || {
        let l = left();
        if l.is_empty() {
            Ok(())
        } else {
            Err(format!("pids {l:?}"))
        }
    });
}

/// The processes of the WebDriver servers and the app, for a failure message.
pub(super) fn processes() -> String {
    let ps = Command::new("ps")
        .args(["-eo", "pid,ppid,stat,etimes,wchan:24,args"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    ps.lines()
        .filter(|l| {
            l.contains("PID")
                || ["tauri-driver", "WebKit", "qungong", "dbus", "at-spi"]
                    .iter()
                    .any(|n| l.contains(n))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether the WebDriver server on `port` answers `GET /status` with `"ready": true`.
pub(super) fn driver_ready(port: u16) -> Result<(), String> {
    use std::io::{Read, Write};
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("port {port}: {e}"))?;
    stream
        .set_read_timeout(Some(PATIENCE))
        .map_err(|e| e.to_string())?;
    // HTTP/1.1 with the port in Host: chromedriver does not answer an HTTP/1.0 request.
    let request =
        format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    // Read until the answer says ready or not: chromedriver keeps the connection open after
    // its answer (Connection: close or not), so reading to the end would wait out the timeout.
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 512];
    let said = |b: &[u8]| {
        let text = String::from_utf8_lossy(b).replace(' ', "");
        text.contains("\"ready\":true") || text.contains("\"ready\":false")
    };
    while !said(&bytes) {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
        }
    }
    let answer = String::from_utf8_lossy(&bytes).into_owned();
    let ready = answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200");
    if ready && answer.replace(' ', "").contains("\"ready\":true") {
        Ok(())
    } else {
        Err(format!("/status answered {answer:?}"))
    }
}
