//! Browser mode (`qungong serve`): the same UI (ui/dist, embedded in the binary) and the same
//! handlers ([`crate::api`]) as the desktop window, over HTTP on 127.0.0.1, for PCs whose
//! system cannot run the window (no WebKitGTK 4.1, glibc older than 2.34) but have a browser.
//!
//! Nobody else gets in:
//! - the socket is bound to 127.0.0.1 only, on a free port;
//! - every `/api/…` call must carry the token made at this start (random, 256 bits) in the
//!   header `X-Qungong-Token`; the browser is opened at an address holding it once
//!   (`/?t=…`), the page keeps it in its session storage and takes it out of the address; it is
//!   never a cookie, so no other site can make the browser send it;
//! - a request whose `Host` is not this server's address (DNS rebinding) or whose `Origin` is
//!   another site is refused before anything runs;
//! - the responses carry the desktop's Content-Security-Policy; the files come from the binary.
//!
//! The server stops when the page's 退出 calls `quit`, on Ctrl+C, or by itself when no page
//! has called it for [`IDLE`] (an open page calls `ping` every minute). A second `qungong
//! serve` on the same database finds the first through a file next to the database
//! ([`instance_file`]) and opens the browser at it instead of starting another.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::{self, ApiError, AppState};
use crate::auth::Need;

mod files;

/// The header every API call carries the token in.
pub const TOKEN_HEADER: &str = "x-qungong-token";

/// How long the server waits for a page before it stops by itself.
pub const IDLE: Duration = Duration::from_secs(5 * 60);

/// The desktop's policy (src-tauri/tauri.conf.json), with the page's own server for its calls
/// instead of Tauri's IPC, and `blob:` for the downloads it makes.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                       img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'";

#[derive(rust_embed::Embed)]
#[folder = "ui/dist/"]
#[allow_missing = true]
struct Assets;

/// One running server: the database, its address and token, and when a page last called.
pub struct Server {
    state: Arc<AppState>,
    token: String,
    port: u16,
    last_seen: Mutex<Instant>,
    quit: tokio::sync::Notify,
    /// Where uploads wait to be read (a roster, a meeting's export, an attachment); removed
    /// when the server stops.
    uploads: PathBuf,
    /// Numbers the uploads, so two files of one name do not meet.
    uploaded: std::sync::atomic::AtomicU64,
    /// How far the staff import under way is (`import_progress`; the desktop sends events).
    progress: Mutex<Option<crate::api::dto::ImportProgress>>,
}

impl Server {
    /// A server for `state` answering on `port` (of 127.0.0.1) with a new token.
    pub fn new(state: Arc<AppState>, port: u16) -> Arc<Server> {
        Arc::new(Server {
            state,
            token: new_token(),
            port,
            last_seen: Mutex::new(Instant::now()),
            quit: tokio::sync::Notify::new(),
            uploads: std::env::temp_dir()
                .join(format!("qungong-serve-{}-{port}", std::process::id())),
            uploaded: Default::default(),
            progress: Mutex::new(None),
        })
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// The address the browser is opened at: the page, with the token to keep.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?t={}", self.port, self.token)
    }

    fn seen(&self) {
        *self.last_seen.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }

    fn idle_for(&self) -> Duration {
        self.last_seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .elapsed()
    }
}

