//! Which of an agency's services a referral is for: the choice itself, how the print preview
//! starts and cycles it, and how the command line names one (a number or a fragment of the
//! name), with the typed error when that names none or several.

use crate::directory::Agency;
use crate::i18n::Lang;

/// What a referral is for: an agency, by its id, and which of its services. Ids outlive a
/// reload, where positions in the directory do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target<'t> {
    pub agency: &'t str,
    pub service: ServiceChoice,
}

/// How many services an agency may have for the print preview to start on «усі послуги» when
/// none was chosen: a slip with two or three procedures is still a slip. With more, the preview
/// asks which one (the command line always asks: it has no preview).
pub const FEW_SERVICES: usize = 3;

/// Which of an agency's services a referral is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ServiceChoice {
    /// None chosen: for an agency with several services the slip must not go out like this.
    #[default]
    Unchosen,
    /// One service, by its index in the agency's services (0-based).
    One(usize),
    /// Every service of the agency.
    All,
}

impl ServiceChoice {
    /// The service given on the command line as its number (1, 2, …) or a fragment of its
    /// name. A fragment must name exactly one service: a slip must not go out for a service the
    /// frontliner did not mean.
    pub fn named(agency: &Agency, which: &str) -> Result<ServiceChoice, ServiceNotFound> {
        let services = &agency.services;
        let w = which.trim().to_lowercase();
        let found: Vec<usize> = match w.parse::<usize>() {
            Ok(n) if n >= 1 && n <= services.len() => vec![n - 1],
            Ok(_) => Vec::new(),
            Err(_) if w.is_empty() => Vec::new(),
            Err(_) => (0..services.len())
                .filter(|&i| services[i].name.to_lowercase().contains(&w))
                .collect(),
        };
        let numbered = |which: &mut dyn Iterator<Item = usize>| -> Vec<(usize, String)> {
            which.map(|i| (i + 1, services[i].name.clone())).collect()
        };
        match found.as_slice() {
            [i] => Ok(ServiceChoice::One(*i)),
            [_, _, ..] => Err(ServiceNotFound::Ambiguous {
                which: which.to_string(),
                services: numbered(&mut found.iter().copied()),
            }),
            [] => Err(ServiceNotFound::Missing {
                which: which.to_string(),
                agency: agency.display_name().to_string(),
                services: numbered(&mut (0..services.len())),
            }),
        }
    }

    /// The choice a slip starts with: the service already chosen, else the only one, else all
    /// of a few ([`FEW_SERVICES`]); else nothing, and the preview asks.
    pub fn initial(agency: &Agency, chosen: Option<usize>) -> ServiceChoice {
        let n = agency.services.len();
        match chosen.filter(|&i| i < n) {
            Some(i) => ServiceChoice::One(i),
            None if n == 1 => ServiceChoice::One(0),
            None if (2..=FEW_SERVICES).contains(&n) => ServiceChoice::All,
            None => ServiceChoice::Unchosen,
        }
    }

    /// A slip with this choice would lose the procedure: the agency has several services and
    /// none is chosen.
    pub fn missing(self, agency: &Agency) -> bool {
        self == ServiceChoice::Unchosen && agency.services.len() > 1
    }

    /// The next (or previous) choice in the preview's cycle: service 1, 2, …, n, all, 1, …
    /// (no cycle for an agency with fewer than two services).
    pub fn step(self, agency: &Agency, forward: bool) -> ServiceChoice {
        let n = agency.services.len();
        if n < 2 {
            return self;
        }
        // Positions 0..n are the services, n is «all».
        let pos = match self {
            ServiceChoice::One(i) => Some(i.min(n - 1)),
            ServiceChoice::All => Some(n),
            ServiceChoice::Unchosen => None,
        };
        let next = match (pos, forward) {
            (None, true) => 0,
            (None, false) => n,
            (Some(p), true) => (p + 1) % (n + 1),
            (Some(p), false) => (p + n) % (n + 1),
        };
        if next == n {
            ServiceChoice::All
        } else {
            ServiceChoice::One(next)
        }
    }

    /// The service index for the statistics (none for all or none).
    pub fn one(self) -> Option<usize> {
        match self {
            ServiceChoice::One(i) => Some(i),
            _ => None,
        }
    }
}

/// An agency's services as the command line lists them: «1. Name», numbered from 1.
pub fn numbered_services(agency: &Agency, sep: &str) -> String {
    let services = agency.services.iter().enumerate();
    numbered(services.map(|(i, s)| (i + 1, s.name.as_str())), sep)
}

fn numbered<'s>(services: impl Iterator<Item = (usize, &'s str)>, sep: &str) -> String {
    services
        .map(|(n, name)| format!("{n}. {name}"))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A service asked for by number or name (`--service`, `ID:SERVICE`) that names none or several
/// of the agency's. `Display` (logs, `?` at the edges) is English; people read
/// [`ServiceNotFound::message`] in the interface language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum ServiceNotFound {
    /// The fragment is in the names of several services: these, numbered from 1.
    Ambiguous {
        which: String,
        services: Vec<(usize, String)>,
    },
    /// No service has this number or a name holding it; `services` are all the agency has.
    Missing {
        which: String,
        agency: String,
        services: Vec<(usize, String)>,
    },
}

