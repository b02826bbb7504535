//! 活动记录: the photos and files (会议记录, the scan of the signed paper sheet …) attached to an
//! activity, shown as thumbnails on its page and printed in its 活动记录 (`crate::pdf`).
//!
//! # Where the files are kept: in the database
//! Attachments are stored in the SQLite file itself (`activity_file` for what they are,
//! `activity_file_data` for the bytes; migration 0004), not in a folder beside it:
//! - **Backups.** The data is one file (`qungong.db`), copied as one file by users, by the
//!   backup (SQLite's online backup API) and onto another PC. A folder beside it would have to
//!   be copied too, at the same moment, or a restored backup points at photos that are gone, or
//!   lacks ones its rows name; nothing in a copy would say so until an inspection asks.
//! - **One transaction.** An attachment, its row and its audit line are written, or removed,
//!   together; no orphan file is left by a crash half-way, no path can dangle, no path syntax
//!   differs between Windows and the domestic Linux systems.
//! - **Checksums** still guard the bytes: the SHA-256 of each original is stored and checked
//!   every time it is read back (preview, save, print), and refuses the same file twice.
//! - **The cost** is size: the file grows by what is attached. Each attachment is capped at
//!   [`MAX_FILE_BYTES`] and each activity at [`MAX_FILES_PER_ACTIVITY`]; a branch attaching four
//!   3 MB photos to 100 activities a year adds about 1.2 GB a year. SQLite handles BLOBs of this
//!   size well (up to 1 GB each); the bytes sit in their own table so lists and counts never
//!   read them, and the thumbnail (at most 320 px, made once when attaching) is what the
//!   activity's page loads.
//!
//! Originals are kept byte for byte (the scan of a signed sheet is evidence); only copies are
//! scaled, for the thumbnail and for the printed record.

mod picture;

use std::path::Path;

use base64::Engine;
use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::activities;
use crate::codes::{ActivityStatus, AttachmentKind};
use crate::db::{Tx, new_uid, now_text};
use crate::error::{ActivityError, Error, RecordError, Result};

pub(crate) use picture::Picture;
pub use picture::{PRINT_SIDE, THUMB_SIDE};

/// The largest attachment: a 12-megapixel phone photo is 3–6 MB, a scanned A4 page as PDF
/// rarely more than 5 MB.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// The most attachments one activity may have.
pub const MAX_FILES_PER_ACTIVITY: i64 = 60;
const MAX_NAME_CHARS: usize = 120;
const MAX_CAPTION_CHARS: usize = 100;

/// One attachment, without its bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActivityFile {
    pub id: i64,
    pub uid: String,
    pub activity_id: i64,
    pub kind: AttachmentKind,
    /// The file name as chosen (会议记录.docx).
    pub name: String,
    pub mime: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the original, lower-case hex.
    pub sha256: String,
    /// Pictures: pixels, upright.
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub caption: Option<String>,
    pub created_at: NaiveDateTime,
    /// The thumbnail as a `data:image/jpeg;base64,…` URL, for pictures, when the list was asked
    /// with thumbnails; otherwise null.
    pub thumbnail: Option<String>,
}

impl ActivityFile {
    pub fn is_picture(&self) -> bool {
        self.width.is_some()
    }
}

/// "3.2 MB", "850 KB", "12 字节".
pub fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{bytes} 字节")
    }
}

