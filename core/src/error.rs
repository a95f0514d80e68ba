//! The one error type of verification, and the configuration error.

use core::fmt;

use crate::code::ErrorCode;
use crate::header_names::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::signature::SignatureHeaderProblem;

/// Why a webhook was refused.
///
/// Every variant maps to one stable [`code`](Error::code), the same string in
/// every language. The `Display` text says what went wrong and what to do; it
/// never contains a secret.
///
/// ```
/// use bookto_verify::{Error, Verifier};
///
/// let verifier = Verifier::new("whsec_test").unwrap();
/// let err = verifier.verify_parts("not-a-number", "sha256=00", b"{}", 0).unwrap_err();
/// assert_eq!(err, Error::InvalidTimestamp);
/// assert_eq!(err.code(), "invalid_timestamp");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A required header is absent or empty.
    MissingHeader(MissingHeader),
    /// The timestamp header is not whole Unix seconds (1-19 ASCII digits).
    InvalidTimestamp,
    /// The timestamp is further in the past than the tolerance allows.
    TimestampTooOld {
        /// The timestamp the request carried.
        timestamp: u64,
        /// The `now` the request was checked against.
        now: u64,
        /// The tolerance in seconds.
        tolerance: u64,
    },
    /// The timestamp is further in the future than the tolerance allows.
    TimestampTooNew {
        /// The timestamp the request carried.
        timestamp: u64,
        /// The `now` the request was checked against.
        now: u64,
        /// The tolerance in seconds.
        tolerance: u64,
    },
    /// The signature header does not follow `sha256=<64 hex>[, scheme=value]…`.
    InvalidSignatureHeader(SignatureHeaderProblem),
    /// No `sha256` entry matches any configured secret.
    SignatureMismatch(MismatchHints),
    /// The verified body is not a JSON object of the expected shape.
    InvalidPayload(PayloadError),
}

/// Which required header was missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MissingHeader {
    /// `x-bookto-timestamp`.
    Timestamp,
    /// `x-bookto-signature`.
    Signature,
    /// Both headers; most likely not a bookto request at all.
    Both,
}

/// Secret-safe hints carried by [`Error::SignatureMismatch`]: the usual
/// reasons a genuine delivery fails to verify.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct MismatchHints {
    /// A `content-length` header disagrees with the body's byte length: the
    /// body was most likely re-serialised or re-encoded before verification.
    pub content_length_differs: bool,
    /// The body starts with a UTF-8 byte-order mark.
    pub body_has_bom: bool,
    /// The signature header arrived as several values.
    pub several_signature_headers: bool,
}

/// Where and why a verified body does not fit the event model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PayloadError {
    /// Dotted JSON path of the offending field (`amount.currency`), or `""`
    /// when the body as a whole is at fault.
    pub path: &'static str,
    /// What is wrong there.
    pub reason: PayloadReason,
}

/// The kind of [`PayloadError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PayloadReason {
    /// The body is not valid UTF-8.
    NotUtf8,
    /// The body starts with a UTF-8 byte-order mark.
    Bom,
    /// The body is not JSON per RFC 8259 (at this line and column).
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// JSON nested deeper than the parser allows.
    TooDeep,
    /// The top-level value is not an object.
    NotAnObject,
    /// A required field is absent.
    MissingField,
    /// The field appears twice in one object.
    DuplicateField,
    /// The field is not a JSON string (or holds an invalid escape).
    ExpectedString,
    /// The field is not a JSON number.
    ExpectedNumber,
    /// A money field's exponent is beyond ±10^15: no amount needs it, and
    /// not every host's decimal type can hold it.
    NumberOutOfRange,
    /// The field is not a JSON boolean.
    ExpectedBool,
    /// The field is not a JSON object.
    ExpectedObject,
    /// The field is not an RFC 3339 date-time with an offset.
    InvalidDateTime,
}