impl ServiceNotFound {
    /// What the user reads, with the services to choose from.
    pub fn message(&self, lang: Lang) -> String {
        let list = |services: &[(usize, String)]| {
            numbered(services.iter().map(|(n, name)| (*n, name.as_str())), "; ")
        };
        match self {
            ServiceNotFound::Ambiguous { which, services } => match lang {
                Lang::Uk => format!(
                    "«{which}» є в назвах кількох послуг — вкажіть номер: {}",
                    list(services)
                ),
                Lang::En => format!(
                    "\"{which}\" is in the names of several services — give the number: {}",
                    list(services)
                ),
            },
            ServiceNotFound::Missing {
                which,
                agency,
                services,
            } => {
                let list = match list(services) {
                    l if !l.is_empty() => l,
                    _ => lang.pick("жодної", "none").to_string(),
                };
                match lang {
                    Lang::Uk => format!("у «{agency}» немає послуги «{which}»; є: {list}"),
                    Lang::En => format!("\"{agency}\" has no service \"{which}\"; it has: {list}"),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture's tax office with `services` services (copies of its first).
    fn agency(services: usize) -> Agency {
        let dir = crate::directory::load_texts(
            &[(
                "agencies.toml",
                include_str!("../../../tests/fixtures/referral/agencies.toml"),
            )],
            &crate::directory::LoadOptions {
                today: jiff::civil::date(2026, 11, 25),
                lang: Lang::Uk,
            },
        );
        let mut a = dir.agency("zt-cop").expect("fixture").clone();
        let first = a.services[0].clone();
        a.services = vec![first; services];
        a
    }

    #[test]
    fn the_initial_choice_is_the_chosen_the_only_or_all_of_a_few_services() {
        use ServiceChoice::*;
        assert_eq!(ServiceChoice::initial(&agency(0), None), Unchosen);
        assert_eq!(ServiceChoice::initial(&agency(1), None), One(0));
        assert_eq!(ServiceChoice::initial(&agency(2), None), All);
        assert_eq!(ServiceChoice::initial(&agency(FEW_SERVICES), None), All);
        assert_eq!(
            ServiceChoice::initial(&agency(FEW_SERVICES + 1), None),
            Unchosen
        );
        assert_eq!(ServiceChoice::initial(&agency(5), Some(3)), One(3));
        // An index that no longer exists chooses nothing rather than a wrong service.
        assert_eq!(ServiceChoice::initial(&agency(5), Some(9)), Unchosen);
        assert!(Unchosen.missing(&agency(2)));
        assert!(!Unchosen.missing(&agency(1)) && !Unchosen.missing(&agency(0)));
        assert!(!All.missing(&agency(5)) && !One(0).missing(&agency(5)));
    }

    #[test]
    fn tab_goes_round_the_services_and_all() {
        use ServiceChoice::*;
        let a = agency(3);
        let mut c = Unchosen;
        let mut seen = Vec::new();
        for _ in 0..5 {
            c = c.step(&a, true);
            seen.push(c);
        }
        assert_eq!(seen, [One(0), One(1), One(2), All, One(0)]);
        assert_eq!(Unchosen.step(&a, false), All);
        assert_eq!(All.step(&a, false), One(2));
        assert_eq!(One(0).step(&a, false), All);
        // Nothing to choose between: Tab changes nothing.
        assert_eq!(One(0).step(&agency(1), true), One(0));
    }

    #[test]
    fn a_number_or_a_fragment_names_one_service_or_says_which_exist() {
        use ServiceChoice::*;
        let mut a = agency(3);
        a.services[1].name = "Реєстрація РНОКПП".into();
        a.services[2].name = "Видача відомостей з реєстру".into();
        assert_eq!(ServiceChoice::named(&a, " 2 "), Ok(One(1)));
        assert_eq!(ServiceChoice::named(&a, "рнокпп"), Ok(One(1)));
        // «ре» is in two names: no guess.
        let two = ServiceChoice::named(&a, "рЕєстр").expect_err("ambiguous");
        let ServiceNotFound::Ambiguous { services, .. } = &two else {
            panic!("{two:?}")
        };
        assert_eq!(services.iter().map(|s| s.0).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(
            two.message(Lang::Uk),
            "«рЕєстр» є в назвах кількох послуг — вкажіть номер: 2. Реєстрація РНОКПП; \
             3. Видача відомостей з реєстру"
        );
        for none in ["4", "0", "  ", "паспорт"] {
            let e = ServiceChoice::named(&a, none).expect_err(none);
            assert!(
                matches!(e, ServiceNotFound::Missing { ref services, .. } if services.len() == 3)
            );
            assert!(e.message(Lang::En).contains("it has: 1. "), "{e}");
        }
        let e = ServiceChoice::named(&agency(0), "1").expect_err("no services");
        assert!(
            e.message(Lang::Uk).ends_with("є: жодної"),
            "{}",
            e.message(Lang::Uk)
        );
    }
}