/// 64 hex digits from the operating system's random source.
fn new_token() -> String {
    use rand::TryRngCore;
    let mut bytes = [0u8; 32];
    // The OS source cannot fail on a working system; if it did, a token from the thread RNG
    // (seeded from it) is still unguessable from outside.
    if rand::rngs::OsRng.try_fill_bytes(&mut bytes).is_err() {
        rand::Rng::fill(&mut rand::rng(), &mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The routes: `POST /api/<command>` and the UI's files; every request through [`guard`].
pub fn router(server: Arc<Server>) -> Router {
    Router::new()
        .route(
            "/api/upload",
            post(files::upload).layer(axum::extract::DefaultBodyLimit::max(files::UPLOAD_LIMIT)),
        )
        .route("/api/print_document", post(files::print_document))
        .route("/api/export_xlsx", post(files::export_xlsx))
        .route("/api/activity_file_save", post(files::activity_file))
        .route("/api/backup_save", post(files::backup_save))
        .route("/api/activity_file_open", post(files::activity_file))
        .route("/api/people_import_preview", post(import_preview))
        .route("/api/people_import_commit", post(import_commit))
        .route("/api/{command}", post(call))
        .fallback(asset)
        .layer(middleware::from_fn_with_state(server.clone(), guard))
        .with_state(server)
}

pub(crate) fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    let body = ApiError {
        code: code.into(),
        message: message.into(),
    };
    (status, axum::Json(body)).into_response()
}

/// Equal without telling by its timing how much of the token was right.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// Refuses foreign `Host` and `Origin`, and API calls without this start's token; puts the
/// security headers on every answer.
async fn guard(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
    let ours = [
        format!("127.0.0.1:{}", server.port),
        format!("localhost:{}", server.port),
    ];
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !ours.iter().any(|o| o == host) {
        return refuse(
            StatusCode::FORBIDDEN,
            "forbidden",
            "拒绝访问：请求不是发给本机群工台的地址",
        );
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let allowed = origin
            .to_str()
            .ok()
            .and_then(|o| o.strip_prefix("http://"))
            .is_some_and(|o| ours.iter().any(|x| x == o));
        if !allowed {
            return refuse(
                StatusCode::FORBIDDEN,
                "forbidden",
                "拒绝访问：请求来自其他网站",
            );
        }
    }
    if request.uri().path().starts_with("/api/") {
        let token = headers
            .get(TOKEN_HEADER)
            .map(|t| t.as_bytes())
            .unwrap_or(b"");
        if !same(token, server.token.as_bytes()) {
            return refuse(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "未授权：请从“群工台（浏览器版）”启动时打开的页面使用（地址中的口令已失效或缺失）",
            );
        }
    }
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// `POST /api/<command>` with the arguments as a JSON object: the command's result as JSON, or
/// its `{code, message}` with status 400. `ping` (an open page says so) and `quit` (退出) are
/// the server's own.
async fn call(
    State(server): State<Arc<Server>>,
    UrlPath(command): UrlPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    server.seen();
    match command.as_str() {
        "ping" => return axum::Json(serde_json::json!({ "app": "qungong" })).into_response(),
        "import_progress" => {
            let now = server
                .progress
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            return axum::Json(now).into_response();
        }
        "quit" => {
            server.quit.notify_one();
            return axum::Json(Value::Null).into_response();
        }
        _ => {}
    }
    let args: Value = if body.is_empty() {
        Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                return refuse(
                    StatusCode::BAD_REQUEST,
                    "invalid_args",
                    &format!("界面传来的参数不是 JSON：{e}"),
                );
            }
        }
    };
    let state = Arc::clone(&server.state);
    let key = session_key(&headers);
    match blocking(move || api::dispatch(&state, key.as_deref(), &command, args)).await {
        Ok(value) => axum::Json(value).into_response(),
        Err(e) => failed(e),
    }
}

/// The header the page sends its session key in (given by `auth_sign_in`): the token proves the
/// page came from this server, the session says who sits at it.
pub const SESSION_HEADER: &str = "X-Qungong-Session";

/// The session key a request carries, if any.
pub(crate) fn session_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get(SESSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// Runs `f` off the async threads (the core is synchronous); a task that panicked is an
/// `internal` error.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|e| {
        Err(ApiError {
            code: "internal".into(),
            message: format!("操作中途出错：{e}"),
        })
    })
}

/// A failed command's answer: its `{code, message}`, status 500 for `internal`, else 400.
pub(crate) fn failed(e: ApiError) -> Response {
    let status = if e.code == "internal" {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::BAD_REQUEST
    };
    (status, axum::Json(e)).into_response()
}

#[derive(Deserialize)]
struct ImportArgs {
    path: String,
    options: crate::people::import::ImportOptions,
}

/// The staff import's preview or commit, its progress kept for `import_progress` while it runs.
async fn import(server: Arc<Server>, headers: HeaderMap, body: Bytes, commit: bool) -> Response {
    server.seen();
    let args: ImportArgs = match serde_json::from_slice(&body) {
        Ok(a) => a,
        Err(e) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "invalid_args",
                &format!("界面传来的参数有误（导入花名册）：{e}"),
            );
        }
    };
    let running = Arc::clone(&server);
    let key = session_key(&headers);
    let done = blocking(move || {
        let call = running.state.call(key.as_deref(), Need::Edit)?;
        let set = |p| *running.progress.lock().unwrap_or_else(|e| e.into_inner()) = p;
        set(Some(crate::api::dto::ImportProgress { done: 0, total: 0 }));
        let result = api::people_import::run(
            &call,
            &args.path,
            &args.options,
            commit,
            &mut |done, total| {
                set(Some(crate::api::dto::ImportProgress { done, total }));
                running.seen();
            },
        );
        set(None);
        result
    })
    .await;
    match done {
        Ok(preview) => axum::Json(preview).into_response(),
        Err(e) => failed(e),
    }
}

async fn import_preview(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    import(server, headers, body, false).await
}

async fn import_commit(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    import(server, headers, body, true).await
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("json") => "application/json",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ttf") => "font/ttf",
        _ => "application/octet-stream",
    }
}

