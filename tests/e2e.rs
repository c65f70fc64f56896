//! End-to-end: the real `bourgade-desktop` binary driven through tauri-driver
//! (WebDriver → WebKitWebDriver), each test on a fresh database of its own,
//! under its own Xvfb when no display is set. Needs `tauri-driver`
//! (cargo install tauri-driver) and `WebKitWebDriver` (Debian:
//! webkit2gtk-driver); `.ci/run` installs both. Every main screen is
//! checked with axe-core (fails on serious or critical violations) and
//! captured in `target/e2e-screenshots/`.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The window's binary, built fresh by `cargo test`.
const BIN: &str = env!("CARGO_BIN_EXE_bourgade-desktop");

/// A private folder under the system's temporary folder, unique to this
/// run; removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(kind: &str, name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("bourgade-{kind}-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the test folder");
        TempDir(dir)
    }

    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
/// Projects of the demo town.
const DEMO_PROJECTS: usize = 17;
/// Carhaix-Plouguer, the demo town.
const DEMO_INSEE: &str = "29024";

/// Serialises the choice of displays and ports between tests running in
/// parallel (they are threads of one process).
static START: Mutex<()> = Mutex::new(());

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// What the database holds when the window opens.
#[derive(Clone, Copy, PartialEq)]
enum Init {
    /// A file that does not exist yet: the first-run screen.
    Empty,
    /// `bourgade init --demo`: the demo town and its 17 projects.
    Demo,
}

/// Processes started for one test, stopped on drop (tauri-driver with
/// SIGTERM so it also stops WebKitWebDriver and the app).
struct Harness {
    driver: Child,
    xvfb: Option<Child>,
    port: u16,
    session: Option<String>,
    dir: TempDir,
    name: &'static str,
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
            // SIGTERM: Xvfb then removes its lock and socket files (SIGKILL
            // left them behind, and stale ones used up the displays).
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(x.id().to_string())
                .status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = x.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = x.kill();
            let _ = x.wait();
        }
    }
}

