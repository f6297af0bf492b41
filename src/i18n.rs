//! Interface language. Placeholder for the real i18n module (the integrator merges them).

/// The language of the user interface and of generated text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// Ukrainian (the default).
    #[default]
    Uk,
    /// English (`--lang en`).
    En,
}
