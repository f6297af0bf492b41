//! The edit form's model («Редагувати», «Нова установа»): one line per field, read from the
//! agency's table in its file (the text as written, not as parsed), the edits the changed
//! lines make, and the check of those edits with the loader's own diagnostics, each put beside
//! the field it is about. Pure: the snapshot is read and the file written by effects.

use crate::directory::{Directory, LoadOptions, Severity, load_texts};
use crate::grammar::{self, Gender};
use crate::i18n::Lang;
use crate::maintain::edit::{self, Edit, FieldValue, Snapshot};
use crate::referral::Card;
use crate::tui::line_input::LineInput;
use crate::tui::msg::AgencyId;
use toml_edit::{DocumentMut, Value};

/// The longest line a field takes.
pub const MAX_FIELD_CHARS: usize = 400;

/// Which field of the agency a line edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKey {
    /// A new agency's id.
    Id,
    Name,
    ShortName,
    Genitive,
    Gender,
    Category,
    Locality,
    Address,
    AddressNote,
    /// Phone `n` as «номер — примітка» (the spreadsheet's way).
    Phone(usize),
    Hours,
    Lunch,
    Reception,
    HeadName,
    HeadTitle,
    ContactName(usize),
    ContactTitle(usize),
    Verified,
    VerifiedBy,
    /// Service `s`'s name, its document `j`, its step `j`.
    ServiceName(usize),
    ServiceDoc(usize, usize),
    ServiceStep(usize, usize),
}

impl FieldKey {
    /// The agency's TOML key the line belongs to.
    pub fn toml_key(self) -> &'static str {
        use FieldKey::*;
        match self {
            Id => "id",
            Name => "name",
            ShortName => "short_name",
            Genitive => "name_genitive",
            Gender => "gender",
            Category => "category",
            Locality => "locality",
            Address => "address",
            AddressNote => "address_note",
            Phone(_) => "phones",
            Hours => "hours",
            Lunch => "lunch",
            Reception => "reception",
            HeadName | HeadTitle => "head",
            ContactName(_) | ContactTitle(_) => "contacts",
            Verified => "verified",
            VerifiedBy => "verified_by",
            ServiceName(_) => "name",
            ServiceDoc(..) => "documents",
            ServiceStep(..) => "steps",
        }
    }

    /// The service the line belongs to; `None` for the agency's own fields.
    pub fn service(self) -> Option<usize> {
        match self {
            FieldKey::ServiceName(s) | FieldKey::ServiceDoc(s, _) | FieldKey::ServiceStep(s, _) => {
                Some(s)
            }
            _ => None,
        }
    }

    /// The line's label: «Телефон 2», «Контакт 1: посада».
    pub fn label(self, lang: Lang) -> String {
        use FieldKey::*;
        let l = |uk: &str, en: &str| lang.pick(uk, en).to_string();
        match self {
            Id => l("Ідентифікатор (id)", "Id"),
            Name => l("Назва", "Name"),
            ShortName => l("Коротка назва", "Short name"),
            Genitive => l("Назва: до кого?", "Name after «до»"),
            Gender => l("Рід (ч/ж/с/мн)", "Gender (m/f/n/pl)"),
            Category => l("Категорія", "Category"),
            Locality => l("Населений пункт", "Locality"),
            Address => l("Адреса", "Address"),
            AddressNote => l("Як знайти", "How to find it"),
            Phone(i) => format!("{} {}", lang.pick("Телефон", "Phone"), i + 1),
            Hours => l("Графік", "Hours"),
            Lunch => l("Перерва", "Lunch break"),
            Reception => l("Прийом", "Reception"),
            HeadName => l("Керівник: ім'я", "Head: name"),
            HeadTitle => l("Керівник: посада", "Head: title"),
            ContactName(i) => format!(
                "{} {}: {}",
                lang.pick("Контакт", "Contact"),
                i + 1,
                lang.pick("ім'я", "name")
            ),
            ContactTitle(i) => {
                format!(
                    "{} {}: {}",
                    lang.pick("Контакт", "Contact"),
                    i + 1,
                    lang.pick("посада", "title")
                )
            }
            Verified => l("Перевірено", "Verified"),
            VerifiedBy => l("Хто перевіряв", "Verified by"),
            ServiceName(s) => format!("{} {}", lang.pick("Послуга", "Service"), s + 1),
            ServiceDoc(s, j) => format!(
                "{} {}: {} {}",
                lang.pick("Послуга", "Service"),
                s + 1,
                lang.pick("документ", "document"),
                j + 1
            ),
            ServiceStep(s, j) => format!(
                "{} {}: {} {}",
                lang.pick("Послуга", "Service"),
                s + 1,
                lang.pick("крок", "step"),
                j + 1
            ),
        }
    }
}