/// Whether display `n` is held by a running X server. A lock file whose
/// process is gone is stale (an X server killed without cleaning up): it
/// and the display's socket are removed, and the display is free again.
fn display_in_use(n: u32) -> bool {
    let lock = PathBuf::from(format!("/tmp/.X{n}-lock"));
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
    match std::fs::read_to_string(&lock) {
        Ok(text) => {
            let alive = text
                .trim()
                .parse::<u32>()
                .map(|pid| Path::new(&format!("/proc/{pid}")).exists())
                .unwrap_or(true);
            if alive {
                return true;
            }
            let _ = std::fs::remove_file(&lock);
            let _ = std::fs::remove_file(&socket);
            false
        }
        // No lock: a socket alone may belong to a server of another kind.
        Err(_) => socket.exists(),
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
/// Called under `START`, so two tests never pick the same display.
fn display() -> (Option<Child>, String) {
    if let Ok(d) = std::env::var("DISPLAY") {
        if !d.is_empty() {
            return (None, d);
        }
    }
    for n in 90..200 {
        if display_in_use(n) {
            continue;
        }
        let mut child = Command::new(find_tool("Xvfb"))
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
            if let Ok(Some(_)) = child.try_wait() {
                break; // lost a race for this display: try the next one
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("could not start Xvfb");
}

/// A tiny WebDriver HTTP client (std only: no async stack to rebuild).
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(90))).ok();
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
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
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

/// WebDriver key codes (W3C "normalised key values").
mod keys {
    pub const ALT: &str = "\u{E00A}";
    pub const ENTER: &str = "\u{E007}";
    pub const RIGHT: &str = "\u{E014}";
}

impl Harness {
    /// A fresh database in a folder of its own, the app opened on it.
    fn start(name: &'static str, init: Init) -> Harness {
        let dir = TempDir::new("e2e", name);
        let db = dir.join("e2e.sqlite");
        if init == Init::Demo {
            // What `bourgade init --demo` does, through the same core.
            let mut store = bourgade_core::store::Store::open(&db).expect("open the database");
            bourgade_core::desk::ensure_reference(&mut store).expect("reference data");
            bourgade_core::exchange::load_demo(&mut store, chrono::Utc::now())
                .expect("the demo town loads");
        }

        let (xvfb, port, driver) = {
            let _one_at_a_time = START.lock().unwrap_or_else(|e| e.into_inner());
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
                // WebKit keeps localStorage (the language choice…) under the
                // user's data folder: one per test, so tests never share it.
                .env("XDG_DATA_HOME", dir.join("data"))
                .env("XDG_CACHE_HOME", dir.join("cache"))
                .env("XDG_CONFIG_HOME", dir.join("config"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("tauri-driver starts");
            let deadline = Instant::now() + Duration::from_secs(20);
            while TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(
                    Instant::now() < deadline,
                    "tauri-driver listens within 20 s"
                );
                std::thread::sleep(Duration::from_millis(100));
            }
            (xvfb, port, driver)
        };
        let mut h = Harness {
            driver,
            xvfb,
            port,
            session: None,
            dir,
            name,
        };
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "wry",
            "tauri:options": {"application": BIN, "args": ["--db", db.to_str().unwrap()]}
        }}});
        // tauri-driver may accept connections before WebKitWebDriver is
        // ready, and then drops the first request: try again a few times.
        let mut attempt = 0;
        let v = loop {
            match http(port, "POST", "/session", Some(&caps)) {
                Ok(v) => break v,
                Err(e) if attempt < 4 => {
                    eprintln!("[{name}] session not opened yet ({e}), retrying");
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(1500));
                }
                Err(e) => panic!("[{name}] a WebDriver session opens on the app: {e}"),
            }
        };
        h.session = Some(
            v["value"]["sessionId"]
                .as_str()
                .expect("session id")
                .to_owned(),
        );
        h.wait_js(
            "the window has loaded its first screen",
            "return !!document.querySelector('#screen-title');",
        );
        h
    }

    fn db(&self) -> PathBuf {
        self.dir.join("e2e.sqlite")
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let s = self.session.as_ref().unwrap();
        http(
            self.port,
            method,
            &format!("/session/{s}{path}"),
            body.as_ref(),
        )
        .unwrap_or_else(|e| panic!("[{}] {method} {path}: {e}", self.name))["value"]
            .clone()
    }

    /// Runs a script in the page and returns its value.
    fn js(&self, script: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Runs an asynchronous script (its last argument is the callback).
    fn js_async(&self, script: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Polls `script` until it returns something truthy.
    fn wait_js(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let v = self.js(script, json!([]));
            let truthy = match &v {
                Value::Null | Value::Bool(false) => false,
                Value::String(s) => !s.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                _ => true,
            };
            if truthy {
                return v;
            }
            assert!(
                Instant::now() < deadline,
                "[{}] {what} (last seen: {v})",
                self.name
            );
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// Polls until `cond` holds on the texts of `css` matches.
    fn wait_texts(&self, css: &str, what: &str, cond: impl Fn(&[String]) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            // One script call reads every match at once: no stale element
            // references while the list re-renders.
            let v = self.js(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent.replace(/\\s+/g, ' ').trim());",
                json!([css]),
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
            assert!(
                Instant::now() < deadline,
                "[{}] {what} (last seen: {texts:?})",
                self.name
            );
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    fn text(&self, css: &str) -> String {
        self.js(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent.replace(/\\s+/g, ' ').trim() : null;",
            json!([css]),
        )
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    /// The WebDriver reference of the first match, waiting for it.
    fn element(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let v = self.cmd(
                "POST",
                "/elements",
                Some(json!({"using": "css selector", "value": css})),
            );
            if let Some(id) = v
                .as_array()
                .and_then(|a| a.first())
                .and_then(|e| e.as_object()?.values().next()?.as_str().map(str::to_owned))
            {
                return id;
            }
            assert!(Instant::now() < deadline, "[{}] {css} appears", self.name);
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// A real click (WebDriver moves the pointer and presses the button).
    fn click(&self, css: &str) {
        let id = self.element(css);
        self.cmd("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    /// Types into an input as the keyboard would (input events included).
    fn type_into(&self, css: &str, text: &str) {
        let id = self.element(css);
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({"text": text})),
        );
    }

    /// Empties an input as by the keyboard. WebDriver's "clear" fires no
    /// input event, and WebKitWebDriver drops the connection on Backspace.
    fn clear(&self, css: &str) {
        self.js(
            "const i = document.querySelector(arguments[0]); i.focus(); i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true}));",
            json!([css]),
        );
    }

    /// Picks an option of a select by value, as a user would.
    fn choose(&self, css: &str, value: &str) {
        self.js(
            "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('input', {bubbles: true})); s.dispatchEvent(new Event('change', {bubbles: true}));",
            json!([css, value]),
        );
    }

    /// Presses keys (WebDriver key actions): modifiers stay down until the end.
    fn press(&self, keys: &[&str]) {
        let mut actions: Vec<Value> = keys
            .iter()
            .map(|k| json!({"type": "keyDown", "value": k}))
            .collect();
        actions.extend(
            keys.iter()
                .rev()
                .map(|k| json!({"type": "keyUp", "value": k})),
        );
        self.cmd(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
        self.cmd("DELETE", "/actions", None);
    }

    fn focus(&self, css: &str) {
        self.element(css);
        self.js(
            "document.querySelector(arguments[0]).focus();",
            json!([css]),
        );
    }

    fn goto(&self, hash: &str) {
        self.js("location.hash = arguments[0];", json!([hash]));
        self.wait_js(
            "the screen changes",
            &format!(
                "return location.hash === {} && !!document.querySelector('#screen-title');",
                json!(hash)
            ),
        );
    }

    fn screenshot(&self, name: &str) {
        use base64::Engine;
        // Two animation frames so the last DOM change is painted.
        self.js_async(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            json!([]),
        );
        let b64 = self.cmd("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().unwrap_or(""))
            .expect("screenshot is base64");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), png).unwrap();
    }

    /// Runs axe-core on the page and fails on serious or critical violations,
    /// printing each with the elements concerned.
    fn axe(&self, screen: &str) {
        let source = axe_source();
        // The driver evaluates its scripts outside the page's CSP: the
        // library is handed over as the body of one script.
        self.js(&format!("{source}\n;return typeof window.axe;"), json!([]));
        let v = self.js_async(
            r#"const done = arguments[arguments.length - 1];
               window.axe.run(document, {resultTypes: ['violations']})
                 .then(r => done(r.violations
                   .filter(v => v.impact === 'serious' || v.impact === 'critical')
                   .map(v => ({id: v.id, impact: v.impact, help: v.help,
                               nodes: v.nodes.slice(0, 6).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\n').slice(1, 2).join(''))}))))
                 .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));"#,
            json!([]),
        );
        let violations = v.as_array().cloned().unwrap_or_default();
        if !violations.is_empty() {
            for x in &violations {
                eprintln!(
                    "[{}] axe on {screen}: {} ({}) — {}",
                    self.name, x["id"], x["impact"], x["help"]
                );
                for n in x["nodes"].as_array().into_iter().flatten() {
                    eprintln!("    {}", n.as_str().unwrap_or_default());
                }
            }
        }
        assert!(
            violations.is_empty(),
            "[{}] {screen}: no serious or critical accessibility violation (see above): {}",
            self.name,
            violations.len()
        );
    }

    /// Answers the native open/save dialogs (which WebDriver cannot drive)
    /// with `path`: the IPC request that would open the dialog is answered
    /// in the page, as the shell would after the user's choice. The UI's own
    /// buttons then run the real export and import commands.
    fn answer_file_dialogs(&self, path: &Path) {
        self.js(
            "window.__bourgadePath = arguments[0];",
            json!([path.to_str().unwrap()]),
        );
        self.answer_dialogs();
    }

    /// Answers the native yes/no questions (`ask`, which WebDriver cannot
    /// drive either) with their "ok" button when `yes`, else "cancel", and
    /// records each question asked in `window.__bourgadeAsked`.
    fn answer_questions(&self, yes: bool) {
        self.js("window.__bourgadeYes = arguments[0];", json!([yes]));
        self.answer_dialogs();
    }

    /// The questions asked so far (see `answer_questions`).
    fn questions_asked(&self) -> Vec<String> {
        self.js("return window.__bourgadeAsked || [];", json!([]))
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|q| q.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Wraps the page's IPC once: `plugin:dialog|open`/`save` get
    /// `window.__bourgadePath`, `plugin:dialog|message` (ask) gets the label
    /// of the button `window.__bourgadeYes` picks.
    /// (`__TAURI_INTERNALS__.invoke` is read-only; the IPC goes through
    /// `fetch("ipc://localhost/<command>")`, which the test wraps.)
    fn answer_dialogs(&self) {
        self.js(
            r#"if (window.__bourgadeFetch) return;
               const original = window.fetch;
               window.__bourgadeFetch = original;
               const reply = (v) => Promise.resolve(new Response(JSON.stringify(v), {
                 headers: {'Content-Type': 'application/json', 'Tauri-Response': 'ok'}}));
               window.fetch = function (url, init) {
                 const cmd = decodeURIComponent(String(url)).replace(/^ipc:\/\/localhost\//, '');
                 if (cmd === 'plugin:dialog|open' || cmd === 'plugin:dialog|save') {
                   return reply(window.__bourgadePath);
                 }
                 if (cmd === 'plugin:dialog|message') {
                   const args = JSON.parse(init && typeof init.body === 'string' ? init.body : '{}');
                   (window.__bourgadeAsked = window.__bourgadeAsked || []).push(args.message);
                   const labels = (args.buttons && args.buttons.OkCancelCustom) || ['Ok', 'Cancel'];
                   return reply(window.__bourgadeYes ? labels[0] : labels[1]);
                 }
                 return original.apply(this, arguments);
               };"#,
            json!([]),
        );
    }

    /// Sets an input's text as typing would, any character included
    /// (WebKitWebDriver cannot type "é": see RECIPES.md).
    fn set_text(&self, css: &str, text: &str) {
        self.element(css);
        self.js(
            r#"const i = document.querySelector(arguments[0]);
               i.focus();
               const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(i), 'value').set;
               setter.call(i, arguments[1]);
               i.dispatchEvent(new Event('input', {bubbles: true}));
               i.dispatchEvent(new Event('change', {bubbles: true}));"#,
            json!([css, text]),
        );
    }

    /// The value of an input.
    fn value(&self, css: &str) -> String {
        self.element(css);
        self.js(
            "return document.querySelector(arguments[0]).value;",
            json!([css]),
        )
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    /// Creates a project through the board's dialog; returns its number.
    fn create_project(&self, title: &str) -> i64 {
        self.goto("#/board");
        self.click("[data-testid=new-project]");
        self.type_into("#new-title", title);
        self.click("[data-testid=create-project]");
        let id = self.wait_js(
            "the new project's page opens",
            "const m = /^#\\/projects\\/(\\d+)$/.exec(location.hash); return m && document.querySelector('[data-testid=project-heading]') ? Number(m[1]) : null;",
        );
        id.as_i64().expect("project number")
    }
}

fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run `npm ci` in ui/)", path.display()))
}

/// The column a board card is in, or None when it is not on the board.
fn column_of(h: &Harness, id: i64) -> Option<i64> {
    h.js(
        "const c = document.querySelector(`[data-card-link=\"${arguments[0]}\"]`); return c ? Number(c.closest('[data-testid=board-column]').dataset.stage) : null;",
        json!([id]),
    )
    .as_i64()
}

fn wait_column(h: &Harness, id: i64, stage: i64, what: &str) {
    h.wait_js(
        what,
        &format!(
            "const c = document.querySelector('[data-card-link=\"{id}\"]'); return !!c && c.closest('[data-testid=board-column]').dataset.stage === '{stage}' && !document.querySelector('[data-testid=move-dialog]');"
        ),
    );
}

#[test]
fn first_run_follows_a_real_commune() {
    let h = Harness::start("first-run", Init::Empty);
    assert_eq!(
        h.text("#screen-title"),
        "Bienvenue dans Bourgade",
        "an empty database opens on the first-run screen"
    );
    h.axe("first run");
    h.screenshot("first-run.png");

    // Above the programme's ceiling: a warning, not a refusal.
    h.type_into("[data-testid=commune-search]", "saint etienne");
    let found = h.wait_texts(
        "[data-testid=commune-result]",
        "the accent-insensitive search finds Saint-Étienne",
        |t| {
            t.iter()
                .any(|r| r.contains("Saint-Étienne") && r.contains("Loire (42)"))
        },
    );
    assert!(
        found.iter().any(|r| r.contains("habitants")),
        "results show the population: {found:?}"
    );
    h.click("label[for=first-42218]");
    h.wait_texts(
        "[data-testid=ceiling-warning]",
        "a town above 20,000 inhabitants is flagged",
        |t| t.iter().any(|w| w.contains("20 000 habitants")),
    );

    h.clear("[data-testid=commune-search]");
    h.type_into("[data-testid=commune-search]", "29270");
    let found = h.wait_texts(
        "[data-testid=commune-result]",
        "the postcode finds Carhaix-Plouguer",
        |t| t.iter().any(|r| r.contains("Carhaix-Plouguer")),
    );
    let carhaix = found
        .iter()
        .find(|r| r.contains("Carhaix-Plouguer"))
        .unwrap();
    assert!(
        carhaix.contains("Finistère (29)") && carhaix.contains("Poher"),
        "the result names the département and the EPCI: {carhaix}"
    );
    h.screenshot("first-run-search.png");
    h.click(&format!("label[for=first-{DEMO_INSEE}]"));
    assert_eq!(
        h.js(
            "return document.querySelector('[data-testid=ceiling-warning]');",
            json!([])
        ),
        Value::Null,
        "no warning for a town under 20,000 inhabitants"
    );
    h.click("[data-testid=follow-town]");
    h.wait_texts("nav a", "the app opens with its navigation", |t| {
        t.len() == 6
    });
    let towns = h.wait_texts("#town-select option", "the town switcher lists it", |t| {
        t.iter().any(|o| o.contains("Carhaix-Plouguer"))
    });
    assert_eq!(towns.len(), 2, "all towns + the one followed: {towns:?}");
    assert_eq!(
        h.text("[data-testid=kpi-projects]"),
        "0",
        "a new town starts with no project"
    );

    let store = bourgade_core::store::Store::open(&h.db()).unwrap();
    let followed: Vec<String> = store
        .towns()
        .unwrap()
        .into_iter()
        .map(|t| t.commune.insee)
        .collect();
    assert_eq!(
        followed,
        vec![DEMO_INSEE.to_owned()],
        "the town is followed in the database"
    );
}

#[test]
fn a_project_is_created_and_moved_across_stages_by_keyboard_and_mouse() {
    let h = Harness::start("stages", Init::Demo);
    let id = h.create_project("Maison France services");
    h.goto("#/board");
    wait_column(&h, id, 0, "the new project starts at stage 0");

    // Keyboard: focus the card, Alt+→, a note, Enter.
    h.focus(&format!("[data-card-link=\"{id}\"]"));
    h.press(&[keys::ALT, keys::RIGHT]);
    h.element("[data-testid=move-dialog] textarea");
    h.wait_js(
        "the note box takes the focus",
        "return document.activeElement && document.activeElement.id === 'move-note';",
    );
    h.screenshot("move-dialog.png");
    h.type_into("#move-note", "Besoin confirmé en réunion publique");
    h.press(&[keys::ENTER]);
    wait_column(&h, id, 1, "Alt+→ then Enter moves the card to stage 1");
    h.wait_texts(
        "[data-testid=announcer]",
        "the move is announced to screen readers",
        |t| t.iter().any(|a| a.contains("déplacé à l'étape 1")),
    );
    assert_eq!(
        h.js(
            "return document.activeElement && document.activeElement.dataset.cardLink;",
            json!([])
        ),
        json!(id.to_string()),
        "the focus stays on the moved card"
    );

    // Mouse: the card's "Déplacer" menu.
    h.click(&format!("li[data-id=\"{id}\"] [data-testid=move-button]"));
    h.click(&format!("li[data-id=\"{id}\"] [data-testid=move-to-3]"));
    h.click("[data-testid=move-confirm]");
    wait_column(&h, id, 3, "the menu moves the card to stage 3");

    // Mouse: drag and drop. WebDriver's pointer actions do not start an
    // HTML5 drag in WebKitGTK, so the drag events are dispatched on the
    // card and the target column, as the browser would.
    h.js(
        r#"const card = document.querySelector(`li[data-id="${arguments[0]}"]`);
           const column = document.querySelector('[data-testid=board-column][data-stage="5"]');
           const data = new DataTransfer();
           card.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
           column.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));
           column.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
           card.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: data}));"#,
        json!([id]),
    );
    h.element("[data-testid=move-dialog]");
    assert_eq!(
        h.js(
            "return document.querySelector('#move-target').value;",
            json!([])
        ),
        json!("5"),
        "dropping on column 5 proposes stage 5"
    );
    h.click("[data-testid=move-confirm]");
    wait_column(&h, id, 5, "drag and drop moves the card to stage 5");

    // Undo the last move from the toast.
    h.wait_texts(
        "[data-testid=undo-toast]",
        "the toast offers to undo",
        |t| t.iter().any(|s| s.contains("Projet déplacé à l'étape 5")),
    );
    h.screenshot("board.png");
    h.click("[data-testid=undo-button]");
    wait_column(&h, id, 3, "undo moves the card back to stage 3");
    assert_eq!(column_of(&h, id), Some(3), "back at stage 3");

    let store = bourgade_core::store::Store::open(&h.db()).unwrap();
    let detail = store.project_detail(id).unwrap();
    let moves: Vec<(Option<u8>, u8)> = detail
        .lines
        .stage_events
        .iter()
        .map(|e| (e.from_stage.map(|s| s.number()), e.to_stage.number()))
        .collect();
    assert_eq!(
        moves,
        vec![
            (None, 0),
            (Some(0), 1),
            (Some(1), 3),
            (Some(3), 5),
            (Some(5), 3)
        ],
        "every move, the undo included, is a stage event"
    );
    assert_eq!(
        detail.lines.stage_events[1].note, "Besoin confirmé en réunion publique",
        "the note typed in the dialog is kept"
    );

    h.goto(&format!("#/projects/{id}"));
    h.wait_texts(
        "[data-testid=stage-history] li",
        "the page shows the history, newest first",
        |t| t.len() == 5 && t[0].contains("De l'étape 5 à l'étape 3"),
    );
}

#[test]
fn funding_lines_show_the_owner_share_finding_its_why_and_an_actor_is_linked() {
    let h = Harness::start("funding", Init::Demo);
    let id = h.create_project("Halles couvertes");

    // The cost, typed the French way.
    h.type_into("#f-cost_excl_vat", "100 000");
    h.click("#f-summary"); // leaving the field saves it
    h.wait_texts("[data-testid=save-status]", "the cost is saved", |t| {
        t.iter().any(|s| s.contains("Enregistré"))
    });

    // A State grant of 90 000 €: the town brings nothing (CGCT L1111-10 III).
    h.click("[data-testid=add-funding-line]");
    h.type_into("#f-funding_lines-0-amount_requested", "90 000");
    h.click("#f-funding_lines-0-note");
    let findings = h.wait_texts(
        "[data-testid=plan-finding]",
        "the core's owner-share finding appears beside the plan",
        |t| {
            t.iter()
                .any(|f| f.contains("Participation du maître d'ouvrage"))
        },
    );
    let plain = |s: &str| s.replace(['\u{202f}', '\u{a0}'], " ");
    assert!(
        findings
            .iter()
            .any(|f| f.starts_with("Bloquant") && plain(f).contains("il manque 18 000 €")),
        "20 % of 90 000 € of public funding is 18 000 €, all missing: {findings:?}"
    );
    let total = h.text("[data-testid=plan-total]");
    assert!(
        total.replace(['\u{202f}', '\u{a0}'], " ") == "90 000 €",
        "the plan total comes from the core: {total}"
    );

    // The town's own funds for the rest: the plan is covered, the town
    // still brings 10 000 € of the 20 000 € minimum.
    h.click("[data-testid=add-funding-line]");
    h.choose("#f-funding_lines-1-funder", "own_funds");
    h.type_into("#f-funding_lines-1-amount_requested", "10 000");
    h.click("#f-funding_lines-1-note");
    h.wait_texts(
        "[data-testid=plan-total]",
        "the total includes both lines",
        |t| {
            t.iter()
                .any(|s| s.replace(['\u{202f}', '\u{a0}'], " ") == "100 000 €")
        },
    );

    // "Pourquoi ?" opens the computation and the article.
    h.js(
        "document.querySelector('[data-testid=finding-why] summary').scrollIntoView({block: 'center'});",
        json!([]),
    );
    h.click("[data-testid=finding-why] summary");
    let computation = h.wait_texts(
        "[data-testid=finding-computation]",
        "the computation behind the verdict",
        |t| {
            t.iter()
                .any(|c| plain(c).contains("minimum 20 % de 100 000 € = 20 000 €"))
        },
    );
    let basis = plain(&h.text("[data-testid=finding-basis]"));
    assert!(
        basis.contains("Code général des collectivités territoriales, art. L1111-10, III")
            && basis.contains("31 mars 2024"),
        "the article and its version: {basis}"
    );
    h.js(
        "document.querySelector('[data-testid=plan-panel]').scrollIntoView();",
        json!([]),
    );
    h.screenshot("project-why.png");

    // The same verdict as `bourgade check` computes from the stored plan.
    let store = bourgade_core::store::Store::open(&h.db()).unwrap();
    let core = bourgade_core::rules::check_project(
        &store.project_detail(id).unwrap(),
        &store.funding_schemes().unwrap(),
        &[],
        chrono::Utc::now().date_naive(),
    );
    let owner = core
        .iter()
        .find(|f| f.rule == bourgade_core::rules::RuleId::OwnerShare)
        .expect("the core finds it too");
    let flat = |s: &str| plain(s).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        computation
            .iter()
            .any(|c| flat(c) == flat(&owner.computation_fr)),
        "the window shows the core's computation: {computation:?} / {}",
        owner.computation_fr
    );

    // A protected monument: the préfet may derogate, the finding is a warning.
    h.choose("#f-derogation", "protected_monument");
    h.wait_texts(
        "[data-testid=plan-finding]",
        "the derogation turns the verdict into a warning that names it",
        |t| {
            t.iter().any(|f| {
                f.starts_with("Attention")
                    && f.contains("Monument protégé au titre du code du patrimoine")
            })
        },
    );
    drop(store);

    // Link an SSE actor from the catalogue.
    h.choose("#link-actor", "avise");
    h.click("[data-testid=link-actor]");
    h.wait_texts("[data-testid=linked-actor]", "the actor is linked", |t| {
        t.iter().any(|a| a.contains("Avise"))
    });
    h.choose("#f-actors-0-contact_status", "contacted");
    h.click("#f-actors-0-role");
    h.type_into("#f-actors-0-role", "Accompagnement de la faisabilité");
    h.click("#f-actors-0-note");
    h.wait_texts("[data-testid=save-status]", "the link is saved", |t| {
        t.iter().any(|s| s.contains("Enregistré"))
    });
    h.axe("project page");
    h.js(
        "document.querySelector('#sec-funding').scrollIntoView();",
        json!([]),
    );
    h.screenshot("project-funding.png");

    let store = bourgade_core::store::Store::open(&h.db()).unwrap();
    let detail = store.project_detail(id).unwrap();
    assert_eq!(
        detail.project.fields.cost_excl_vat,
        Some(bourgade_core::model::Money::euros(100_000)),
        "the cost typed as « 100 000 » is stored"
    );
    assert_eq!(
        detail.lines.funding_lines.len(),
        2,
        "two funding lines stored"
    );
    let link = &detail.lines.actors[0];
    assert_eq!(link.actor_id, "avise", "the actor is stored");
    assert_eq!(
        link.contact_status.as_str(),
        "contacted",
        "with its contact status"
    );
    assert_eq!(
        link.role, "Accompagnement de la faisabilité",
        "and its role"
    );
}

#[test]
fn csv_export_is_reimported_and_import_errors_are_listed() {
    let h = Harness::start("exchange", Init::Demo);
    h.goto("#/settings");
    let csv = h.dir.join("export.csv");
    // The native file dialogs cannot be driven by WebDriver: their answer
    // (a path in this test's folder) is given in advance; the export and
    // import commands then run from the UI's own buttons.
    h.answer_file_dialogs(&csv);
    h.click("[data-testid=export-csv]");
    h.wait_texts(
        "[data-testid=done-message]",
        "the export reports its count",
        |t| {
            t.iter()
                .any(|s| s.contains(&format!("{DEMO_PROJECTS} projet(s) exporté(s)")))
        },
    );
    let written = std::fs::read_to_string(&csv).expect("the CSV file is written");
    assert_eq!(
        written.lines().count(),
        DEMO_PROJECTS + 1,
        "a header and one line per project"
    );

    h.click("[data-testid=import-file]");
    h.wait_texts(
        "[data-testid=import-preview]",
        "the dry run reports what would change",
        |t| {
            t.iter().any(|s| {
                s.contains(&format!(
                    "0 projet(s) à créer, {DEMO_PROJECTS} à mettre à jour"
                ))
            })
        },
    );
    h.click("[data-testid=import-apply]");
    h.wait_texts(
        "[data-testid=done-message]",
        "the import reports its result",
        |t| t.iter().any(|s| s.contains("Import terminé")),
    );

    // A file with a broken line: nothing imported, the problems listed.
    // Its header is the export's; its second line has no title and stage 12.
    let header = written
        .lines()
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}');
    let row: Vec<&str> = header
        .split(';')
        .map(|col| match col {
            "commune_insee" => DEMO_INSEE,
            "etape" => "12",
            _ => "",
        })
        .collect();
    let broken = h.dir.join("broken.csv");
    std::fs::write(&broken, format!("{header}\r\n{}\r\n", row.join(";"))).unwrap();
    h.answer_file_dialogs(&broken);
    h.click("[data-testid=import-file]");
    let problems = h.wait_texts(
        "[data-testid=import-problem]",
        "the import's problems are listed with their line",
        |t| !t.is_empty(),
    );
    assert!(
        problems.len() >= 2 && problems.iter().all(|p| p.starts_with("Ligne 2")),
        "each problem of line 2 (no title, stage 12) is listed with its line: {problems:?}"
    );
    let store = bourgade_core::store::Store::open(&h.db()).unwrap();
    assert_eq!(
        store.projects(&Default::default()).unwrap().len(),
        DEMO_PROJECTS,
        "a refused import writes nothing"
    );
    h.axe("settings with import errors");
    h.screenshot("settings-import-errors.png");
}

#[test]
fn a_hostile_title_shows_as_plain_text() {
    let h = Harness::start("hostile", Init::Demo);
    h.js(
        "window.__alerted = false; window.alert = () => { window.__alerted = true; };",
        json!([]),
    );
    let title = "<img src=x onerror=alert(1)>";
    let id = h.create_project(title);
    assert_eq!(
        h.text("[data-testid=project-heading]"),
        title,
        "the page heading shows the title verbatim"
    );
    h.goto("#/board");
    let cards = h.wait_texts(
        "[data-testid=card-title]",
        "the card is on the board",
        |t| t.iter().any(|c| c == title),
    );
    assert!(cards.iter().any(|c| c == title), "card text verbatim");
    assert_eq!(
        h.js(
            "return document.querySelectorAll('main img').length;",
            json!([])
        ),
        json!(0),
        "no image element was created from the title"
    );
    assert_eq!(
        h.js("return window.__alerted;", json!([])),
        json!(false),
        "no script ran"
    );
    let store = bourgade_core::store::Store::open(&h.db()).unwrap();
    assert_eq!(
        store.project(id).unwrap().fields.title,
        title,
        "the title is stored verbatim, not escaped"
    );
}

#[test]
fn every_main_screen_passes_axe_and_switches_to_english_and_back() {
    let h = Harness::start("screens", Init::Demo);
    h.wait_texts(
        "[data-testid=kpi-projects]",
        "the dashboard counts the demo projects",
        |t| t.first().map(String::as_str) == Some("17"),
    );
    h.axe("dashboard");
    h.screenshot("dashboard.png");

    h.goto("#/board");
    h.wait_texts(
        "[data-testid=card-title]",
        "the board shows every project",
        |t| t.len() == DEMO_PROJECTS,
    );
    h.axe("board");
    h.screenshot("board-demo.png");

    h.goto("#/projects");
    h.wait_texts(
        "[data-testid=project-title]",
        "the list shows every project",
        |t| t.len() == DEMO_PROJECTS,
    );
    h.type_into("#search-input", "epicerie");
    let found = h.wait_texts(
        "[data-testid=project-title]",
        "searching without accents finds the épicerie",
        |t| t.len() == 1,
    );
    assert!(
        found[0].starts_with("Épicerie"),
        "accent-insensitive: {found:?}"
    );
    h.clear("#search-input");
    h.wait_texts("[data-testid=project-title]", "all again", |t| {
        t.len() == DEMO_PROJECTS
    });
    h.axe("list");
    h.screenshot("list.png");

    h.goto("#/projects/1");
    h.wait_texts("[data-testid=plan-panel]", "the plan summary loads", |t| {
        t.iter().any(|s| s.contains('€'))
    });
    h.axe("project page");
    h.screenshot("project.png");

    h.goto("#/catalogue");
    h.wait_texts(
        "[data-testid=actor-entry]",
        "the catalogue lists actors",
        |t| t.len() > 10,
    );
    h.axe("catalogue");
    h.screenshot("catalogue.png");

    h.goto("#/settings");
    h.wait_texts("[data-testid=db-path]", "settings show the database", |t| {
        t.iter().any(|p| p.ends_with("e2e.sqlite"))
    });
    h.axe("settings");
    h.screenshot("settings.png");

    // English and back.
    h.goto("#/dashboard");
    h.click("button.lang-toggle");
    h.wait_texts("nav a", "the navigation switches to English", |t| {
        t.first().map(String::as_str) == Some("Dashboard")
    });
    assert_eq!(
        h.js("return document.documentElement.lang;", json!([])),
        json!("en"),
        "<html lang> follows"
    );
    h.wait_texts("h2", "the screen is in English", |t| {
        t.iter().any(|s| s == "Dashboard")
    });
    h.axe("dashboard (English)");
    h.screenshot("dashboard-en.png");
    h.click("button.lang-toggle");
    h.wait_texts("nav a", "and back to French", |t| {
        t.first().map(String::as_str) == Some("Tableau de bord")
    });
}

#[test]
fn the_project_brief_and_the_portfolio_brief_come_out_of_the_window() {
    let h = Harness::start("briefs", Init::Demo);
    let pdf = h.dir.join("note-projet-3.pdf");
    h.goto("#/projects/3");
    h.wait_texts(
        "[data-testid=project-heading]",
        "project 3's page opens",
        |t| !t.is_empty(),
    );
    h.answer_file_dialogs(&pdf);
    h.click("[data-testid=generate-brief]");
    h.wait_texts(
        ".brief-notice",
        "the page says where the brief was saved",
        |t| t.iter().any(|s| s.contains("Note enregistrée")),
    );
    let bytes = std::fs::read(&pdf).expect("the brief is written where the dialog said");
    assert!(bytes.starts_with(b"%PDF"), "a PDF file");
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Épicerie participative"),
        "the brief names the project: {text}"
    );
    assert!(
        text.contains("Il est proposé au conseil municipal"),
        "the brief ends with the decision asked"
    );

    let portfolio = h.dir.join("portefeuille.pdf");
    h.goto("#/dashboard");
    h.answer_file_dialogs(&portfolio);
    h.click("[data-testid=brief-portfolio-stage]");
    h.wait_texts(
        ".briefs .brief-notice",
        "the dashboard says where the portfolio was saved",
        |t| t.iter().any(|s| s.contains("Note enregistrée")),
    );
    assert!(std::fs::read(&portfolio)
        .expect("the portfolio brief is written")
        .starts_with(b"%PDF"));
    h.screenshot("dashboard-briefs.png");
}

