//! Real readers of the documents the core writes, for the integration
//! tests: poppler (`pdftotext`, `pdfinfo`), python-docx (Debian's
//! `python3-docx` under `/usr/bin/python3`) and LibreOffice (`soffice`,
//! headless). A missing tool fails the test and says how to install it.
#![allow(dead_code)]

use chrono::Utc;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What to run when a reader is missing.
pub const INSTALL: &str = "run scripts/install-deps.sh --test";
/// Debian's Python, which has `python3-docx` (not a pyenv one on PATH).
pub const PYTHON: &str = "/usr/bin/python3";

/// Runs a tool of the test environment: whether it succeeded, and its
/// stdout then stderr. A missing tool fails the test.
pub fn try_run(tool: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is missing ({e}): {INSTALL}"));
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// Runs a tool of the test environment; a missing one fails the test.
pub fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is missing ({e}): {INSTALL}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// One `soffice` run converting every file to PDF in `out`, with a private
/// profile (so it runs beside another LibreOffice) and a time limit.
pub fn libreoffice_to_pdf(inputs: &[&Path], out: &Path) {
    let profile = std::env::temp_dir().join(format!(
        "bourgade-lo-{}-{}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    let mut args = vec![
        format!("-env:UserInstallation=file://{}", profile.display()),
        "--headless".into(),
        "--norestore".into(),
        "--convert-to".into(),
        "pdf".into(),
        "--outdir".into(),
        out.display().to_string(),
    ];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    let mut child = Command::new("soffice")
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("soffice (LibreOffice) is missing ({e}): {INSTALL}"));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            let _ = std::fs::remove_dir_all(&profile);
            panic!("LibreOffice took more than 120 s to convert {inputs:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = std::fs::remove_dir_all(&profile);
    assert!(status.success(), "soffice failed: {status}");
}

/// `pdftotext -layout`, whitespace collapsed and no-break spaces made plain
/// (pdftotext gives them back as spaces or not at all, by version).
pub fn pdf_text(pdf: &Path) -> String {
    plain(&run(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    ))
}

pub fn plain(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn pages(pdf: &Path) -> usize {
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gives a page count: {info}"))
}

/// What python-docx reads: paragraphs with their style names, tables (cell
/// texts, alignment and boldness of cells, repeating header rows), the
/// footer, core properties and page size.
pub fn docx_read(docx: &Path) -> Value {
    const SCRIPT: &str = r#"
import json, sys
try:
    import docx
except ImportError:
    print("NO_DOCX")
    sys.exit(3)
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
def cell(c):
    p = c.paragraphs[0]
    return {"text": c.text, "align": str(p.alignment),
            "bold": any(bool(r.bold) for r in p.runs)}
out = {
    "paragraphs": [{"style": p.style.name if p.style is not None else None, "text": p.text}
                   for p in d.paragraphs],
    "tables": [{
        "header_row": [r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None
                       for r in t.rows],
        "rows": [[cell(c) for c in r.cells] for r in t.rows],
    } for t in d.tables],
    "cell_paragraphs": [{"style": p.style.name, "text": p.text}
                        for t in d.tables for r in t.rows for c in r.cells for p in c.paragraphs],
    "footer": [p.text for p in d.sections[0].footer.paragraphs],
    "title": d.core_properties.title,
    "language": d.core_properties.language,
    "page": [d.sections[0].page_width, d.sections[0].page_height],
    "styles": [s.name for s in d.styles],
    "images": len(d.inline_shapes),
}
print(json.dumps(out, ensure_ascii=False))
"#;
    let out = Command::new(PYTHON)
        .args(["-c", SCRIPT, docx.to_str().unwrap()])
        .output()
        .unwrap_or_else(|e| panic!("{PYTHON} is missing ({e}): {INSTALL}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("NO_DOCX"),
        "python-docx is missing for {PYTHON}: {INSTALL}"
    );
    assert!(
        out.status.success(),
        "python-docx could not read {}: {}",
        docx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).expect("the script prints JSON")
}
