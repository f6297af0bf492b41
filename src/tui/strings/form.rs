//! The edit form's texts beyond the fixed phrases in [`super::Msg`]: a save refused because
//! the file changed on disk, what changed there field by field, the merge, and the choice lists.

use crate::i18n::{Lang, Noun};

/// «1 поле», «2 поля», «5 полів».
const FIELD: Noun = Noun {
    uk: ["поле", "поля", "полів"],
    en: ["field", "fields"],
};

/// A value as quoted in a change: «…», or «(порожньо)» for none.
fn quoted(lang: Lang, v: &str) -> String {
    if v.trim().is_empty() {
        lang.pick("(порожньо)", "(empty)").to_string()
    } else {
        format!("«{}»", v.trim())
    }
}

/// The heading of a save refused because the file changed on disk meanwhile.
pub fn changed_on_disk(lang: Lang) -> &'static str {
    lang.pick(
        "Не збережено: файл змінився на диску, відколи відкрито форму (інше робоче місце, \
         редактор чи git). Нічого не записано, ваші зміни лишаються у формі.",
        "Not saved: the file changed on disk since the form opened (another desk, an editor or \
         git). Nothing was written; your changes stay in the form.",
    )
}

/// «Що змінилося на диску:» — the list of changed fields follows.
pub fn what_changed(lang: Lang) -> &'static str {
    lang.pick("Що змінилося на диску:", "What changed on disk:")
}

/// One changed field: «Телефон 1: було «…», тепер «…»; ви ввели «…»».
pub fn field_change(
    lang: Lang,
    label: &str,
    before: &str,
    now: &str,
    mine: Option<&str>,
) -> String {
    let mut s = format!(
        "{label}: {} {}, {} {}",
        lang.pick("було", "was"),
        quoted(lang, before),
        lang.pick("тепер", "now"),
        quoted(lang, now)
    );
    if let Some(m) = mine {
        s.push_str(&format!(
            "; {} {}",
            lang.pick("ви ввели", "you typed"),
            quoted(lang, m)
        ));
    }
    s
}

/// Fields changed on disk that the form has no line for.
pub fn other_fields(lang: Lang, keys: &[String]) -> String {
    format!(
        "{}: {}",
        lang.pick("інші поля у файлі", "other fields in the file"),
        keys.join(", ")
    )
}

/// No field of this entry changed: another entry of the same file did.
pub fn other_entries(lang: Lang) -> &'static str {
    lang.pick(
        "у цьому записі нічого не змінилося — змінено інші записи того самого файлу",
        "nothing in this entry changed — other entries of the same file did",
    )
}

/// The way on after the refusal.
pub fn merge_offer(lang: Lang) -> &'static str {
    lang.pick(
        "Ctrl-R — узяти версію з диска й перенести на неї ваші зміни, потім перевірити й \
         зберегти (Ctrl-S). Можна й далі редагувати; Esc двічі — закрити без збереження.",
        "Ctrl-R takes the version on disk and carries your changes over onto it; then check \
         and save (Ctrl-S). You can also keep editing; Esc twice closes without saving.",
    )
}

/// The entry is gone from the file on disk: nothing to merge into.
pub fn entry_gone(lang: Lang) -> &'static str {
    lang.pick(
        "Цієї установи у файлі на диску вже немає (запис вилучено чи змінено його id), тож \
         перенести ваші зміни нікуди. Вони лишаються у формі, доки ви її не закриєте.",
        "This agency is no longer in the file on disk (the entry was removed or its id \
         changed), so there is nothing to carry your changes onto. They stay in the form \
         until you close it.",
    )
}

/// The file on disk is not valid TOML now: nothing to merge into until it is fixed.
pub fn unreadable(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Uk => format!(
            "Файл на диску тепер не є правильним TOML ({why}) — хтось, мабуть, саме його \
             редагує. Коли файл виправлять (refdesk validate), збережіть ще раз і натисніть \
             Ctrl-R; ваші зміни лишаються у формі."
        ),
        Lang::En => format!(
            "The file on disk is not valid TOML now ({why}) — someone is probably editing it. \
             Once it is fixed (refdesk validate), save again and press Ctrl-R; your changes \
             stay in the form."
        ),
    }
}