#[test]
fn expense_lines_a_refused_field_and_the_application_dossier() {
    let h = Harness::start("dossier", Init::Demo);
    let plain = |s: &str| s.replace(['\u{202f}', '\u{a0}'], " ");
    let money = bourgade_core::model::Money::euros;
    // The épicerie participative: 95 000 € HT typed by hand, five funding
    // lines (DETR, REGION, LEADER, EPCI_FONDS_CONCOURS, FONDS_PROPRES).
    h.goto("#/projects/3");
    h.wait_texts("[data-testid=plan-basis]", "the plan is on the page", |t| {
        t.iter().any(|s| plain(s) == "95 000 €")
    });

    // (a) Two expense lines: the cost becomes their sum, the plan follows.
    // The funding lines have bases typed by hand: the first line asks
    // before they are replaced by sums of expense lines.
    h.answer_questions(true);
    h.click("[data-testid=add-expense-line]");
    h.wait_js(
        "the first expense line is added once the user agreed",
        "return !!document.querySelector('#f-expense_lines-0-label');",
    );
    assert!(
        h.questions_asked()
            .iter()
            .any(|q| q.contains("assiettes saisies sont remplacées")),
        "asked before the typed bases are replaced: {:?}",
        h.questions_asked()
    );
    h.set_text(
        "#f-expense_lines-0-label",
        "Travaux de rénovation de la halle",
    );
    h.clear("#f-expense_lines-0-amount_excl_vat");
    h.type_into("#f-expense_lines-0-amount_excl_vat", "72 000");
    h.click("#f-expense_lines-0-label"); // leaving the amount saves it
    h.click("[data-testid=add-expense-line]");
    h.choose("#f-expense_lines-1-category", "studies");
    h.set_text("#f-expense_lines-1-label", "Maîtrise d'œuvre et diagnostic");
    h.clear("#f-expense_lines-1-amount_excl_vat");
    h.type_into("#f-expense_lines-1-amount_excl_vat", "8 000");
    h.click("#f-expense_lines-1-label");
    // Not eligible to LEADER (third funding line).
    h.click("label[for=f-expense_lines-1-eligible-2]");
    h.wait_js(
        "the project's cost is the sum of the lines, read-only",
        "const c = document.querySelector('#f-cost_excl_vat'); return c.readOnly && c.value === '80 000' && document.querySelector('#f-cost_incl_vat').value === '96 000';",
    );
    h.wait_texts(
        "[data-testid=plan-basis]",
        "the plan panel follows the derived figures",
        |t| t.iter().any(|s| plain(s) == "80 000 €"),
    );
    assert_eq!(
        h.value("#f-funding_lines-2-eligible_base_excl_vat"),
        "72 000",
        "LEADER's base leaves out the line not eligible to it"
    );
    let totals = h.wait_texts("[data-testid=expense-totals] dd", "the totals row", |t| {
        t.len() == 3
    });
    assert_eq!(
        totals.iter().map(|t| plain(t)).collect::<Vec<_>>(),
        ["80 000 €", "16 000 €", "96 000 €"],
        "totals HT, VAT, TTC"
    );
    h.wait_texts("[data-testid=save-status]", "all saved", |t| {
        t.iter().any(|s| s.contains("Enregistré"))
    });
    {
        let store = bourgade_core::store::Store::open(&h.db()).unwrap();
        let d = store.project_detail(3).unwrap();
        assert_eq!(d.lines.expense_lines.len(), 2, "both expense lines stored");
        assert_eq!(
            d.lines.expense_lines[1].ineligible_for,
            vec![2],
            "the unticked funder is stored by position"
        );
        assert_eq!(
            (
                d.project.fields.cost_excl_vat,
                d.project.fields.cost_incl_vat
            ),
            (Some(money(80_000)), Some(money(96_000))),
            "the store derives the cost"
        );
        let bases: Vec<_> = d
            .lines
            .funding_lines
            .iter()
            .map(|l| l.eligible_base_excl_vat)
            .collect();
        assert_eq!(
            bases[2],
            Some(money(72_000)),
            "and LEADER's base: {bases:?}"
        );
    }
    h.axe("project page with expense lines");
    h.js(
        "document.querySelector('#sec-expenses').scrollIntoView({block: 'start'}); window.scrollBy(0, -100);",
        json!([]),
    );
    h.screenshot("project-expenses.png");

    // (b) A refused action sheet does not keep the summary from being saved,
    // and leaving the page with it asks first.
    let sheet = "FA-2026-REVITALISATION-DU-CENTRE-BOURG-01";
    assert_eq!(sheet.chars().count(), 41, "one character over the limit");
    assert_eq!(h.value("#f-action_sheet"), "2.3", "the demo's action sheet");
    h.clear("#f-action_sheet");
    h.type_into("#f-action_sheet", sheet);
    h.click("#f-summary");
    h.wait_texts(
        "#err-action_sheet",
        "the core's refusal under the action sheet",
        |t| t.iter().any(|s| s.contains("au plus 40")),
    );
    h.set_text(
        "#f-summary",
        "Une épicerie en circuit court, portée par une association.",
    );

    // One question was asked already, before the first expense line.
    let asked_before = h.questions_asked().len();
    h.answer_questions(false);
    h.click("nav a[data-nav=board]");
    h.wait_js(
        "leaving asks first",
        &format!(
            "return (window.__bourgadeAsked || []).length === {};",
            asked_before + 1
        ),
    );
    let asked = h.questions_asked();
    assert!(
        asked[asked_before].contains("ne sont pas enregistrées"),
        "the question says what would be lost: {asked:?}"
    );
    h.wait_js(
        "« Rester sur la page » keeps the page and its address",
        "return location.hash === '#/projects/3' && !!document.querySelector('[data-testid=project-heading]');",
    );
    assert_eq!(
        h.value("#f-action_sheet"),
        sheet,
        "the typed text is still there"
    );
    {
        let store = bourgade_core::store::Store::open(&h.db()).unwrap();
        let f = store.project(3).unwrap().fields;
        assert_eq!(
            f.summary, "Une épicerie en circuit court, portée par une association.",
            "the summary was saved on the way out, despite the refused sheet"
        );
        assert_eq!(
            f.action_sheet.as_deref(),
            Some("2.3"),
            "the refused sheet was not: the last saved one stays"
        );
    }
    h.answer_questions(true);
    h.click("nav a[data-nav=board]");
    h.wait_js(
        "« Quitter la page » leaves",
        "return location.hash === '#/board' && !document.querySelector('[data-testid=project-heading]');",
    );
    assert_eq!(
        h.questions_asked().len(),
        asked_before + 2,
        "asked once more"
    );
    h.goto("#/projects/3");
    h.wait_js(
        "back on the page, the summary is the saved one and the sheet the stored one",
        "const s = document.querySelector('#f-summary'); return !!s && s.value.startsWith('Une épicerie en circuit court') && document.querySelector('#f-action_sheet').value === '2.3';",
    );

    // (c) The dossier, written into a folder, then again: asks before replacing.
    let dir = h.dir.join("dossier DETR");
    h.answer_file_dialogs(&dir);
    h.click("[data-testid=make-dossier]");
    h.choose("#dossier-scheme", "DETR");
    h.click("[data-testid=dossier-write]");
    let notice = h.wait_texts(
        "[data-testid=dossier-notice]",
        "the page lists the files written",
        |t| {
            t.iter()
                .any(|s| s.contains("Dossier de demande écrit dans"))
        },
    );
    assert!(
        notice[0].contains(dir.to_str().unwrap()),
        "it names the folder: {notice:?}"
    );
    let files = [
        "plan-de-financement.pdf",
        "plan-de-financement.docx",
        "projet-de-deliberation.docx",
        "projet-de-deliberation.pdf",
        "fiche-demande.pdf",
        "note-de-synthese.pdf",
    ];
    for f in files {
        let len = std::fs::metadata(dir.join(f))
            .unwrap_or_else(|e| panic!("{f} is written: {e}"))
            .len();
        assert!(len > 0, "{f} is not empty");
        assert!(notice[0].contains(f), "the notice lists {f}");
    }
    h.js("window.scrollTo(0, 0);", json!([]));
    h.screenshot("dossier-notice.png");

    let asked_before = h.questions_asked().len();
    h.answer_questions(false);
    h.click("[data-testid=make-dossier]");
    h.click("[data-testid=dossier-write]");
    h.wait_texts(
        "[data-testid=dossier-status]",
        "declining to replace writes nothing",
        |t| t.iter().any(|s| s.contains("Rien n'a été écrit")),
    );
    let asked = h.questions_asked();
    assert_eq!(asked.len(), asked_before + 1, "one question: {asked:?}");
    assert!(
        asked.last().unwrap().contains("contient déjà"),
        "it says the folder holds a dossier: {asked:?}"
    );
    let stamp = std::fs::metadata(dir.join(files[0]))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(Duration::from_millis(20));
    h.answer_questions(true);
    h.click("[data-testid=dossier-write]");
    h.wait_texts(
        "[data-testid=dossier-notice]",
        "replacing writes the files again",
        |t| {
            t.iter()
                .any(|s| s.contains("Dossier de demande écrit dans"))
        },
    );
    assert!(
        std::fs::metadata(dir.join(files[0]))
            .unwrap()
            .modified()
            .unwrap()
            > stamp,
        "the files were replaced"
    );
}