/// `data:<mime>;base64,<bytes>`: how the UI receives a picture (the window's CSP allows `data:`
/// images and nothing else from outside the app).
pub fn data_url(mime: &str, bytes: &[u8]) -> String {
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn too_large(name: &str, size: u64) -> Error {
    // Rounded up, so a file just over the limit does not read as exactly the limit.
    let mb = (size as f64 / (1024.0 * 1024.0) * 10.0).ceil() / 10.0;
    RecordError::TooLarge {
        name: name.to_string(),
        size: format!("{mb:.1} MB"),
        limit: human_size(MAX_FILE_BYTES),
    }
    .into()
}

/// An attachment checked and ready to store: its checksum, type, size and thumbnail are made
/// here, outside the write transaction (decoding a large photo takes a moment).
#[derive(Debug, Clone)]
pub struct Prepared {
    kind: AttachmentKind,
    name: String,
    mime: &'static str,
    bytes: Vec<u8>,
    sha256: String,
    size: (Option<u32>, Option<u32>),
    thumb: Option<Vec<u8>>,
    caption: Option<String>,
}

impl Prepared {
    pub fn kind(&self) -> AttachmentKind {
        self.kind
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

fn clean_name(name: &str) -> String {
    // Only the last part of a path, without control characters.
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let base: String = base.chars().filter(|c| !c.is_control()).collect();
    let base = base.trim();
    if base.is_empty() {
        return "未命名文件".into();
    }
    let n = base.chars().count();
    if n <= MAX_NAME_CHARS {
        return base.to_string();
    }
    // Keep the extension when shortening.
    let ext = base
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| e.chars().count() <= 10)
        .map(|e| format!(".{e}"))
        .unwrap_or_default();
    let keep = MAX_NAME_CHARS - ext.chars().count();
    format!("{}{ext}", base.chars().take(keep).collect::<String>())
}

fn clean_caption(caption: Option<&str>) -> Result<Option<String>> {
    let Some(c) = caption.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    if c.chars().count() > MAX_CAPTION_CHARS {
        return Err(Error::invalid(
            "照片说明",
            format!("不能超过 {MAX_CAPTION_CHARS} 个字"),
        ));
    }
    Ok(Some(c.replace(['\r', '\n'], " ")))
}

/// Checks a file and makes its thumbnail. `kind`: `None` takes a JPEG or PNG as a photo and
/// anything else as a file. A photo must be a JPEG or PNG that decodes; a file may be anything
/// (a picture attached as a file gets a thumbnail too).
pub fn prepare(
    kind: Option<AttachmentKind>,
    name: &str,
    bytes: Vec<u8>,
    caption: Option<&str>,
) -> Result<Prepared> {
    let name = clean_name(name);
    if bytes.is_empty() {
        return Err(RecordError::Empty { name }.into());
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&name, bytes.len() as u64));
    }
    let caption = clean_caption(caption)?;
    let kind = kind.unwrap_or(if picture::is_picture(&bytes) {
        AttachmentKind::Photo
    } else {
        AttachmentKind::File
    });
    let decoded = match Picture::decode(&bytes) {
        Ok(p) => Some(p),
        Err(picture::PictureError::NotPicture) if kind == AttachmentKind::Photo => {
            return Err(RecordError::NotPicture { name }.into());
        }
        Err(picture::PictureError::Bad(reason)) if kind == AttachmentKind::Photo => {
            return Err(RecordError::BadPicture { name, reason }.into());
        }
        Err(_) => None,
    };
    let (size, thumb) = match decoded {
        Some(p) => {
            let thumb = match p.thumbnail() {
                Ok(t) => Some(t),
                Err(picture::PictureError::Bad(reason)) if kind == AttachmentKind::Photo => {
                    return Err(RecordError::BadPicture { name, reason }.into());
                }
                Err(_) => None,
            };
            ((Some(p.width()), Some(p.height())), thumb)
        }
        None => ((None, None), None),
    };
    Ok(Prepared {
        kind,
        mime: picture::mime_of(&name, &bytes),
        sha256: sha256_hex(&bytes),
        name,
        bytes,
        size,
        thumb,
        caption,
    })
}

/// Reads a file chosen by the user, refusing one over the size limit before reading it.
pub fn read_path(path: &Path) -> Result<(String, Vec<u8>)> {
    let unreadable = |e: std::io::Error| -> Error {
        RecordError::Unreadable {
            path: path.display().to_string(),
            reason: e.to_string(),
        }
        .into()
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(RecordError::Unreadable {
            path: path.display().to_string(),
            reason: "这是一个文件夹".into(),
        }
        .into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(&name, meta.len()));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    Ok((name, bytes))
}

/// [`read_path`] then [`prepare`].
pub fn prepare_path(
    kind: Option<AttachmentKind>,
    path: &Path,
    caption: Option<&str>,
) -> Result<Prepared> {
    let (name, bytes) = read_path(path)?;
    prepare(kind, &name, bytes, caption)
}

/// Stores a prepared attachment on an activity (not a cancelled one); returns its id.
pub fn attach(tx: &Tx, activity_id: i64, p: Prepared) -> Result<i64> {
    let a = activities::get(tx, activity_id)?;
    if a.status == ActivityStatus::Cancelled {
        return Err(ActivityError::Cancelled {
            title: a.title,
            action: "添加照片或附件",
        }
        .into());
    }
    let count: i64 = tx.query_row(
        "SELECT count(*) FROM activity_file WHERE activity_id = ?1",
        [activity_id],
        |r| r.get(0),
    )?;
    if count >= MAX_FILES_PER_ACTIVITY {
        return Err(RecordError::TooMany {
            limit: MAX_FILES_PER_ACTIVITY,
        }
        .into());
    }
    let existing: Option<String> = tx
        .query_row(
            "SELECT name FROM activity_file WHERE activity_id = ?1 AND sha256 = ?2",
            params![activity_id, p.sha256],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(existing) = existing {
        return Err(RecordError::Duplicate {
            name: p.name,
            existing,
        }
        .into());
    }
    tx.execute(
        "INSERT INTO activity_file (uid, activity_id, kind, name, mime, size, sha256, width,
             height, caption, created_at, thumb)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            new_uid(),
            activity_id,
            p.kind,
            p.name,
            p.mime,
            p.bytes.len() as i64,
            p.sha256,
            p.size.0,
            p.size.1,
            p.caption,
            now_text(),
            p.thumb,
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO activity_file_data (file_id, data) VALUES (?1, ?2)",
        params![id, p.bytes],
    )?;
    tx.note(format!(
        "活动 {activity_id} {} 添加{} {}（{}）",
        a.title,
        p.kind,
        p.name,
        human_size(p.bytes.len() as u64)
    ));
    Ok(id)
}

/// Removes an attachment (its bytes with it); returns what it was.
pub fn remove(tx: &Tx, file_id: i64) -> Result<ActivityFile> {
    let f = get(tx, file_id)?;
    tx.execute("DELETE FROM activity_file WHERE id = ?1", [file_id])?;
    tx.note(format!("活动 {} 删除{} {}", f.activity_id, f.kind, f.name));
    Ok(f)
}

/// Sets (or with an empty text clears) the caption printed under a photo.
pub fn set_caption(tx: &Tx, file_id: i64, caption: &str) -> Result<ActivityFile> {
    let f = get(tx, file_id)?;
    let caption = clean_caption(Some(caption))?;
    tx.execute(
        "UPDATE activity_file SET caption = ?2 WHERE id = ?1",
        params![file_id, caption],
    )?;
    tx.note(format!(
        "活动 {} 的{} {} 说明改为“{}”",
        f.activity_id,
        f.kind,
        f.name,
        caption.as_deref().unwrap_or("")
    ));
    get(tx, file_id)
}

/// The metadata columns (never the bytes); the thumbnail is column 13 where selected.
const COLUMNS: &str = "id, uid, activity_id, kind, name, mime, size, sha256, width, height,
     caption, created_at";

fn from_row(r: &Row, thumbnails: bool) -> rusqlite::Result<ActivityFile> {
    let thumbnail = if thumbnails {
        r.get::<_, Option<Vec<u8>>>(12)?
            .map(|t| data_url("image/jpeg", &t))
    } else {
        None
    };
    Ok(ActivityFile {
        id: r.get(0)?,
        uid: r.get(1)?,
        activity_id: r.get(2)?,
        kind: r.get(3)?,
        name: r.get(4)?,
        mime: r.get(5)?,
        size: r.get(6)?,
        sha256: r.get(7)?,
        width: r.get(8)?,
        height: r.get(9)?,
        caption: r.get(10)?,
        created_at: r.get(11)?,
        thumbnail,
    })
}

pub fn get(conn: &Connection, file_id: i64) -> Result<ActivityFile> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM activity_file WHERE id = ?1"),
        [file_id],
        |r| from_row(r, false),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("附件", file_id))
}

