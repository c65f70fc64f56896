fn main() {
    // The config sits at the repository root (design card); the UI must be
    // built first because its files are embedded in the binary.
    let dist = std::path::Path::new("../ui/dist/index.html");
    println!("cargo:rerun-if-changed=../ui/dist");
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    if !dist.exists() {
        panic!("ui/dist/index.html is missing: build the UI first with `npm --prefix ui ci && npm --prefix ui run build`");
    }
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
        .expect("tauri-build failed");
}