#[test]
fn a_reading_moves_the_indicator_chart_and_the_steering_screen_shows_the_plan() {
    let h = Harness::start("steering", Init::Demo);
    let plain = |s: &str| s.replace(['\u{202f}', '\u{a0}'], " ");
    // The OPAH-RU study: homes renovated, 0 → 60, readings 9 and 17 (28,3 %).
    let section = "section[aria-labelledby=sec-indicators]";
    let points = format!("{section} [data-testid=indicator-chart] [data-testid=chart-point]");
    let percent = format!("{section} [data-testid=progress-percent]");
    h.goto("#/projects/1");
    h.wait_texts(&percent, "the core's progress of the indicator", |t| {
        t.iter().any(|s| plain(s) == "28,3 %")
    });
    h.wait_texts(&points, "its chart shows its two readings", |t| {
        t.len() == 2
    });

    h.set_text("#f-indicators-0-new_date", "2026-06-30");
    h.type_into("#f-indicators-0-new_value", "30");
    h.click("[data-testid=add-reading]");
    h.wait_texts(&points, "one more point on the chart", |t| t.len() == 3);
    h.wait_texts(&percent, "the progress the core computes from it", |t| {
        t.iter().any(|s| plain(s) == "50 %")
    });
    {
        let store = bourgade_core::store::Store::open(&h.db()).unwrap();
        let d = store.project_detail(1).unwrap();
        let r = &d.lines.indicators[0].readings;
        assert_eq!(r.len(), 3, "the reading is stored");
        assert_eq!(
            (r[2].date.to_string(), r[2].value),
            ("2026-06-30".to_owned(), 30.0),
            "last, as typed"
        );
    }
    h.axe("project page with indicators");
    h.js(
        "document.querySelector('#sec-indicators').scrollIntoView({block: 'start'}); window.scrollBy(0, -110);",
        json!([]),
    );
    h.screenshot("project-indicators.png");

    h.click("nav a[data-nav=steering]");
    let total = h.wait_texts(
        "[data-testid=programme-totals] tr[data-row=investment] td[data-year='2026']",
        "the town's spending in 2026, as the core adds it up",
        |t| !t.is_empty(),
    );
    assert_eq!(
        plain(&total[0]),
        "2 130 000 €",
        "the demo town's 2026 spending"
    );
    h.wait_texts(
        "[data-testid=town-indicators] [data-testid=progress-percent]",
        "the convention's indicators with their progress",
        |t| t.len() == 3,
    );
    h.axe("steering");
    h.js("window.scrollTo(0, 0);", json!([]));
    h.screenshot("steering.png");
}

