//! Phone numbers: validation with libphonenumber's metadata (the `phonenumber`
//! crate, default region UA) plus Ukrainian short service numbers, and the
//! Ukrainian way of writing them.
//!
//! * Landlines: `(044) 123-45-67`, `(0412) 42-05-10`, `(04143) 2-11-22`. The
//!   area code is the first group of libphonenumber's national format, so it
//!   follows the metadata (which still has the 4-digit codes of some big cities,
//!   e.g. Lviv `0322`, Zaporizhzhia `0612`).
//! * Mobiles (and the 89x VoIP ranges): `+380 67 123 45 67`.
//! * Toll-free and premium-rate: `0 800 213 103`.
//! * Short numbers (`101`–`104`, `112`, `1500`–`1599`): as is, `1545`.
//! * Foreign numbers: libphonenumber's international format, `+48 22 123 45 67`.

use phonenumber::{Mode, PhoneNumber, Type, country};

use crate::i18n::Lang;

/// A validated phone number (canonical: E.164 or a short number).
///
/// Serde is only for the parsed-directory cache (re-parsing every number on a cache hit costs
/// ~11 µs each, most of a warm start), which is checksummed and keyed on the executable.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Phone {
    /// `+380412420510`; `None` for a short number.
    e164: Option<String>,
    /// National digits for search (`0412420510`, `1545`), or the E.164 digits
    /// without `+` for a foreign number.
    digits: String,
    display: String,
    spoken: String,
}

/// Why a phone string was rejected, as data; [`PhoneError::message`] says it in the user's
/// language (data maintainers read it), `Display` in English (logs, `?` at the edges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneError {
    Empty,
    TooLong(String),
    Letters(String),
    /// A character no phone number holds; `,` and `;` mean several numbers in one.
    BadChar {
        text: String,
        bad: char,
    },
    PlusInside(String),
    NoDigits(String),
    Extension(String),
    /// Four digits or fewer that are not a known short number.
    UnknownShort(String),
    Invalid {
        text: String,
        why: Invalid,
    },
}

/// What libphonenumber says is wrong with a number it could read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// It could not even be read as a number.
    Unreadable,
    TooFewUa,
    TooManyUa,
    NoSuchRangeUa,
    NotInItsCountry,
}

impl std::fmt::Display for PhoneError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for PhoneError {}

