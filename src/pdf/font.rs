//! Finding, choosing and measuring the CJK font. No font ships with the program (a CJK font is
//! 15–30 MB): the one chosen in 设置 is used, else the system's. Each file is read and parsed
//! once per process (see [`cached`]); ttf-parser gives the widths for wrapping and tells which
//! characters are missing.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use crate::error::{Error, Result};

use super::layout::{FaceId, Metrics};

/// Where the CJK font comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FontChoice {
    /// A font file chosen in 设置 (.ttf / .otf / .ttc; in a collection the Simplified Chinese face
    /// is picked), or None to search the system.
    pub path: Option<PathBuf>,
}

/// One face of a font file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FontFace {
    pub path: PathBuf,
    /// The face's index in a collection (.ttc); 0 for a single-face file.
    pub index: u32,
    /// Its family name, e.g. "Noto Serif CJK SC".
    pub family: String,
}

/// The faces a document is set in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FontSource {
    /// Titles and table headers (a bold Song face when the system has one).
    pub title: FontFace,
    /// Everything else.
    pub body: FontFace,
}

impl FontSource {
    /// Whether the title has its own (bold) face; if not the body face is drawn emboldened.
    pub fn has_bold_title(&self) -> bool {
        self.title != self.body
    }

    /// For 设置: "标题 Noto Serif CJK SC（/usr/…/NotoSerifCJK-Bold.ttc），正文 …".
    pub fn describe(&self) -> String {
        let face = |f: &FontFace| format!("{}（{}）", f.family, f.path.display());
        if self.has_bold_title() {
            format!("标题 {}，正文 {}", face(&self.title), face(&self.body))
        } else {
            face(&self.body)
        }
    }
}

#[cfg(not(windows))]
pub(crate) const NO_FONT_MESSAGE: &str = "未找到中文字体：请安装 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk），或在“设置”中选择一个中文字体文件（.ttf / .otf / .ttc）";
#[cfg(windows)]
pub(crate) const NO_FONT_MESSAGE: &str = "未找到中文字体（宋体、微软雅黑或黑体）：请在“设置”中选择一个中文字体文件（.ttf / .otf / .ttc，如 C:\\Windows\\Fonts 中的 simsun.ttc）";

/// Characters every Chinese font has; a face lacking them is not a Chinese font.
const CHINESE_PROBE: &str = "中国人签到表第页共";

/// Where fonts are searched by file name: on Windows the system's Fonts folder and the one of
/// fonts installed for the user only (Windows 10 1809 and later); elsewhere the usual Linux
/// folders and the user's own.
#[cfg(windows)]
fn font_dirs() -> Vec<PathBuf> {
    windows_font_dirs()
}

#[cfg(not(windows))]
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        "/usr/share/fonts/opentype/noto",
        "/usr/share/fonts/opentype/noto-cjk",
        "/usr/share/fonts/truetype/noto",
        "/usr/share/fonts/truetype/noto-cjk",
        "/usr/share/fonts/noto-cjk",
        "/usr/share/fonts/google-noto-cjk",
        "/usr/share/fonts/noto",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = dirs::home_dir() {
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
    }
    dirs
}

/// `%WINDIR%\Fonts` and `%LOCALAPPDATA%\Microsoft\Windows\Fonts` (empty off Windows unless
/// WINDIR is set).
fn windows_font_dirs() -> Vec<PathBuf> {
    let root = std::env::var_os("WINDIR").or_else(|| std::env::var_os("SystemRoot"));
    let mut dirs = Vec::new();
    match root {
        Some(r) => dirs.push(PathBuf::from(r).join("Fonts")),
        None if cfg!(windows) => dirs.push(PathBuf::from(r"C:\Windows\Fonts")),
        None => return dirs,
    }
    if let Some(local) = std::env::var_os("LOCALAPPDATA") {
        dirs.push(PathBuf::from(local).join(r"Microsoft\Windows\Fonts"));
    }
    dirs
}

/// Candidate files for titles (bold Song first) and for text (sans first), in order.
fn candidates() -> (Vec<PathBuf>, Vec<PathBuf>) {
    let in_dirs = |names: &[&str]| -> Vec<PathBuf> {
        let mut out = Vec::new();
        for name in names {
            for dir in font_dirs() {
                out.push(dir.join(name));
            }
        }
        out
    };
    let mut title = in_dirs(&["NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold.otf"]);
    title.extend(in_dirs(&["NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf"]));
    // Table text in the sans face: clearer at 9–10.5 pt than the serif, and its simpler
    // outlines make a 1,000-row roster's font subset about a third smaller.
    let mut body = in_dirs(&["NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf"]);
    body.extend(in_dirs(&[
        "NotoSerifCJK-Regular.ttc",
        "NotoSerifCJKsc-Regular.otf",
    ]));
    for other in [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
    ] {
        body.push(PathBuf::from(other));
    }
    // Windows' own Chinese fonts: 黑体 / 微软雅黑 Bold for titles, 宋体 / 微软雅黑 / 黑体 for text.
    for win in windows_font_dirs() {
        title.push(win.join("simhei.ttf"));
        title.push(win.join("msyhbd.ttc"));
        body.push(win.join("simsun.ttc"));
        body.push(win.join("msyh.ttc"));
        body.push(win.join("simhei.ttf"));
    }
    (title, body)
}

