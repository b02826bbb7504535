//! Issue 13, browser mode's server at the HTTP level: only this start's token, only this
//! server's address as `Host`, no other site as `Origin` — and a refused request changes
//! nothing. Then the real server on a real socket: loopback only, a second start finds the
//! first, 退出 stops it.
#![cfg(feature = "serve")]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use qungong::api::AppState;
use qungong::serve::{self, CSP, Options, SESSION_HEADER, Server, TOKEN_HEADER};
use tower::ServiceExt;

const PORT: u16 = 4242;

struct Fixture {
    _dir: tempfile::TempDir,
    state: Arc<AppState>,
    server: Arc<Server>,
    /// The administrator's session (the page sends it in `X-Qungong-Session`).
    session: String,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let state = Arc::new(AppState::open_at(&dir.path().join("q.db")));
    let admin = qungong::api::dispatch(
        &state,
        None,
        "auth_setup",
        serde_json::json!({ "name": "admin", "password": "admin-pass-1" }),
    )
    .unwrap();
    let server = Server::new(Arc::clone(&state), PORT);
    Fixture {
        _dir: dir,
        state,
        server,
        session: admin["token"].as_str().unwrap().to_string(),
    }
}

fn units(state: &AppState) -> i64 {
    state
        .system()
        .read(|c| Ok(c.query_row("SELECT count(*) FROM unit", [], |r| r.get(0))?))
        .unwrap()
}

/// `POST /api/unit_add` with the administrator's session and the given headers (name, value).
fn add_unit(f: &Fixture, headers: &[(&str, &str)]) -> Request<Body> {
    let mut r = Request::post("/api/unit_add")
        .header(header::CONTENT_TYPE, "application/json")
        .header(SESSION_HEADER, f.session.as_str());
    for (k, v) in headers {
        r = r.header(*k, *v);
    }
    r.body(Body::from(r#"{"name":"城关供电所"}"#)).unwrap()
}

async fn send(f: &Fixture, request: Request<Body>) -> (StatusCode, String, Option<String>) {
    let response = serve::router(Arc::clone(&f.server))
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let csp = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .map(|v| v.to_str().unwrap().to_string());
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&body).into_owned(), csp)
}

