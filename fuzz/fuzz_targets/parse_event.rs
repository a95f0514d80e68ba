//! `parse_event` on arbitrary bytes: never panics; whatever parses has exact
//! money and survives a serde round trip unchanged.
#![no_main]

use bookto_verify::{Event, Money, parse_event, parse_event_row};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    // The JS bindings' row form checks exactly what the typed model checks.
    let row = parse_event_row(body);
    assert_eq!(row.as_ref().err(), parse_event(body).as_ref().err());
    let Ok(event) = parse_event(body) else { return };
    let row = row.unwrap_or_default();
    assert!(serde_json::from_str::<serde::de::IgnoredAny>(&row).is_ok(), "row is not JSON: {row}");
    let json = serde_json::to_string(&event).unwrap_or_default();
    let back: Result<Event, _> = serde_json::from_str(&json);
    assert_eq!(back.ok().as_ref(), Some(&event), "serde round trip changed the event: {json}");
    if let Event::OrderPaid(order) = event {
        for money in [&order.amount.total_incl, &order.amount.excl_vat, &order.amount.vat, &order.amount.vat_rate] {
            assert!(Money::parse_json_number(money.as_str()).is_some());
            let _ = money.to_minor_units(2);
        }
    }
});
