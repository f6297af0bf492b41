//! Generates a large, realistic directory in the v1 TOML format, for benchmarks.
//!
//! `cargo run --release --example gen_directory -- --agencies 100000 --out DIR [--seed 42]`
//!
//! Ukrainian vocabulary, realistic field lengths, several services per agency, valid phones
//! and hours (every file loads with zero errors). The same seed gives the same files.

use std::fmt::Write as _;
use std::path::PathBuf;

/// SplitMix64: tiny, fast, deterministic; quality is plenty for picking words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

/// (name, genitive, gender, category, short-name stem)
const KINDS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Центр надання адміністративних послуг",
        "Центру надання адміністративних послуг",
        "m",
        "administrative-services",
        "ЦНАП",
    ),
    (
        "Управління соціального захисту населення",
        "Управління соціального захисту населення",
        "n",
        "social-protection",
        "УСЗН",
    ),
    (
        "Сервісний центр Пенсійного фонду України",
        "Сервісного центру Пенсійного фонду України",
        "m",
        "pension",
        "ПФУ",
    ),
    (
        "Центр обслуговування платників податків",
        "Центру обслуговування платників податків",
        "m",
        "tax",
        "ЦОП ДПС",
    ),
    (
        "Відділ Державної міграційної служби",
        "Відділу Державної міграційної служби",
        "m",
        "migration",
        "ДМС",
    ),
    (
        "Філія обласного центру зайнятості",
        "Філії обласного центру зайнятості",
        "f",
        "employment",
        "Центр зайнятості",
    ),
    (
        "Служба у справах дітей",
        "Служби у справах дітей",
        "f",
        "children",
        "ССД",
    ),
    (
        "Центр соціальних служб",
        "Центру соціальних служб",
        "m",
        "social-services",
        "ЦСС",
    ),
    (
        "Центр первинної медико-санітарної допомоги",
        "Центру первинної медико-санітарної допомоги",
        "m",
        "health",
        "ЦПМСД",
    ),
    (
        "Районне управління поліції",
        "Районного управління поліції",
        "n",
        "police",
        "Поліція",
    ),
    ("Районний суд", "Районного суду", "m", "courts", "Суд"),
    (
        "Відділ державної виконавчої служби",
        "Відділу державної виконавчої служби",
        "m",
        "courts",
        "ДВС",
    ),
    (
        "Державна нотаріальна контора",
        "Державної нотаріальної контори",
        "f",
        "notary",
        "Держнотконтора",
    ),
    (
        "Відділ державної реєстрації актів цивільного стану",
        "Відділу державної реєстрації актів цивільного стану",
        "m",
        "civil-registry",
        "ДРАЦС",
    ),
    (
        "Управляюча компанія житлового господарства",
        "Управляючої компанії житлового господарства",
        "f",
        "housing",
        "УК",
    ),
    (
        "Центр соціальної адаптації",
        "Центру соціальної адаптації",
        "m",
        "rehabilitation",
        "Центр адаптації",
    ),
    (
        "Сектор пробації",
        "Сектору пробації",
        "m",
        "probation",
        "Пробація",
    ),
    (
        "Центр ветеранського розвитку",
        "Центру ветеранського розвитку",
        "m",
        "veterans",
        "Ветеранський центр",
    ),
    (
        "Центр підтримки внутрішньо переміщених осіб",
        "Центру підтримки внутрішньо переміщених осіб",
        "m",
        "idp",
        "Центр ВПО",
    ),
    (
        "Бюро правничої допомоги",
        "Бюро правничої допомоги",
        "n",
        "legal-aid",
        "Бюро БПД",
    ),
];

