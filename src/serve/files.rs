//! Browser mode's files: what the desktop does with a native dialog is an upload (the browser's
//! file chooser, then `POST /api/upload`) or a download (the answer is the file itself, and the
//! browser saves or opens it as it always does).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Server, blocking, failed, session_key};
use crate::api::{self, ApiError};
use crate::auth::Need;
use crate::pdf::job::{PrintChoices, PrintJob};
use crate::xlsx::job::ExportJob;

/// The largest upload: an attachment may be 20 MB (src/records), a roster far less.
pub const UPLOAD_LIMIT: usize = 64 * 1024 * 1024;

/// The header naming an uploaded file (its name as `encodeURIComponent` writes it).
pub const FILE_NAME_HEADER: &str = "x-file-name";
/// `font` keeps the upload with the database (a font chosen in 设置 is read at every print);
/// anything else waits in a temporary folder until the server stops.
pub const PURPOSE_HEADER: &str = "x-upload-purpose";

/// `%XX` decoding of `encodeURIComponent`'s output; None if it is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `encodeURIComponent` for a header: everything but unreserved ASCII as `%XX`.
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The last part of a name the browser gave, with nothing that could climb out of the folder
/// or confuse a file system; "上传的文件" when nothing is left.
fn safe_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        "上传的文件".into()
    } else {
        clean
    }
}

fn fonts_dir(server: &Server) -> PathBuf {
    server
        .state
        .db_path()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(std::env::temp_dir)
        .join("fonts")
}

/// `POST /api/upload`: the body is the file; answers `{path}`, where the server keeps it, for
/// the command that reads it (people_import_open, meeting_import_preview,
/// activity_file_attach, the 设置 font).
pub async fn upload(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    server.seen();
    // Files come in for the imports, the activity records (政工干部) and the font (管理员).
    let font_purpose = headers
        .get(PURPOSE_HEADER)
        .is_some_and(|v| v.as_bytes() == b"font");
    let need = if font_purpose {
        Need::Admin
    } else {
        Need::Edit
    };
    if let Err(e) = server.state.call(session_key(&headers).as_deref(), need) {
        return failed(e);
    }
    let name = headers
        .get(FILE_NAME_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(percent_decode)
        .map(|n| safe_name(&n))
        .unwrap_or_else(|| safe_name(""));
    let font = headers
        .get(PURPOSE_HEADER)
        .is_some_and(|v| v.as_bytes() == b"font");
    let path = if font {
        fonts_dir(&server).join(&name)
    } else {
        let n = server.uploaded.fetch_add(1, Ordering::Relaxed);
        server.uploads.join(format!("{n}-{name}"))
    };
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, &body));
    match written {
        Ok(()) => {
            axum::Json(serde_json::json!({ "path": path.display().to_string() })).into_response()
        }
        Err(e) => (
            StatusCode::BAD_REQUEST,
            axum::Json(api::io_error("无法保存上传的文件", e)),
        )
            .into_response(),
    }
}

/// A file for the browser to save: its name (for `Content-Disposition`, in both the plain and
/// the UTF-8 form, so Chinese names survive) and extra `X-…` facts about it for the page.
fn download(
    name: &str,
    content_type: &'static str,
    bytes: Vec<u8>,
    facts: &[(&'static str, String)],
) -> Response {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        percent_encode(name)
    );
    let mut response = (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from(bytes),
    )
        .into_response();
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&percent_encode(name)) {
        h.insert(HeaderName::from_static(FILE_NAME_HEADER), v);
    }
    for (k, v) in facts {
        if let Ok(v) = HeaderValue::from_str(&percent_encode(v)) {
            h.insert(HeaderName::from_static(k), v);
        }
    }
    response
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str, body: &Bytes) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError {
        code: "invalid_args".into(),
        message: format!("界面传来的参数有误（{name}）：{e}"),
    })
}

