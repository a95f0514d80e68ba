//! The README's demo: sign the bundled sample `order.paid`, verify it, print
//! the typed event, then show the usual mistakes failing with their codes.
//!
//! Run with `cargo run -p bookto-verify --example demo`.

use bookto_verify::{Event, Verifier, now, sign};

const SECRET: &str = "whsec_demo_3c8f0e5b9a7d41f2";
const SAMPLE: &[u8] = include_bytes!("../fixtures/events/order-paid.json");

fn main() -> Result<(), Box<dyn core::error::Error>> {
    let verifier = Verifier::new(SECRET)?;
    let now = now();
    let signed = sign(SECRET, now, SAMPLE)?;
    let (timestamp, signature) = (signed.timestamp(), signed.signature());
    let headers = [
        ("X-Bookto-Timestamp", timestamp),
        ("X-Bookto-Signature", signature),
        ("Content-Type", "application/json"),
    ];

    println!(
        "Rust: verifying the sample order.paid ({} bytes)",
        SAMPLE.len()
    );
    match verifier.verify(&headers, SAMPLE, now)? {
        Event::OrderPaid(order) => {
            println!("  ok: {} {}", order.event, order.order_number);
            println!(
                "  amount: {} {} (excl. VAT {}, VAT {} at {}%) = {:?} cents",
                order.amount.total_incl,
                order.amount.currency,
                order.amount.excl_vat,
                order.amount.vat,
                order.amount.vat_rate,
                order.amount.total_incl.to_minor_units(2),
            );
            println!(
                "  buyer: {} {} <{}>, {}",
                order.buyer.first_name,
                order.buyer.last_name,
                order.buyer.email,
                order.buyer.country
            );
            println!(
                "  product: {}; paid at {}; test order: {}",
                order.product.name, order.paid_at, order.is_test_order
            );
        }
        other => println!("  unexpected event {}", other.name()),
    }

    let mut tampered = SAMPLE.to_vec();
    if let Some(i) = tampered.windows(4).position(|w| w == b"1.21") {
        tampered[i..i + 4].copy_from_slice(b"0.01");
    }
    let stale_signed = sign(SECRET, now - 3600, SAMPLE)?;
    let wrong = sign("whsec_someone_else", now, SAMPLE)?;
    let (stale, stale_signature) = (stale_signed.timestamp(), stale_signed.signature());
    let wrong_secret = wrong.signature();
    let reserialised =
        serde_json::to_vec_pretty(&serde_json::from_slice::<serde_json::Value>(SAMPLE)?)?;
    let length = SAMPLE.len().to_string();
    let cases: [(&str, &str, &str, &[u8], &str); 4] = [
        (
            "tampered body (amount 1.21 -> 0.01)",
            timestamp,
            signature,
            &tampered,
            "0",
        ),
        (
            "stale timestamp (1 hour old)",
            stale,
            stale_signature,
            SAMPLE,
            "0",
        ),
        ("wrong secret", timestamp, wrong_secret, SAMPLE, "0"),
        (
            "re-serialised body (parsed and pretty-printed)",
            timestamp,
            signature,
            &reserialised,
            &length,
        ),
    ];
    for (what, ts, sig, body, content_length) in cases {
        let mut headers = vec![("x-bookto-timestamp", ts), ("x-bookto-signature", sig)];
        if content_length != "0" {
            headers.push(("content-length", content_length));
        }
        match verifier.verify(&headers, body, now) {
            Ok(_) => println!("  {what}: unexpectedly accepted"),
            Err(e) => println!("  {what}: {} - {e}", e.code()),
        }
    }
    Ok(())
}
