//! Criterion benchmarks of the core: the 866-byte sample order, 16 KB and
#![allow(clippy::expect_used)] // a benchmark with a bad setup should stop loudly
//! 1 MB bodies; verify_signature, verify (with typed parse), parse_event,
//! rotation with 2 secrets (matching the second), and a mismatch.

use core::hint::black_box;

use bookto_verify::{Verifier, parse_event, sign};
use bookto_verify_benches::{SAMPLE, SECRET, order_paid_of_size};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const NOW: u64 = 1_764_201_600;

fn bench(c: &mut Criterion) {
    let verifier = Verifier::new(SECRET).expect("secret");
    let rotation = Verifier::with_secrets(["whsec_old_ffffffff", SECRET]).expect("secrets");
    for (label, body) in [
        ("866B", SAMPLE.to_vec()),
        ("16KB", order_paid_of_size(16 * 1024)),
        ("1MB", order_paid_of_size(1024 * 1024)),
    ] {
        let signature = sign(SECRET, NOW, &body);
        let wrong = sign("whsec_wrong", NOW, &body);
        let headers = [
            ("x-bookto-timestamp", "1764201600"),
            ("x-bookto-signature", signature.as_str()),
        ];
        let mismatch = [
            ("x-bookto-timestamp", "1764201600"),
            ("x-bookto-signature", wrong.as_str()),
        ];

        let mut group = c.benchmark_group(label);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("verify_signature", |b| {
            b.iter(|| verifier.verify_signature(black_box(&headers), black_box(&body), NOW))
        });
        group.bench_function("verify", |b| {
            b.iter(|| verifier.verify(black_box(&headers), black_box(&body), NOW))
        });
        group.bench_function("parse_event", |b| b.iter(|| parse_event(black_box(&body))));
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
