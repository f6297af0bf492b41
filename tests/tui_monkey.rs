//! A monkey at the keyboard: thousands of random keys, mouse events, pastes, clock ticks and
//! resizes (down to 0×0) through the real update and view. Nothing may panic, the state must
//! stay consistent, and no control character may reach the screen.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use refdesk::directory::Directory;
use refdesk::i18n::Lang;
use refdesk::tui::Harness;
use refdesk::tui::msg::Action;
use refdesk::tui::state::{Overlay, Screen};
use tui_support::*;

/// xorshift64*: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const CHARS: &[char] = &[
    'д', 'о', 'в', 'і', 'к', 'а', ' ', 'l', 'j', 'd', 's', 'r', 'f', '[', ']', 'ї', 'є', 'ґ', 'Ж',
    'Q', 'q', '1', '0', '\'', 'ʼ', '№', '\u{1b}', '\u{7f}', '\t', '😀', '中',
];

fn random_key(r: &mut Rng) -> KeyEvent {
    let code = match r.below(10) {
        0..=3 => KeyCode::Char(r.pick(CHARS)),
        4 => KeyCode::F(r.below(13) as u8),
        _ => r.pick(&[
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Insert,
        ]),
    };
    let mods = r.pick(&[
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    ]);
    // Never quit: the point is to keep going. Quit keys are tested elsewhere.
    match (code, mods) {
        (KeyCode::F(10), _) => KeyEvent::new(KeyCode::F(1), mods),
        (KeyCode::Char(_), m)
            if m.contains(KeyModifiers::CONTROL) && !m.contains(KeyModifiers::ALT) =>
        {
            KeyEvent::new(
                KeyCode::Char(r.pick(&['w', 'u', 'n', 'p', 'j', 'k', 'a', 'e', 'z'])),
                m,
            )
        }
        _ => KeyEvent::new(code, mods),
    }
}

fn random_mouse(r: &mut Rng, (w, h): (u16, u16)) -> MouseEvent {
    let kind = r.pick(&[
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::Moved,
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
    ]);
    MouseEvent {
        kind,
        column: r.below(w as u64 + 3) as u16,
        row: r.below(h as u64 + 3) as u16,
        modifiers: KeyModifiers::NONE,
    }
}

fn random_size(r: &mut Rng) -> (u16, u16) {
    match r.below(4) {
        0 => r.pick(&[
            (0, 0),
            (1, 1),
            (20, 5),
            (19, 4),
            (59, 14),
            (60, 15),
            (99, 30),
            (100, 15),
        ]),
        _ => (r.below(200) as u16, r.below(70) as u16),
    }
}

fn check(h: &mut Harness, step: usize, seed: u64) {
    let s = &h.state;
    let n = s.hits().len();
    assert!(
        n == 0 || s.selected < n,
        "seed {seed} step {step}: selection out of range"
    );
    assert!(
        s.query.cursor() <= s.query.text().chars().count(),
        "seed {seed} step {step}: cursor"
    );
    assert!(
        !s.query.text().chars().any(char::is_control),
        "seed {seed} step {step}: control in query"
    );
    if let Screen::Card(c) = &s.screen {
        assert!(s.dir.agency(&c.agency).is_some());
    }
    if let Some(Overlay::Picker(p)) = s.overlays.last() {
        assert!(p.selected < p.visible().len().max(1));
    }
    let buf = h.render_buffer();
    assert!(
        buf.content
            .iter()
            .all(|c| !c.symbol().chars().any(char::is_control)),
        "seed {seed} step {step}: a control character reached the screen"
    );
}

fn run(mut h: Harness, seed: u64, steps: usize) {
    let mut r = Rng(seed);
    for step in 0..steps {
        match r.below(20) {
            0..=11 => {
                h.key(random_key(&mut r));
            }
            12..=15 => {
                let ev = random_mouse(&mut r, h.state.size);
                h.mouse(ev, r.below(600));
            }
            16 | 17 => {
                let (w, ht) = random_size(&mut r);
                h.resize(w, ht);
            }
            18 => {
                let text: String = (0..r.below(12)).map(|_| r.pick(CHARS)).collect();
                h.act(Action::Paste(text));
            }
            _ => {
                let t = now()
                    .checked_add(jiff::SignedDuration::from_mins(r.below(60 * 24 * 7) as i64))
                    .unwrap();
                h.act(Action::Tick(t));
            }
        }
        check(&mut h, step, seed);
    }
}

#[test]
fn random_input_never_panics_on_the_fixture_directory() {
    for seed in [1, 2, 3, 0x5eed] {
        run(harness(120, 40), seed, 800);
    }
}

#[test]
fn random_input_never_panics_on_a_broken_or_empty_directory() {
    run(
        Harness::new(load("broken", Lang::Uk), settings(Lang::Uk), now(), 80, 24),
        7,
        600,
    );
    run(
        Harness::new(Directory::default(), settings(Lang::En), now(), 40, 12),
        8,
        600,
    );
}
