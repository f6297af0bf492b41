//! The statistics window (F9): this month's referrals by category.

use super::text::{clean, truncate, width, wrap_field};
use super::theme::Theme;
use crate::i18n;
use crate::stats::{self, How};
use crate::tui::state::{State, StatsView};
use crate::tui::strings::{self, Msg};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub(super) fn stats_lines(state: &State, v: &StatsView, w: u16, t: Theme) -> Vec<Line<'static>> {
    let lang = state.lang();
    let wu = w as usize;
    let mut out = Vec::new();
    let contents = match v {
        StatsView::Loading => {
            out.push(Line::styled(Msg::StatsLoading.text(lang), t.dim()));
            return out;
        }
        StatsView::Failed(e) => {
            wrap_field(
                &mut out,
                Some(Msg::StatsFailed.text(lang)),
                e,
                t.warn(),
                Style::new(),
                w,
                0,
                2,
            );
            return out;
        }
        StatsView::Loaded(c) => c,
    };
    let today = state.now.date();
    let bars = stats::month_by_category(&contents.records, &state.dir, today, lang);
    if bars.is_empty() {
        out.push(Line::styled(Msg::StatsEmpty.text(lang), t.bold()));
    } else {
        let (from, to) = stats::month_bounds(today);
        let month: Vec<&stats::Record> = contents
            .records
            .iter()
            .filter(|r| (from..=to).contains(&r.at.date()))
            .collect();
        let by = |h: How| month.iter().filter(|r| r.how == h).count() as u64;
        let total: u64 = bars.iter().map(|b| b.count).sum();
        out.push(Line::from(vec![
            Span::styled(format!("{}: ", Msg::StatsTotal.text(lang)), t.bold()),
            Span::styled(
                strings::count(lang, i18n::REFERRAL, total as usize),
                t.bold(),
            ),
        ]));
        out.push(Line::styled(
            truncate(
                &strings::how_counts(lang, by(How::Printed), by(How::Copied), by(How::Read)),
                wu,
            ),
            t.dim(),
        ));
        out.push(Line::default());
        let max = bars.iter().map(|b| b.count).max().unwrap_or(1).max(1);
        let num_w = max.to_string().len();
        let label_w = bars
            .iter()
            .map(|b| width(&b.label))
            .max()
            .unwrap_or(0)
            .min(wu / 2);
        let bar_room = wu.saturating_sub(label_w + 2 + num_w + 1);
        for b in &bars {
            let label = truncate(&clean(&b.label), label_w);
            let pad = label_w.saturating_sub(width(&label));
            // At least one block for any count, so a category with one referral is seen.
            let n = ((b.count as usize * bar_room) / max as usize)
                .max(1)
                .min(bar_room);
            out.push(Line::from(vec![
                Span::raw(format!("{label}{}  ", " ".repeat(pad))),
                Span::styled("█".repeat(n), t.accent()),
                Span::raw(format!(" {}", b.count)),
            ]));
        }
    }
    if !contents.damaged.is_empty() {
        out.push(Line::default());
        out.push(Line::styled(
            truncate(&strings::damaged_records(lang, contents.damaged.len()), wu),
            t.caution(),
        ));
    }
    out
}
