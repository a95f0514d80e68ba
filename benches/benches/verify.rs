//! Criterion benchmarks of the core: the 866-byte sample order, 16 KB and
#![allow(clippy::expect_used)] // a benchmark with a bad setup should stop loudly
//! 1 MB bodies; verify_signature, verify (with typed parse), parse_event,
//! rotation with 2 secrets (matching the second), and a mismatch. For the
//! sample, `serde_json_plain` is the baseline of `parse_event`: serde_json's
//! bare typed deserialization of the same bytes, with no validation at all.

use core::hint::black_box;

use bookto_verify::{Verifier, parse_event, sign};
use bookto_verify_benches::{SAMPLE, SECRET, order_paid_of_size};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const NOW: u64 = 1_764_201_600;

/// `order.paid` as a plain borrowed struct: what serde_json deserializes
/// with no checks (no date-times, floats for money, no duplicate keys).
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct PlainOrderPaid<'a> {
    event: &'a str,
    payment_provider: &'a str,
    order_id: &'a str,
    order_number: &'a str,
    status: &'a str,
    created_at: &'a str,
    paid_at: &'a str,
    #[serde(borrow)]
    amount: PlainAmount<'a>,
    vat_treatment: &'a str,
    #[serde(borrow)]
    product: PlainNamed<'a>,
    #[serde(borrow)]
    buyer: PlainBuyer<'a>,
    #[serde(borrow)]
    seller: PlainSeller<'a>,
    is_test_order: bool,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct PlainAmount<'a> {
    total_incl: f64,
    excl_vat: f64,
    vat: f64,
    vat_rate: f64,
    currency: &'a str,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct PlainNamed<'a> {
    name: &'a str,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct PlainBuyer<'a> {
    first_name: &'a str,
    last_name: &'a str,
    email: &'a str,
    company: Option<&'a str>,
    country: &'a str,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct PlainSeller<'a> {
    id: &'a str,
    entity: Option<&'a str>,
}

fn bench(c: &mut Criterion) {
    let verifier = Verifier::new(SECRET).expect("secret");
    let rotation = Verifier::with_secrets(["whsec_old_ffffffff", SECRET]).expect("secrets");
    for (label, body) in [
        ("866B", SAMPLE.to_vec()),
        ("16KB", order_paid_of_size(16 * 1024)),
        ("1MB", order_paid_of_size(1024 * 1024)),
    ] {
        let signed = sign(SECRET, NOW, &body).expect("timestamp");
        let wrong = sign("whsec_wrong", NOW, &body).expect("timestamp");
        let headers = signed.headers();
        let mismatch = wrong.headers();

        let mut group = c.benchmark_group(label);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("verify_signature", |b| {
            b.iter(|| verifier.verify_signature(black_box(&headers), black_box(&body), NOW))
        });
        group.bench_function("verify", |b| {
            b.iter(|| verifier.verify(black_box(&headers), black_box(&body), NOW))
        });
        group.bench_function("parse_event", |b| b.iter(|| parse_event(black_box(&body))));
        if label == "866B" {
            serde_json::from_slice::<PlainOrderPaid<'_>>(&body)
                .expect("the baseline reads the sample");
            group.bench_function("serde_json_plain", |b| {
                b.iter(|| {
                    serde_json::from_slice::<PlainOrderPaid<'_>>(black_box(&body)).map(|_| ())
                })
            });
        }
        group.bench_function("rotation_2_secrets", |b| {
            b.iter(|| rotation.verify_signature(black_box(&headers), black_box(&body), NOW))
        });
        group.bench_function("mismatch", |b| {
            b.iter(|| verifier.verify_signature(black_box(&mismatch), black_box(&body), NOW))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
