//! The `x-bookto-signature` header grammar and the constant-time comparison.

use subtle::{Choice, ConstantTimeEq};

use crate::ows::trim_ows;

/// What is wrong with the `x-bookto-signature` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureHeaderProblem {
    /// An entry is empty (`a,,b`, a trailing comma, or only whitespace).
    EmptyEntry,
    /// An entry is not `scheme=value`: it has no `=`, or its scheme is empty
    /// or holds whitespace (`=abc`, `v1 =x`). An unknown scheme's value is
    /// never checked.
    MalformedEntry,
    /// A `sha256` value is not exactly 64 hex digits.
    BadHex,
    /// More than [`MAX_SIGNATURE_ENTRIES`](crate::MAX_SIGNATURE_ENTRIES) entries.
    TooManyEntries,
    /// No `sha256` entry at all.
    NoSha256Entry,
}

/// Most entries a signature header may carry, counting every scheme.
pub const MAX_SIGNATURE_ENTRIES: usize = 16;
/// The one scheme bookto signs with today.
pub const SCHEME_SHA256: &[u8] = b"sha256";

/// A raw HMAC-SHA256 tag.
pub(crate) type Tag = [u8; 32];

/// The `sha256` tags of a signature header, decoded, at most
/// [`MAX_SIGNATURE_ENTRIES`] of them, without allocating.
pub(crate) struct SignatureEntries {
    tags: [Tag; MAX_SIGNATURE_ENTRIES],
    len: usize,
}

impl SignatureEntries {
    /// True when some entry equals `expected`, compared in constant time
    /// over every entry (no early exit).
    // Out of line so `benches/ct/constant_time.sh` can count its instructions.
    #[inline(never)]
    pub fn contains(&self, expected: &Tag) -> bool {
        let mut found = Choice::from(0);
        for tag in self.tags.iter().take(self.len) {
            found |= tag.ct_eq(expected);
        }
        found.into()
    }
}

/// Incremental parser: each header value is fed separately, which is the
/// same as parsing the values joined by `,` (how HTTP combines them).
pub(crate) struct SignatureHeaderParser {
    entries: SignatureEntries,
    total: usize,
    values: usize,
    problem: Option<SignatureHeaderProblem>,
}

impl Default for SignatureHeaderParser {
    fn default() -> Self {
        Self {
            entries: SignatureEntries {
                tags: [[0; 32]; MAX_SIGNATURE_ENTRIES],
                len: 0,
            },
            total: 0,
            values: 0,
            problem: None,
        }
    }
}

impl SignatureHeaderParser {
    /// Parses one header value; stops at the first grammar error.
    pub fn feed(&mut self, value: &[u8]) {
        self.values = self.values.saturating_add(1);
        if self.problem.is_some() {
            return;
        }
        for entry in value.split(|&b| b == b',') {
            if let Err(problem) = self.entry(trim_ows(entry)) {
                self.problem = Some(problem);
                return;
            }
        }
    }

    fn entry(&mut self, entry: &[u8]) -> Result<(), SignatureHeaderProblem> {
        self.total = self.total.saturating_add(1);
        if self.total > MAX_SIGNATURE_ENTRIES {
            return Err(SignatureHeaderProblem::TooManyEntries);
        }
        if entry.is_empty() {
            return Err(SignatureHeaderProblem::EmptyEntry);
        }
        let eq = entry
            .iter()
            .position(|&b| b == b'=')
            .ok_or(SignatureHeaderProblem::MalformedEntry)?;
        let (scheme, value) = (entry.get(..eq), entry.get(eq.saturating_add(1)..));
        let (Some(scheme), Some(value)) = (scheme, value) else {
            return Err(SignatureHeaderProblem::MalformedEntry);
        };
        if scheme != SCHEME_SHA256 {
            // Rule 4: room for future schemes, ignored whatever their value
            // (empty, inner spaces, anything without a comma). The scheme
            // itself is a token (S1): `=abc`, `v1 =x` and `sha256 =<hex>`
            // break the grammar.
            return if scheme.is_empty() || scheme.iter().any(|b| matches!(b, b' ' | b'\t')) {
                Err(SignatureHeaderProblem::MalformedEntry)
            } else {
                Ok(())
            };
        }
        let slot = self
            .entries
            .tags
            .get_mut(self.entries.len)
            .ok_or(SignatureHeaderProblem::TooManyEntries)?;
        if value.len() != 64 || hex::decode_to_slice(value, slot).is_err() {
            return Err(SignatureHeaderProblem::BadHex);
        }
        self.entries.len = self.entries.len.saturating_add(1);
        Ok(())
    }

