#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
// No panic path: hostile input must come back as an `Error`, never a panic
// that would cross into Python or Node.
#![cfg_attr(
    not(test),
    deny(
        clippy::panic,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod code;
mod error;
mod header_names;
mod headers;
mod key;
mod ows;
#[doc(hidden)]
pub mod schema;
mod signature;
mod timestamp;
mod verifier;

#[cfg(feature = "alloc")]
mod datetime;
#[cfg(feature = "alloc")]
mod event;
#[cfg(feature = "alloc")]
mod interop;
#[cfg(feature = "alloc")]
mod money;
#[cfg(feature = "alloc")]
mod order_paid;
#[cfg(feature = "alloc")]
mod parse;
#[cfg(feature = "alloc")]
mod row;
#[cfg(feature = "alloc")]
mod sign;

pub use code::ErrorCode;
pub use error::{ConfigError, Error, MismatchHints, MissingHeader, PayloadError, PayloadReason};
pub use header_names::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
pub use headers::HeaderPair;
pub use signature::{MAX_SIGNATURE_ENTRIES, SCHEME_SHA256, SignatureHeaderProblem};

// Plumbing for the bindings: public so they can reach it, hidden from the
// documentation because a Rust receiver never needs it.
#[doc(hidden)]
pub use header_names::{CONTENT_LENGTH_HEADER, HEADER_NAMES, is_verification_header};
#[doc(hidden)]
pub use timestamp::MAX_TIMESTAMP;
pub use verifier::{DEFAULT_TOLERANCE, Tolerance, Verifier};

// The top-level README's Rust example is compiled too, in the repository
// (`build.rs` sets the cfg there; the packaged crate does not ship that file).
#[cfg(all(doctest, bookto_workspace))]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

#[cfg(feature = "alloc")]
pub use datetime::DateTime;
#[cfg(feature = "alloc")]
pub use event::{Event, ORDER_PAID, UnknownEvent};
#[cfg(feature = "alloc")]
pub use interop::OutOfRange;
#[cfg(feature = "alloc")]
pub use money::Money;
#[cfg(feature = "alloc")]
pub use order_paid::{Amount, Buyer, OrderPaid, Product, Seller};
#[cfg(feature = "alloc")]
pub use parse::parse_event;
#[cfg(feature = "alloc")]
#[doc(hidden)]
pub use row::parse_event_row;
#[cfg(feature = "alloc")]
pub use sign::{SignError, Signed, sign};

/// The current Unix time in seconds from the system clock (0 if the clock
/// is set before 1970). The `no_std` core never reads a clock: pass this as
/// `now` in servers, or the delivery time when re-processing stored webhooks.
///
/// ```
/// assert!(bookto_verify::now() > 1_700_000_000);
/// ```
#[cfg(feature = "std")]
#[must_use]
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