/// One line of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    pub key: FieldKey,
    pub input: LineInput,
    /// The text as read, to tell what changed.
    pub original: String,
}

impl FormField {
    pub(super) fn new(key: FieldKey, text: &str) -> FormField {
        let mut input = LineInput::with_limit(MAX_FIELD_CHARS);
        input.insert(text);
        FormField {
            key,
            input,
            original: text.to_string(),
        }
    }

    pub fn text(&self) -> &str {
        self.input.text()
    }

    pub fn changed(&self) -> bool {
        self.input.text().trim() != self.original.trim()
    }
}

/// A problem the check found, beside its field (`None`: about the entry as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Option<FieldKey>,
    pub severity: Severity,
    pub message: String,
}

/// The edit form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The agency edited; for a new one, what the id line says.
    pub agency: AgencyId,
    pub new: bool,
    /// The file as read when the form opened: the save is refused if it changed since.
    pub snapshot: Snapshot,
    pub fields: Vec<FormField>,
    pub focus: usize,
    pub problems: Vec<FieldProblem>,
    /// The hours as the program reads them, live: «Пн–Пт 09:00–18:00; перерва 13:00–13:45».
    pub parsed_hours: Option<String>,
    pub parsed_reception: Option<String>,
    /// Why the last save did not happen.
    pub refused: Option<String>,
    /// The last save was refused because the file changed on disk: what changed there.
    pub disk: Option<super::DiskChanges>,
    /// The form was opened again on the file as changed on disk, the edits carried over.
    pub merged: Option<super::Merged>,
    /// Esc was pressed once with unsaved changes: a second Esc closes without saving.
    pub confirm_close: bool,
    /// The same for quitting the program.
    pub confirm_quit: bool,
    /// A save is under way.
    pub saving: bool,
    /// What the last key did not do, said at the top of the form (unsaved changes, errors).
    pub notice: Option<String>,
    /// The person tables as written (`{ name = …, phone = … }`), so the parts the form does
    /// not show (phone, room, email) stay when the name or title changes.
    head: Option<String>,
    contacts: Vec<String>,
}

/// A string field of a table.
pub(super) fn text_of(t: &dyn toml_edit::TableLike, key: &str) -> String {
    t.get(key)
        .and_then(|i| i.as_str())
        .unwrap_or_default()
        .to_string()
}

/// A phone as the form writes it: «номер — примітка».
fn phone_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.value().clone(),
        Value::InlineTable(t) => {
            let number = t.get("number").and_then(|n| n.as_str()).unwrap_or_default();
            match t.get("note").and_then(|n| n.as_str()) {
                Some(note) => format!("{number}{}{note}", crate::maintain::sheet::NOTE_SEP),
                None => number.to_string(),
            }
        }
        _ => v.to_string().trim().to_string(),
    }
}

/// «0412 42 61 30 — канцелярія» → (number, note).
fn parse_phone(line: &str) -> (String, Option<String>) {
    match line.split_once(crate::maintain::sheet::NOTE_SEP.trim()) {
        Some((n, note)) if !note.trim().is_empty() => {
            (n.trim().to_string(), Some(note.trim().to_string()))
        }
        Some((n, _)) => (n.trim().to_string(), None),
        None => (line.trim().to_string(), None),
    }
}

/// The gender as written in the file, from what was typed (ч/ж/с/мн or m/f/n/pl).
pub fn gender_code(typed: &str) -> Option<&'static str> {
    let t = typed.trim().to_lowercase();
    let g = match t.trim_end_matches('.') {
        "ч" | "чол" | "чоловічий" | "m" => Gender::Masculine,
        "ж" | "жін" | "жіночий" | "f" => Gender::Feminine,
        "с" | "сер" | "середній" | "n" => Gender::Neuter,
        "мн" | "множина" | "pl" => Gender::Plural,
        _ => return None,
    };
    Some(g.code())
}

