//! The window's security settings stay as strict as they are: the content
//! security policy of `tauri.conf.json`, `freezePrototype`, and the
//! permissions the capability files grant. A change that loosens any of
//! them fails here and has to be argued for in this file.
//!
//! The checks are functions over the parsed files, so that the tests below
//! also show each one catching a loosened variant.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every CSP directive allowed, with the sources it may list. Today's
/// policy, exactly: anything more is a loosening.
const CSP_ALLOWED: &[(&str, &[&str])] = &[
    ("default-src", &["'self'"]),
    ("script-src", &["'self'"]),
    ("style-src", &["'self'"]),
    ("img-src", &["'self'", "data:"]),
    ("font-src", &["'self'"]),
    ("connect-src", &["ipc:", "http://ipc.localhost"]),
    ("object-src", &["'none'"]),
    ("base-uri", &["'self'"]),
    ("form-action", &["'none'"]),
    ("frame-ancestors", &["'none'"]),
];

/// Directives that must be present (a missing one falls back to
/// `default-src` or, for `frame-ancestors` and `form-action`, to nothing).
const CSP_REQUIRED: &[&str] = &[
    "default-src",
    "script-src",
    "style-src",
    "connect-src",
    "object-src",
    "frame-ancestors",
];

/// The permissions the UI needs: the native open and save dialogs (import,
/// export, backup, restore, the dossier's folder), the native yes/no
/// question, and asking before the window closes. The single-instance
/// plugin needs none.
const PERMISSIONS_ALLOWED: &[&str] = &[
    // Choosing a file or a folder to read or write.
    "dialog:allow-open",
    "dialog:allow-save",
    // The native yes/no question (replace the dossier's files? leave with
    // unsaved input?); `ask` and `confirm` go through `message`.
    "dialog:allow-message",
    // Asking before the window closes: hearing the close request, then
    // closing once the user agreed (the two only make sense together).
    "core:event:allow-listen",
    "core:window:allow-destroy",
];

/// Plugin families the window must never get.
const PERMISSIONS_FORBIDDEN_PREFIXES: &[&str] = &["shell:", "fs:", "http:", "process:", "opener:"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} must be readable: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} must be valid JSON: {e}", path.display()))
}

/// The policy as directive → sources (Tauri takes a string or a map).
fn directives(csp: &Value) -> Result<BTreeMap<String, Vec<String>>, String> {
    let mut out = BTreeMap::new();
    match csp {
        Value::String(s) => {
            for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                let mut words = part.split_whitespace();
                let name = words.next().unwrap_or_default().to_ascii_lowercase();
                if out
                    .insert(name.clone(), words.map(str::to_owned).collect())
                    .is_some()
                {
                    return Err(format!("directive {name} appears twice"));
                }
            }
        }
        Value::Object(m) => {
            for (name, v) in m {
                let sources = match v {
                    Value::String(s) => s.split_whitespace().map(str::to_owned).collect(),
                    Value::Array(a) => a
                        .iter()
                        .map(|x| x.as_str().unwrap_or("?").to_owned())
                        .collect(),
                    _ => return Err(format!("directive {name} is not a string or a list")),
                };
                out.insert(name.to_ascii_lowercase(), sources);
            }
        }
        Value::Null => return Err("no CSP (app.security.csp is missing or null)".into()),
        _ => return Err("app.security.csp is neither a string nor a map".into()),
    }
    Ok(out)
}

/// Everything in the security section that is looser than today.
fn security_problems(conf: &Value) -> Vec<String> {
    let security = &conf["app"]["security"];
    let mut problems = Vec::new();
    match directives(&security["csp"]) {
        Err(e) => problems.push(e),
        Ok(policy) => {
            for required in CSP_REQUIRED {
                if !policy.contains_key(*required) {
                    problems.push(format!("CSP directive {required} is missing"));
                }
            }
            for (name, sources) in &policy {
                let Some((_, allowed)) = CSP_ALLOWED.iter().find(|(n, _)| n == name) else {
                    problems.push(format!("CSP directive {name} is not in the allowed list"));
                    continue;
                };
                for s in sources {
                    if !allowed.contains(&s.as_str()) {
                        problems.push(format!("CSP {name} allows {s}"));
                    }
                }
            }
        }
    }
    if security["freezePrototype"] != Value::Bool(true) {
        problems.push("freezePrototype is not true".into());
    }
    if security["dangerousDisableAssetCspModification"]
        .as_bool()
        .unwrap_or(false)
        || security["dangerousDisableAssetCspModification"].is_array()
    {
        problems.push("dangerousDisableAssetCspModification is set".into());
    }
    if security["assetProtocol"]["enable"]
        .as_bool()
        .unwrap_or(false)
    {
        problems.push("the asset protocol is enabled".into());
    }
    if conf["app"]["withGlobalTauri"].as_bool().unwrap_or(false) {
        problems.push("withGlobalTauri exposes the IPC to any script".into());
    }
    if security["capabilities"]
        .as_array()
        .is_some_and(|c| !c.is_empty())
    {
        problems.push(
            "capabilities declared inline in tauri.conf.json: keep them in src-tauri/capabilities/"
                .into(),
        );
    }
    problems
}

