//! [`sign`]: what bookto does when it sends a webhook, for tests and test senders.

use alloc::string::String;
use core::fmt;

use crate::header_names::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::key::HmacKey;
use crate::timestamp::MAX_TIMESTAMP;

/// Signs `body` as bookto does: the two headers of a genuine delivery at
/// `timestamp` (Unix seconds), the signature being `sha256=<64 lowercase hex
/// digits>` over `"<timestamp>.<body>"`.
///
/// The secret is trimmed like [`Verifier::new`](crate::Verifier::new) trims
/// it, so a pasted newline signs and verifies alike; any secret signs (this
/// never checks configuration). For tests and local senders; a receiver
/// never needs it.
///
/// ```
/// use bookto_verify::{sign, Verifier};
/// let body = br#"{"event":"ping"}"#;
/// let signed = sign("whsec_test", 1_764_201_600, body)?;
/// assert_eq!(signed.timestamp(), "1764201600");
/// assert!(signed.signature().starts_with("sha256="));
/// let verifier = Verifier::new("whsec_test")?;
/// assert_eq!(verifier.verify_signature(signed.headers(), body, 1_764_201_600)?, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`SignError::TimestampTooLarge`] above
/// [`MAX_TIMESTAMP`](crate::MAX_TIMESTAMP) (19 digits): no verifier would
/// accept the header.
pub fn sign(secret: impl AsRef<[u8]>, timestamp: u64, body: &[u8]) -> Result<Signed, SignError> {
    if timestamp > MAX_TIMESTAMP {
        return Err(SignError::TimestampTooLarge { timestamp });
    }
    let digits = alloc::format!("{timestamp}");
    let key = HmacKey::new(secret.as_ref().trim_ascii());
    let tag = key.tag(&[digits.as_bytes(), b".", body]);
    let mut signature = String::with_capacity(71);
    signature.push_str("sha256=");
    signature.push_str(&hex::encode(tag));
    Ok(Signed {
        timestamp: digits,
        signature,
    })
}

/// The two headers of a signed delivery, from [`sign`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    timestamp: String,
    signature: String,
}

impl Signed {
    /// The `x-bookto-timestamp` value: the Unix seconds as decimal digits.
    #[must_use]
    pub fn timestamp(&self) -> &str {
        &self.timestamp
    }

    /// The `x-bookto-signature` value, `sha256=<64 hex digits>`.
    #[must_use]
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// Both headers as (name, value) pairs, timestamp first, ready for
    /// [`Verifier::verify`](crate::Verifier::verify) or an HTTP client.
    ///
    /// ```
    /// let signed = bookto_verify::sign("whsec_test", 5, b"{}")?;
    /// let [(name, value), _] = signed.headers();
    /// assert_eq!((name, value), ("x-bookto-timestamp", "5"));
    /// # Ok::<(), bookto_verify::SignError>(())
    /// ```
    #[must_use]
    pub fn headers(&self) -> [(&'static str, &str); 2] {
        [
            (TIMESTAMP_HEADER, self.timestamp.as_str()),
            (SIGNATURE_HEADER, self.signature.as_str()),
        ]
    }
}

/// Why [`sign`] refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignError {
    /// The timestamp has more than 19 digits, which `x-bookto-timestamp`
    /// cannot carry.
    TimestampTooLarge {
        /// The timestamp given.
        timestamp: u64,
    },
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TimestampTooLarge { timestamp } => write!(
                f,
                "timestamp must be at most {MAX_TIMESTAMP} (19 digits, what x-bookto-timestamp can hold), got {timestamp}"
            ),
        }
    }
}

impl core::error::Error for SignError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_no_verifier_accepts() {
        assert!(sign("s", MAX_TIMESTAMP, b"").is_ok());
        let err = sign("s", MAX_TIMESTAMP + 1, b"");
        assert_eq!(
            err,
            Err(SignError::TimestampTooLarge {
                timestamp: MAX_TIMESTAMP + 1
            })
        );
        let message = alloc::string::ToString::to_string(&SignError::TimestampTooLarge {
            timestamp: u64::MAX,
        });
        assert_eq!(
            message,
            "timestamp must be at most 9999999999999999999 (19 digits, what x-bookto-timestamp can hold), got 18446744073709551615"
        );
    }
}