impl Error {
    /// The stable, machine-readable code: identical in every language and
    /// never renamed. It is [`error_code()`](Self::error_code)`.as_str()`.
    ///
    /// ```
    /// use bookto_verify::{Error, MismatchHints};
    /// assert_eq!(Error::SignatureMismatch(MismatchHints::default()).code(), "signature_mismatch");
    /// ```
    #[must_use]
    pub const fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    /// The [`ErrorCode`] of this error: its string, its class name in Python
    /// and JS, and its description.
    ///
    /// ```
    /// use bookto_verify::{Error, ErrorCode};
    /// assert_eq!(Error::InvalidTimestamp.error_code(), ErrorCode::InvalidTimestamp);
    /// ```
    #[must_use]
    pub const fn error_code(&self) -> ErrorCode {
        match self {
            Self::MissingHeader(_) => ErrorCode::MissingHeader,
            Self::InvalidTimestamp => ErrorCode::InvalidTimestamp,
            Self::TimestampTooOld { .. } => ErrorCode::TimestampTooOld,
            Self::TimestampTooNew { .. } => ErrorCode::TimestampTooNew,
            Self::InvalidSignatureHeader(_) => ErrorCode::InvalidSignatureHeader,
            Self::SignatureMismatch(_) => ErrorCode::SignatureMismatch,
            Self::InvalidPayload(_) => ErrorCode::InvalidPayload,
        }
    }

    /// Every code, in the order of the checks: the strings of
    /// [`ErrorCode::VERIFICATION`].
    ///
    /// ```
    /// use bookto_verify::Error;
    /// assert_eq!(Error::CODES.first(), Some(&"missing_header"));
    /// ```
    pub const CODES: [&'static str; 7] = {
        let [a, b, c, d, e, f, g] = ErrorCode::VERIFICATION;
        [
            a.as_str(),
            b.as_str(),
            c.as_str(),
            d.as_str(),
            e.as_str(),
            f.as_str(),
            g.as_str(),
        ]
    };
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingHeader(which) => {
                let names = match which {
                    MissingHeader::Timestamp => TIMESTAMP_HEADER,
                    MissingHeader::Signature => SIGNATURE_HEADER,
                    MissingHeader::Both => "x-bookto-timestamp and x-bookto-signature",
                };
                write!(
                    f,
                    "missing header {names}: pass the request's headers unchanged; \
                     every bookto webhook carries {TIMESTAMP_HEADER} and {SIGNATURE_HEADER}"
                )
            }
            Self::InvalidTimestamp => write!(
                f,
                "invalid {TIMESTAMP_HEADER} header: expected whole Unix seconds \
                 (1 to 19 ASCII digits), as bookto sends it"
            ),
            Self::TimestampTooOld {
                timestamp,
                now,
                tolerance,
            } => write!(
                f,
                "timestamp too old: {TIMESTAMP_HEADER} is {timestamp}, more than {tolerance} s \
                 before now ({now}); this may be a replay. Check the server clock, or pass the \
                 delivery time as `now` when re-processing queued webhooks"
            ),
            Self::TimestampTooNew {
                timestamp,
                now,
                tolerance,
            } => write!(
                f,
                "timestamp too new: {TIMESTAMP_HEADER} is {timestamp}, more than {tolerance} s \
                 after now ({now}); check that the server clock is synchronised (NTP)"
            ),
            Self::InvalidSignatureHeader(problem) => {
                write!(f, "invalid {SIGNATURE_HEADER} header: ")?;
                f.write_str(match problem {
                    SignatureHeaderProblem::EmptyEntry => {
                        "an entry is empty; expected comma-separated scheme=value entries"
                    }
                    SignatureHeaderProblem::MalformedEntry => {
                        "an entry is not scheme=value (no '=', an empty scheme, or whitespace before '=')"
                    }
                    SignatureHeaderProblem::BadHex => "a sha256 value is not exactly 64 hex digits",
                    SignatureHeaderProblem::TooManyEntries => "more than 16 entries",
                    SignatureHeaderProblem::NoSha256Entry => {
                        "no sha256=<64 hex digits> entry; pass the header value exactly as received"
                    }
                })
            }
            Self::SignatureMismatch(hints) => {
                f.write_str(
                    "signature mismatch: no sha256 signature matches the configured signing \
                     secret(s); use the signing secret from the bookto dashboard (Integrations) \
                     and the raw request body, byte for byte",
                )?;
                if hints.content_length_differs {
                    f.write_str(
                        "; hint: the content-length header differs from the body's length, \
                         so the body was probably re-serialised or re-encoded (read the raw bytes)",
                    )?;
                }
                if hints.body_has_bom {
                    f.write_str(
                        "; hint: the body starts with a UTF-8 BOM that bookto did not send",
                    )?;
                }
                if hints.several_signature_headers {
                    f.write_str(
                        "; hint: the x-bookto-signature header arrived as several values \
                         (a proxy may have added or split it)",
                    )?;
                }
                Ok(())
            }
            Self::InvalidPayload(err) => fmt::Display::fmt(err, f),
        }
    }
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid payload: ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        match self.reason {
            PayloadReason::NotUtf8 => f.write_str("the body is not valid UTF-8"),
            PayloadReason::Bom => f.write_str("the body starts with a UTF-8 BOM"),
            PayloadReason::Syntax { line, column } => {
                write!(
                    f,
                    "the body is not valid JSON (line {line}, column {column})"
                )
            }
            PayloadReason::TooDeep => f.write_str("JSON nested too deeply"),
            PayloadReason::NotAnObject => f.write_str("the body is not a JSON object"),
            PayloadReason::MissingField => f.write_str("missing field"),
            PayloadReason::DuplicateField => f.write_str("duplicate field"),
            PayloadReason::ExpectedString => f.write_str("expected a string"),
            PayloadReason::ExpectedNumber => f.write_str("expected a number"),
            PayloadReason::NumberOutOfRange => {
                f.write_str("number out of range (exponent beyond ±999999999999999)")
            }
            PayloadReason::ExpectedBool => f.write_str("expected a boolean"),
            PayloadReason::ExpectedObject => f.write_str("expected an object"),
            PayloadReason::InvalidDateTime => {
                f.write_str("expected an RFC 3339 date-time with an offset (Z or +hh:mm)")
            }
        }
    }
}