/// Everything a capability grants beyond the allow-list.
fn capability_problems(name: &str, cap: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    if !cap["remote"].is_null() {
        problems.push(format!("{name}: grants rights to remote URLs"));
    }
    let Some(perms) = cap["permissions"].as_array() else {
        problems.push(format!("{name}: no permissions list"));
        return problems;
    };
    for p in perms {
        // A permission is a name or {"identifier": name, "allow"/"deny": scopes}.
        let id = p
            .as_str()
            .or_else(|| p["identifier"].as_str())
            .unwrap_or("<unreadable>");
        if PERMISSIONS_FORBIDDEN_PREFIXES
            .iter()
            .any(|prefix| id.starts_with(prefix))
        {
            problems.push(format!("{name}: forbidden permission {id}"));
        } else if !PERMISSIONS_ALLOWED.contains(&id) {
            problems.push(format!("{name}: permission {id} is not in the allow-list"));
        }
        if p.is_object() && !p["allow"].is_null() {
            problems.push(format!("{name}: permission {id} widens its scope"));
        }
    }
    problems
}

fn capability_files() -> Vec<std::path::PathBuf> {
    let dir = root().join("src-tauri/capabilities");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{} must exist: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn the_content_security_policy_is_as_strict_as_today() {
    let conf = read_json(&root().join("tauri.conf.json"));
    let problems = security_problems(&conf);
    assert!(
        problems.is_empty(),
        "tauri.conf.json loosens the window's security: {problems:#?}"
    );
}

#[test]
fn capabilities_grant_only_the_permissions_the_ui_needs() {
    let files = capability_files();
    assert!(!files.is_empty(), "the main window has a capability file");
    let mut problems = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        match file.extension().and_then(|e| e.to_str()) {
            Some("json") => problems.extend(capability_problems(&name, &read_json(file))),
            // TOML or JSON5 would escape this test: refuse them rather than skip.
            _ => problems.push(format!("{name}: only .json capability files are checked")),
        }
    }
    assert!(
        problems.is_empty(),
        "a capability grants more than the UI needs: {problems:#?}"
    );
}

#[test]
fn no_plugin_with_shell_file_or_network_access_is_a_dependency() {
    let manifest = std::fs::read_to_string(root().join("src-tauri/Cargo.toml")).unwrap();
    // tauri-plugin-opener is allowed: Rust calls it to show a generated PDF;
    // the page gets none of its permissions (checked above).
    let forbidden: BTreeSet<&str> = [
        "tauri-plugin-shell",
        "tauri-plugin-fs",
        "tauri-plugin-http",
        "tauri-plugin-process",
    ]
    .into();
    let found: Vec<&str> = forbidden
        .iter()
        .copied()
        .filter(|p| manifest.contains(p))
        .collect();
    assert!(
        found.is_empty(),
        "the shell depends on plugins the window must not reach: {found:?}"
    );
}

#[test]
fn each_check_catches_a_loosened_setting() {
    let conf = read_json(&root().join("tauri.conf.json"));
    let csp = conf["app"]["security"]["csp"].as_str().unwrap().to_owned();
    let loosened = |edit: &dyn Fn(&mut Value)| {
        let mut c = conf.clone();
        edit(&mut c);
        security_problems(&c)
    };
    let with_csp =
        |new: String| move |c: &mut Value| c["app"]["security"]["csp"] = Value::String(new.clone());
    for (what, new_csp) in [
        (
            "unsafe-inline script",
            csp.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
        ),
        (
            "unsafe-eval script",
            csp.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"),
        ),
        (
            "unsafe-inline style",
            csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
        ),
        (
            "https wildcard",
            csp.replace("img-src 'self'", "img-src 'self' https:"),
        ),
        (
            "star source",
            csp.replace("connect-src ipc:", "connect-src * ipc:"),
        ),
        (
            "remote connect",
            csp.replace("connect-src ipc:", "connect-src https://example.org ipc:"),
        ),
        ("object-src removed", csp.replace("object-src 'none';", "")),
        (
            "frame-ancestors removed",
            csp.replace("; frame-ancestors 'none'", ""),
        ),
        ("new directive", format!("{csp}; worker-src blob:")),
    ] {
        assert!(
            !loosened(&with_csp(new_csp)).is_empty(),
            "the CSP check must catch: {what}"
        );
    }
    assert!(
        !loosened(&|c| c["app"]["security"]["csp"] = Value::Null).is_empty(),
        "a missing CSP is caught"
    );
    assert!(
        !loosened(&|c| c["app"]["security"]["freezePrototype"] = Value::Bool(false)).is_empty(),
        "freezePrototype off is caught"
    );
    assert!(
        !loosened(
            &|c| c["app"]["security"]["dangerousDisableAssetCspModification"] = Value::Bool(true)
        )
        .is_empty(),
        "disabling Tauri's CSP nonces is caught"
    );

    let cap = |perms: Value| serde_json::json!({ "identifier": "x", "windows": ["main"], "permissions": perms });
    assert!(
        capability_problems("ok", &cap(serde_json::json!(["dialog:allow-open"]))).is_empty(),
        "an allowed permission passes"
    );
    for bad in [
        serde_json::json!(["shell:allow-open"]),
        serde_json::json!(["fs:default"]),
        serde_json::json!(["http:default"]),
        serde_json::json!(["core:default"]),
        serde_json::json!([{ "identifier": "fs:allow-read-file", "allow": [{ "path": "$HOME/**" }] }]),
        serde_json::json!([{ "identifier": "dialog:allow-open", "allow": [{ "path": "**" }] }]),
    ] {
        assert!(
            !capability_problems("bad", &cap(bad.clone())).is_empty(),
            "the capability check must catch {bad}"
        );
    }
}
