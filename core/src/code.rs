//! The stable error codes: the one list every language and document is
//! generated from (`cargo run -p bookto-verify-codegen`).

/// A stable error code, with everything the other languages and the
/// documentation say about it: its string ([`as_str`](Self::as_str)), the
/// name of its exception class in Python and JS
/// ([`class_name`](Self::class_name)), the check that raises it
/// ([`check`](Self::check)) and a one-line description
/// ([`description`](Self::description)).
///
/// [`Error::code`](crate::Error::code) and
/// [`ConfigError::code`](crate::ConfigError::code) return these strings;
/// the Python and JS error classes, their type declarations and the codes
/// tables of the READMEs and SPEC.md are generated from this enum.
///
/// ```
/// use bookto_verify::{Error, ErrorCode};
///
/// assert_eq!(Error::InvalidTimestamp.error_code(), ErrorCode::InvalidTimestamp);
/// assert_eq!(ErrorCode::InvalidTimestamp.as_str(), "invalid_timestamp");
/// assert_eq!(ErrorCode::InvalidTimestamp.class_name(), "InvalidTimestamp");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// `missing_header`: [`Error::MissingHeader`](crate::Error::MissingHeader).
    MissingHeader,
    /// `invalid_timestamp`: [`Error::InvalidTimestamp`](crate::Error::InvalidTimestamp).
    InvalidTimestamp,
    /// `timestamp_too_old`: [`Error::TimestampTooOld`](crate::Error::TimestampTooOld).
    TimestampTooOld,
    /// `timestamp_too_new`: [`Error::TimestampTooNew`](crate::Error::TimestampTooNew).
    TimestampTooNew,
    /// `invalid_signature_header`:
    /// [`Error::InvalidSignatureHeader`](crate::Error::InvalidSignatureHeader).
    InvalidSignatureHeader,
    /// `signature_mismatch`: [`Error::SignatureMismatch`](crate::Error::SignatureMismatch).
    SignatureMismatch,
    /// `invalid_payload`: [`Error::InvalidPayload`](crate::Error::InvalidPayload).
    InvalidPayload,
    /// `invalid_secret`: every [`ConfigError`](crate::ConfigError).
    InvalidSecret,
}

impl ErrorCode {
    /// The codes of verification failures ([`Error`](crate::Error)), in the
    /// order of the checks.
    ///
    /// ```
    /// use bookto_verify::ErrorCode;
    /// assert_eq!(ErrorCode::VERIFICATION.first(), Some(&ErrorCode::MissingHeader));
    /// assert!(!ErrorCode::VERIFICATION.contains(&ErrorCode::InvalidSecret));
    /// ```
    pub const VERIFICATION: [Self; 7] = [
        Self::MissingHeader,
        Self::InvalidTimestamp,
        Self::TimestampTooOld,
        Self::TimestampTooNew,
        Self::InvalidSignatureHeader,
        Self::SignatureMismatch,
        Self::InvalidPayload,
    ];

    /// Every code: the verification codes in the order of the checks, then
    /// `invalid_secret` (building a verifier).
    ///
    /// ```
    /// use bookto_verify::ErrorCode;
    /// assert_eq!(ErrorCode::ALL.len(), ErrorCode::VERIFICATION.len() + 1);
    /// assert_eq!(ErrorCode::ALL.last(), Some(&ErrorCode::InvalidSecret));
    /// ```
    pub const ALL: [Self; 8] = {
        let [a, b, c, d, e, f, g] = Self::VERIFICATION;
        [a, b, c, d, e, f, g, Self::InvalidSecret]
    };