/// The UI's files (`/` is index.html; the UI routes by the address's `#…`, so no other path
/// is a page).
async fn asset(request: Request) -> Response {
    let path = request.uri().path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    match Assets::get(path) {
        Some(file) => {
            let cache = if path == "index.html" {
                "no-store"
            } else {
                // Vite names the assets by their content.
                "max-age=31536000, immutable"
            };
            (
                [
                    (header::CONTENT_TYPE, content_type(path)),
                    (header::CACHE_CONTROL, cache),
                ],
                Body::from(file.data.into_owned()),
            )
                .into_response()
        }
        None if path == "index.html" => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!doctype html><meta charset=\"utf-8\"><title>群工台</title>\
             <p>这个程序构建时没有带上界面（ui/dist）。请先在 ui 目录运行 npm run build，再重新构建。</p>",
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "找不到这个文件").into_response(),
    }
}

/// Where a running server of the database at `db` leaves its address and token, so a second
/// `qungong serve` finds it: `<database>.serve.json` next to the file, readable by the user
/// only.
pub fn instance_file(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".serve.json");
    db.with_file_name(name)
}

#[derive(Serialize, Deserialize)]
struct Instance {
    port: u16,
    token: String,
    pid: u32,
}

/// Whether a server answers `ping` with this token on the port (a plain HTTP request over the
/// loopback, one second at most).
fn answers(port: u16, token: &str) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
    let request = format!(
        "POST /api/ping HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{TOKEN_HEADER}: {token}\r\n\
         Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if s.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    s.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
}

/// A server already running on the database: its page's address.
pub fn running(db: &Path) -> Option<String> {
    let text = std::fs::read_to_string(instance_file(db)).ok()?;
    let i: Instance = serde_json::from_str(&text).ok()?;
    answers(i.port, &i.token).then(|| format!("http://127.0.0.1:{}/?t={}", i.port, i.token))
}

fn write_instance(path: &Path, server: &Server) -> std::io::Result<()> {
    let text = serde_json::to_string(&Instance {
        port: server.port,
        token: server.token.clone(),
        pid: std::process::id(),
    })?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(text.as_bytes())
}

/// Opens the user's default browser at `url`; false when no way to do so was found.
pub fn open_browser(url: &str) -> bool {
    #[cfg(target_os = "windows")]
    let mut cmd = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]).arg(url);
        c
    };
    #[cfg(target_os = "macos")]
    let mut cmd = {
        let mut c = std::process::Command::new("open");
        c.arg(url);
        c
    };
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut cmd = {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(url);
        c
    };
    cmd.stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

/// How `qungong serve` runs.
pub struct Options {
    pub db: PathBuf,
    /// 0: any free port.
    pub port: u16,
    pub open_browser: bool,
    pub idle: Duration,
}

/// What [`run`] reports as it starts: the page's address (with the token), once listening.
pub type OnListening<'a> = &'a mut dyn FnMut(&str);

/// Runs the server until 退出, Ctrl+C or [`Options::idle`] without a page; `Ok(None)` when it
/// has stopped. If a server is already running on the database, opens the browser at it and
/// returns `Ok(Some(its address))` without starting another.
pub fn run(opts: &Options, on_listening: OnListening<'_>) -> crate::Result<Option<String>> {
    if let Some(url) = running(&opts.db) {
        if opts.open_browser {
            open_browser(&url);
        }
        return Ok(Some(url));
    }
    let state = Arc::new(AppState::open_at(&opts.db));
    if let Some(e) = state.open_error().filter(|e| e.code != "db.damaged") {
        return Err(crate::Error::Serve(e.message));
    }
    state.start_daily_backup();
    let at_exit = Arc::clone(&state);
    let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, opts.port))
        .and_then(|l| l.set_nonblocking(true).map(|()| l))
        .map_err(|e| crate::Error::Serve(format!("无法在本机地址上监听：{e}")))?;
    let port = listener
        .local_addr()
        .map_err(|e| crate::Error::Serve(e.to_string()))?
        .port();
    let server = Server::new(state, port);
    let file = instance_file(&opts.db);
    write_instance(&file, &server)
        .map_err(|e| crate::Error::Serve(format!("无法写入 {}：{e}", file.display())))?;
    let url = server.url();
    on_listening(&url);
    if opts.open_browser {
        open_browser(&url);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| crate::Error::Serve(e.to_string()))?;
    let idle = opts.idle;
    let server_uploads = server.uploads.clone();
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let stop = Arc::clone(&server);
        axum::serve(listener, router(Arc::clone(&server)))
            .with_graceful_shutdown(async move {
                let quit = stop.quit.notified();
                let idle_out = async {
                    loop {
                        tokio::time::sleep(Duration::from_secs(10).min(idle)).await;
                        if stop.idle_for() >= idle {
                            break;
                        }
                    }
                };
                tokio::select! {
                    _ = quit => {}
                    _ = idle_out => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            })
            .await
    });
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_dir_all(&server_uploads);
    // The backup on exit (退出, or idle past its minutes).
    at_exit.backup_on_exit();
    served.map_err(|e| crate::Error::Serve(e.to_string()))?;
    Ok(None)
}
