//! The event model, declared once. Everything else about an event is written
//! from this declaration by `codegen/` and checked for drift in CI: the Rust
//! types and their parser (`src/order_paid.rs`), the JavaScript row decoder
//! and TypeScript interfaces, the Python classes, stubs and `TypedDict`s.
//!
//! To add a field: add it here (in wire order, which is also the order of
//! the checks), run `cargo run -p bookto-verify-codegen`, and add a fixture
//! vector for it.

/// What a field holds on the wire, and so how it is checked and typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The `event` name: a string equal to the event's name.
    EventName,
    /// A string.
    Text,
    /// A string or `null`; absent counts as `null`.
    OptionalText,
    /// An RFC 3339 date-time string with an offset.
    DateTime,
    /// A JSON number kept as its exact text (exponent at most 15 digits).
    Money,
    /// `true` or `false`.
    Bool,
    /// A nested object with its own fields.
    Object(&'static Object),
}

/// One field of an event or of a nested object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The wire name, which is also the name in every language.
    pub name: &'static str,
    /// One sentence for every language's documentation.
    pub doc: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// A sample value as JSON text (`"\"EUR\""`, `1.21`, `null`); empty for
    /// an object, whose fields carry their own.
    pub sample: &'static str,
}

/// A nested object type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Object {
    /// The type's name in every language (`Amount`).
    pub type_name: &'static str,
    /// One sentence about the type.
    pub doc: &'static str,
    /// Its fields, in wire order.
    pub fields: &'static [Field],
}

/// A typed event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// The wire `event` name (`order.paid`).
    pub name: &'static str,
    /// The top-level object; its first field is the `event` name.
    pub object: Object,
}

const fn field(name: &'static str, kind: Kind, doc: &'static str, sample: &'static str) -> Field {
    Field {
        name,
        doc,
        kind,
        sample,
    }
}

const fn object(name: &'static str, object: &'static Object, doc: &'static str) -> Field {
    field(name, Kind::Object(object), doc, "")
}

use Kind::{Bool, DateTime, EventName, Money, OptionalText, Text};

const AMOUNT: Object = Object {
    type_name: "Amount",
    doc: "Amounts of an order, exact.",
    fields: &[
        field(
            "total_incl",
            Money,
            "Total including VAT, e.g. `1.21`.",
            "1.21",
        ),
        field("excl_vat", Money, "Total excluding VAT, e.g. `1`.", "1"),
        field("vat", Money, "VAT amount, e.g. `0.21`.", "0.21"),
        field(
            "vat_rate",
            Money,
            "VAT rate in percent, e.g. `21` for 21 %.",
            "21",
        ),
        field(
            "currency",
            Text,
            "ISO 4217 currency code, e.g. `EUR`.",
            r#""EUR""#,
        ),
    ],
};

const PRODUCT: Object = Object {
    type_name: "Product",
    doc: "The product of an order.",
    fields: &[field("name", Text, "Product name.", r#""Test product""#)],
};

const BUYER: Object = Object {
    type_name: "Buyer",
    doc: "The buyer of an order.",
    fields: &[
        field("first_name", Text, "First name.", r#""Test""#),
        field("last_name", Text, "Last name.", r#""Buyer""#),
        field("email", Text, "E-mail address.", r#""buyer@example.com""#),
        field("company", OptionalText, "Company name, if any.", "null"),
        field("country", Text, "Country code, e.g. `BE`.", r#""BE""#),
    ],
};

const SELLER: Object = Object {
    type_name: "Seller",
    doc: "The seller of an order.",
    fields: &[
        field(
            "id",
            Text,
            "bookto's seller id.",
            r#""00000000-0000-4000-8000-000000000001""#,
        ),
        field("entity", OptionalText, "Legal entity, if any.", "null"),
    ],
};

/// `order.paid`.
pub const ORDER_PAID: Event = Event {
    name: "order.paid",
    object: Object {
        type_name: "OrderPaid",
        doc: "`order.paid`: sent once per paid order, to every webhook URL of the seller.",
        fields: &[
            field(
                "event",
                EventName,
                "Always `order.paid`.",
                r#""order.paid""#,
            ),
            field(
                "payment_provider",
                Text,
                "Payment provider, e.g. `mollie`.",
                r#""mollie""#,
            ),
            field(
                "order_id",
                Text,
                "bookto's order id.",
                r#""00000000-0000-4000-8000-000000000000""#,
            ),
            field(
                "order_number",
                Text,
                "Human-readable order number, e.g. `ORD-2025-11-004817`.",
                r#""ORD-2025-11-004817""#,
            ),
            field("status", Text, "Order status, e.g. `paid`.", r#""paid""#),
            field(
                "created_at",
                DateTime,
                "When the order was created.",
                r#""2025-11-27T00:00:00Z""#,
            ),
            field(
                "paid_at",
                DateTime,
                "When it was paid.",
                r#""2025-11-27T00:00:00Z""#,
            ),
            object("amount", &AMOUNT, "What was paid, exactly."),
            field(
                "vat_treatment",
                Text,
                "VAT treatment, e.g. `standard`.",
                r#""standard""#,
            ),
            object("product", &PRODUCT, "The product bought."),
            object("buyer", &BUYER, "Who paid."),
            object("seller", &SELLER, "Who sold."),
            field(
                "is_test_order",
                Bool,
                "True for payments made in test mode.",
                "true",
            ),
        ],
    },
};

/// Every typed event.
pub const EVENTS: &[Event] = &[ORDER_PAID];