/// [`Error::InvalidPayload`]'s source is its [`PayloadError`], for callers
/// that walk the chain; the other variants have none.
impl core::error::Error for Error {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::InvalidPayload(err) => Some(err),
            _ => None,
        }
    }
}

impl core::error::Error for PayloadError {}

/// A verifier could not be built from the given secrets.
///
/// Raised at construction, never at verify time. Its
/// [`code`](ConfigError::code) is `invalid_secret` in every language; the
/// message never contains the secret.
///
/// ```
/// use bookto_verify::{ConfigError, Verifier};
/// assert_eq!(Verifier::new("  \n").unwrap_err(), ConfigError::EmptySecret { index: 0 });
/// assert_eq!(Verifier::new("bk_abc").unwrap_err().code(), "invalid_secret");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// No secret was given.
    NoSecrets,
    /// The secret at `index` is empty after trimming whitespace.
    EmptySecret {
        /// Position in the list given (0 for a single secret).
        index: usize,
    },
    /// The secret at `index` starts with `bk_`: that is the Zapier API key,
    /// not the signing secret.
    ApiKeyGiven {
        /// Position in the list given (0 for a single secret).
        index: usize,
    },
}

impl ConfigError {
    /// The stable code: `invalid_secret`.
    ///
    /// ```
    /// use bookto_verify::ConfigError;
    /// assert_eq!(ConfigError::NoSecrets.code(), "invalid_secret");
    /// ```
    #[must_use]
    pub const fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    /// The [`ErrorCode`]: always [`ErrorCode::InvalidSecret`].
    ///
    /// ```
    /// use bookto_verify::{ConfigError, ErrorCode};
    /// assert_eq!(ConfigError::NoSecrets.error_code(), ErrorCode::InvalidSecret);
    /// ```
    #[must_use]
    pub const fn error_code(&self) -> ErrorCode {
        ErrorCode::InvalidSecret
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoSecrets => f.write_str(
                "invalid secret: no signing secret given; copy it from the bookto dashboard, \
                 Integrations, Signing secret",
            ),
            Self::EmptySecret { index } => write!(
                f,
                "invalid secret: signing secret #{index} is empty; copy it from the bookto \
                 dashboard, Integrations, Signing secret (is the environment variable set?)"
            ),
            Self::ApiKeyGiven { index } => write!(
                f,
                "invalid secret: secret #{index} starts with bk_, so it is the API key for \
                 Zapier (incoming), not the signing secret (outgoing); the signing secret is \
                 in the bookto dashboard under Integrations, Signing secret"
            ),
        }
    }
}

