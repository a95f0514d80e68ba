//! [`HmacKey`]: HMAC-SHA256 keyed once per secret, built on `sha2` by hand so
//! that nothing derived from the secret outlives the keying.
//!
//! HMAC (RFC 2104) hashes a 64-byte key block (the secret zero-padded, or
//! SHA-256 of a secret longer than 64 bytes) xored with ipad (0x36) into an
//! inner SHA-256 state, and xored with opad (0x5c) into an outer one. Those
//! two states, after one compression each, are all a verifier needs, and all
//! [`HmacKey`] keeps. `hmac`'s own keying (`get_der_key`) returns the block by
//! value and xors it in place, leaving the block xor opad on the stack, where
//! a scan of wasm memory found it. Here the block lives in one
//! [`Zeroizing`] buffer, and then the stack the keying used is overwritten
//! before [`HmacKey::new`] returns. The buffer alone leaves nothing in
//! optimised builds (x86_64 and wasm32, measured); the stack scrub covers
//! temporaries inside `sha2`/`digest` that no API reaches: unoptimised, their
//! frames keep the block xor opad (measured on x86_64, about 8 KiB down),
//! and by design they hold the digest of a long secret (`CtOutWrapper`'s
//! output buffer) and a software backend's message schedule. Tests:
//! `matches_the_hmac_crate*` below, and the memory scans in
//! `bindings-wasm/test/node.test.mjs` and `bindings-python/tests/test_key_memory.py`.

use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

/// SHA-256's block size, HMAC's key block size.
const BLOCK: usize = 64;
const IPAD: u8 = 0x36;
const OPAD: u8 = 0x5c;
/// Stack overwritten after keying, in 64-bit words. Optimised, the keying
/// (a SHA-256 compression and its callers) touches about 550 bytes of stack
/// on x86_64; unoptimised `sha2` takes about 10.5 KiB. So 4 KiB in release
/// builds, 16 KiB in debug ones (which is also the extra stack a no_std
/// target needs while a secret is keyed).
const SCRUB_WORDS: usize = if cfg!(debug_assertions) { 2048 } else { 512 };

/// HMAC-SHA256 keyed with one secret: the inner and outer SHA-256 states
/// after compressing the key block xor ipad and xor opad. Cloned per message,
/// so a request skips the key schedule; `sha2`'s `zeroize` feature wipes
/// both states (and their block buffers) on drop.
#[derive(Clone)]
pub(crate) struct HmacKey {
    inner: Sha256,
    outer: Sha256,
}

impl HmacKey {
    /// Keys both states with `secret` (any length is a valid HMAC key), then
    /// overwrites the stack the keying used.
    pub(crate) fn new(secret: &[u8]) -> Self {
        let key = keyed_states(secret);
        scrub_stack();
        key
    }

    /// HMAC-SHA256 of the concatenation of `parts`.
    #[inline]
    pub(crate) fn tag(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut inner = self.inner.clone();
        for part in parts {
            inner.update(part);
        }
        let mut outer = self.outer.clone();
        outer.update(inner.finalize());
        outer.finalize().into()
    }
}

/// The keying proper; not inlined, so its frame (and those of the `sha2`
/// calls under it) lies in the stack that [`scrub_stack`] overwrites next.
#[inline(never)]
fn keyed_states(secret: &[u8]) -> HmacKey {
    let mut block = Zeroizing::new([0u8; BLOCK]);
    if let Some(head) = block.get_mut(..secret.len()) {
        head.copy_from_slice(secret);
    } else if let Some((head, _)) = block.split_first_chunk_mut::<32>() {
        // Longer than a block: the key is SHA-256 of the secret. Written
        // straight into the block; the hasher (its buffer holds the
        // secret's tail) wipes itself on drop.
        let mut hasher = Sha256::new();
        hasher.update(secret);
        hasher.finalize_into(head.into());
    }
    block.iter_mut().for_each(|b| *b ^= IPAD);
    let mut inner = Sha256::new();
    inner.update(block.as_slice());
    block.iter_mut().for_each(|b| *b ^= IPAD ^ OPAD);
    let mut outer = Sha256::new();
    outer.update(block.as_slice());
    HmacKey { inner, outer }
    // `block` is zeroized here.
}

/// Overwrites the stack below the caller's frame (4 KiB, 16 KiB in debug
/// builds) with zeros. Volatile writes (`zeroize`), so the compiler cannot drop them; not
/// inlined, so the frame sits where [`keyed_states`]'s did.
#[inline(never)]
fn scrub_stack() {
    let mut scratch = [0u64; SCRUB_WORDS];
    scratch.zeroize();
    core::hint::black_box(&scratch);
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, KeyInit, Mac};
    use proptest::prelude::*;

    fn reference(secret: &[u8], parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
        for part in parts {
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }

    #[test]
    fn matches_the_hmac_crate_at_every_key_length() {
        // 0..200 covers empty, short, exactly one block (64), and hashed keys.
        let mut rng = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..200 {
            let secret: alloc::vec::Vec<u8> = (0..len)
                .map(|_| {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    rng.to_le_bytes()[0]
                })
                .collect();
            let key = HmacKey::new(&secret);
            for parts in [
                &[][..],
                &[&b"1764201600"[..], b".", b"{}"][..],
                &[&[0xa5; 200][..]][..],
            ] {
                assert_eq!(
                    key.tag(parts),
                    reference(&secret, parts),
                    "key length {len}"
                );
            }
        }
    }

    #[test]
    fn rfc_4231_case_6_long_key() {
        // RFC 4231 test case 6: a 131-byte key, hashed first.
        let key = [0xaa; 131];
        let data = b"Test Using Larger Than Block-Size Key - Hash Key First";
        let expected = "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54";
        assert_eq!(hex::encode(HmacKey::new(&key).tag(&[data])), expected);
    }

    proptest! {
        #[test]
        fn matches_the_hmac_crate(secret in prop::collection::vec(any::<u8>(), 0..200),
                                  a in prop::collection::vec(any::<u8>(), 0..300),
                                  b in prop::collection::vec(any::<u8>(), 0..300)) {
            prop_assert_eq!(HmacKey::new(&secret).tag(&[&a, &b]), reference(&secret, &[&a, &b]));
        }
    }
}