/// Services per category: (name, topics).
const SERVICES: &[(&str, &str, &[&str])] = &[
    (
        "administrative-services",
        "Оформлення паспорта громадянина України (ID-картки)",
        &["паспорт", "ID-картка", "втратив паспорт"],
    ),
    (
        "administrative-services",
        "Декларування та реєстрація місця проживання",
        &["прописка", "виписатися", "реєстрація місця проживання"],
    ),
    (
        "administrative-services",
        "Прийом заяв на субсидії та пільги",
        &["субсидія", "пільги", "комуналка"],
    ),
    (
        "social-protection",
        "Консультація щодо житлової субсидії та пільг",
        &["субсидія", "пільги", "комуналка"],
    ),
    (
        "social-protection",
        "Встановлення статусу та видача посвідчень",
        &["посвідчення", "статус", "багатодітні"],
    ),
    (
        "social-protection",
        "Допомога малозабезпеченим сім'ям",
        &["малозабезпечені", "допомога", "низький дохід"],
    ),
    (
        "pension",
        "Призначення та перерахунок пенсії",
        &["пенсія", "перерахунок пенсії", "стаж"],
    ),
    (
        "pension",
        "Видача довідки про розмір пенсії",
        &["довідка про пенсію", "ОК-5", "ОК-7"],
    ),
    (
        "tax",
        "Видача відомостей про доходи (довідка про доходи)",
        &["довідка про доходи", "доходи", "ОК-5"],
    ),
    (
        "tax",
        "Реєстрація платника податків і видача картки РНОКПП",
        &["ідентифікаційний код", "РНОКПП", "податковий номер"],
    ),
    (
        "migration",
        "Оформлення паспорта замість втраченого",
        &["втратив паспорт", "відновлення паспорта", "паспорт"],
    ),
    (
        "migration",
        "Оформлення закордонного паспорта",
        &["закордонний паспорт", "біометричний паспорт"],
    ),
    (
        "employment",
        "Реєстрація безробітних і допомога по безробіттю",
        &["стати на облік", "безробіття", "допомога по безробіттю"],
    ),
    (
        "employment",
        "Підбір вакансій і професійне навчання",
        &["робота", "вакансії", "перекваліфікація"],
    ),
    (
        "children",
        "Висновок органу опіки щодо місця проживання дитини",
        &["опіка", "місце проживання дитини"],
    ),
    (
        "social-services",
        "Допомога постраждалим від домашнього насильства",
        &["домашнє насильство", "психолог", "притулок"],
    ),
    (
        "health",
        "Вибір сімейного лікаря і підписання декларації",
        &["сімейний лікар", "декларація з лікарем"],
    ),
    (
        "health",
        "Щеплення дорослих і дітей",
        &["щеплення", "вакцинація"],
    ),
    (
        "police",
        "Прийом заяв про правопорушення",
        &["заява в поліцію", "крадіжка", "шахраї"],
    ),
    (
        "courts",
        "Подання позовних заяв і видача копій рішень",
        &["позов", "аліменти", "розлучення"],
    ),
    (
        "courts",
        "Відкриття виконавчого провадження щодо аліментів",
        &["аліменти", "виконавчий лист", "борг з аліментів"],
    ),
    (
        "notary",
        "Відкриття спадкової справи та посвідчення заповітів",
        &["спадщина", "заповіт", "довіреність"],
    ),
    (
        "civil-registry",
        "Видача повторного свідоцтва про народження, шлюб, смерть",
        &["свідоцтво про народження", "повторне свідоцтво"],
    ),
    (
        "housing",
        "Складення акта обстеження житлових умов",
        &["акт обстеження", "довідка для субсидії"],
    ),
    (
        "rehabilitation",
        "Допомога у відновленні документів після звільнення",
        &["після тюрми", "відновлення документів", "ресоціалізація"],
    ),
    (
        "probation",
        "Постановка на облік осіб з іспитовим строком",
        &["іспитовий строк", "умовний строк", "відмітитися"],
    ),
    (
        "veterans",
        "Супровід щодо статусу учасника бойових дій",
        &["УБД", "ветеран", "пільги ветеранам"],
    ),
    (
        "idp",
        "Консультація щодо довідки ВПО і допомоги на проживання",
        &["довідка ВПО", "переселенці", "допомога на проживання"],
    ),
    (
        "legal-aid",
        "Безоплатна правова консультація",
        &["консультація юриста", "юрист", "безоплатний адвокат"],
    ),
];

const GENERIC_SERVICES: &[(&str, &[&str])] = &[
    (
        "Консультація з питань, що належать до компетенції установи",
        &["консультація", "роз'яснення"],
    ),
    (
        "Прийом письмових звернень громадян",
        &["звернення", "скарга", "заява"],
    ),
    ("Видача довідок і витягів", &["довідка", "витяг"]),
    (
        "Особистий прийом керівника",
        &["прийом керівника", "скарга"],
    ),
];

