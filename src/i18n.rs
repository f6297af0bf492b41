//! User-facing language: the two UI languages and Ukrainian plural forms.
//!
//! Every module renders its own strings through [`Lang`]; the plural rule lives here once so
//! that "1 установа, 2 установи, 5 установ, 11 установ, 21 установа" is right everywhere.

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Uk,
    En,
}

impl Lang {
    /// Picks the Ukrainian or the English text.
    pub fn pick<'a>(self, uk: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Uk => uk,
            Lang::En => en,
        }
    }
}

/// An error and its causes on one line, as anyhow's `{:#}` would write them
/// ("/path/referrals.log: немає дозволу на доступ"), with the system's I/O errors in `lang`.
pub fn describe(e: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    let mut parts = Vec::new();
    let mut next = Some(e);
    while let Some(c) = next {
        parts.push(match c.downcast_ref::<std::io::Error>() {
            Some(io) => io_error(io, lang),
            None => c.to_string(),
        });
        next = c.source();
    }
    parts.join(": ")
}

/// An I/O error as the user should read it. The system's own text and the standard library's
/// are English («No such file or directory (os error 2)», «entity not found»); an error that
/// carries the program's own message keeps it.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind::*;
    if e.get_ref().is_some() {
        return e.to_string();
    }
    let (uk, en) = match e.kind() {
        NotFound => ("немає такого файлу чи теки", "no such file or folder"),
        PermissionDenied => ("немає дозволу на доступ", "permission denied"),
        AlreadyExists => ("такий файл уже є", "the file already exists"),
        IsADirectory => ("це тека, а не файл", "it is a folder, not a file"),
        NotADirectory => (
            "частина шляху — не тека",
            "a part of the path is not a folder",
        ),
        DirectoryNotEmpty => ("тека не порожня", "the folder is not empty"),
        StorageFull => ("на диску немає місця", "the disk is full"),
        ReadOnlyFilesystem => (
            "файлова система лише для читання",
            "the file system is read-only",
        ),
        _ => {
            return match (lang, e.raw_os_error()) {
                (Lang::Uk, Some(code)) => {
                    format!("помилка введення-виведення (код системи {code})")
                }
                (Lang::Uk, None) => "помилка введення-виведення".to_string(),
                (Lang::En, _) => e.to_string(),
            };
        }
    };
    lang.pick(uk, en).to_string()
}

/// CLDR plural category for Ukrainian whole numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Many,
}

/// The CLDR rule for `uk`: one — n%10=1 and n%100≠11; few — n%10 in 2..4 and n%100 not in
/// 12..14; many — the rest.
pub fn plural_uk(n: u64) -> Plural {
    let (d, h) = (n % 10, n % 100);
    if d == 1 && h != 11 {
        Plural::One
    } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
        Plural::Few
    } else {
        Plural::Many
    }
}

/// A counted noun: `forms` are the Ukrainian one/few/many forms and the English singular/plural.
#[derive(Clone, Copy, Debug)]
pub struct Noun {
    pub uk: [&'static str; 3],
    pub en: [&'static str; 2],
}

impl Noun {
    /// "5 установ", "1 agency".
    pub fn count(&self, lang: Lang, n: u64) -> String {
        format!("{n} {}", self.form(lang, n))
    }

    pub fn form(&self, lang: Lang, n: u64) -> &'static str {
        match lang {
            Lang::Uk => match plural_uk(n) {
                Plural::One => self.uk[0],
                Plural::Few => self.uk[1],
                Plural::Many => self.uk[2],
            },
            Lang::En => {
                if n == 1 {
                    self.en[0]
                } else {
                    self.en[1]
                }
            }
        }
    }
}

pub const AGENCY: Noun = Noun {
    uk: ["установа", "установи", "установ"],
    en: ["agency", "agencies"],
};
/// After «імпортовано», «записано», «збережено» (accusative: «1 установу»).
pub const AGENCY_ACC: Noun = Noun {
    uk: ["установу", "установи", "установ"],
    en: ["agency", "agencies"],
};
pub const SERVICE_ACC: Noun = Noun {
    uk: ["послугу", "послуги", "послуг"],
    en: ["service", "services"],
};
pub const ERROR: Noun = Noun {
    uk: ["помилка", "помилки", "помилок"],
    en: ["error", "errors"],
};
pub const WARNING: Noun = Noun {
    uk: ["попередження", "попередження", "попереджень"],
    en: ["warning", "warnings"],
};
pub const FILE: Noun = Noun {
    uk: ["файл", "файли", "файлів"],
    en: ["file", "files"],
};
pub const SERVICE: Noun = Noun {
    uk: ["послуга", "послуги", "послуг"],
    en: ["service", "services"],
};
pub const REFERRAL: Noun = Noun {
    uk: ["направлення", "направлення", "направлень"],
    en: ["referral", "referrals"],
};
pub const RESULT: Noun = Noun {
    uk: ["результат", "результати", "результатів"],
    en: ["result", "results"],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_plural_forms_follow_cldr() {
        let cases = [
            (0, "0 установ"),
            (1, "1 установа"),
            (2, "2 установи"),
            (4, "4 установи"),
            (5, "5 установ"),
            (11, "11 установ"),
            (12, "12 установ"),
            (14, "14 установ"),
            (21, "21 установа"),
            (22, "22 установи"),
            (101, "101 установа"),
            (111, "111 установ"),
            (112, "112 установ"),
            (124, "124 установи"),
        ];
        for (n, want) in cases {
            assert_eq!(AGENCY.count(Lang::Uk, n), want, "n = {n}");
        }
        assert_eq!(ERROR.count(Lang::Uk, 1), "1 помилка");
        assert_eq!(ERROR.count(Lang::Uk, 2), "2 помилки");
        assert_eq!(ERROR.count(Lang::Uk, 5), "5 помилок");
    }

    #[test]
    fn english_plural_is_singular_only_for_one() {
        assert_eq!(AGENCY.count(Lang::En, 1), "1 agency");
        assert_eq!(AGENCY.count(Lang::En, 0), "0 agencies");
        assert_eq!(AGENCY.count(Lang::En, 21), "21 agencies");
    }
}
