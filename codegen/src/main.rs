//! The project's one code generator: every fact that lives in the Rust core
//! and is needed elsewhere (other languages, documentation) is written from
//! the core by this program, never retyped.
//!
//! ```text
//! cargo run -p bookto-verify-codegen              # writes every generated file
//! cargo run -p bookto-verify-codegen -- --check   # exits 1 naming each file that differs
//! ```
//!
//! A generated file is either whole (its first line says it is generated;
//! listed in `.gitattributes` as `linguist-generated`) or a region of a
//! hand-written file between a `begin NAME` and an `end NAME` marker line.

extern crate alloc;

mod codes;
mod model;
mod output;
mod python;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use output::Output;

/// Every output, in the order they are written.
fn outputs() -> Vec<Output> {
    let mut all = codes::outputs();
    all.extend(model::outputs());
    all
}

/// The repository root: the parent of this crate's directory.
fn root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

fn main() -> ExitCode {
    let mut check = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--check" => check = true,
            "-h" | "--help" => {
                println!(
                    "usage: cargo run -p bookto-verify-codegen [-- --check]\n\
                     writes the files generated from the core; --check writes nothing and \
                     exits 1 naming every file that differs"
                );
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("codegen: unknown argument {other:?} (expected --check)");
                return ExitCode::from(2);
            }
        }
    }
    match output::run(&root(), &outputs(), check) {
        Ok(stale) if stale.is_empty() => ExitCode::SUCCESS,
        Ok(stale) => {
            if check {
                eprintln!("codegen --check: these files differ from what codegen writes:");
                for path in &stale {
                    eprintln!("  {path}");
                }
                eprintln!("run `cargo run -p bookto-verify-codegen` and commit the result");
                ExitCode::FAILURE
            } else {
                for path in &stale {
                    println!("codegen: wrote {path}");
                }
                ExitCode::SUCCESS
            }
        }
        Err(error) => {
            eprintln!("codegen: {error}");
            ExitCode::from(2)
        }
    }
}