    /// True when the header arrived as more than one value.
    pub fn several_values(&self) -> bool {
        self.values > 1
    }

    /// `None` when no value was fed, else the entries or the grammar problem.
    pub fn finish(&self) -> Option<Result<&SignatureEntries, SignatureHeaderProblem>> {
        if self.values == 0 {
            return None;
        }
        Some(match self.problem {
            Some(problem) => Err(problem),
            None if self.entries.len == 0 => Err(SignatureHeaderProblem::NoSha256Entry),
            None => Ok(&self.entries),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "abababababababababababababababababababababababababababababababab";

    fn parse(values: &[&str]) -> Result<usize, SignatureHeaderProblem> {
        let mut parser = SignatureHeaderParser::default();
        for v in values {
            parser.feed(v.as_bytes());
        }
        match parser.finish() {
            Some(Ok(entries)) => Ok(entries.len),
            Some(Err(p)) => Err(p),
            other => panic!("unexpected {:?}", other.map(|r| r.map(|e| e.len))),
        }
    }

    #[test]
    fn grammar() {
        use SignatureHeaderProblem::*;
        let sha = |h: &str| ["sha256=", h].concat();
        assert_eq!(parse(&[&sha(HEX)]), Ok(1));
        assert_eq!(
            parse(&[&[" \t", &sha(&HEX.to_uppercase()), " ,v1=x"].concat()]),
            Ok(1)
        );
        assert_eq!(parse(&[&sha(HEX), &sha(HEX)]), Ok(2));
        assert_eq!(parse(&["v1=abc"]), Err(NoSha256Entry));
        assert_eq!(parse(&[&["SHA256=", HEX].concat()]), Err(NoSha256Entry));
        assert_eq!(parse(&[&[&sha(HEX), ","].concat()]), Err(EmptyEntry));
        assert_eq!(parse(&[&[&sha(HEX), ",,v1=a"].concat()]), Err(EmptyEntry));
        assert_eq!(parse(&[" "]), Err(EmptyEntry));
        assert_eq!(parse(&[&["sha256 =", HEX].concat()]), Err(MalformedEntry));
        assert_eq!(
            parse(&[&["v1 =x,", &sha(HEX)].concat()]),
            Err(MalformedEntry)
        );
        assert_eq!(
            parse(&[&["=abc,", &sha(HEX)].concat()]),
            Err(MalformedEntry)
        );
        assert_eq!(parse(&[&[&sha(HEX), ",v1"].concat()]), Err(MalformedEntry));
        assert_eq!(parse(&["sha256"]), Err(MalformedEntry));
        // Rule 4: unknown schemes are ignored whatever their value.
        assert_eq!(parse(&["v1="]), Err(NoSha256Entry));
        assert_eq!(
            parse(&[&["v0=,v1=!!!not hex!!!, v2= a b\tc ,SHA256=zz,", &sha(HEX)].concat()]),
            Ok(1)
        );
        assert_eq!(parse(&[&sha(&HEX[1..])]), Err(BadHex));
        assert_eq!(parse(&[&[&sha(HEX), ",sha256=zz"].concat()]), Err(BadHex));
        assert_eq!(parse(&[&["sha256= ", HEX].concat()]), Err(BadHex));
        assert_eq!(parse(&[&sha(&[HEX, "0"].concat())]), Err(BadHex));
        assert_eq!(parse(&[&sha(&["zz", &HEX[2..]].concat())]), Err(BadHex));
        let sixteen = ["v1=a,".repeat(15), sha(HEX)].concat();
        assert_eq!(parse(&[&sixteen]), Ok(1));
        assert_eq!(parse(&[&sixteen, "v1=a"]), Err(TooManyEntries));
        assert_eq!(parse(&[&sixteen, "v1="]), Err(TooManyEntries));
    }
}