/// After the merge: how many fields were carried over.
pub fn merged(lang: Lang, carried: usize) -> String {
    match lang {
        Lang::Uk => format!(
            "Узято версію з диска й перенесено ваші зміни ({}). Перевірте їх і збережіть \
             (Ctrl-S).",
            FIELD.count(lang, carried as u64)
        ),
        Lang::En => format!(
            "The version on disk was taken and your changes carried over ({}). Check them and \
             save (Ctrl-S).",
            FIELD.count(lang, carried as u64)
        ),
    }
}

/// After the merge: the fields both sides changed.
pub fn conflicts(lang: Lang, labels: &[String]) -> String {
    format!(
        "{}: {}",
        lang.pick(
            "Ці поля змінили і ви, і на диску — лишилося ваше значення, значення з диска \
             показано під полем",
            "Both you and the disk changed these fields — your value stays, the one from \
             disk is shown under the field"
        ),
        labels.join(", ")
    )
}

/// Under a field both sides changed: the disk's value the user's replaces.
pub fn on_disk_was(lang: Lang, theirs: &str) -> String {
    format!(
        "{}: {}",
        lang.pick("на диску", "on disk"),
        quoted(lang, theirs)
    )
}

/// Ctrl-R with nothing to merge.
pub fn nothing_to_merge(lang: Lang) -> &'static str {
    lang.pick(
        "нема чого переносити: Ctrl-R діє, коли збереження не вдалося через зміни на диску",
        "nothing to carry over: Ctrl-R works when a save was refused for changes on disk",
    )
}

/// Under a focused choice line: the words it takes.
pub fn choice_words(lang: Lang, words: &[&str]) -> String {
    format!(
        "{}: {} (F3 — {})",
        lang.pick("варіанти", "choices"),
        words.join(", "),
        lang.pick("вибрати зі списку", "pick from a list")
    )
}

/// Under a focused line whose values the directory knows.
pub fn pick_from_directory(lang: Lang) -> &'static str {
    lang.pick(
        "F3 — вибрати з тих, що вже є в довіднику",
        "F3: pick from those already in the directory",
    )
}

/// A new agency's id that another file of the directory already has.
pub fn id_taken(lang: Lang, id: &str, file: &str) -> String {
    let file = crate::sanitize::line(file);
    match lang {
        Lang::Uk => format!("установа з id «{id}» у довіднику вже є ({file}) — виберіть інший id"),
        Lang::En => {
            format!(
                "an agency with id \"{id}\" is already in the directory ({file}) — choose another id"
            )
        }
    }
}

/// F3 on a line whose values are free text.
pub fn free_line(lang: Lang) -> &'static str {
    lang.pick(
        "у цьому полі вибирати нема з чого — впишіть значення",
        "this line has no list to pick from — type the value",
    )
}

/// F3 on a line whose list is empty (a directory with no topics yet).
pub fn no_choices(lang: Lang) -> &'static str {
    lang.pick(
        "у довіднику ще немає значень для цього поля — впишіть своє",
        "the directory has no values for this line yet — type one",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_merge_counts_fields_with_the_right_plural() {
        assert!(merged(Lang::Uk, 1).contains("(1 поле)"));
        assert!(merged(Lang::Uk, 3).contains("(3 поля)"));
        assert!(merged(Lang::Uk, 11).contains("(11 полів)"));
        assert!(merged(Lang::En, 1).contains("(1 field)"));
        assert_eq!(
            field_change(Lang::Uk, "Адреса", "вул. А, 1", "", Some("вул. Б, 2")),
            "Адреса: було «вул. А, 1», тепер (порожньо); ви ввели «вул. Б, 2»"
        );
    }
}