/// The family names of face `index` (family and typographic family).
fn family_names(face: &ttf_parser::Face) -> Vec<String> {
    let mut names: Vec<String> = face
        .names()
        .into_iter()
        .filter(|n| {
            n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                || n.name_id == ttf_parser::name_id::FAMILY
        })
        .filter_map(|n| n.to_string())
        .collect();
    // Prefer an English name for display (Windows fonts also carry 宋体 / 微软雅黑).
    names.sort_by_key(|n| !n.is_ascii());
    names.dedup();
    names
}

fn is_simplified(names: &[String]) -> bool {
    names.iter().any(|n| {
        n.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == "SC" || w == "sc" || w == "GB")
    })
}

/// Picks the Simplified Chinese face of `bytes` (the face named "… SC" in a collection, else the
/// first face with Chinese characters). Errors name the file.
pub(crate) fn pick_face(path: &Path, bytes: &[u8]) -> Result<FontFace> {
    let unreadable = || {
        Error::invalid(
            "字体",
            format!(
                "无法读取字体文件“{}”：不是有效的 TrueType / OpenType 字体（.ttf / .otf / .ttc）",
                path.display()
            ),
        )
    };
    let count = ttf_parser::fonts_in_collection(bytes).unwrap_or(1);
    let mut chinese: Vec<(u32, Vec<String>)> = Vec::new();
    for index in 0..count {
        let Ok(face) = ttf_parser::Face::parse(bytes, index) else {
            continue;
        };
        if CHINESE_PROBE.chars().all(|c| face.glyph_index(c).is_some()) {
            chinese.push((index, family_names(&face)));
        }
    }
    if chinese.is_empty() {
        if ttf_parser::Face::parse(bytes, 0).is_err() {
            return Err(unreadable());
        }
        return Err(Error::invalid(
            "字体",
            format!(
                "字体文件“{}”不含中文字符，请选择中文字体（如 Noto Serif CJK SC、宋体）",
                path.display()
            ),
        ));
    }
    let pos = chinese
        .iter()
        .position(|(_, names)| is_simplified(names))
        .unwrap_or(0);
    let (index, names) = chinese.swap_remove(pos);
    Ok(FontFace {
        path: path.to_path_buf(),
        index,
        family: names.into_iter().next().unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        }),
    })
}

fn read_error(path: &Path, e: &std::io::Error) -> Error {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ => e.to_string(),
    };
    Error::invalid(
        "字体",
        format!("无法读取字体文件“{}”：{reason}", path.display()),
    )
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| read_error(path, &e))
}

/// A font file in memory with the face to use, shared by every document of the process.
pub(crate) struct FontFile {
    pub face: FontFace,
    pub bytes: Arc<[u8]>,
    /// printpdf's parse of the face, made the first time a document embeds it (render.rs): the
    /// bulk of a small document's time when made for each one.
    pub(crate) pdf: OnceLock<Option<printpdf::ParsedFont>>,
}

/// What identifies a file's content cheaply: a font replaced in place (same path, new file)
/// has another length or modification time, and is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// The outcome for a file as it was: the face, or why it cannot be used (the message of the
/// 字体 error).
type Outcome = std::result::Result<Arc<FontFile>, String>;

fn cache() -> &'static Mutex<HashMap<PathBuf, (Stamp, Outcome)>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, (Stamp, Outcome)>>> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

fn font_error(message: String) -> Error {
    Error::invalid("字体", message)
}

/// The file at `path`, read and its face picked once per process while its length and
/// modification time stay the same. A file that is not a usable font is remembered too (the
/// system search tries the same candidates for every document).
pub(crate) fn cached(path: &Path) -> Result<Arc<FontFile>> {
    let meta = std::fs::metadata(path).map_err(|e| read_error(path, &e))?;
    let stamp = Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
    };
    // A poisoned lock only means another document panicked mid-insert: the map is still whole.
    let lock = || cache().lock().unwrap_or_else(|e| e.into_inner());
    if let Some((known, outcome)) = lock().get(path)
        && *known == stamp
    {
        return outcome.clone().map_err(font_error);
    }
    // Read outside the lock: another document may use a font already cached meanwhile.
    let outcome: Outcome = match read(path).and_then(|bytes| Ok((pick_face(path, &bytes)?, bytes)))
    {
        Ok((face, bytes)) => Ok(Arc::new(FontFile {
            face,
            bytes: bytes.into(),
            pdf: OnceLock::new(),
        })),
        Err(Error::Invalid { message, .. }) => Err(message),
        Err(e) => return Err(e),
    };
    lock().insert(path.to_path_buf(), (stamp, outcome.clone()));
    outcome.map_err(font_error)
}