const LOC_ROOTS: &[&str] = &[
    "Бере",
    "Вишн",
    "Горо",
    "Дуб",
    "Зелен",
    "Кам'ян",
    "Лип",
    "Мали",
    "Нов",
    "Озер",
    "Пол",
    "Рів",
    "Сосн",
    "Тер",
    "Хмел",
    "Черв",
    "Шепет",
    "Яблун",
    "Біл",
    "Вільх",
    "Гай",
    "Дніпр",
    "Жовт",
    "Звени",
    "Ірп",
    "Калин",
    "Любар",
    "Мирон",
    "Ольш",
    "Петр",
    "Радо",
    "Світл",
    "Троїц",
    "Устин",
    "Ходор",
    "Чуд",
    "Щорс",
    "Ясин",
    "Андр",
    "Бород",
    "Ворон",
    "Гнів",
    "Дерев",
    "Єлиз",
    "Журав",
    "Заліс",
];
const LOC_SUFFIXES: &[&str] = &[
    "івка",
    "ичі",
    "ів",
    "ове",
    "ин",
    "ець",
    "опіль",
    "ани",
    "івці",
    "ник",
    "иця",
    "оград",
    "ськ",
    "ани",
    "ище",
    "ївка",
    "ева",
    "ичів",
    "инці",
    "оїзд",
];
const STREETS: &[&str] = &[
    "Шевченка",
    "Незалежності",
    "Соборна",
    "Миру",
    "Грушевського",
    "Героїв України",
    "Київська",
    "Центральна",
    "Садова",
    "Лесі Українки",
    "Франка",
    "Європейська",
    "Шкільна",
    "Вокзальна",
    "Зарічна",
    "Польова",
    "Об’їзна",
    "Мар'янівська",
    "Святослава Ріхтера",
    "Князів Острозьких",
    "Покровська",
    "Небесної Сотні",
    "Гетьмана Мазепи",
    "Пирогова",
    "Театральна",
    "Чуднівська",
];
const STREET_KINDS: &[&str] = &["вул.", "вул.", "вул.", "просп.", "пров.", "бул.", "пл."];
const SURNAMES: &[&str] = &[
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Шевчук",
    "Мельник",
    "Кравченко",
    "Олійник",
    "Поліщук",
    "Лисенко",
    "Руденко",
    "Савчук",
    "Марченко",
    "Мороз",
    "Кушнір",
    "Ярошенко",
    "Литвиненко",
    "Гаврилюк",
    "Кобзар",
    "Пономаренко",
    "Собчук",
    "Дем'янчук",
    "Лук'яненко",
    "Яковенко",
    "Павлюк",
    "Гончар",
    "Семенюк",
    "Кравчук",
    "Андрієнко",
    "Остапчук",
    "Тимошенко",
    "Гуменюк",
    "Федорчук",
    "Карпенко",
    "Білоус",
    "Довгань",
    "Приходько",
    "Сидоренко",
    "Петрук",
    "Нестерук",
];
const FIRST: &[(&str, &str)] = &[
    ("Олександр", "m"),
    ("Андрій", "m"),
    ("Сергій", "m"),
    ("Віталій", "m"),
    ("Петро", "m"),
    ("Ігор", "m"),
    ("Тарас", "m"),
    ("Юрій", "m"),
    ("Оксана", "f"),
    ("Наталія", "f"),
    ("Ірина", "f"),
    ("Олена", "f"),
    ("Тетяна", "f"),
    ("Людмила", "f"),
    ("Марія", "f"),
    ("Вікторія", "f"),
];
const PATRONYMIC: &[(&str, &str)] = &[
    ("Іванович", "Іванівна"),
    ("Петрович", "Петрівна"),
    ("Миколайович", "Миколаївна"),
    ("Олександрович", "Олександрівна"),
    ("Васильович", "Василівна"),
    ("Сергійович", "Сергіївна"),
    ("Андрійович", "Андріївна"),
    ("Вікторович", "Вікторівна"),
];
const TITLES: &[&str] = &[
    "начальник відділу",
    "головний спеціаліст",
    "провідний спеціаліст",
    "адміністратор",
    "юрист",
    "державний реєстратор",
    "інспектор",
];
const DESC_WORDS: &[&str] = &[
    "консультує",
    "приймає",
    "заяви",
    "документи",
    "громадян",
    "щодо",
    "оформлення",
    "видачі",
    "довідок",
    "пільг",
    "допомоги",
    "соціальних",
    "виплат",
    "реєстрації",
    "місця",
    "проживання",
    "особам",
    "з інвалідністю",
    "пенсіонерам",
    "ветеранам",
    "переселенцям",
    "родинам",
    "з дітьми",
    "у складних",
    "життєвих обставинах",
    "безоплатно",
    "за попереднім записом",
    "в порядку черги",
    "надає",
    "роз'яснення",
    "направляє",
    "до",
    "інших",
    "установ",
    "супровід",
    "захист",
    "прав",
];
const HOURS: &[(&str, Option<&str>)] = &[
    ("Пн-Чт 08:00-17:00; Пт 08:00-15:45", Some("13:00-13:45")),
    ("Пн-Пт 09:00-18:00", Some("13:00-14:00")),
    (
        "Пн,Вт,Чт,Пт 08:00-17:00; Ср 08:00-20:00; Сб 08:00-15:00",
        None,
    ),
    ("Пн-Пт 08:00-17:00", Some("12:00-13:00")),
    ("Пн-Чт 08:30-17:30; Пт 08:30-16:15", Some("13:00-13:45")),
];
const MOBILE: &[&str] = &[
    "50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99",
];