/// How the form shows a gender code.
fn gender_text(code: &str) -> String {
    match code {
        "m" => "ч",
        "f" => "ж",
        "n" => "с",
        "pl" => "мн",
        other => other,
    }
    .to_string()
}

/// A date as typed: 2026-11-25 or 25.11.2026.
fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<jiff::civil::Date>() {
        return Some(d);
    }
    let mut p = s.split('.');
    let (d, m, y) = (p.next()?, p.next()?, p.next()?);
    jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

impl Form {
    /// The form for agency `id` in `snapshot` (or, `new`, for a new agency to add to it),
    /// dated `today` for a new one's `verified`.
    pub fn open(
        snapshot: Snapshot,
        id: &str,
        new: bool,
        today: jiff::civil::Date,
    ) -> Result<Form, String> {
        let doc: DocumentMut = snapshot
            .text()
            .trim_start_matches('\u{feff}')
            .parse()
            .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
        let empty = toml_edit::Table::new();
        let table: &dyn toml_edit::TableLike = if new {
            &empty
        } else {
            doc.get("agency")
                .and_then(|a| a.as_array_of_tables())
                .and_then(|a| {
                    a.iter()
                        .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
                })
                .map(|t| t as &dyn toml_edit::TableLike)
                .ok_or_else(|| format!("{id}: not in {}", snapshot.path.display()))?
        };
        use FieldKey::*;
        let mut fields = Vec::new();
        if new {
            fields.push(FormField::new(Id, ""));
        }
        for key in [Name, ShortName, Genitive] {
            fields.push(FormField::new(key, &text_of(table, key.toml_key())));
        }
        fields.push(FormField::new(
            Gender,
            &gender_text(&text_of(table, "gender")),
        ));
        for key in [Category, Locality, Address, AddressNote] {
            fields.push(FormField::new(key, &text_of(table, key.toml_key())));
        }
        let phones: Vec<String> = table
            .get("phones")
            .and_then(|p| p.as_array())
            .map(|a| a.iter().map(phone_text).collect())
            .unwrap_or_default();
        // One empty line more, for a new number.
        for (i, p) in phones
            .iter()
            .chain(std::iter::once(&String::new()))
            .enumerate()
        {
            fields.push(FormField::new(Phone(i), p));
        }
        for key in [Hours, Lunch, Reception] {
            fields.push(FormField::new(key, &text_of(table, key.toml_key())));
        }
        let (head, contacts) = super::form_people::person_fields(table, &mut fields);
        let verified = match table.get("verified") {
            Some(v) => v
                .as_datetime()
                .map(|d| d.to_string())
                .or_else(|| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            None if new => today.to_string(),
            None => String::new(),
        };
        fields.push(FormField::new(Verified, &verified));
        fields.push(FormField::new(VerifiedBy, &text_of(table, "verified_by")));
        fields.extend(super::form_services::service_fields(table));
        if new {
            // A new entry's date is an edit of its own, so it is written.
            if let Some(f) = fields.iter_mut().find(|f| f.key == Verified) {
                f.original.clear();
            }
        }
        Ok(Form {
            agency: id.to_string(),
            new,
            snapshot,
            fields,
            focus: 0,
            problems: Vec::new(),
            parsed_hours: None,
            parsed_reception: None,
            refused: None,
            disk: None,
            merged: None,
            confirm_close: false,
            confirm_quit: false,
            saving: false,
            notice: None,
            head,
            contacts,
        })
    }

    /// The id the edits are for: the agency's, or what a new one's id line says.
    pub fn id(&self) -> String {
        match self.fields.iter().find(|f| f.key == FieldKey::Id) {
            Some(f) => f.text().trim().to_string(),
            None => self.agency.clone(),
        }
    }

    pub fn changed(&self) -> bool {
        self.fields.iter().any(FormField::changed)
    }

    /// A key changed a field: a pending «press again to close» is off, the notice goes.
    pub(super) fn typed(&mut self) {
        self.confirm_close = false;
        self.confirm_quit = false;
        self.notice = None;
    }

    fn field(&self, key: FieldKey) -> Option<&FormField> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The value that the program would derive, shown under the field as a suggestion: the
    /// genitive and the gender from the name's head noun.
    pub fn suggestion(&self, key: FieldKey) -> Option<String> {
        let name = self.field(FieldKey::Name)?.text();
        match key {
            FieldKey::Genitive => grammar::genitive(name),
            FieldKey::Gender => grammar::head_gender(name).map(|g| gender_text(g.code())),
            FieldKey::Id if self.new => {
                Some(crate::maintain::sheet::import::slug(name)).filter(|_| !name.trim().is_empty())
            }
            _ => None,
        }
    }

    /// The edits the changed lines make.
    pub fn edits(&self) -> Vec<Edit> {
        use FieldKey::*;
        let mut out = Vec::new();
        let group_changed = |pred: &dyn Fn(FieldKey) -> bool| {
            self.fields.iter().any(|f| pred(f.key) && f.changed())
        };
        for f in self.fields.iter().filter(|f| f.changed()) {
            let text = f.text().trim();
            if f.key.service().is_some() {
                continue;
            }
            let value = match f.key {
                Id | Phone(_) | HeadName | HeadTitle | ContactName(_) | ContactTitle(_) => continue,
                _ if text.is_empty() => FieldValue::Remove,
                Gender => FieldValue::Text(gender_code(text).unwrap_or(text).to_string()),
                Verified => {
                    parse_date(text).map_or(FieldValue::Text(text.to_string()), FieldValue::Date)
                }
                _ => FieldValue::Text(text.to_string()),
            };
            out.push(Edit::agency(f.key.toml_key(), value));
        }
        if group_changed(&|k| matches!(k, Phone(_))) {
            let phones: Vec<(String, Option<String>)> = self
                .fields
                .iter()
                .filter(|f| matches!(f.key, Phone(_)) && !f.text().trim().is_empty())
                .map(|f| parse_phone(f.text()))
                .collect();
            let value = if phones.is_empty() {
                FieldValue::Remove
            } else {
                edit::phones_value(&phones)
            };
            out.push(Edit::agency("phones", value));
        }
        if group_changed(&|k| matches!(k, HeadName | HeadTitle)) {
            let value = self
                .person(self.head.as_deref(), HeadName, HeadTitle)
                .map_or(FieldValue::Remove, FieldValue::Toml);
            out.push(Edit::agency("head", value));
        }
        if group_changed(&|k| matches!(k, ContactName(_) | ContactTitle(_))) {
            let mut a = toml_edit::Array::new();
            for i in 0..=self.contacts.len() {
                if let Some(p) = self.person(
                    self.contacts.get(i).map(String::as_str),
                    ContactName(i),
                    ContactTitle(i),
                ) {
                    a.push(p);
                }
            }
            let value = if a.is_empty() {
                FieldValue::Remove
            } else {
                FieldValue::Toml(Value::Array(a))
            };
            out.push(Edit::agency("contacts", value));
        }
        out.extend(super::form_services::service_edits(&self.fields));
        out
    }

    /// A person from its name and title lines, over the table as written (its other parts
    /// kept); `None` when both lines are empty.
    fn person(&self, source: Option<&str>, name: FieldKey, title: FieldKey) -> Option<Value> {
        let name = self.field(name)?.text().trim().to_string();
        let title = self.field(title)?.text().trim().to_string();
        if name.is_empty() && title.is_empty() {
            return None;
        }
        let mut t = source
            .and_then(|s| s.parse::<Value>().ok())
            .and_then(|v| v.as_inline_table().cloned())
            .unwrap_or_default();
        t.insert("name", name.into());
        if title.is_empty() {
            t.remove("title");
        } else {
            t.insert("title", title.into());
        }
        t.fmt();
        Some(Value::InlineTable(t))
    }

    /// Checks the edits as `validate` would (the file with them applied, loaded on its own)
    /// and puts each problem beside its field; `known` is the directory on screen, which
    /// knows the categories declared in the other files.
    pub fn check(&mut self, known: &Directory, opts: &LoadOptions) {
        let id = self.id();
        let edits = self.edits();
        let applied = if self.new {
            edit::apply_new(&self.snapshot, &id, &edits)
        } else {
            edit::apply(&self.snapshot, &id, &edits)
        };
        self.parsed_hours = None;
        self.parsed_reception = None;
        let text = match applied {
            Ok(t) => t,
            Err(e) => {
                self.problems = vec![FieldProblem {
                    field: None,
                    severity: Severity::Error,
                    message: e.message(opts.lang),
                }];
                return;
            }
        };
        let name = self.snapshot.path.display().to_string();
        let checked = load_texts(&[(name.as_str(), text.as_str())], opts);
        let lines: Vec<&str> = text.lines().collect();
        let category = self
            .field(FieldKey::Category)
            .map(|f| f.text().trim().to_string());
        self.problems = checked
            .diagnostics
            .iter()
            .filter(|d| {
                d.agency.as_deref() == Some(id.as_str()) || (self.new && d.agency.is_none())
            })
            // A category another file declares is known to the directory on screen.
            .filter(|d| {
                !(d.code == "unknown-category"
                    && category
                        .as_deref()
                        .is_some_and(|c| known.category(c).is_some()))
            })
            .map(|d| {
                let (service, key) = super::form_services::place(&lines, d.line);
                // A missing field is reported at its table's header, naming it in quotes.
                let key = key.or_else(|| self.quoted_key(&d.message));
                (d, key.and_then(|k| self.first_field_of(service, k)))
            })
            .map(|(d, field)| FieldProblem {
                field,
                severity: d.severity,
                message: crate::sanitize::line(&d.message),
            })
            .collect();
        if let Some(a) = checked.agency(&id) {
            let card = Card::new(&checked, a, opts.lang);
            self.parsed_hours = Some(card.hours_line());
            self.parsed_reception = card.reception_line();
        } else {
            // The entry is left out for an error elsewhere: the hours are still read on
            // their own, joined as the card joins them.
            self.parse_hours_alone(opts.lang);
        }
    }

    /// The hours, lunch and reception lines read one by one, when the entry as a whole is not.
    fn parse_hours_alone(&mut self, lang: Lang) {
        let text = |k| {
            self.field(k)
                .map(|f| f.text().trim().to_string())
                .unwrap_or_default()
        };
        let (hours, lunch, reception) = (
            text(FieldKey::Hours),
            text(FieldKey::Lunch),
            text(FieldKey::Reception),
        );
        self.parsed_hours = crate::hours::parse(&hours).ok().map(|h| {
            let mut s = h.display(lang);
            if let Ok(l) = crate::hours::parse_lunch(&lunch) {
                s.push_str(&format!(
                    "; {} {}",
                    lang.pick("перерва", "break"),
                    l.display()
                ));
            }
            s
        });
        self.parsed_reception = crate::hours::parse(&reception)
            .ok()
            .map(|h| h.display(lang));
    }

    /// The first of the form's keys that `message` names in quotes (`"name"`).
    fn quoted_key(&self, message: &str) -> Option<&'static str> {
        self.fields
            .iter()
            .map(|f| f.key.toml_key())
            .find(|k| message.contains(&format!("\"{k}\"")))
    }

    /// The first line of the form that edits TOML key `key` of service `service` (or of the
    /// agency itself).
    fn first_field_of(&self, service: Option<usize>, key: &str) -> Option<FieldKey> {
        self.fields
            .iter()
            .map(|f| f.key)
            .find(|k| k.service() == service && k.toml_key() == key)
    }

    /// Whether a problem stops the save.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_genders_read_as_typed() {
        assert_eq!(
            parse_phone("0412 42 61 30 — канцелярія"),
            ("0412 42 61 30".into(), Some("канцелярія".into()))
        );
        assert_eq!(
            parse_phone(" 0 800 501 007 "),
            ("0 800 501 007".into(), None)
        );
        assert_eq!(gender_code("Ж"), Some("f"));
        assert_eq!(gender_code("мн."), Some("pl"));
        assert_eq!(gender_code("щось"), None);
        assert_eq!(
            parse_date("25.11.2026"),
            Some(jiff::civil::date(2026, 11, 25))
        );
    }
}