#[test]
fn platforms_exchange_files_and_open_aids_show_on_the_project_and_the_dashboard() {
    let h = Harness::start("platforms", Init::Demo);
    h.goto("#/settings");
    h.element("[data-testid=platforms]");

    // Les Communs: the v0.1.0 CSV of every demo project.
    let communs = h.dir.join("projets-communs.csv");
    h.answer_file_dialogs(&communs);
    h.click("[data-testid=export-communs]");
    h.wait_texts(
        "[data-testid=platforms-done]",
        "the Communs export reports its count",
        |t| {
            t.iter()
                .any(|s| s.contains(&format!("{DEMO_PROJECTS} projet(s) exporté(s)")))
        },
    );
    let written = std::fs::read_to_string(&communs).expect("the Communs CSV is written");
    assert!(
        written.lines().next().unwrap().contains("phase"),
        "the schema's columns: {written}"
    );

    // Aides-territoires: one open aid for the demo's département, closing
    // tomorrow (first in the dashboard's list), checked first then imported.
    let closes = bourgade_core::day::paris_day(chrono::Utc::now()) + chrono::Duration::days(1);
    let feed = h.dir.join("aides.json");
    std::fs::write(
        &feed,
        serde_json::json!({"results": [{
            "id": 9001, "name": "Aide fictive aux commerces de centre-bourg",
            "perimeter": "Finistère", "categories": ["Commerces et Services"],
            "targeted_audiences": ["Communes"],
            "aid_types": ["Subvention"], "subvention_rate_lower_bound": 20, "subvention_rate_upper_bound": 50,
            "submission_deadline": closes.format("%Y-%m-%d").to_string(),
            "application_url": "https://example.org/depot"
        }]})
        .to_string(),
    )
    .unwrap();
    h.answer_file_dialogs(&feed);
    h.click("[data-testid=import-aids]");
    h.wait_texts(
        "[data-testid=platform-preview]",
        "the dry run says what the file holds",
        |t| {
            t.iter()
                .any(|s| s.contains("1 aide(s) lue(s), 1 à ajouter"))
        },
    );
    h.click("[data-testid=platform-apply]");
    h.wait_texts("[data-testid=aid-count]", "the aid is stored", |t| {
        t.iter().any(|s| s.contains("1 aide(s) enregistrée(s)"))
    });
    h.axe("settings with the national platforms");
    h.screenshot("settings-platforms.png");

    // The projects it fits, by the core; the window shows the same.
    let store = bourgade_core::store::Store::open(&h.db()).unwrap();
    let today = bourgade_core::day::paris_day(chrono::Utc::now());
    let fits: Vec<i64> = store
        .projects(&Default::default())
        .unwrap()
        .iter()
        .filter(|p| {
            !bourgade_core::desk::aids::suggest_aids(&store, p.id, today)
                .unwrap()
                .is_empty()
        })
        .map(|p| p.id)
        .collect();
    assert!(
        !fits.is_empty(),
        "a commerce project of the demo fits the aid"
    );
    h.goto(&format!("#/projects/{}", fits[0]));
    let shown = h.wait_texts(
        "[data-testid=aid-suggestion]",
        "the project page lists the open aid",
        |t| !t.is_empty(),
    );
    assert!(
        shown[0].contains("Aide fictive aux commerces de centre-bourg")
            && shown[0].contains("Subvention · 20–50")
            && shown[0].contains("https://example.org/depot"),
        "{shown:?}"
    );
    h.js(
        "document.getElementById('sec-aids').scrollIntoView({block: 'start'}); return true;",
        serde_json::json!([]),
    );
    h.screenshot("project-open-aids.png");

    h.goto("#/dashboard");
    h.wait_texts(
        "[data-testid=upcoming-list] li",
        "the dashboard lists the aid's closing date with a project it fits",
        |t| {
            t.iter().any(|s| {
                s.contains("Clôture d'une aide") && s.contains("Aide fictive aux commerces")
            })
        },
    );
}