fn locality(rng: &mut Rng, i: usize) -> String {
    // Deterministic per index so that many agencies share a locality (~20 per place).
    let mut r = Rng(i as u64 * 7919 + 17);
    let name = format!("{}{}", r.pick(LOC_ROOTS), r.pick(LOC_SUFFIXES));
    let kind = r.below(10);
    let _ = rng;
    match kind {
        0..=4 => name,
        5..=6 => format!("смт {name}"),
        _ => format!("с. {name}"),
    }
}

fn person(rng: &mut Rng, with_phone: bool) -> String {
    let (first, g) = *rng.pick(FIRST);
    let (pm, pf) = *rng.pick(PATRONYMIC);
    let name = format!(
        "{} {first} {}",
        rng.pick(SURNAMES),
        if g == "m" { pm } else { pf }
    );
    let mut s = format!("{{ name = \"{name}\", title = \"{}\"", rng.pick(TITLES));
    if with_phone {
        let _ = write!(s, ", phone = \"{}\"", phone(rng));
    }
    let _ = write!(s, ", room = \"каб. {}\" }}", rng.range(1, 320));
    s
}

fn phone(rng: &mut Rng) -> String {
    if rng.below(3) == 0 {
        format!(
            "+380 {} {:03} {:02} {:02}",
            rng.pick(MOBILE),
            rng.range(200, 999),
            rng.below(100),
            rng.below(100)
        )
    } else {
        format!(
            "+380 44 {:03} {:02} {:02}",
            rng.range(200, 599),
            rng.below(100),
            rng.below(100)
        )
    }
}

fn sentence(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let words = rng.range(lo, hi);
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        let w = *rng.pick(DESC_WORDS);
        s.push_str(w);
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str() + ".",
        None => s,
    }
}

