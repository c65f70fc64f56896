//! End-to-end: the real `bourgade` binary driven through tauri-driver
//! (WebDriver → WebKitWebDriver) under Xvfb, on a fresh demo database.
//! Needs `tauri-driver` (cargo install tauri-driver) and `WebKitWebDriver`
//! (Debian: webkit2gtk-driver); `.ci/run` installs both. Screenshots go to
//! `target/e2e-screenshots/`.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_bourgade");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Processes started for the test, stopped on drop (tauri-driver with
/// SIGTERM so it also stops WebKitWebDriver and the app).
struct Harness {
    driver: Child,
    xvfb: Option<Child>,
    port: u16,
    session: Option<String>,
    dir: PathBuf,
}

impl Drop for Harness {
    fn drop(&mut self) {
        if let Some(s) = self.session.take() {
            let _ = http(self.port, "DELETE", &format!("/session/{s}"), None);
        }
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.driver.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.driver.kill();
        if let Some(x) = &mut self.xvfb {
            let _ = x.kill();
            let _ = x.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn find_tool(name: &str) -> PathBuf {
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(Path::new(&home).join(".cargo/bin").join(name));
    }
    candidates.into_iter().find(|p| p.is_file()).unwrap_or_else(|| {
        panic!("{name} not found: the end-to-end tests need it (run .ci/run or scripts/install-deps.sh)")
    })
}

/// Starts Xvfb on a free display when none is set; returns it and the display.
fn display() -> (Option<Child>, String) {
    if let Ok(d) = std::env::var("DISPLAY") {
        if !d.is_empty() {
            return (None, d);
        }
    }
    for n in 90..140 {
        if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            || Path::new(&format!("/tmp/.X{n}-lock")).exists()
        {
            continue;
        }
        let child = Command::new(find_tool("Xvfb"))
            .args([
                format!(":{n}"),
                "-screen".into(),
                "0".into(),
                "1280x800x24".into(),
                "-nolisten".into(),
                "tcp".into(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                return (Some(child), format!(":{n}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    panic!("could not start Xvfb");
}

/// A tiny WebDriver HTTP client (std only: no async stack to rebuild).
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(60))).ok();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    // HTTP/1.1 keep-alive framing: read the head, then exactly Content-Length
    // bytes (tauri-driver sometimes drops "Connection: close" requests).
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(req.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    let mut buf = [0u8; 65536];
    let (head, mut payload) = loop {
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err(format!(
                "connection closed after {} bytes: {:?}",
                raw.len(),
                String::from_utf8_lossy(&raw)
            ));
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break (
                String::from_utf8_lossy(&raw[..split]).to_string(),
                raw[split + 4..].to_vec(),
            );
        }
    };
    let lower = head.to_ascii_lowercase();
    let length = lower
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let chunked = lower.contains("transfer-encoding: chunked");
    loop {
        let complete = match length {
            Some(n) => payload.len() >= n,
            None if chunked => payload.windows(5).any(|w| w == b"0\r\n\r\n"),
            None => false,
        };
        if complete {
            break;
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        payload.extend_from_slice(&buf[..n]);
    }
    if chunked {
        payload = dechunk(&payload);
    }
    let v: Value = serde_json::from_slice(&payload)
        .map_err(|e| format!("{e}: {}", String::from_utf8_lossy(&payload)))?;
    if !head.starts_with("HTTP/1.1 200") {
        return Err(format!("{head}\n{v}"));
    }
    Ok(v)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
            break;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
    out
}

impl Harness {
    fn start() -> Harness {
        let dir = std::env::temp_dir().join(format!("bourgade-e2e-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("e2e.sqlite");
        let init = Command::new(BIN)
            .args(["--db", db.to_str().unwrap(), "init", "--demo"])
            .output()
            .unwrap();
        assert!(
            init.status.success(),
            "init --demo prepares the database: {}",
            String::from_utf8_lossy(&init.stderr)
        );

        let (xvfb, display) = display();
        let port = free_port();
        let native = free_port();
        find_tool("WebKitWebDriver");
        let driver = Command::new(find_tool("tauri-driver"))
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("DISPLAY", &display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver starts");
        let mut h = Harness {
            driver,
            xvfb,
            port,
            session: None,
            dir,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver listens within 20 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "wry",
            "tauri:options": {"application": BIN, "args": ["--db", db.to_str().unwrap()]}
        }}});
        let v = http(port, "POST", "/session", Some(&caps))
            .expect("a WebDriver session opens on the app");
        h.session = Some(
            v["value"]["sessionId"]
                .as_str()
                .expect("session id")
                .to_owned(),
        );
        h
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let s = self.session.as_ref().unwrap();
        http(
            self.port,
            method,
            &format!("/session/{s}{path}"),
            body.as_ref(),
        )
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"))["value"]
            .clone()
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        let v = self.cmd(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.as_object()?.values().next()?.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Polls until `cond` holds on the texts of `css` matches.
    fn wait_texts(&self, css: &str, what: &str, cond: impl Fn(&[String]) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            // One script call reads every match at once: no stale element
            // references while the list re-renders.
            let v = self.cmd(
                "POST",
                "/execute/sync",
                Some(json!({"script": "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent.trim());", "args": [css]})),
            );
            let texts: Vec<String> = v
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|t| t.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            if cond(&texts) {
                return texts;
            }
            assert!(Instant::now() < deadline, "{what} (last seen: {texts:?})");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn screenshot(&self, name: &str) {
        use base64::Engine;
        // Two animation frames so the last DOM change is painted.
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({"script": "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));", "args": []})),
        );
        let b64 = self.cmd("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().unwrap_or(""))
            .expect("screenshot is base64");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), png).unwrap();
    }
}

#[test]
fn the_window_lists_the_demo_projects_searches_and_switches_language() {
    let h = Harness::start();
    let expected = {
        let store = bourgade_core::store::Store::open(&h.dir.join("e2e.sqlite")).unwrap();
        store.project(1).unwrap().fields.title
    };

    let titles = h.wait_texts(
        "[data-testid=project-title]",
        "the project list shows the 16 demo projects",
        |t| t.len() == 16,
    );
    assert_eq!(
        titles[0], expected,
        "the first row shows project 1's title as stored"
    );
    h.screenshot("projects-fr.png");

    let search = h.find_all("input[type=search]");
    assert_eq!(search.len(), 1, "one search box");
    h.cmd(
        "POST",
        &format!("/element/{}/value", search[0]),
        Some(json!({"text": "epicerie"})),
    );
    let found = h.wait_texts(
        "[data-testid=project-title]",
        "searching without accents finds the épicerie",
        |t| t.len() == 1 && t[0].contains("Épicerie"),
    );
    assert!(
        found[0].starts_with("Épicerie"),
        "accent-insensitive search: {found:?}"
    );
    // Emptied as by the keyboard: WebDriver's "clear" fires no input event,
    // and WebKitWebDriver drops the connection on the Backspace key code.
    h.cmd(
        "POST",
        "/execute/sync",
        Some(json!({"script": "const i = document.querySelector('input[type=search]'); i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true}));", "args": []})),
    );
    h.wait_texts(
        "[data-testid=project-title]",
        "clearing the search shows every project again",
        |t| t.len() == 16,
    );

    let lang_button = h.find_all("header button");
    assert!(!lang_button.is_empty(), "a language switch in the header");
    h.cmd(
        "POST",
        &format!("/element/{}/click", lang_button[0]),
        Some(json!({})),
    );
    h.wait_texts("label", "the labels switch to English", |t| {
        t.iter().any(|l| l.contains("Town") || l.contains("Search"))
    });
    h.screenshot("projects-en.png");
    h.cmd(
        "POST",
        &format!("/element/{}/click", lang_button[0]),
        Some(json!({})),
    );
    h.wait_texts("label", "and back to French", |t| {
        t.iter().any(|l| l.contains("Commune"))
    });
}