impl PhoneError {
    /// What is wrong and how to fix it, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Uk => self.uk(),
            Lang::En => self.en(),
        }
    }

    fn en(&self) -> String {
        match self {
            PhoneError::Empty => format!("the phone number is empty — {HOW_TO}"),
            PhoneError::TooLong(text) => format!(
                "\"{text}\" is too long for one phone number — {HOW_TO}; put several numbers as separate entries"
            ),
            PhoneError::Letters(text) => format!(
                "\"{text}\" contains letters — a phone holds only the number: {HOW_TO}; put remarks such as \"дод. 5\" or \"безкоштовно\" in the field \"note\""
            ),
            PhoneError::BadChar { text, bad } => {
                let hint = if matches!(bad, ',' | ';') {
                    "; give several numbers as separate entries: phones = [\"…\", \"…\"]"
                } else {
                    ""
                };
                format!("\"{text}\" contains \"{bad}\" — {HOW_TO}{hint}")
            }
            PhoneError::PlusInside(text) => format!(
                "\"{text}\" has \"+\" in the middle — \"+\" may only start the number; {HOW_TO}"
            ),
            PhoneError::NoDigits(text) => format!("\"{text}\" has no digits — {HOW_TO}"),
            PhoneError::Extension(text) => format!(
                "\"{text}\" has an extension — give only the number here and the extension in the field \"note\" (e.g. note = \"дод. 5\")"
            ),
            PhoneError::UnknownShort(text) => format!(
                "\"{text}\" is not a known short number — only 101, 102, 103, 104, 112 and 1500–1599 (e.g. 1545) are accepted; write other numbers in full, e.g. (044) 123-45-67"
            ),
            PhoneError::Invalid { text, why } => {
                const UA_LENGTH: &str =
                    "a Ukrainian number has 10 digits starting with 0, or +380 and 9 more";
                let detail = match why {
                    Invalid::Unreadable => String::new(),
                    Invalid::TooFewUa => format!(" (too few digits: {UA_LENGTH})"),
                    Invalid::TooManyUa => format!(" (too many digits: {UA_LENGTH})"),
                    Invalid::NoSuchRangeUa => " (no such number range in Ukraine)".to_owned(),
                    Invalid::NotInItsCountry => " (not a valid number for its country)".to_owned(),
                };
                format!("\"{text}\" is not a valid phone number{detail} — {HOW_TO}")
            }
        }
    }

    fn uk(&self) -> String {
        match self {
            PhoneError::Empty => format!("номер телефону не вказано — {HOW_TO_UK}"),
            PhoneError::TooLong(text) => format!(
                "\"{text}\" — задовгий запис для одного номера; {HOW_TO_UK}, а кілька номерів записуйте окремими елементами"
            ),
            PhoneError::Letters(text) => format!(
                "у \"{text}\" є літери, а тут має бути лише номер — {HOW_TO_UK}; примітки на кшталт \"дод. 5\" чи \"безкоштовно\" пишіть у поле \"note\""
            ),
            PhoneError::BadChar { text, bad } => {
                let hint = if matches!(bad, ',' | ';') {
                    "; кілька номерів записуйте окремими елементами: phones = [\"…\", \"…\"]"
                } else {
                    ""
                };
                format!("у \"{text}\" є недопустимий символ \"{bad}\" — {HOW_TO_UK}{hint}")
            }
            PhoneError::PlusInside(text) => format!(
                "у \"{text}\" є \"+\" усередині — \"+\" може стояти лише на початку номера; {HOW_TO_UK}"
            ),
            PhoneError::NoDigits(text) => format!("у \"{text}\" немає жодної цифри — {HOW_TO_UK}"),
            PhoneError::Extension(text) => format!(
                "у \"{text}\" є додатковий номер — тут вкажіть лише сам номер, а додатковий запишіть у поле \"note\" (наприклад note = \"дод. 5\")"
            ),
            PhoneError::UnknownShort(text) => format!(
                "\"{text}\" — невідомий короткий номер: приймаються лише 101, 102, 103, 104, 112 і 1500–1599 (наприклад 1545); інші номери пишіть повністю, наприклад (044) 123-45-67"
            ),
            PhoneError::Invalid { text, why } => {
                const UA_LENGTH_UK: &str =
                    "український номер — це 10 цифр, що починаються з 0, або +380 і ще 9 цифр";
                let detail = match why {
                    Invalid::Unreadable => String::new(),
                    Invalid::TooFewUa => format!(" (замало цифр: {UA_LENGTH_UK})"),
                    Invalid::TooManyUa => format!(" (забагато цифр: {UA_LENGTH_UK})"),
                    Invalid::NoSuchRangeUa => {
                        " (в Україні немає такого діапазону номерів)".to_owned()
                    }
                    Invalid::NotInItsCountry => {
                        " (такого номера немає в плані нумерації його країни)".to_owned()
                    }
                };
                format!("\"{text}\" не є правильним номером телефону{detail} — {HOW_TO_UK}")
            }
        }
    }
}

const HOW_TO: &str =
    "write it as +380 44 123 45 67, (044) 123-45-67 or a short number such as 1545";
const HOW_TO_UK: &str =
    "пишіть так: +380 44 123 45 67, (044) 123-45-67 або короткий номер, як-от 1545";

/// Longer input is rejected before it reaches libphonenumber.
const MAX_LEN: usize = 40;

