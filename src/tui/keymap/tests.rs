use super::*;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn no_plain_printable_key_is_bound() {
    for b in BINDINGS {
        if let KeyCode::Char(_) = b.key.code {
            assert!(
                b.key.mods.contains(KeyModifiers::CONTROL),
                "{:?} is a plain letter",
                b.key
            );
        }
    }
}

#[test]
fn f11_stays_free_and_the_referral_keys_are_bound() {
    assert!(all_keys_for_code(KeyCode::F(11)).is_empty(), "F11 is bound");
    assert_eq!(all_keys_for_code(KeyCode::F(9)), [Command::Stats]);
    assert_eq!(all_keys_for_code(KeyCode::F(12)), [Command::MarkReferred]);
    let ctrl_r = press(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(lookup(Scope::Card, &ctrl_r), Some(Command::MarkReferred));
    assert_eq!(
        keys_for(Command::MarkReferred, Scope::List)
            .map(key_label)
            .next()
            .as_deref(),
        Some("Ctrl-R")
    );
}

#[test]
fn the_print_preview_takes_letters_tab_chooses_the_service_f2_the_output() {
    let tab = press(KeyCode::Tab, KeyModifiers::NONE);
    let back_tab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
    // Tab means «service» wherever a service is chosen, the same as on the card.
    for scope in [Scope::Preview, Scope::Card] {
        assert_eq!(lookup(scope, &tab), Some(Command::NextService));
        assert_eq!(lookup(scope, &back_tab), Some(Command::PrevService));
    }
    let f2 = press(KeyCode::F(2), KeyModifiers::NONE);
    assert_eq!(lookup(Scope::Card, &f2), Some(Command::Print));
    assert_eq!(lookup(Scope::Preview, &f2), Some(Command::NextOutput));
    let enter = press(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(lookup(Scope::Preview, &enter), Some(Command::Open));
    for c in ['т', 'T', 'ʼ', ' '] {
        assert_eq!(
            lookup(Scope::Preview, &press(KeyCode::Char(c), KeyModifiers::NONE)),
            None
        );
    }
}

#[test]
fn ctrl_l_is_the_next_visitor_in_every_scope_and_nothing_else() {
    assert_eq!(
        all_keys_for_code(KeyCode::Char('l')),
        [Command::NextVisitor]
    );
    for scope in ALL {
        for ev in [
            press(KeyCode::Char('l'), KeyModifiers::CONTROL),
            // Caps Lock, or a terminal that reports the shifted letter.
            press(KeyCode::Char('L'), KeyModifiers::CONTROL),
        ] {
            assert_eq!(lookup(*scope, &ev), Some(Command::NextVisitor), "{scope:?}");
            assert_eq!(typed_char(&ev), None, "Ctrl-L is never typed");
        }
    }
    assert_eq!(
        keys_for(Command::NextVisitor, Scope::Preview)
            .map(key_label)
            .collect::<Vec<_>>(),
        ["Ctrl-L"]
    );
}

#[test]
fn every_command_is_in_the_help() {
    for b in BINDINGS {
        assert!(
            HELP_GROUPS.iter().any(|(_, cs)| cs.contains(&b.command)),
            "{:?} is missing from the help",
            b.command
        );
    }
}

fn all_keys_for_code(code: KeyCode) -> Vec<Command> {
    BINDINGS
        .iter()
        .filter(|b| b.key.code == code)
        .map(|b| b.command)
        .collect()
}

#[test]
fn no_key_is_bound_twice_in_one_scope() {
    for (i, a) in BINDINGS.iter().enumerate() {
        for b in &BINDINGS[i + 1..] {
            if a.key == b.key {
                assert!(
                    !a.scopes.iter().any(|s| b.scopes.contains(s)),
                    "{:?} bound to {:?} and {:?}",
                    a.key,
                    a.command,
                    b.command
                );
            }
        }
    }
}

#[test]
fn quit_keys_work_everywhere() {
    for scope in ALL {
        for key in [
            press(KeyCode::F(10), KeyModifiers::NONE),
            press(KeyCode::Char('q'), KeyModifiers::CONTROL),
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            press(
                KeyCode::Char('C'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT,
            ),
        ] {
            assert_eq!(
                lookup(*scope, &key),
                Some(Command::Quit),
                "{scope:?} {key:?}"
            );
        }
    }
}

#[test]
fn letters_are_typed_not_looked_up() {
    for c in ['q', 'j', 'ї', 'Ґ', '1', ' '] {
        let ev = press(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(lookup(Scope::List, &ev), None);
        assert_eq!(typed_char(&ev), Some(c));
    }
    let shifted = press(KeyCode::Char('Д'), KeyModifiers::SHIFT);
    assert_eq!(typed_char(&shifted), Some('Д'));
    let ctrl_w = press(KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(typed_char(&ctrl_w), None);
    assert_eq!(lookup(Scope::List, &ctrl_w), Some(Command::DeleteWord));
}

#[test]
fn reverse_map_gives_the_hint_key() {
    assert_eq!(
        keys_for(Command::Quit, Scope::List)
            .map(key_label)
            .collect::<Vec<_>>(),
        ["F10", "Ctrl-Q", "Ctrl-C"]
    );
    assert_eq!(
        keys_for(Command::PrevService, Scope::Card)
            .map(key_label)
            .next()
            .as_deref(),
        Some("Shift-Tab")
    );
}

#[test]
fn every_hint_has_a_key_in_its_scope() {
    for scope in ALL {
        for (c, _) in hint_commands(*scope) {
            assert!(
                keys_for(*c, *scope).next().is_some(),
                "{c:?} has no key in {scope:?}"
            );
        }
    }
}
