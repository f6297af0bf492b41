//! The plan's slip as a PDF: the header, then each step as one block — kept on one page when
//! it fits one — with the agency's own QR code beside the step's first lines, then the
//! office's footer. The type shrinks (as for a single slip) to keep the plan on one page when
//! it can.

use super::{
    Geometry, Item, Laid, MM, Matrix, Metrics, Op, Pages, QR_GOOD_MODULE, QR_MIN_MODULE,
    QR_MIN_SIDE, QR_QUIET, Row, fitted, metrics, rows,
};
use crate::referral::plan::slip::PlanSlip;
use crate::referral::slip::Paper;
use crate::referral::{qr, vcard};

/// The plan's slip as PDF bytes.
pub fn render_plan(plan: &PlanSlip, paper: Paper) -> Result<Vec<u8>, super::PdfError> {
    lay_out_plan(plan, paper)?.to_pdf("Направлення")
}

/// Lays the plan's slip out on `paper`, one page when it fits.
pub fn lay_out_plan(plan: &PlanSlip, paper: Paper) -> Result<Laid, super::PdfError> {
    let g = Geometry::of(paper);
    let m = metrics().ok_or(super::PdfError::Font)?;
    // Beside a step there is room for a small code: the minimal vCard (name, address, a
    // phone) keeps its modules large enough to scan.
    let matrices: Vec<Option<Matrix>> = plan
        .steps
        .iter()
        .map(|s| {
            let data = vcard::minimal_from(s.qr.as_deref()?);
            qr::encode(&data).ok()
        })
        .collect();
    let pages = fitted(for_plans(g), |g| layout(plan, g, m, &matrices));
    Ok(Laid {
        paper,
        pages,
        codes: matrices,
    })
}

/// A plan is several slips' worth of text: to keep it on one sheet it may shrink to the
/// smallest type any slip uses (A6's), still easy to read on paper.
fn for_plans(g: Geometry) -> Geometry {
    Geometry {
        min_size: g.min_size.min(Geometry::of(Paper::A6).min_size),
        ..g
    }
}

/// The side of a step's code on this page, or `None` when it cannot be drawn at a module a
/// phone reads while leaving the step's text at least half the column.
fn side(code: &Matrix, g: Geometry) -> Option<f32> {
    let modules = code.width() as f32;
    let side = (modules * QR_GOOD_MODULE).clamp(QR_MIN_SIDE, g.qr_max * 0.75);
    (side / modules >= QR_MIN_MODULE && side * 2.0 <= g.content()).then_some(side)
}

fn layout(plan: &PlanSlip, g: Geometry, m: &Metrics, codes: &[Option<Matrix>]) -> Vec<Vec<Op>> {
    let items = &plan.slip.items;
    let mut p = Pages::new(g);
    let mut at = 0;
    for (k, step) in plan.steps.iter().enumerate() {
        flow(&mut p, &items[at..step.items.start], m);
        let side = codes.get(k).and_then(Option::as_ref).and_then(|c| {
            let s = side(c, g)?;
            Some((s, (QR_QUIET * s / c.width() as f32).max(g.size)))
        });
        block(&mut p, &items[step.items.clone()], m, side, k);
        at = step.items.end;
    }
    flow(&mut p, &items[at..], m);
    p.pages
}

/// Items that flow down the page, each kept whole, «Візьміть із собою:» with its first box.
fn flow(p: &mut Pages, items: &[Item], m: &Metrics) {
    let g = p.g;
    for (k, item) in items.iter().enumerate() {
        let item_rows = rows(item, g, m);
        let mut keep: f32 = item_rows.iter().map(|r| r.h).sum();
        if matches!(item, Item::Heading(_))
            && let Some(next @ Item::Check(_)) = items.get(k + 1)
        {
            keep += rows(next, g, m).iter().map(|r| r.h).sum::<f32>();
        }
        p.ensure(keep);
        put(p, item_rows);
    }
}

fn put(p: &mut Pages, item_rows: Vec<Row>) {
    for row in item_rows {
        p.ensure(row.h);
        for op in row.ops {
            p.push(op.shifted(p.y));
        }
        p.y += row.h;
    }
}