/// A file for [`download`]: made by one of the handlers below.
struct Made {
    name: String,
    content_type: &'static str,
    bytes: Vec<u8>,
    facts: Vec<(&'static str, String)>,
}

/// The downloads' one path: the arguments of `command` read from the body, then `make` run
/// off the async threads for the session's caller, once its role allows `need`; its file is
/// the answer.
async fn made_download<A: for<'de> Deserialize<'de> + Send + 'static>(
    server: Arc<Server>,
    headers: &HeaderMap,
    body: &Bytes,
    command: &'static str,
    need: Need,
    make: impl for<'a> FnOnce(&api::Call<'a>, A) -> Result<Made, ApiError> + Send + 'static,
) -> Response {
    let key = session_key(headers);
    server.seen();
    let args: A = match parse(command, body) {
        Ok(a) => a,
        Err(e) => return failed(e),
    };
    let state = Arc::clone(&server.state);
    let made = blocking(move || {
        let call = state.call(key.as_deref(), need)?;
        make(&call, args)
    })
    .await;
    match made {
        Ok(m) => download(&m.name, m.content_type, m.bytes, &m.facts),
        Err(e) => failed(e),
    }
}

#[derive(Deserialize)]
struct PrintArgs {
    job: PrintJob,
    choices: PrintChoices,
}

/// `print_document`: the PDF as a download; `X-Pages` and `X-Missing-Glyphs` tell the page
/// what the desktop's `Printed` says.
pub async fn print_document(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    made_download(
        server,
        &headers,
        &body,
        "print_document",
        Need::Read,
        |call, args: PrintArgs| {
            let out = api::files::print(call, &args.job, &args.choices)?;
            let missing: String = out.doc.missing_glyphs.iter().collect();
            Ok(Made {
                name: out.file_name,
                content_type: "application/pdf",
                facts: vec![
                    ("x-pages", out.doc.pages.to_string()),
                    ("x-missing-glyphs", missing),
                ],
                bytes: out.doc.bytes,
            })
        },
    )
    .await
}

#[derive(Deserialize)]
struct ExportArgs {
    job: ExportJob,
}

/// `export_xlsx`: the workbook as a download; `X-Rows` and `X-Sheets` (names joined by `/`).
pub async fn export_xlsx(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    made_download(
        server,
        &headers,
        &body,
        "export_xlsx",
        Need::Read,
        |call, args: ExportArgs| {
            let e = api::files::export(call, &args.job)?;
            Ok(Made {
                name: e.file_name,
                content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                facts: vec![
                    ("x-rows", e.rows.to_string()),
                    ("x-sheets", e.sheets.join("/")),
                ],
                bytes: e.bytes,
            })
        },
    )
    .await
}

#[derive(Deserialize)]
struct FileArgs {
    id: i64,
}

/// `activity_file_save` / `activity_file_open`: the original attachment as a download (the
/// browser saves or opens it).
pub async fn activity_file(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    made_download(
        server,
        &headers,
        &body,
        "activity_file_save",
        Need::Read,
        |call, args: FileArgs| {
            let (f, bytes) = call.read(|c| crate::records::content(c, args.id))?;
            Ok(Made {
                name: f.name,
                content_type: "application/octet-stream",
                bytes,
                facts: Vec::new(),
            })
        },
    )
    .await
}

#[derive(Deserialize)]
struct BackupArgs {
    file: String,
}

/// `backup_save` (另存到…): the backup file as a download (管理员).
pub async fn backup_save(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    made_download(
        server,
        &headers,
        &body,
        "backup_save",
        Need::Admin,
        |call, args: BackupArgs| {
            let path = api::backup::backup_for_saving(call, &args.file)?;
            let bytes = std::fs::read(&path).map_err(|e| api::io_error("无法读取备份文件", e))?;
            Ok(Made {
                name: args.file,
                content_type: "application/octet-stream",
                bytes,
                facts: Vec::new(),
            })
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_the_browser_stay_in_their_folder() {
        assert_eq!(safe_name("花名册.xlsx"), "花名册.xlsx");
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("C:\\Users\\a\\b.csv"), "b.csv");
        assert_eq!(safe_name(".."), "上传的文件");
        assert_eq!(safe_name(".bashrc"), "bashrc");
        assert_eq!(safe_name("a\u{0}b<c>.pdf"), "abc.pdf");
    }

    #[test]
    fn names_travel_percent_encoded_both_ways() {
        let name = "2026年 职工花名册（城关）.xlsx";
        assert_eq!(percent_decode(&percent_encode(name)).as_deref(), Some(name));
        assert_eq!(percent_decode("%E8%8A%B1a%20b").as_deref(), Some("花a b"));
        assert_eq!(percent_decode("%ZZ"), None);
        assert_eq!(percent_decode("100%"), Some("100%".into()));
    }
}