/// The first usable candidate.
fn first_usable(paths: &[PathBuf]) -> Option<Arc<FontFile>> {
    paths
        .iter()
        .filter(|p| p.is_file())
        .find_map(|p| cached(p).ok())
}

/// The files a document is set in: the title file (None when the body face is used for titles
/// too) and the body file.
pub(crate) struct LoadedFonts {
    pub title: Option<Arc<FontFile>>,
    pub body: Arc<FontFile>,
}

impl LoadedFonts {
    pub fn load(choice: &FontChoice) -> Result<LoadedFonts> {
        if let Some(path) = &choice.path {
            return Ok(LoadedFonts {
                title: None,
                body: cached(path)?,
            });
        }
        let (title, body) = candidates();
        let body = first_usable(&body).ok_or_else(|| Error::invalid("字体", NO_FONT_MESSAGE))?;
        Ok(LoadedFonts {
            title: first_usable(&title),
            body,
        })
    }

    pub fn source(&self) -> FontSource {
        FontSource {
            title: self.title.as_ref().unwrap_or(&self.body).face.clone(),
            body: self.body.face.clone(),
        }
    }
}

/// The faces the system offers for documents, or the Chinese error saying what to install.
pub fn find_system_font() -> Result<FontSource> {
    Ok(LoadedFonts::load(&FontChoice::default())?.source())
}

impl FontChoice {
    /// The faces this choice gives: checks a chosen file (exists, is a font, has Chinese) so 设置
    /// can refuse a wrong file at once.
    pub fn resolve(&self) -> Result<FontSource> {
        Ok(LoadedFonts::load(self)?.source())
    }
}

/// Widths and coverage of the loaded faces, through ttf-parser.
pub(crate) struct FaceMetrics<'a> {
    title: Option<Face<'a>>,
    body: Face<'a>,
}

struct Face<'a> {
    ttf: ttf_parser::Face<'a>,
    per_em: f32,
    ascent: f32,
    /// Glyph and advance (em) of each character looked up so far in this document, or None
    /// when the face lacks it: a roster measures and draws ~100,000 characters of a few
    /// hundred kinds, and a cmap lookup costs more than a hash lookup.
    seen: RefCell<Seen>,
}

/// A character's glyph id and advance (em), or None when the face lacks it.
type Seen = HashMap<char, Option<(u16, f32)>, BuildHasherDefault<CharHasher>>;

/// One multiplication per character instead of SipHash.
#[derive(Default)]
struct CharHasher(u64);

impl std::hash::Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

impl<'a> Face<'a> {
    fn new(file: &'a FontFile) -> Result<Face<'a>> {
        let ttf = ttf_parser::Face::parse(&file.bytes, file.face.index).map_err(|_| {
            Error::invalid(
                "字体",
                format!("无法读取字体文件“{}”", file.face.path.display()),
            )
        })?;
        let per_em = f32::from(ttf.units_per_em().max(1));
        // Where the baseline sits in a line, as a share of the size: the ideographic em box of
        // CJK fonts runs from −0.12 to 0.88 (OS/2 typo metrics); fall back to that.
        let ascent = match (ttf.typographic_ascender(), ttf.typographic_descender()) {
            (Some(a), Some(d)) if a > 0 && d <= 0 && a - d > 0 => f32::from(a) / f32::from(a - d),
            _ => 0.88,
        };
        Ok(Face {
            ttf,
            per_em,
            ascent,
            seen: RefCell::default(),
        })
    }

    fn glyph(&self, c: char) -> Option<(u16, f32)> {
        *self.seen.borrow_mut().entry(c).or_insert_with(|| {
            let gid = self.ttf.glyph_index(c)?;
            let advance = f32::from(self.ttf.glyph_hor_advance(gid).unwrap_or(0)) / self.per_em;
            Some((gid.0, advance))
        })
    }
}

impl<'a> FaceMetrics<'a> {
    pub fn new(fonts: &'a LoadedFonts) -> Result<FaceMetrics<'a>> {
        Ok(FaceMetrics {
            title: fonts.title.as_deref().map(Face::new).transpose()?,
            body: Face::new(&fonts.body)?,
        })
    }

    /// The glyph of `c` in `face` (0, .notdef, when missing; layout has replaced those).
    pub fn glyph_id(&self, face: FaceId, c: char) -> u16 {
        self.face(face).glyph(c).map_or(0, |g| g.0)
    }

    fn face(&self, face: FaceId) -> &Face<'a> {
        match face {
            FaceId::Title => self.title.as_ref().unwrap_or(&self.body),
            FaceId::Body => &self.body,
        }
    }
}

impl Metrics for FaceMetrics<'_> {
    fn advance(&self, face: FaceId, c: char) -> Option<f32> {
        self.face(face).glyph(c).map(|g| g.1)
    }

    fn ascent(&self, face: FaceId) -> f32 {
        self.face(face).ascent
    }
}
