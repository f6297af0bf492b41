//! The benchmark directory generator writes data our loader accepts without a single error,
//! and the same seed gives the same data.

#[path = "../examples/gen_directory.rs"]
#[allow(dead_code)]
mod gen_directory;

use refdesk::directory::{LoadOptions, Status, load_texts};
use refdesk::i18n::Lang;

#[test]
fn generated_directory_loads_with_zero_errors_and_is_reproducible() {
    let files = gen_directory::generate(1500, 7, 500);
    assert_eq!(files.len(), 3);
    assert_eq!(files, gen_directory::generate(1500, 7, 500));
    assert_ne!(files, gen_directory::generate(1500, 8, 500));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = load_texts(
        &refs,
        &LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::Uk,
        },
    );
    assert_eq!(dir.error_count(), 0, "{:?}", dir.diagnostics.first());
    assert_eq!(dir.agencies.len(), 1500);
    assert!(dir.agencies.iter().all(|a| a.services.len() >= 2));
    assert!(
        dir.agencies
            .iter()
            .any(|a| a.status == Status::TemporarilyClosed)
    );
}
