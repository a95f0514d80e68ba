//! Verifies one signature that differs from the expected one in its `first`
//! byte, its `last` byte, or `none`: run under callgrind by
//! `benches/ct/constant_time.sh` to count the comparison's instructions.

use bookto_verify::{Verifier, sign};
use bookto_verify_benches::{SAMPLE, SECRET};

fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let Ok(signed) = sign(SECRET, 1_764_201_600, SAMPLE) else {
        std::process::exit(2)
    };
    let mut signature = signed.signature().as_bytes().to_vec();
    let flip = match which.as_str() {
        "first" => Some(7),
        "last" => Some(signature.len() - 1),
        "none" => None,
        _ => {
            eprintln!("usage: ct_probe first|last|none");
            std::process::exit(2);
        }
    };
    if let Some(i) = flip {
        // Another hex digit, so the header stays well formed.
        signature[i] = if signature[i] == b'0' { b'1' } else { b'0' };
    }
    let Ok(verifier) = Verifier::new(SECRET) else {
        std::process::exit(2)
    };
    let headers = [
        ("x-bookto-timestamp", b"1764201600".as_slice()),
        ("x-bookto-signature", signature.as_slice()),
    ];
    let result = verifier.verify_signature(headers, SAMPLE, 1_764_201_600);
    println!(
        "{which}: {}",
        result.map_or_else(|e| e.code().to_owned(), |i| format!("matched {i}"))
    );
}
