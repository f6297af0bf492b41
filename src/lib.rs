pub mod hours;
pub mod i18n;
pub mod phone;