/// Parses one phone number. See the module documentation for what is accepted.
pub fn parse(src: &str) -> Result<Phone, PhoneError> {
    let text = src.trim();
    let owned = || text.to_owned();
    if text.is_empty() {
        return Err(PhoneError::Empty);
    }
    if text.chars().count() > MAX_LEN {
        return Err(PhoneError::TooLong(owned()));
    }
    if text.chars().any(char::is_alphabetic) {
        return Err(PhoneError::Letters(owned()));
    }
    if let Some(bad) = text.chars().find(|c| !is_phone_char(*c)) {
        return Err(PhoneError::BadChar { text: owned(), bad });
    }
    if text.chars().skip(1).any(|c| c == '+') {
        return Err(PhoneError::PlusInside(owned()));
    }

    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Err(PhoneError::NoDigits(owned()));
    }
    if !text.starts_with('+') && is_short_number(&digits) {
        return Ok(short(digits));
    }

    let ascii: String = text
        .chars()
        .map(|c| match c {
            '–' | '—' | '‒' | '−' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    let number = phonenumber::parse(Some(country::Id::UA), &ascii)
        .map_err(|_| invalid(text, &digits, None))?;
    // Unreachable while letters and "#" are rejected above; kept so that a
    // relaxed character check can never silently drop an extension.
    if number.extension().is_some() {
        return Err(PhoneError::Extension(owned()));
    }
    if !number.is_valid() {
        return Err(invalid(text, &digits, Some(&number)));
    }
    Ok(from_valid(&number))
}

/// A number as written in `country` (an ISO 3166-1 code such as `US`), e.g. `(212) 736-5000`,
/// in the international format that [`parse`] accepts (`+1 212-736-5000`). `None` when
/// libphonenumber doesn't know the country or the number is not valid there. For data from
/// abroad (the HSDS import), where numbers are written without their country code.
pub fn international(src: &str, country: &str) -> Option<String> {
    let id: country::Id = country.trim().to_ascii_uppercase().parse().ok()?;
    let text = src.trim();
    if text.is_empty() || text.chars().count() > MAX_LEN {
        return None;
    }
    let number = phonenumber::parse(Some(id), text).ok()?;
    (number.is_valid() && number.extension().is_none())
        .then(|| number.format().mode(Mode::International).to_string())
}

impl Phone {
    /// A short service number (`1545`, `112`).
    pub fn is_short(&self) -> bool {
        self.e164.is_none()
    }

    /// `"+380412420510"`; `None` for short numbers.
    pub fn e164(&self) -> Option<String> {
        self.e164.clone()
    }

    /// Digits for search: national digits for Ukrainian numbers
    /// (`"0412420510"`, `"0800213103"`), the number itself for short numbers
    /// (`"1545"`), the E.164 digits without `+` for foreign numbers.
    pub fn digits(&self) -> String {
        self.digits.clone()
    }

    /// As Ukrainians write it: `(0412) 42-05-10`, `+380 67 123 45 67`,
    /// `0 800 213 103`, `1545`, `+48 22 123 45 67`.
    pub fn display(&self) -> String {
        self.display.clone()
    }

    /// Grouped for reading aloud: `0412 42 05 10`, `067 123 45 67`,
    /// `0 800 213 103`, `15 45`.
    pub fn spoken(&self) -> String {
        self.spoken.clone()
    }

    /// `tel:+380412420510`, `tel:1545`.
    pub fn tel_uri(&self) -> String {
        match &self.e164 {
            Some(e164) => format!("tel:{e164}"),
            None => format!("tel:{}", self.digits),
        }
    }
}

fn is_phone_char(c: char) -> bool {
    c.is_ascii_digit()
        || c.is_whitespace()
        || matches!(c, '+' | '(' | ')' | '-' | '–' | '—' | '‒' | '−' | '.' | '/')
}

/// 101, 102, 103, 104, 112 and 1500–1599.
fn is_short_number(digits: &str) -> bool {
    matches!(digits, "101" | "102" | "103" | "104" | "112")
        || (digits.len() == 4 && digits.starts_with("15"))
}

fn short(digits: String) -> Phone {
    let spoken = if digits.len() == 4 {
        format!("{} {}", &digits[..2], &digits[2..])
    } else {
        digits.clone()
    };
    Phone {
        e164: None,
        display: digits.clone(),
        spoken,
        digits,
    }
}

fn invalid(text: &str, digits: &str, number: Option<&PhoneNumber>) -> PhoneError {
    if !text.starts_with('+') && digits.len() <= 4 {
        return PhoneError::UnknownShort(text.to_owned());
    }
    let why = match number {
        Some(n) if n.code().value() == 380 => {
            let national = n.national().to_string();
            let toll = national.starts_with('8') || national.starts_with('9');
            if national.len() < 9 {
                Invalid::TooFewUa
            } else if national.len() > 10 || (national.len() == 10 && !toll) {
                Invalid::TooManyUa
            } else {
                Invalid::NoSuchRangeUa
            }
        }
        Some(_) => Invalid::NotInItsCountry,
        None => Invalid::Unreadable,
    };
    PhoneError::Invalid {
        text: text.to_owned(),
        why,
    }
}

fn from_valid(number: &PhoneNumber) -> Phone {
    let e164 = number.format().mode(Mode::E164).to_string();
    let international = number.format().mode(Mode::International).to_string();
    if number.code().value() != 380 {
        return Phone {
            digits: e164.trim_start_matches('+').to_owned(),
            e164: Some(e164),
            spoken: international.clone(),
            display: international,
        };
    }

    // Ukrainian: national digits with the trunk 0, split after the first group
    // of libphonenumber's national format ("0412 420 510" → "0412").
    let national_digits = format!("0{}", e164.trim_start_matches("+380"));
    let national_format = number.format().mode(Mode::National).to_string();
    let prefix_len = national_format
        .split(' ')
        .next()
        .filter(|g| {
            g.len() >= 3 && g.len() < national_digits.len() && national_digits.starts_with(*g)
        })
        .map_or(3, str::len);
    let (prefix, rest) = national_digits.split_at(prefix_len);

    let (display, spoken) = match number.number_type(&phonenumber::metadata::DATABASE) {
        Type::FixedLine | Type::FixedLineOrMobile => (
            format!("({prefix}) {}", group_subscriber(rest, "-")),
            format!("{prefix} {}", group_subscriber(rest, " ")),
        ),
        Type::Mobile | Type::Voip | Type::Pager | Type::PersonalNumber => (
            format!("+380 {} {}", &prefix[1..], group_subscriber(rest, " ")),
            format!("{prefix} {}", group_subscriber(rest, " ")),
        ),
        Type::TollFree | Type::PremiumRate | Type::SharedCost | Type::Uan => {
            // "0800 213 103" → "0 800 213 103"
            let tail = national_format
                .strip_prefix(prefix)
                .map(str::trim)
                .filter(|t| t.chars().filter(char::is_ascii_digit).count() == rest.len())
                .map_or_else(|| group_subscriber(rest, " "), str::to_owned);
            let text = format!("0 {} {tail}", &prefix[1..]);
            (text.clone(), text)
        }
        _ => (international, national_format),
    };
    Phone {
        e164: Some(e164),
        digits: national_digits,
        display,
        spoken,
    }
}

/// Groups a subscriber number from the right in pairs, with a leading group of
/// three (7 digits: `123-45-67`) or one (5 digits: `2-11-22`) as needed.
fn group_subscriber(digits: &str, sep: &str) -> String {
    let n = digits.len();
    let lead = match n {
        _ if n.is_multiple_of(2) => 0,
        3 => 3,
        _ if n >= 7 => 3,
        _ => 1,
    };
    let mut groups: Vec<&str> = Vec::new();
    if lead > 0 {
        groups.push(&digits[..lead]);
    }
    let mut i = lead;
    while i < n {
        groups.push(&digits[i..i + 2]);
        i += 2;
    }
    groups.join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn phone(src: &str) -> Phone {
        parse(src).unwrap_or_else(|e| panic!("{src:?} should parse: {e}"))
    }

    fn rejected(src: &str) -> String {
        match parse(src) {
            Ok(p) => panic!("{src:?} should be rejected, got {p:?}"),
            Err(e) => e.to_string(),
        }
    }

    /// (input, e164, digits, display, spoken)
    const UKRAINIAN: [(&str, &str, &str, &str, &str); 11] = [
        (
            "0412 42 05 10",
            "+380412420510",
            "0412420510",
            "(0412) 42-05-10",
            "0412 42 05 10",
        ),
        (
            "(044) 123-45-67",
            "+380441234567",
            "0441234567",
            "(044) 123-45-67",
            "044 123 45 67",
        ),
        (
            "+380 67 123 45 67",
            "+380671234567",
            "0671234567",
            "+380 67 123 45 67",
            "067 123 45 67",
        ),
        (
            "0 800 213 103",
            "+380800213103",
            "0800213103",
            "0 800 213 103",
            "0 800 213 103",
        ),
        (
            "0800503753",
            "+380800503753",
            "0800503753",
            "0 800 503 753",
            "0 800 503 753",
        ),
        (
            "0 800 123 4567",
            "+3808001234567",
            "08001234567",
            "0 800 123 4567",
            "0 800 123 4567",
        ),
        (
            "0 900 212 345",
            "+380900212345",
            "0900212345",
            "0 900 212 345",
            "0 900 212 345",
        ),
        (
            "04143 2 11 22",
            "+380414321122",
            "0414321122",
            "(04143) 2-11-22",
            "04143 2 11 22",
        ),
        (
            "(0562) 12-34-56",
            "+380562123456",
            "0562123456",
            "(0562) 12-34-56",
            "0562 12 34 56",
        ),
        // Dnipro's 7-digit numbers fall in libphonenumber's 3-digit-code format.
        (
            "(056) 744-12-34",
            "+380567441234",
            "0567441234",
            "(056) 744-12-34",
            "056 744 12 34",
        ),
        (
            "089 123 45 67",
            "+380891234567",
            "0891234567",
            "+380 89 123 45 67",
            "089 123 45 67",
        ),
    ];

    #[test]
    fn ukrainian_numbers() {
        for (src, e164, digits, display, spoken) in UKRAINIAN {
            let p = phone(src);
            assert!(!p.is_short(), "{src}");
            assert_eq!(p.e164().as_deref(), Some(e164), "{src}");
            assert_eq!(p.digits(), digits, "{src}");
            assert_eq!(p.display(), display, "{src}");
            assert_eq!(p.spoken(), spoken, "{src}");
            assert_eq!(p.tel_uri(), format!("tel:{e164}"), "{src}");
        }
    }

    #[test]
    fn area_code_comes_from_libphonenumber_formatting() {
        // Measured national formats: 044 123 4567, 0412 420 510, 04143 21122,
        // 0562 123 456, 0322 974 567, 03222 34567, 03212 34567.
        let cases = [
            ("0441234567", "(044) 123-45-67"),
            ("0412420510", "(0412) 42-05-10"),
            ("0414321122", "(04143) 2-11-22"),
            ("0562123456", "(0562) 12-34-56"),
            // Lviv: the metadata still has the old code 0322 (and 5-digit
            // codes for some 032x ranges), so Lviv numbers are grouped that way.
            ("0322974567", "(0322) 97-45-67"),
            ("0322234567", "(03222) 3-45-67"),
            ("0321234567", "(03212) 3-45-67"),
        ];
        for (src, display) in cases {
            assert_eq!(phone(src).display(), display, "{src}");
        }
    }

    #[test]
    fn every_mobile_operator_code() {
        for op in [
            "39", "50", "63", "66", "67", "68", "73", "89", "91", "92", "93", "94", "95", "96",
            "97", "98", "99",
        ] {
            let p = phone(&format!("0{op} 123 45 67"));
            assert_eq!(p.display(), format!("+380 {op} 123 45 67"));
            assert_eq!(p.spoken(), format!("0{op} 123 45 67"));
            assert_eq!(p, phone(&format!("+380{op}1234567")));
        }
    }

    #[test]
    fn ways_of_writing_the_same_number() {
        let canonical = phone("+380441234567");
        for src in [
            "(044) 123-45-67",
            "044 123 45 67",
            "044-123-45-67",
            "044–123–45–67",
            "0 44 123 45 67",
            "+380 (44) 123-45-67",
            "+380 44 123 45 67",
            "380441234567",
            "  044 123 45 67  ",
            "044\u{a0}123\u{a0}45\u{a0}67",
            "044.123.45.67",
        ] {
            assert_eq!(phone(src), canonical, "{src}");
        }
    }

    #[test]
    fn short_numbers() {
        for (src, digits, spoken) in [
            ("101", "101", "101"),
            ("102", "102", "102"),
            ("103", "103", "103"),
            ("104", "104", "104"),
            ("112", "112", "112"),
            ("1500", "1500", "15 00"),
            ("1545", "1545", "15 45"),
            ("1547", "1547", "15 47"),
            ("1599", "1599", "15 99"),
            ("15 45", "1545", "15 45"),
        ] {
            let p = phone(src);
            assert!(p.is_short(), "{src}");
            assert_eq!(p.e164(), None);
            assert_eq!(p.digits(), digits);
            assert_eq!(p.display(), digits);
            assert_eq!(p.spoken(), spoken);
            assert_eq!(p.tel_uri(), format!("tel:{digits}"));
        }
        for src in ["100", "105", "111", "1499", "1600", "15450", "+1545"] {
            let message = rejected(src);
            assert!(message.contains(&format!("\"{src}\"")), "{message}");
        }
        assert!(rejected("105").contains("not a known short number"));
    }

    #[test]
    fn foreign_numbers_use_the_international_format() {
        let p = phone("+48 22 123 45 67");
        assert_eq!(p.e164().as_deref(), Some("+48221234567"));
        assert_eq!(p.display(), "+48 22 123 45 67");
        assert_eq!(p.spoken(), "+48 22 123 45 67");
        assert_eq!(p.digits(), "48221234567");
        assert_eq!(p.tel_uri(), "tel:+48221234567");

        let p = phone("+44 20 7946 0958");
        assert_eq!(p.display(), "+44 20 7946 0958");
        assert_eq!(phone("0044 20 7946 0958"), p);
    }

    #[test]
    fn numbers_written_the_way_their_country_does_become_international() {
        assert_eq!(
            international("(212) 736-5000", "US").as_deref(),
            Some("+1 212-736-5000")
        );
        assert_eq!(
            international("020 7219 3000", "gb").as_deref(),
            Some("+44 20 7219 3000")
        );
        // What it gives is a number refdesk keeps as it is.
        assert_eq!(phone("+1 212-736-5000").display(), "+1 212-736-5000");
        assert_eq!(
            international("(212) 736-5000", "UA"),
            None,
            "not valid there"
        );
        assert_eq!(international("555-0100", "US"), None, "too short");
        assert_eq!(international("020 7219 3000", "Narnia"), None);
        assert_eq!(international("", "US"), None);
    }

    #[test]
    fn invalid_numbers_are_rejected_with_a_hint() {
        let message = rejected("+380 44 12");
        assert!(
            message.starts_with("\"+380 44 12\" is not a valid phone number"),
            "{message}"
        );
        assert!(message.contains("too few digits"), "{message}");
        assert!(message.contains("(044) 123-45-67"), "{message}");

        assert!(rejected("0441234567890").contains("too many digits"));
        assert!(rejected("044 123 45 6").contains("too few digits"));
        // Well-formed but not an allocated range.
        assert!(rejected("0 900 123 456").contains("no such number range"));
        assert!(rejected("+48 22 12").contains("not a valid number for its country"));
        assert!(rejected("1234567").contains("not a valid phone number"));
    }

    #[test]
    fn malformed_input() {
        assert!(rejected("").contains("empty"));
        assert!(rejected("   ").contains("empty"));
        assert!(rejected("()").contains("no digits"));
        assert!(rejected("+").contains("no digits"));
        assert!(rejected("abc").contains("contains letters"));
        assert!(rejected("044 ABC 45 67").contains("contains letters"));
        assert!(rejected("044 123 45 67 дод. 5").contains("note"));
        assert!(rejected("044 123 45 67, 044 765 43 21").contains("separate entries"));
        assert!(rejected("044 123 45 67 #5").contains("\"#\""));
        assert!(rejected("044+1234567").contains("\"+\" may only start"));
        assert!(rejected(&"1".repeat(41)).contains("too long"));
    }

    fn rejected_uk(src: &str) -> String {
        match parse(src) {
            Ok(p) => panic!("{src:?} should be rejected, got {p:?}"),
            Err(e) => e.message(Lang::Uk),
        }
    }

    #[test]
    fn ukrainian_message_for_too_few_digits() {
        let e = parse("+380 44 12").unwrap_err();
        assert_eq!(
            e.message(Lang::Uk),
            "\"+380 44 12\" не є правильним номером телефону (замало цифр: український номер — це 10 цифр, що починаються з 0, або +380 і ще 9 цифр) — пишіть так: +380 44 123 45 67, (044) 123-45-67 або короткий номер, як-от 1545"
        );
        assert_eq!(e.to_string(), e.message(Lang::En));
        assert!(rejected_uk("044 123 45 6").contains("(замало цифр: "));
        assert!(rejected_uk("0441234567890").contains("(забагато цифр: "));
    }

    #[test]
    fn ukrainian_message_for_letters() {
        assert_eq!(
            rejected_uk("044 ABC 45 67"),
            "у \"044 ABC 45 67\" є літери, а тут має бути лише номер — пишіть так: +380 44 123 45 67, (044) 123-45-67 або короткий номер, як-от 1545; примітки на кшталт \"дод. 5\" чи \"безкоштовно\" пишіть у поле \"note\""
        );
        assert!(
            rejected_uk("044 123 45 67 дод. 5").starts_with("у \"044 123 45 67 дод. 5\" є літери")
        );
    }

    #[test]
    fn ukrainian_messages_for_other_mistakes() {
        assert_eq!(
            rejected_uk("105"),
            "\"105\" — невідомий короткий номер: приймаються лише 101, 102, 103, 104, 112 і 1500–1599 (наприклад 1545); інші номери пишіть повністю, наприклад (044) 123-45-67"
        );
        assert!(
            rejected_uk("044 123 45 67, 044 765 43 21").ends_with(
                "; кілька номерів записуйте окремими елементами: phones = [\"…\", \"…\"]"
            )
        );
        assert!(rejected_uk("044+1234567").contains("\"+\" може стояти лише на початку номера"));
        assert!(
            rejected_uk("0 900 123 456").contains("(в Україні немає такого діапазону номерів)")
        );
        assert!(rejected_uk("").starts_with("номер телефону не вказано — "));
    }

    /// Every rejection has a Ukrainian message with no English prose left in it.
    #[test]
    fn every_error_has_a_ukrainian_message() {
        let long = "1".repeat(41);
        for src in [
            "",
            "()",
            "+",
            "abc",
            "044 123 45 67 #5",
            "044 123 45 67; 044 765 43 21",
            "044+1234567",
            long.as_str(),
            "105",
            "+380 44 12",
            "0441234567890",
            "0 900 123 456",
            "+48 22 12",
            "1234567",
        ] {
            let e = parse(src).unwrap_err();
            let uk = e.message(Lang::Uk);
            assert!(
                uk.chars().any(|c| ('а'..='я').contains(&c)),
                "{src:?}: {uk}"
            );
            for english in [
                "write", "the ", " or ", "e.g.", "is not", "has ", "contains", "digits",
            ] {
                assert!(!uk.contains(english), "{src:?}: {english:?} in {uk}");
            }
            assert_ne!(uk, e.message(Lang::En), "{src:?}");
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics(src in "\\PC{0,50}") {
            let _ = parse(&src);
        }

        #[test]
        fn parse_never_panics_on_number_like_text(src in "[0-9 +()\\-–.]{0,40}") {
            if let Ok(p) = parse(&src) {
                prop_assert!(p.tel_uri().starts_with("tel:"));
                prop_assert!(!p.display().is_empty());
                prop_assert!(p.digits().chars().all(|c| c.is_ascii_digit()));
            }
        }
    }
}
