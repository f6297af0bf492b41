//! One frame of the screen drawn at 200×60 (performance.md: ≤ 2 ms), on the demo directory with
//! a query typed: the list with highlights and the preview, and the open card.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use refdesk::directory::{LoadOptions, load_demo};
use refdesk::i18n::Lang;
use refdesk::tui::{Harness, Settings, view};

fn frame(c: &mut Criterion) {
    let now = jiff::civil::date(2026, 11, 25).at(10, 30, 0, 0);
    let dir = load_demo(&LoadOptions {
        today: now.date(),
        lang: Lang::Uk,
    });
    let settings = Settings {
        lang: Lang::Uk,
        office: None,
        home_locality: None,
        color: true,
        ..Settings::default()
    };
    let mut h = Harness::new(dir, settings, now, 200, 60);
    h.type_text("довідка");
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    c.bench_function("frame 200x60 list+preview", |b| {
        b.iter(|| {
            term.draw(|f| {
                view::draw(&h.state, f);
            })
            .expect("draw");
        })
    });
    h.press(KeyCode::Enter);
    c.bench_function("frame 200x60 card", |b| {
        b.iter(|| {
            term.draw(|f| {
                view::draw(&h.state, f);
            })
            .expect("draw");
        })
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);
