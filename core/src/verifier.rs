//! [`Verifier`]: the configured secrets and replay window, and the checks in
//! the contract's order.

use core::fmt;
use core::time::Duration;

use crate::Error;
use crate::error::{ConfigError, MismatchHints, MissingHeader};
use crate::header_names::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::headers::{Gathered, HeaderPair};
use crate::key::HmacKey;
use crate::signature::Tag;
use crate::timestamp::check_window;

#[cfg(feature = "alloc")]
use alloc::vec::Vec;

/// Default replay window: 5 minutes either side of `now`.
pub const DEFAULT_TOLERANCE: u64 = 300;

/// A replay window in whole seconds, from a `u64` or a [`Duration`]: what
/// [`Verifier::tolerance`] takes.
///
/// ```
/// use core::time::Duration;
/// use bookto_verify::Tolerance;
/// assert_eq!(Tolerance::from(Duration::from_millis(90_500)), Tolerance::from(90));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tolerance(u64);

impl From<u64> for Tolerance {
    fn from(seconds: u64) -> Self {
        Self(seconds)
    }
}

impl From<Duration> for Tolerance {
    fn from(window: Duration) -> Self {
        Self(window.as_secs())
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// One secret, checked and keyed: HMAC-SHA256's inner and outer SHA-256
/// states (see [`HmacKey`]), never the secret itself. Cloning it skips the
/// key schedule on every request; `sha2`'s `zeroize` feature wipes it on drop.
#[derive(Clone)]
struct Key(HmacKey);

impl Key {
    fn new(index: usize, secret: &[u8]) -> Result<Self, ConfigError> {
        let secret = secret.trim_ascii();
        if secret.is_empty() {
            return Err(ConfigError::EmptySecret { index });
        }
        if secret.starts_with(b"bk_") {
            return Err(ConfigError::ApiKeyGiven { index });
        }
        Ok(Self(HmacKey::new(secret)))
    }

    fn tag(&self, timestamp: &[u8], body: &[u8]) -> Tag {
        self.0.tag(&[timestamp, b".", body])
    }
}

/// Verifies bookto webhooks: the signature against one or more signing
/// secrets (rotation), the replay window, then the typed event.
///
/// Build it once at start-up and share it: it holds pre-keyed HMAC states,
/// is `Send + Sync`, and its `Debug` output never shows a secret.
///
/// ```
/// use bookto_verify::{sign, Event, Verifier};
///
/// let body = br#"{"event":"order.refunded","order_id":"42"}"#;
/// let now = 1_764_201_600;
/// let signed = sign("whsec_test", now, body)?;
/// let headers = [("X-Bookto-Timestamp", "1764201600"), ("X-Bookto-Signature", signed.signature())];
///
/// let verifier = Verifier::new("whsec_test")?;
/// assert_eq!(verifier.verify_signature(&headers, body, now)?, 0);
/// match verifier.verify(&headers, body, now)? {
///     Event::OrderPaid(order) => println!("paid: {}", order.amount.total_incl),
///     other => assert_eq!(other.name(), "order.refunded"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    first: Key,
    #[cfg(feature = "alloc")]
    rest: Vec<Key>,
    tolerance: Option<u64>,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field(
                "secrets",
                &format_args!("[{} redacted]", self.secret_count()),
            )
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

impl Verifier {
    /// A verifier for one signing secret, with the default 300 s window.
    ///
    /// Surrounding whitespace is trimmed (a pasted newline is the usual
    /// mistake). An empty secret, or one starting with `bk_` (the Zapier API
    /// key, not the signing secret), is refused.
    ///
    /// ```
    /// use bookto_verify::Verifier;
    /// assert!(Verifier::new("whsec_abc\n").is_ok());
    /// assert!(Verifier::new("").is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// A secret that is empty after trimming, or the `bk_` API key:
    /// [`ConfigError`] (code `invalid_secret`).
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, ConfigError> {
        Ok(Self {
            first: Key::new(0, secret.as_ref())?,
            #[cfg(feature = "alloc")]
            rest: Vec::new(),
            tolerance: Some(DEFAULT_TOLERANCE),
        })
    }

    /// A verifier accepting any of several secrets, for rotation: list the
    /// new secret and the old one, watch which index
    /// [`verify_signature`](Self::verify_signature) reports, and drop the old
    /// secret once it stops matching.
    ///
    /// ```
    /// use bookto_verify::{sign, Verifier};
    /// let verifier = Verifier::with_secrets(["whsec_old", "whsec_new"])?;
    /// let signed = sign("whsec_new", 10, b"{}")?;
    /// assert_eq!(verifier.no_tolerance().verify_parts_signature("10", signed.signature(), b"{}", 0)?, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// No secret at all, or any secret [`new`](Self::new) would refuse:
    /// [`ConfigError`], whose `index` says which.
    #[cfg(feature = "alloc")]
    pub fn with_secrets<I>(secrets: I) -> Result<Self, ConfigError>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
    {
        let mut keys = secrets
            .into_iter()
            .enumerate()
            .map(|(index, secret)| Key::new(index, secret.as_ref()));
        let first = keys.next().ok_or(ConfigError::NoSecrets)??;
        Ok(Self {
            first,
            rest: keys.collect::<Result<_, _>>()?,
            tolerance: Some(DEFAULT_TOLERANCE),
        })
    }

    /// Sets the replay window: whole seconds as a `u64`, or a
    /// [`Duration`] (whole seconds; the fraction is dropped). `0` means
    /// "exactly now".
    ///
    /// ```
    /// use core::time::Duration;
    /// use bookto_verify::Verifier;
    /// let a = Verifier::new("whsec_test")?.tolerance(600);
    /// let b = Verifier::new("whsec_test")?.tolerance(Duration::from_secs(600));
    /// assert_eq!(a.tolerance_secs(), b.tolerance_secs());
    /// # Ok::<(), bookto_verify::ConfigError>(())
    /// ```
    #[must_use]
    pub fn tolerance(mut self, window: impl Into<Tolerance>) -> Self {
        self.tolerance = Some(window.into().0);
        self
    }

    /// Turns the replay window off: only the signature is checked.
    #[must_use]
    pub const fn no_tolerance(mut self) -> Self {
        self.tolerance = None;
        self
    }

    /// The replay window in seconds, `None` when turned off.
    #[must_use]
    pub const fn tolerance_secs(&self) -> Option<u64> {
        self.tolerance
    }

    /// How many secrets are configured.
    #[must_use]
    pub fn secret_count(&self) -> usize {
        self.keys().count()
    }

    fn keys(&self) -> impl Iterator<Item = &Key> {
        let first = core::iter::once(&self.first);
        #[cfg(feature = "alloc")]
        return first.chain(self.rest.iter());
        #[cfg(not(feature = "alloc"))]
        first
    }

    /// Checks the headers, the replay window and the signature; returns the
    /// index of the secret that matched (the lowest if several do).
    ///
    /// `headers` is any collection of (name, value) pairs; names are
    /// case-insensitive, and a name given several times counts as several
    /// values. `now` is Unix seconds. Needs no allocator.
    ///
    /// ```
    /// use bookto_verify::{sign, Verifier};
    /// let signed = sign("whsec_test", 1_764_201_600, b"{}")?;
    /// let headers = vec![
    ///     ("x-bookto-timestamp".to_string(), "1764201600".to_string()),
    ///     ("x-bookto-signature".to_string(), signed.signature().to_string()),
    /// ];
    /// let verifier = Verifier::new("whsec_test")?;
    /// assert_eq!(verifier.verify_signature(&headers, b"{}", 1_764_201_700)?, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first failed check, in the order of the specification: a
    /// missing header, an invalid timestamp, outside the window, a malformed
    /// signature header, no matching signature ([`Error`] and its `code`).
    pub fn verify_signature<I>(&self, headers: I, body: &[u8], now: u64) -> Result<usize, Error>
    where
        I: IntoIterator,
        I::Item: HeaderPair,
    {
        self.check(&Gathered::from_pairs(headers), body, now)
    }

    /// [`verify_signature`](Self::verify_signature) with the two header
    /// values already extracted; an empty value counts as missing.
    ///
    /// # Errors
    ///
    /// As [`verify_signature`](Self::verify_signature).
    pub fn verify_parts_signature(
        &self,
        timestamp: impl AsRef<[u8]>,
        signature: impl AsRef<[u8]>,
        body: &[u8],
        now: u64,
    ) -> Result<usize, Error> {
        let pairs = [
            (TIMESTAMP_HEADER, timestamp.as_ref()),
            (SIGNATURE_HEADER, signature.as_ref()),
        ];
        self.verify_signature(pairs, body, now)
    }

    /// Verifies like [`verify_signature`](Self::verify_signature), then
    /// parses the body into an [`Event`](crate::Event). A body is parsed only
    /// once its signature is verified.
    ///
    /// # Errors
    ///
    /// As [`verify_signature`](Self::verify_signature), then
    /// [`Error::InvalidPayload`] when the verified body does not fit the
    /// event model.
    #[cfg(feature = "alloc")]
    pub fn verify<I>(&self, headers: I, body: &[u8], now: u64) -> Result<crate::Event, Error>
    where
        I: IntoIterator,
        I::Item: HeaderPair,
    {
        self.verify_signature(headers, body, now)?;
        crate::parse_event(body)
    }

    /// [`verify`](Self::verify), also giving the index of the secret that
    /// matched: one call for the rotation workflow (see
    /// [`with_secrets`](Self::with_secrets)).
    ///
    /// # Errors
    ///
    /// As [`verify`](Self::verify).
    ///
    /// ```
    /// use bookto_verify::{sign, Verifier};
    /// let body = br#"{"event":"ping"}"#;
    /// let signed = sign("whsec_new", 100, body)?;
    /// let verifier = Verifier::with_secrets(["whsec_new", "whsec_old"])?;
    /// let (event, index) = verifier.verify_with_index(signed.headers(), body, 100)?;
    /// assert_eq!((event.name(), index), ("ping", 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "alloc")]
    pub fn verify_with_index<I>(
        &self,
        headers: I,
        body: &[u8],
        now: u64,
    ) -> Result<(crate::Event, usize), Error>
    where
        I: IntoIterator,
        I::Item: HeaderPair,
    {
        let index = self.verify_signature(headers, body, now)?;
        Ok((crate::parse_event(body)?, index))
    }

    /// [`verify`](Self::verify) with the two header values already extracted.
    ///
    /// ```
    /// use bookto_verify::{sign, Verifier};
    /// let body = br#"{"event":"ping"}"#;
    /// let signed = sign("whsec_test", 100, body)?;
    /// let event = Verifier::new("whsec_test")?.verify_parts("100", signed.signature(), body, 100)?;
    /// assert_eq!(event.name(), "ping");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`verify`](Self::verify).
    #[cfg(feature = "alloc")]
    pub fn verify_parts(
        &self,
        timestamp: impl AsRef<[u8]>,
        signature: impl AsRef<[u8]>,
        body: &[u8],
        now: u64,
    ) -> Result<crate::Event, Error> {
        self.verify_parts_signature(timestamp, signature, body, now)?;
        crate::parse_event(body)
    }

    /// [`verify`](Self::verify), but the event comes back as the JSON row of
    /// [`parse_event_row`](crate::parse_event_row), for the JavaScript bindings.
    ///
    /// # Errors
    ///
    /// As [`verify`](Self::verify).
    #[cfg(feature = "alloc")]
    #[doc(hidden)]
    pub fn verify_row<I>(
        &self,
        headers: I,
        body: &[u8],
        now: u64,
    ) -> Result<alloc::string::String, Error>
    where
        I: IntoIterator,
        I::Item: HeaderPair,
    {
        self.verify_signature(headers, body, now)?;
        crate::parse_event_row(body)
    }

    /// Headers, then timestamp syntax, window, signature syntax, HMAC.
    fn check(&self, headers: &Gathered, body: &[u8], now: u64) -> Result<usize, Error> {
        let (timestamp, entries) = match (headers.timestamp, headers.signature_entries()) {
            (None, None) => return Err(Error::MissingHeader(MissingHeader::Both)),
            (None, Some(_)) => return Err(Error::MissingHeader(MissingHeader::Timestamp)),
            (Some(_), None) => return Err(Error::MissingHeader(MissingHeader::Signature)),
            (Some(timestamp), Some(entries)) => (timestamp, entries),
        };
        let timestamp = timestamp.map_err(|()| Error::InvalidTimestamp)?;
        check_window(timestamp.value, now, self.tolerance)?;
        let entries = entries.map_err(Error::InvalidSignatureHeader)?;
        for (index, key) in self.keys().enumerate() {
            if entries.contains(&key.tag(timestamp.digits(), body)) {
                return Ok(index);
            }
        }
        Err(Error::SignatureMismatch(MismatchHints {
            content_length_differs: headers
                .content_length
                .is_some_and(|len| usize::try_from(len).ok() != Some(body.len())),
            body_has_bom: body.starts_with(UTF8_BOM),
            several_signature_headers: headers.signature.several_values(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifier_is_shareable() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Verifier>();
    }

    #[test]
    fn debug_is_redacted() {
        extern crate alloc;
        let verifier = Verifier::new("whsec_supersecret").unwrap_or_else(|_| unreachable!());
        let debug = alloc::format!("{verifier:?}");
        assert_eq!(
            debug,
            "Verifier { secrets: [1 redacted], tolerance: Some(300) }"
        );
    }

    #[test]
    fn secrets_are_checked_at_construction() {
        assert_eq!(
            Verifier::new(" \t\r\n\x0c").err(),
            Some(ConfigError::EmptySecret { index: 0 })
        );
        assert_eq!(
            Verifier::new(" bk_live").err(),
            Some(ConfigError::ApiKeyGiven { index: 0 })
        );
        assert!(Verifier::new("BK_live").is_ok());
        assert!(Verifier::new("\x0b").is_ok());
        assert_eq!(
            Verifier::with_secrets(["ok", ""]).err(),
            Some(ConfigError::EmptySecret { index: 1 })
        );
        assert_eq!(
            Verifier::with_secrets(Vec::<&str>::new()).err(),
            Some(ConfigError::NoSecrets)
        );
    }

    #[test]
    fn http_header_map_works() {
        let body = b"{}";
        let mut map = http::HeaderMap::new();
        let signed = crate::sign("s", 5, body).unwrap_or_else(|_| unreachable!());
        map.insert("x-bookto-timestamp", http::HeaderValue::from_static("5"));
        map.insert(
            "x-bookto-signature",
            http::HeaderValue::from_str(signed.signature()).unwrap_or_else(|_| unreachable!()),
        );
        let verifier = Verifier::new("s").unwrap_or_else(|_| unreachable!());
        assert_eq!(verifier.verify_signature(&map, body, 5), Ok(0));
    }
}
