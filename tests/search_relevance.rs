//! The relevance suite: realistic queries over the demo directory, each with the agencies that
//! are right answers. Prints top-1 and top-3 rates and precision per kind; fails below 95 % top-3 overall.
//! Run with `cargo test --test search_relevance -- --nocapture` to see the table.

mod relevance_support;

const KINDS: &[&str] = &[
    "plain",
    "layout",
    "translit",
    "word-form",
    "typo",
    "russian",
    "person",
    "address",
    "apostrophe",
    "locality",
];

#[test]
fn relevance_suite_top3_at_least_95_percent() {
    let rate = relevance_support::run(include_str!("fixtures/search/relevance.toml"), KINDS, 60);
    assert!(
        rate >= 0.95,
        "top-3 rate {:.1} % is below 95 %",
        100.0 * rate
    );
}