impl core::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    extern crate alloc;
    use alloc::string::ToString;

    use super::*;

    #[test]
    fn every_code_is_pinned() {
        let hints = MismatchHints::default();
        let payload = PayloadError {
            path: "amount.currency",
            reason: PayloadReason::MissingField,
        };
        let errors = [
            Error::MissingHeader(MissingHeader::Timestamp),
            Error::InvalidTimestamp,
            Error::TimestampTooOld {
                timestamp: 1,
                now: 400,
                tolerance: 300,
            },
            Error::TimestampTooNew {
                timestamp: 800,
                now: 400,
                tolerance: 300,
            },
            Error::InvalidSignatureHeader(SignatureHeaderProblem::BadHex),
            Error::SignatureMismatch(hints),
            Error::InvalidPayload(payload),
        ];
        let codes: [&str; 7] = errors.map(|e| e.code());
        assert_eq!(codes, Error::CODES);
        assert_eq!(errors.map(|e| e.error_code()), ErrorCode::VERIFICATION);
        assert_eq!(
            Error::CODES,
            [
                "missing_header",
                "invalid_timestamp",
                "timestamp_too_old",
                "timestamp_too_new",
                "invalid_signature_header",
                "signature_mismatch",
                "invalid_payload",
            ]
        );
    }

    #[test]
    fn every_message_is_pinned() {
        let cases: [(Error, &str); 9] = [
            (
                Error::MissingHeader(MissingHeader::Signature),
                "missing header x-bookto-signature: pass the request's headers unchanged; every bookto webhook carries x-bookto-timestamp and x-bookto-signature",
            ),
            (
                Error::MissingHeader(MissingHeader::Both),
                "missing header x-bookto-timestamp and x-bookto-signature: pass the request's headers unchanged; every bookto webhook carries x-bookto-timestamp and x-bookto-signature",
            ),
            (
                Error::InvalidTimestamp,
                "invalid x-bookto-timestamp header: expected whole Unix seconds (1 to 19 ASCII digits), as bookto sends it",
            ),
            (
                Error::TimestampTooOld {
                    timestamp: 1,
                    now: 400,
                    tolerance: 300,
                },
                "timestamp too old: x-bookto-timestamp is 1, more than 300 s before now (400); this may be a replay. Check the server clock, or pass the delivery time as `now` when re-processing queued webhooks",
            ),
            (
                Error::TimestampTooNew {
                    timestamp: 800,
                    now: 400,
                    tolerance: 300,
                },
                "timestamp too new: x-bookto-timestamp is 800, more than 300 s after now (400); check that the server clock is synchronised (NTP)",
            ),
            (
                Error::InvalidSignatureHeader(SignatureHeaderProblem::TooManyEntries),
                "invalid x-bookto-signature header: more than 16 entries",
            ),
            (
                Error::SignatureMismatch(MismatchHints::default()),
                "signature mismatch: no sha256 signature matches the configured signing secret(s); use the signing secret from the bookto dashboard (Integrations) and the raw request body, byte for byte",
            ),
            (
                Error::SignatureMismatch(MismatchHints {
                    content_length_differs: true,
                    body_has_bom: true,
                    several_signature_headers: true,
                }),
                "signature mismatch: no sha256 signature matches the configured signing secret(s); use the signing secret from the bookto dashboard (Integrations) and the raw request body, byte for byte; hint: the content-length header differs from the body's length, so the body was probably re-serialised or re-encoded (read the raw bytes); hint: the body starts with a UTF-8 BOM that bookto did not send; hint: the x-bookto-signature header arrived as several values (a proxy may have added or split it)",
            ),
            (
                Error::InvalidPayload(PayloadError {
                    path: "amount.currency",
                    reason: PayloadReason::MissingField,
                }),
                "invalid payload: amount.currency: missing field",
            ),
        ];
        for (error, message) in cases {
            assert_eq!(error.to_string(), message, "{error:?}");
        }
    }

    #[test]
    fn config_messages_are_pinned() {
        assert_eq!(ConfigError::NoSecrets.code(), "invalid_secret");
        assert!(
            ConfigError::ApiKeyGiven { index: 1 }
                .to_string()
                .starts_with("invalid secret: secret #1 starts with bk_")
        );
        assert!(
            ConfigError::EmptySecret { index: 0 }
                .to_string()
                .contains("Integrations")
        );
    }
}
