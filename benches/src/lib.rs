//! Shared inputs for the benchmarks: the bundled sample `order.paid` and
//! larger bodies made from it.

/// The 866-byte sample `order.paid` body.
pub const SAMPLE: &[u8] = include_bytes!("../../fixtures/events/order-paid.json");

/// A signing secret for the benchmarks.
pub const SECRET: &str = "whsec_bench_0a1b2c3d4e5f";

/// The sample grown to about `size` bytes with an unknown `padding` field, so
/// it is still a valid `order.paid` (unknown fields are ignored).
#[must_use]
pub fn order_paid_of_size(size: usize) -> Vec<u8> {
    // `{"padding":"` + padding + `",` + the sample without its `{`.
    let padding = size.saturating_sub(SAMPLE.len() + 13);
    let mut body = Vec::with_capacity(size);
    body.extend_from_slice(b"{\"padding\":\"");
    body.resize(body.len() + padding, b'x');
    body.extend_from_slice(b"\",");
    body.extend_from_slice(SAMPLE.get(1..).unwrap_or_default());
    body
}

#[cfg(test)]
mod tests {
    #[test]
    fn padded_bodies_stay_valid_order_paid() {
        for size in [16 * 1024, 1024 * 1024] {
            let body = super::order_paid_of_size(size);
            assert_eq!(body.len(), size);
            assert!(matches!(
                bookto_verify::parse_event(&body),
                Ok(bookto_verify::Event::OrderPaid(_))
            ));
        }
    }
}