/// One step: never split between pages unless it is taller than a page. Its code (`side`,
/// `gap` to the text) sits at the top right; the lines beside it are set in the narrower
/// column, the rest in the full one.
fn block(p: &mut Pages, items: &[Item], m: &Metrics, side: Option<(f32, f32)>, code: usize) {
    let g = p.g;
    let mut set: Vec<Row> = Vec::new();
    let mut h = 0.0;
    for item in items {
        let geometry = match side {
            Some((s, gap)) if h < s + gap => Geometry {
                width: g.width - s - gap,
                ..g
            },
            _ => g,
        };
        for r in rows(item, geometry, m) {
            h += r.h;
            set.push(r);
        }
    }
    let tall = side.map_or(0.0, |(s, gap)| s + gap * 0.5);
    p.ensure(h.max(tall));
    let top = p.y;
    if let Some((s, _)) = side {
        p.push(Op::Qr {
            x: g.width - g.margin - s,
            y: top + 0.5 * MM,
            side: s,
            code,
        });
    }
    put(p, set);
    p.y = p.y.max(top + tall);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{LoadOptions, load_demo};
    use crate::i18n::Lang;
    use crate::referral::card::ServiceChoice;
    use crate::referral::plan::{Plan, Target, resolve, slip::build};
    use crate::referral::slip::{IssuingOffice, SlipContext};

    fn laid_out(ids: &[&str], paper: Paper) -> (PlanSlip, Vec<Vec<Op>>) {
        let d = load_demo(&LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::Uk,
        });
        let mut p = Plan::new();
        for id in ids {
            p.add(Target::new(*id, ServiceChoice::One(0)));
        }
        p.add_return();
        let (steps, missing) = resolve(&p, &d, Lang::Uk);
        assert!(missing.is_empty(), "{missing:?}");
        let ctx = SlipContext {
            office: IssuingOffice {
                name: "Бюро".into(),
                address: Some("вул. Київська, 1".into()),
                phone: None,
            },
            date: jiff::civil::date(2026, 11, 25),
            for_name: None,
            width: 48,
        };
        let plan = build(&steps, &ctx);
        let m = metrics().expect("fonts");
        let codes: Vec<Option<Matrix>> = plan
            .steps
            .iter()
            .map(|s| qr::encode(&vcard::minimal_from(s.qr.as_deref()?)).ok())
            .collect();
        let pages = fitted(for_plans(Geometry::of(paper)), |g| {
            layout(&plan, g, m, &codes)
        });
        (plan, pages)
    }

    /// The page each text line of the step's items is drawn on.
    fn pages_of(pages: &[Vec<Op>], needle: &str) -> Vec<usize> {
        pages
            .iter()
            .enumerate()
            .flat_map(|(i, ops)| {
                ops.iter()
                    .filter(move |o| matches!(o, Op::Text { text, .. } if text.contains(needle)))
                    .map(move |_| i)
            })
            .collect()
    }

    #[test]
    fn a_step_is_never_split_between_pages_and_each_agency_has_its_code() {
        let ids = [
            "zt-resocializacia",
            "zt-dms",
            "zt-dps-cop",
            "zt-pfu-sc",
            "zt-cnap",
            "zt-dracs",
        ];
        let (plan, pages) = laid_out(&ids, Paper::A6);
        assert!(pages.len() > 2, "six steps fill several A6 pages");
        for step in 1..=ids.len() + 1 {
            let head = pages_of(&pages, &format!("КРОК {step}"));
            assert_eq!(head.len(), 1, "step {step}");
            // The step's last line is «Дані перевірено …» (an agency) or the office.
            let next_head = pages_of(&pages, &format!("КРОК {}", step + 1));
            let after = next_head.first().copied().unwrap_or(pages.len() - 1);
            assert!(after >= head[0], "step {step} order");
        }
        // Each agency step's own last line is on its heading's page.
        let verified: Vec<usize> = pages_of(&pages, "Дані перевірено");
        assert_eq!(verified.len(), ids.len());
        for (k, page) in verified.iter().enumerate() {
            assert_eq!(
                pages_of(&pages, &format!("КРОК {}", k + 1))[0],
                *page,
                "step {} split",
                k + 1
            );
        }
        let codes: Vec<usize> = pages
            .iter()
            .flatten()
            .filter_map(|o| match o {
                Op::Qr { code, .. } => Some(*code),
                _ => None,
            })
            .collect();
        assert_eq!(codes, (0..ids.len()).collect::<Vec<_>>());
        assert_eq!(plan.steps.len(), ids.len() + 1);
    }

    #[test]
    fn a_three_step_plan_fits_one_a5_page_when_it_can() {
        // The night shelter, the passport, back to the office: one A5 sheet.
        let (_, pages) = laid_out(&["zt-nichlih", "zt-dms"], Paper::A5);
        assert_eq!(pages.len(), 1);
        // Two long entries do not fit even in the smallest type: two pages, not smaller text.
        let (_, pages) = laid_out(&["zt-resocializacia", "zt-dms"], Paper::A5);
        assert_eq!(pages.len(), 2);
        let texts: Vec<f32> = pages
            .iter()
            .flatten()
            .filter_map(|o| match o {
                Op::Text {
                    size, bold: false, ..
                } => Some(*size),
                _ => None,
            })
            .collect();
        assert!(texts.iter().all(|s| *s == Geometry::of(Paper::A5).size));
    }
}