/// An activity's attachments, photos first, each group in the order they were added; with
/// `thumbnails`, each picture's thumbnail as a data URL. The bytes are never read here.
pub fn list(conn: &Connection, activity_id: i64, thumbnails: bool) -> Result<Vec<ActivityFile>> {
    activities::get(conn, activity_id)?;
    let thumb = if thumbnails { ", thumb" } else { "" };
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}{thumb} FROM activity_file WHERE activity_id = ?1
          ORDER BY kind = 'file', id"
    ))?;
    let rows = stmt
        .query_map([activity_id], |r| from_row(r, thumbnails))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An attachment with its original bytes, checked against the checksum stored with it.
pub fn content(conn: &Connection, file_id: i64) -> Result<(ActivityFile, Vec<u8>)> {
    let f = get(conn, file_id)?;
    let bytes: Vec<u8> = conn
        .query_row(
            "SELECT data FROM activity_file_data WHERE file_id = ?1",
            [file_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| RecordError::Corrupt {
            name: f.name.clone(),
        })?;
    if bytes.len() as i64 != f.size || sha256_hex(&bytes) != f.sha256 {
        return Err(RecordError::Corrupt { name: f.name }.into());
    }
    Ok((f, bytes))
}

/// The original as a data URL (the full-size view of a photo).
pub fn content_data_url(conn: &Connection, file_id: i64) -> Result<String> {
    let (f, bytes) = content(conn, file_id)?;
    Ok(data_url(&f.mime, &bytes))
}

/// Writes the original to `path` (另存为).
pub fn save_to(conn: &Connection, file_id: i64, path: &Path) -> Result<ActivityFile> {
    let (f, bytes) = content(conn, file_id)?;
    std::fs::write(path, &bytes)
        .map_err(|e| Error::invalid("保存位置", format!("无法写入“{}”：{e}", path.display())))?;
    Ok(f)
}

/// The photos of an activity with their originals, in order, for the printed record.
pub(crate) fn photos(conn: &Connection, activity_id: i64) -> Result<Vec<(ActivityFile, Vec<u8>)>> {
    list(conn, activity_id, false)?
        .into_iter()
        .filter(|f| f.kind == AttachmentKind::Photo)
        .map(|f| content(conn, f.id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_folders_and_keep_their_extension_when_shortened() {
        assert_eq!(clean_name("C:\\扫描\\签到表.pdf"), "签到表.pdf");
        assert_eq!(clean_name("/home/a/会议记录.docx"), "会议记录.docx");
        assert_eq!(clean_name("  "), "未命名文件");
        let long = format!("{}.jpg", "长".repeat(200));
        let short = clean_name(&long);
        assert_eq!(short.chars().count(), MAX_NAME_CHARS);
        assert!(short.ends_with("长.jpg"));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(12), "12 字节");
        assert_eq!(human_size(850 * 1024), "850 KB");
        assert_eq!(human_size(MAX_FILE_BYTES), "20.0 MB");
    }
}