#[test]
fn the_catalogue_names_places_and_a_network_file_updates_it() {
    let h = Harness::start("catalogue", Init::Demo);
    // A regional network's file: one new actor for the demo's département.
    let file = h.dir.join("reseau.json");
    std::fs::write(
        &file,
        serde_json::json!({
            "format": "bourgade-catalogue", "format_version": 1,
            "publisher": "Réseau fictif du Finistère", "complete": false,
            "actors": [{
                "id": "reseau-fictif-finistere", "name": "Réseau fictif des tiers-lieux du Finistère",
                "kind": "third_place_network", "scope": "departemental", "territories": ["29"],
                "themes": ["third_places"], "stages": [0, 1, 2], "services": ["network"],
                "description_fr": "Réseau fictif pour les essais de Bourgade.",
                "source": "Fichier d'essai", "verified_on": "2026-12-01"
            }]
        })
        .to_string(),
    )
    .unwrap();
    h.goto("#/settings");
    h.element("[data-testid=catalogue-card]");
    h.answer_file_dialogs(&file);
    h.click("[data-testid=catalogue-update]");
    h.wait_texts(
        "[data-testid=catalogue-preview]",
        "the check lists what the file adds",
        |t| {
            t.iter()
                .any(|s| s.contains("1 ajout(s), 0 modification(s), 0 retrait(s)"))
        },
    );
    h.js(
        "document.querySelector('[data-testid=catalogue-preview]').scrollIntoView({block: 'center'}); return true;",
        serde_json::json!([]),
    );
    h.screenshot("settings-catalogue-update.png");
    h.click("[data-testid=catalogue-apply]");
    h.wait_texts(
        "[data-testid=catalogue-done]",
        "the update is applied",
        |t| {
            t.iter()
                .any(|s| s.contains("Catalogue mis à jour : 1 ajout(s)"))
        },
    );

    h.goto("#/catalogue");
    let entries = h.wait_texts(
        "[data-testid=actor-entry]",
        "the catalogue lists actors with their places in words",
        |t| {
            t.iter()
                .any(|s| s.contains("Réseau fictif des tiers-lieux du Finistère"))
        },
    );
    let new = entries
        .iter()
        .find(|s| s.contains("Réseau fictif des tiers-lieux"))
        .unwrap();
    assert!(new.contains("Départemental — Finistère"), "{new}");
    let cress = entries
        .iter()
        .find(|s| s.starts_with("CRESS Occitanie"))
        .expect("CRESS Occitanie is listed");
    assert!(cress.contains("Régional — Occitanie"), "{cress}");
    assert!(!cress.contains("région 76"), "no code for a place: {cress}");
    h.axe("catalogue");
    h.screenshot("catalogue-places.png");
}
