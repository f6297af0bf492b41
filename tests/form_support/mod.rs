//! Shared set-up for the edit form's tests: a copy of the fixture in a temporary folder, the
//! pension office's form opened on it, and moving and typing as a person would.
#![allow(dead_code)]

use crossterm::event::KeyCode;
use refdesk::directory::{LoadOptions, Severity, load_path};
use refdesk::i18n::Lang;
use refdesk::tui::Harness;
use refdesk::tui::state::{FieldKey, Form, Overlay};
use std::path::PathBuf;

use super::tui_support::{now, settings};

/// A copy of the good fixture in a temporary folder, and a harness whose jobs write there.
pub fn desk(size: (u16, u16)) -> (tempfile::TempDir, Harness) {
    desk_in(Lang::Uk, size)
}

/// [`desk`], the screen in `lang`.
pub fn desk_in(lang: Lang, size: (u16, u16)) -> (tempfile::TempDir, Harness) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    super::tui_support::copy_good_fixture(&data);
    let dir = load_path(&data, &opts());
    let h = Harness::with_data(dir, settings(lang), now(), size, data, None);
    (tmp, h)
}

pub fn opts() -> LoadOptions {
    LoadOptions {
        today: now().date(),
        lang: Lang::Uk,
    }
}

pub fn file(tmp: &tempfile::TempDir, name: &str) -> PathBuf {
    tmp.path().join("data").join(name)
}

/// The pension office's card, then the form.
pub fn open_form(h: &mut Harness) {
    h.type_text("пенсію");
    h.press(KeyCode::Enter);
    h.ctrl('e');
    assert!(form(h).is_some(), "the form opened:\n{}", h.screen());
}

pub fn form(h: &Harness) -> Option<&Form> {
    match h.state.overlays.last() {
        Some(Overlay::Form(f)) => Some(f),
        _ => None,
    }
}

/// Moves the focus to `key` with Tab / Shift-Tab.
pub fn focus(h: &mut Harness, key: FieldKey) {
    let f = form(h).expect("form");
    let want = f.fields.iter().position(|x| x.key == key).expect("field");
    let (from, code) = (
        f.focus,
        if want > f.focus {
            KeyCode::Tab
        } else {
            KeyCode::BackTab
        },
    );
    for _ in 0..want.abs_diff(from) {
        h.press(code);
    }
    assert_eq!(form(h).unwrap().focus, want);
}

/// Replaces the focused field's text as a person would: Ctrl-U, then typing.
pub fn retype(h: &mut Harness, key: FieldKey, text: &str) {
    focus(h, key);
    h.ctrl('u');
    h.type_text(text);
}

/// Types each text into its line, in order.
pub fn fill(h: &mut Harness, lines: &[(FieldKey, &str)]) {
    for (key, text) in lines {
        retype(h, *key, text);
    }
}

/// Ctrl-S on a form with no error: the form closes, saved.
pub fn save_clean(h: &mut Harness) {
    let f = form(h).expect("a form");
    assert!(!f.has_errors(), "{:?}", f.problems);
    h.ctrl('s');
    assert!(form(h).is_none(), "saved:\n{}", h.screen());
}

/// The problems the form shows beside `key`.
pub fn problems_at(h: &Harness, key: FieldKey) -> Vec<(Severity, String)> {
    form(h)
        .unwrap()
        .problems
        .iter()
        .filter(|p| p.field == Some(key))
        .map(|p| (p.severity, p.message.clone()))
        .collect()
}

/// The text of line `key`.
pub fn text_at(f: &Form, key: FieldKey) -> &str {
    f.fields
        .iter()
        .find(|x| x.key == key)
        .unwrap_or_else(|| panic!("{key:?}"))
        .text()
}

/// The screen, the form shown as if its file were at one fixed path: the temporary folder's
/// path differs by run and platform, and a long one wraps (the path is only shown, never used).
pub fn shown(h: &mut Harness, _tmp: &tempfile::TempDir) -> String {
    for o in &mut h.state.overlays {
        if let Overlay::Form(f) = o {
            f.snapshot.path = "/tmp/desk______/data/zhytomyr.toml".into();
        }
    }
    h.render()
}