fn agency(rng: &mut Rng, i: usize, out: &mut String) {
    let (kind, genitive, gender, cat, short) = *rng.pick(KINDS);
    let loc = locality(rng, i / 20);
    let bare = loc.trim_start_matches("смт ").trim_start_matches("с. ");
    let _ = writeln!(out, "[[agency]]");
    let _ = writeln!(out, "id = \"a{i:06}\"");
    let _ = writeln!(out, "name = \"{kind} № {} ({bare})\"", i % 97 + 1);
    let _ = writeln!(out, "short_name = \"{short} {bare}\"");
    let _ = writeln!(
        out,
        "name_genitive = \"{genitive} № {} ({bare})\"",
        i % 97 + 1
    );
    let _ = writeln!(out, "gender = \"{gender}\"");
    let _ = writeln!(out, "category = \"{cat}\"");
    let svcs: Vec<&(&str, &str, &[&str])> = SERVICES.iter().filter(|s| s.0 == cat).collect();
    let mut topics: Vec<&str> = svcs.iter().flat_map(|s| s.2.iter().copied()).collect();
    topics.truncate(rng.range(3, 8));
    let t: Vec<String> = topics.iter().map(|t| format!("\"{t}\"")).collect();
    let _ = writeln!(out, "topics = [{}]", t.join(", "));
    let _ = writeln!(out, "description = \"{}\"", sentence(rng, 12, 24));
    let _ = writeln!(out, "locality = \"{loc}\"");
    if rng.below(2) == 0 {
        let _ = writeln!(
            out,
            "district = \"{}ський район\"",
            bare.trim_end_matches(['а', 'е', 'і', 'и', 'ь'])
        );
    }
    let _ = writeln!(
        out,
        "address = \"{} {}, {}, {} поверх\"",
        rng.pick(STREET_KINDS),
        rng.pick(STREETS),
        rng.range(1, 120),
        rng.range(1, 4)
    );
    let _ = writeln!(out, "postcode = \"{:05}\"", rng.range(1000, 99999));
    let phones: Vec<String> = (0..rng.range(1, 3))
        .map(|_| format!("\"{}\"", phone(rng)))
        .collect();
    let _ = writeln!(out, "phones = [{}]", phones.join(", "));
    let _ = writeln!(out, "email = \"office{i}@example.org\"");
    let (hours, lunch) = *rng.pick(HOURS);
    let _ = writeln!(out, "hours = \"{hours}\"");
    if let Some(l) = lunch {
        let _ = writeln!(out, "lunch = \"{l}\"");
    }
    let _ = writeln!(
        out,
        "hours_note = \"під час повітряної тривоги прийом не ведеться\""
    );
    let _ = writeln!(out, "head = {}", person(rng, false));
    let contacts: Vec<String> = (0..rng.range(1, 3)).map(|_| person(rng, true)).collect();
    let _ = writeln!(out, "contacts = [{}]", contacts.join(", "));
    let _ = writeln!(
        out,
        "verified = 2026-{:02}-{:02}",
        rng.range(1, 10),
        rng.range(1, 28)
    );
    match rng.below(100) {
        0 => {
            let _ = writeln!(out, "status = \"temporarily-closed\"");
        }
        1 => {
            let _ = writeln!(out, "status = \"closed\"");
        }
        _ => {}
    }
    let n = rng.range(2, 4);
    for k in 0..n {
        let (name, topics): (&str, &[&str]) = if k < svcs.len() && rng.below(4) != 0 {
            (svcs[k].1, svcs[k].2)
        } else {
            let g = rng.pick(GENERIC_SERVICES);
            (g.0, g.1)
        };
        let _ = writeln!(out, "\n[[agency.service]]");
        let _ = writeln!(out, "name = \"{name}\"");
        let _ = writeln!(out, "description = \"{}\"", sentence(rng, 8, 18));
        let t: Vec<String> = topics.iter().map(|t| format!("\"{t}\"")).collect();
        let _ = writeln!(out, "topics = [{}]", t.join(", "));
        let _ = writeln!(out, "appointment = \"recommended\"");
        let _ = writeln!(
            out,
            "documents = [\"паспорт громадянина України\", \"РНОКПП (ідентифікаційний код)\"]"
        );
        let _ = writeln!(out, "fee = \"безоплатно\"");
    }
    out.push('\n');
}

/// The directory's files as (name, text), `per_file` agencies each.
pub fn generate(agencies: usize, seed: u64, per_file: usize) -> Vec<(String, String)> {
    let mut rng = Rng(seed);
    let mut files = Vec::new();
    for (f, start) in (0..agencies).step_by(per_file.max(1)).enumerate() {
        let mut text = String::with_capacity(per_file * 3500);
        for i in start..(start + per_file).min(agencies) {
            agency(&mut rng, i, &mut text);
        }
        files.push((format!("part-{f:04}.toml"), text));
    }
    files
}

#[allow(dead_code)] // unused when the benches include this file for `generate`
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut agencies = 1000usize;
    let mut out_dir: Option<PathBuf> = None;
    let mut seed = 42u64;
    let mut per_file = 1000usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--agencies" => agencies = val()?.parse()?,
            "--out" => out_dir = Some(PathBuf::from(val()?)),
            "--seed" => seed = val()?.parse()?,
            "--per-file" => per_file = val()?.parse::<usize>()?.max(1),
            _ => {
                return Err(format!(
                    "unknown argument {a}; usage: --agencies N --out DIR [--seed S] [--per-file N]"
                )
                .into());
            }
        }
    }
    let out_dir = out_dir.ok_or("--out DIR is required")?;
    std::fs::create_dir_all(&out_dir)?;
    let mut bytes = 0;
    for (name, text) in generate(agencies, seed, per_file) {
        bytes += text.len();
        std::fs::write(out_dir.join(name), text)?;
    }
    eprintln!(
        "{agencies} agencies, {:.1} MB in {}",
        bytes as f64 / 1e6,
        out_dir.display()
    );
    Ok(())
}
