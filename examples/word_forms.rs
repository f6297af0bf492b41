//! Measures the word-form rules ([`refdesk::search::WordForms`]) and scoring models
//! ([`refdesk::search::Scoring`]) against each other on both relevance suites:
//! `cargo run --release --example word_forms`.

use refdesk::search::{Scoring, WordForms};

#[path = "../tests/relevance_support/mod.rs"]
mod relevance_support;

const SUITES: &[(&str, &str, &[&str])] = &[
    (
        "frontliner queries (relevance.toml)",
        include_str!("../tests/fixtures/search/relevance.toml"),
        &[
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
        ],
    ),
    (
        "needs as visitors say them (needs.toml)",
        include_str!("../tests/fixtures/search/needs.toml"),
        &[
            "colloquial",
            "filler",
            "russian",
            "surzhyk",
            "place",
            "abbreviation",
            "legal-lay",
        ],
    ),
];

fn main() {
    println!(
        "{:<40} {:<16} {:<10} {:>6} {:>6} {:>12}",
        "suite", "word forms", "scoring", "top-1", "top-3", "wrong above"
    );
    for (name, text, kinds) in SUITES {
        for forms in [WordForms::SharedBeginning, WordForms::Endings] {
            for scoring in [Scoring::BestField, Scoring::Idf] {
                let o = relevance_support::run_with(text, kinds, 1, (forms, scoring), false);
                println!(
                    "{name:<40} {:<16} {:<10} {:>5.1}% {:>5.1}% {:>12.2}",
                    format!("{forms:?}"),
                    format!("{scoring:?}"),
                    100.0 * o.top1,
                    100.0 * o.top3,
                    o.wrong_above,
                );
            }
        }
    }
}
