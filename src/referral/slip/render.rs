//! The slip in the requested format. The only file that imports the text, PDF and ESC/POS
//! renderers: the slip model below them knows none of them.

use super::format::{EscPosOptions, Output, SlipFormat};
use super::pdf::PdfError;
use super::{SlipContext, build, escpos, pdf, text};
use crate::referral::Card;

/// A slip (or a plan's slip) could not be produced. Only the PDF can fail today: text and
/// ESC/POS are laid out in memory.
#[derive(Debug, thiserror::Error)]
pub enum SlipError {
    #[error(transparent)]
    Pdf(#[from] PdfError),
}

/// The slip in the requested format: UTF-8 text, PDF or ESC/POS bytes. Text and ESC/POS are
/// laid out at `ctx.width` columns.
pub fn render(card: &Card, ctx: &SlipContext, out: &Output) -> Result<Vec<u8>, SlipError> {
    let slip = build(card, ctx);
    Ok(match out.format {
        SlipFormat::Text => {
            text::lines_to_string(&text::layout_text(&slip, ctx.width)).into_bytes()
        }
        SlipFormat::Pdf => pdf::render(&slip, out.paper)?,
        SlipFormat::Escpos => escpos::render(
            &slip,
            &EscPosOptions {
                width: ctx.width,
                ..out.escpos
            },
        ),
    })
}