    /// The stable, machine-readable string: identical in every language and
    /// never renamed.
    ///
    /// ```
    /// use bookto_verify::ErrorCode;
    /// assert_eq!(ErrorCode::SignatureMismatch.as_str(), "signature_mismatch");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::MissingHeader => "missing_header",
            Self::InvalidTimestamp => "invalid_timestamp",
            Self::TimestampTooOld => "timestamp_too_old",
            Self::TimestampTooNew => "timestamp_too_new",
            Self::InvalidSignatureHeader => "invalid_signature_header",
            Self::SignatureMismatch => "signature_mismatch",
            Self::InvalidPayload => "invalid_payload",
            Self::InvalidSecret => "invalid_secret",
        }
    }

    /// The code for a code string, if it is one.
    ///
    /// ```
    /// use bookto_verify::ErrorCode;
    /// assert_eq!(ErrorCode::from_code("invalid_secret"), Some(ErrorCode::InvalidSecret));
    /// assert_eq!(ErrorCode::from_code("InvalidSecret"), None);
    /// ```
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The name of the exception class raised for this code, the same in
    /// Python and JS: a subclass of `WebhookVerificationError` for every
    /// verification code, and `WebhookConfigError` for `invalid_secret`.
    ///
    /// ```
    /// use bookto_verify::ErrorCode;
    /// assert_eq!(ErrorCode::TimestampTooOld.class_name(), "TimestampTooOld");
    /// assert_eq!(ErrorCode::InvalidSecret.class_name(), "WebhookConfigError");
    /// ```
    #[must_use]
    pub const fn class_name(self) -> &'static str {
        match self {
            Self::MissingHeader => "MissingHeader",
            Self::InvalidTimestamp => "InvalidTimestamp",
            Self::TimestampTooOld => "TimestampTooOld",
            Self::TimestampTooNew => "TimestampTooNew",
            Self::InvalidSignatureHeader => "InvalidSignatureHeader",
            Self::SignatureMismatch => "SignatureMismatch",
            Self::InvalidPayload => "InvalidPayload",
            Self::InvalidSecret => "WebhookConfigError",
        }
    }

    /// The number of the check that fails with this code (SPEC.md, "The
    /// checks", 1 to 6), or `None` for `invalid_secret`, which building a
    /// verifier raises.
    ///
    /// ```
    /// use bookto_verify::ErrorCode;
    /// assert_eq!(ErrorCode::TimestampTooNew.check(), Some(3));
    /// assert_eq!(ErrorCode::InvalidSecret.check(), None);
    /// ```
    #[must_use]
    pub const fn check(self) -> Option<u8> {
        match self {
            Self::MissingHeader => Some(1),
            Self::InvalidTimestamp => Some(2),
            Self::TimestampTooOld | Self::TimestampTooNew => Some(3),
            Self::InvalidSignatureHeader => Some(4),
            Self::SignatureMismatch => Some(5),
            Self::InvalidPayload => Some(6),
            Self::InvalidSecret => None,
        }
    }

    /// When this code is raised, in one line of Markdown (inline code in
    /// backticks, no other markup).
    ///
    /// ```
    /// use bookto_verify::ErrorCode;
    /// assert!(ErrorCode::MissingHeader.description().contains("`x-bookto-timestamp`"));
    /// ```
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            Self::MissingHeader => {
                "`x-bookto-timestamp` or `x-bookto-signature` is absent or empty"
            }
            Self::InvalidTimestamp => {
                "`x-bookto-timestamp` is not whole Unix seconds (1-19 ASCII digits)"
            }
            Self::TimestampTooOld => {
                "the timestamp is older than the replay window (a replay, or a slow clock)"
            }
            Self::TimestampTooNew => {
                "the timestamp is further in the future than the replay window (check the clock: NTP)"
            }
            Self::InvalidSignatureHeader => {
                "`x-bookto-signature` has no `sha256=<64 hex>` entry, a malformed entry, or more than 16 entries"
            }
            Self::SignatureMismatch => {
                "no signature matches any configured secret (the message hints at re-serialised bodies, BOMs, split headers)"
            }
            Self::InvalidPayload => {
                "the verified body is not the expected JSON (the message names the JSON path)"
            }
            Self::InvalidSecret => {
                "a signing secret is missing, empty, or the `bk_` Zapier API key; raised when the verifier is built, never when verifying"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_class_names_are_distinct_and_round_trip() {
        for (i, code) in ErrorCode::ALL.iter().enumerate() {
            assert_eq!(ErrorCode::from_code(code.as_str()), Some(*code));
            for other in &ErrorCode::ALL[i + 1..] {
                assert_ne!(code.as_str(), other.as_str());
                assert_ne!(code.class_name(), other.class_name());
            }
            assert!(
                code.as_str()
                    .bytes()
                    .all(|b| b == b'_' || b.is_ascii_lowercase())
            );
            assert!(!code.description().contains(['\n', '|']), "{code:?}");
        }
    }

    #[test]
    fn checks_follow_the_order_of_the_list() {
        let checks = ErrorCode::VERIFICATION.map(|c| c.check().unwrap_or(0));
        assert_eq!(checks, [1, 2, 3, 3, 4, 5, 6]);
    }
}
