//! Answers a real native (GTK) save dialog with the keyboard, as a user would: xdotool gives the
//! dialog the input focus, selects the offered name, types a path and presses Enter.
//!
//! Made for a slow machine: it waits for conditions, never for a time — the dialog window being
//! mapped, the X input focus being on it, the window being gone — each with a deadline of
//! minutes. Keystrokes are sent again only when the focus shows they went elsewhere: once the X
//! server has delivered them to the dialog, GTK handles them in order however busy it is.

use std::path::Path;
use std::process::Command;

use super::{LONG_PATIENCE, until_blocking};

/// Types `path` into the save dialog titled `title` and presses Enter; returns once the dialog
/// has closed. Use a path in a fresh, empty folder: then the name field has nothing to
/// complete, so the one Enter saves (an Enter may otherwise only accept a completion).
pub fn save_as(title: &str, path: &Path) {
    let what = format!("the save dialog “{title}” to appear");
    let window = until_blocking(LONG_PATIENCE, &what, || {
        find_window(title).ok_or_else(|| "no such window".to_string())
    });
    for attempt in 1.. {
        assert!(
            attempt <= 5,
            "the focus kept leaving the dialog “{title}” while typing"
        );
        // The input focus on the dialog (no window manager under Xvfb gives it one).
        let what = format!("the input focus on the dialog “{title}”");
        let shown = until_blocking(LONG_PATIENCE, &what, || {
            if !exists(title, &window) {
                return Ok(false);
            }
            if focus_on(&window) {
                return Ok(true);
            }
            xdotool(&["windowfocus", &window]);
            Err(format!("focus on {:?}", focused()))
        });
        if !shown {
            break; // closed by an earlier attempt's Enter
        }
        let mut typing = vec!["key", "--clearmodifiers", "ctrl+a", "type", "--delay", "15"];
        let text = path.to_str().expect("a UTF-8 path");
        typing.push(text);
        xdotool(&typing);
        if !focus_on(&window) {
            eprintln!("the focus left “{title}” while typing (attempt {attempt}); typing again");
            continue;
        }
        // `type` takes every argument after it as text: Enter is a call of its own.
        xdotool(&["key", "Return"]);
        if focus_on(&window) || !exists(title, &window) {
            break;
        }
        eprintln!("the focus left “{title}” before Enter (attempt {attempt}); typing again");
    }
    let what = format!("the dialog “{title}” to close after Enter");
    until_blocking(LONG_PATIENCE, &what, || {
        if exists(title, &window) {
            Err("still open".into())
        } else {
            Ok(())
        }
    });
}

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool (apt-get install xdotool)");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The mapped window whose title contains `title`.
fn find_window(title: &str) -> Option<String> {
    let found = xdotool(&["search", "--onlyvisible", "--name", title]);
    found.lines().next().map(str::to_string)
}

/// Whether `window` is still shown.
fn exists(title: &str, window: &str) -> bool {
    let shown = xdotool(&["search", "--onlyvisible", "--name", title]);
    shown.lines().any(|w| w == window)
}

/// Whether the X input focus (as it is: `-f`, there is no window manager to ask) is on
/// `window`.
fn focus_on(window: &str) -> bool {
    focused() == window
}

fn focused() -> String {
    xdotool(&["getwindowfocus", "-f"])
}