/// `POST path` from the page itself: this server's Host and token, the given headers and body.
fn call(f: &Fixture, path: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Request<Body> {
    let mut r = Request::post(path)
        .header("host", format!("127.0.0.1:{PORT}"))
        .header(TOKEN_HEADER, f.server.token())
        .header(SESSION_HEADER, f.session.as_str());
    for (k, v) in headers {
        r = r.header(*k, *v);
    }
    r.body(Body::from(body)).unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn calls_without_the_token_or_from_elsewhere_are_refused_and_change_nothing() {
    let f = fixture();
    let host = format!("127.0.0.1:{PORT}");
    let token = f.server.token().to_string();
    let wrong = "0".repeat(token.len());
    let https = format!("https://127.0.0.1:{PORT}");
    runtime().block_on(async {
        // (what, the request's headers, the answer, a word of its Chinese reason)
        type Refused<'a> = (&'a str, Vec<(&'a str, &'a str)>, StatusCode, &'a str);
        let refused: Vec<Refused> = vec![
            (
                "no token",
                vec![("host", host.as_str())],
                StatusCode::UNAUTHORIZED,
                "未授权",
            ),
            (
                "a wrong token",
                vec![("host", host.as_str()), (TOKEN_HEADER, wrong.as_str())],
                StatusCode::UNAUTHORIZED,
                "未授权",
            ),
            (
                "a shorter token",
                vec![("host", host.as_str()), (TOKEN_HEADER, &token[..10])],
                StatusCode::UNAUTHORIZED,
                "未授权",
            ),
            (
                "Host: evil.example (DNS rebinding)",
                vec![("host", "evil.example"), (TOKEN_HEADER, token.as_str())],
                StatusCode::FORBIDDEN,
                "拒绝访问",
            ),
            (
                "Host of another port",
                vec![("host", "127.0.0.1:9"), (TOKEN_HEADER, token.as_str())],
                StatusCode::FORBIDDEN,
                "拒绝访问",
            ),
            (
                "Origin: another site",
                vec![
                    ("host", host.as_str()),
                    (TOKEN_HEADER, token.as_str()),
                    ("origin", "http://evil.example"),
                ],
                StatusCode::FORBIDDEN,
                "其他网站",
            ),
            (
                "Origin: https on our address",
                vec![
                    ("host", host.as_str()),
                    (TOKEN_HEADER, token.as_str()),
                    ("origin", https.as_str()),
                ],
                StatusCode::FORBIDDEN,
                "其他网站",
            ),
        ];
        for (what, headers, status, says) in refused {
            let (got, body, _) = send(&f, add_unit(&f, &headers)).await;
            assert_eq!(got, status, "{what}: {body}");
            let e: serde_json::Value = serde_json::from_str(&body).unwrap();
            assert!(
                e["message"].as_str().unwrap().contains(says),
                "{what}: a Chinese reason: {body}"
            );
            assert_eq!(units(&f.state), 0, "{what}: nothing written");
        }

        // The page itself, with its origin and the token: written, and the answer carries the
        // desktop's policy.
        let origin = format!("http://127.0.0.1:{PORT}");
        let (status, body, csp) = send(
            &f,
            add_unit(
                &f,
                &[
                    ("host", host.as_str()),
                    (TOKEN_HEADER, token.as_str()),
                    ("origin", origin.as_str()),
                ],
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.contains("城关供电所"));
        assert_eq!(csp.as_deref(), Some(CSP));
        assert_eq!(units(&f.state), 1);

        // A core refusal: status 400 and the core's {code, message}.
        let bad = Request::post("/api/unit_rename")
            .header("host", host.as_str())
            .header(TOKEN_HEADER, token.as_str())
            .header(SESSION_HEADER, f.session.as_str())
            .body(Body::from(r#"{"id":99,"name":"x"}"#))
            .unwrap();
        let (status, body, _) = send(&f, bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let e: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(e["code"], "not_found");

        // The UI's files need no token (the page must load to read it), but the address check
        // applies and the policy is on them.
        let page = Request::get("/")
            .header("host", format!("localhost:{PORT}"))
            .body(Body::empty())
            .unwrap();
        let (status, _, csp) = send(&f, page).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::SERVICE_UNAVAILABLE,
            "{status}"
        );
        assert_eq!(csp.as_deref(), Some(CSP));
        let rebound = Request::get("/")
            .header("host", "evil.example")
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&f, rebound).await.0, StatusCode::FORBIDDEN);
    });
}

/// Sends one raw HTTP request to 127.0.0.1:port; the status line and body.
fn http(port: u16, request: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn the_server_listens_on_loopback_only_is_found_again_and_stops_on_quit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let opts = Options {
        db: db.clone(),
        port: 0,
        open_browser: false,
        idle: Duration::from_secs(600),
    };
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let running = std::thread::spawn(move || {
        serve::run(&opts, &mut |url: &str| tx.send(url.to_string()).unwrap())
    });
    let url = rx.recv_timeout(Duration::from_secs(120)).unwrap();
    let rest = url.strip_prefix("http://127.0.0.1:").expect(&url);
    let (port, token) = rest.split_once("/?t=").unwrap();
    let port: u16 = port.parse().unwrap();
    assert_eq!(token.len(), 64);
    assert!(serve::instance_file(&db).exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(serve::instance_file(&db))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the token file is the user's alone");
    }
    // Not on the machine's other addresses: nothing listens on 0.0.0.0 or [::] at that port.
    for other in ["0.0.0.0", "[::1]"] {
        let addr = format!("{other}:{port}");
        if let Ok(a) = addr.parse::<std::net::SocketAddr>()
            && !a.ip().is_unspecified()
        {
            assert!(
                TcpStream::connect_timeout(&a, Duration::from_secs(1)).is_err(),
                "{addr} answers"
            );
        }
    }

    // A second start on the same database finds it instead of starting another.
    let again = serve::run(
        &Options {
            db: db.clone(),
            port: 0,
            open_browser: false,
            idle: Duration::from_secs(600),
        },
        &mut |_| panic!("a second server started"),
    )
    .unwrap();
    assert_eq!(again.as_deref(), Some(url.as_str()));

    // A call over the socket, then 退出.
    let answer = http(
        port,
        &format!(
            "POST /api/auth_status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{TOKEN_HEADER}: {token}\r\n\
             Content-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains(r#""state":"setup""#), "{answer}");
    let answer = http(
        port,
        &format!(
            "POST /api/quit HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{TOKEN_HEADER}: {token}\r\n\
             Content-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(running.join().unwrap().unwrap(), None);
    assert!(!serve::instance_file(&db).exists(), "its file is removed");
}

/// What the desktop does with a native dialog: an upload (kept where the commands that read a
/// path find it, under a name that stays in its folder) and downloads (the file itself, its
/// name in UTF-8, the facts the page reports).
#[test]
fn uploads_and_downloads_stand_in_for_the_desktop_dialogs() {
    let f = fixture();
    let post = |path: &str, headers: &[(&str, &str)], body: Vec<u8>| call(&f, path, headers, body);
    runtime().block_on(async {
        // An upload without the token is refused like any call.
        let anonymous = Request::post("/api/upload")
            .header("host", format!("127.0.0.1:{PORT}"))
            .body(Body::from("x"))
            .unwrap();
        assert_eq!(send(&f, anonymous).await.0, StatusCode::UNAUTHORIZED);

        let (status, body, _) = send(
            &f,
            post(
                "/api/upload",
                &[("x-file-name", "..%2F..%2F%E8%8A%B1%E5%90%8D%E5%86%8C.csv")],
                "工号,姓名\n".as_bytes().to_vec(),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let path = std::path::PathBuf::from(v["path"].as_str().unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "工号,姓名\n");
        assert!(
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .ends_with("花名册.csv")
        );
        assert!(
            path.parent()
                .unwrap()
                .ends_with(format!("qungong-serve-{}-{PORT}", std::process::id())),
            "{}",
            path.display()
        );
        // The command that reads a path reads it.
        let (status, body, _) = send(
            &f,
            post(
                "/api/people_import_open",
                &[],
                serde_json::to_vec(&serde_json::json!({ "path": path })).unwrap(),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.contains("姓名"));

        // A download: the roster of a unit as a PDF.
        let (_, unit, _) = send(
            &f,
            post(
                "/api/unit_add",
                &[],
                r#"{"name":"国网示范县供电公司"}"#.as_bytes().to_vec(),
            ),
        )
        .await;
        let unit: serde_json::Value = serde_json::from_str(&unit).unwrap();
        let job = serde_json::json!({
            "job": { "kind": "roster", "unit_id": unit["id"] },
            "choices": { "order": "stroke", "show_id_number": false, "unmask": false, "font": null }
        });
        let response = serve::router(Arc::clone(&f.server))
            .oneshot(post(
                "/api/print_document",
                &[],
                serde_json::to_vec(&job).unwrap(),
            ))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let h = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
            .await
            .unwrap();
        assert!(bytes.starts_with(b"%PDF"), "a PDF");
        assert_eq!(h["content-type"], "application/pdf");
        let disposition = h["content-disposition"].to_str().unwrap();
        assert!(
            disposition.starts_with("attachment;") && disposition.contains("filename*=UTF-8''"),
            "{disposition}"
        );
        assert!(h["x-pages"].to_str().unwrap().parse::<u32>().unwrap() >= 1);
        assert!(h["x-file-name"].to_str().unwrap().ends_with(".pdf"));

        // And an export, with its rows and sheets.
        let job = serde_json::json!({ "job": { "kind": "people" } });
        let response = serve::router(Arc::clone(&f.server))
            .oneshot(post(
                "/api/export_xlsx",
                &[],
                serde_json::to_vec(&job).unwrap(),
            ))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["x-rows"], "0");
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
            .await
            .unwrap();
        assert!(bytes.starts_with(b"PK"), "an .xlsx (zip)");

        // A refused job is the core's message, not a file.
        let job = serde_json::json!({
            "job": { "kind": "roster", "unit_id": 999 },
            "choices": { "order": "stroke", "show_id_number": false, "unmask": false, "font": null }
        });
        let (status, body, _) = send(
            &f,
            post(
                "/api/print_document",
                &[],
                serde_json::to_vec(&job).unwrap(),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("not_found"), "{body}");
    });
}

/// The staff import in browser mode: the roster uploaded, committed through the server's own
/// `people_import_commit`, whose progress `import_progress` reports while it runs (and `null`
/// before and after).
#[test]
fn a_roster_is_imported_through_the_server_with_its_progress_kept() {
    let f = fixture();
    let post = |path: &str, headers: &[(&str, &str)], body: Vec<u8>| call(&f, path, headers, body);
    let mut roster = String::from("姓名,工号,所在单位,性别,出生日期\n");
    let (family, given) = (
        "张王李赵刘陈杨黄周吴",
        "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚",
    );
    for i in 0..300 {
        let f = family.chars().nth(i % 10).unwrap();
        let g = given.chars().nth(i / 10 % 20).unwrap();
        roster.push_str(&format!("{f}{g},{},城关供电所,男,1985-03-12\n", 20000 + i));
    }
    runtime().block_on(async {
        let (status, body, _) = send(&f, post("/api/import_progress", &[], vec![])).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "null"));
        let (_, up, _) = send(
            &f,
            post(
                "/api/upload",
                &[("x-file-name", "roster.csv")],
                roster.into_bytes(),
            ),
        )
        .await;
        let path = serde_json::from_str::<serde_json::Value>(&up).unwrap()["path"].clone();
        let args = serde_json::json!({
            "path": path,
            "options": { "mapping": null, "create_units": true, "target_unit_id": null }
        });
        // The commit runs on its own task; meanwhile the progress is asked for as the page does.
        let server = Arc::clone(&f.server);
        let commit = tokio::spawn(serve::router(server).oneshot(post(
            "/api/people_import_commit",
            &[],
            serde_json::to_vec(&args).unwrap(),
        )));
        let mut seen = Vec::new();
        while !commit.is_finished() {
            let (_, body, _) = send(&f, post("/api/import_progress", &[], vec![])).await;
            seen.push(body);
            tokio::task::yield_now().await;
        }
        let response = commit.await.unwrap().unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
            .await
            .unwrap();
        assert_eq!(
            status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&bytes)
        );
        let preview: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(preview["totals"]["new"], 300, "{}", preview["totals"]);
        assert_eq!(preview["committed"], true);
        assert_eq!(units(&f.state), 1, "城关供电所 created");
        // What was seen is a progress or nothing yet, never an error; after it: nothing.
        assert!(
            seen.iter().all(|b| b == "null" || b.contains("\"total\"")),
            "{seen:?}"
        );
        let (_, body, _) = send(&f, post("/api/import_progress", &[], vec![])).await;
        assert_eq!(body, "null");
    });
}

/// The token proves the page came from this server; the session says who sits at it: without
/// one nothing but signing in runs, and a 查看 account's write is refused over HTTP too.
#[test]
fn the_session_says_who_calls_and_the_role_is_checked_over_http() {
    let f = fixture();
    qungong::api::dispatch(
        &f.state,
        Some(&f.session),
        "account_add",
        serde_json::json!({ "name": "viewer", "role": "查看", "password": "view-pass-1" }),
    )
    .unwrap();
    runtime().block_on(async {
        let host = format!("127.0.0.1:{PORT}");
        let token = f.server.token().to_string();
        let post = |path: &str, session: Option<&str>, body: &str| {
            let mut r = Request::post(path)
                .header("host", host.as_str())
                .header(TOKEN_HEADER, token.as_str());
            if let Some(s) = session {
                r = r.header(SESSION_HEADER, s);
            }
            r.body(Body::from(body.to_string())).unwrap()
        };
        let (status, body, _) = send(&f, post("/api/unit_add", None, r#"{"name":"x"}"#)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            body.contains("auth.signed_out") && body.contains("请先登录"),
            "{body}"
        );
        let (status, body, _) = send(
            &f,
            post(
                "/api/auth_sign_in",
                None,
                r#"{"name":"viewer","password":"view-pass-1"}"#,
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let session: serde_json::Value = serde_json::from_str(&body).unwrap();
        let viewer = session["token"].as_str().unwrap().to_string();
        assert_eq!(session["role"], "查看");
        let (status, body, _) =
            send(&f, post("/api/unit_add", Some(&viewer), r#"{"name":"x"}"#)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("无权限执行此操作"), "{body}");
        // The server's own routes check it as well: no upload, no staff import.
        let (_, body, _) = send(&f, post("/api/upload", Some(&viewer), "a,b")).await;
        assert!(body.contains("auth.forbidden"), "{body}");
        let (_, body, _) = send(
            &f,
            post(
                "/api/people_import_commit",
                Some(&viewer),
                r#"{"path":"/nonexistent.csv","options":{}}"#,
            ),
        )
        .await;
        assert!(body.contains("auth.forbidden"), "{body}");
        // Reading is allowed.
        let (status, _, _) = send(&f, post("/api/unit_tree", Some(&viewer), "")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(units(&f.state), 0);
    });
}
