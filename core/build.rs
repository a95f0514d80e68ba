//! Sets `cfg(bookto_workspace)` when the crate is built inside its own
//! repository, where the top-level README (whose Rust example is compiled as
//! a doctest, see `src/lib.rs`) sits next to it. The packaged crate has no
//! such README, so its doctests skip that one file and nothing else.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(bookto_workspace)");
    println!("cargo::rerun-if-changed=build.rs");
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return;
    };
    let root = Path::new(&manifest_dir).join("..");
    let is_workspace = std::fs::read_to_string(root.join("Cargo.toml"))
        .is_ok_and(|toml| toml.contains("[workspace]") && toml.contains("\"core\""));
    if is_workspace && root.join("README.md").is_file() {
        println!("cargo::rustc-cfg=bookto_workspace");
    }
}
