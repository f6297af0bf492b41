//! Printing on Windows through the Windows API, with no extra software: the spooler takes
//! ESC/POS bytes as a RAW job (OpenPrinterW / StartDocPrinterW / WritePrinter), and an office
//! printer gets the slip drawn with GDI — the same operations the PDF is drawn from
//! ([`super::pdf::lay_out`]), at real size, in the bundled Liberation Sans (loaded privately
//! with AddFontMemResourceEx, so the page is measured and drawn with one font whatever the PC
//! has installed), the QR code as filled rectangles.
//!
//! The job's title is always «Направлення»: the spooler keeps titles in its queue and logs, and
//! the visitor's name must never be stored.

use super::pdf::{Laid, Op};
use super::print::PrintError;
use std::ffi::c_void;
use std::ptr::{null, null_mut};
use windows_sys::Win32::Foundation::{HANDLE, RECT};
use windows_sys::Win32::Graphics::Gdi::{
    self as gdi, AddFontMemResourceEx, CreateDCW, CreateFontW, CreatePen, DeleteDC, DeleteObject,
    FillRect, GetDeviceCaps, GetStockObject, HDC, HGDIOBJ, LineTo, MoveToEx, Rectangle,
    SelectObject, SetBkMode, SetTextAlign, TextOutW,
};
use windows_sys::Win32::Graphics::Printing::{
    ClosePrinter, DOC_INFO_1W, EndDocPrinter, EndPagePrinter, EnumPrintersW, GetDefaultPrinterW,
    OpenPrinterW, PRINTER_ENUM_CONNECTIONS, PRINTER_ENUM_LOCAL, PRINTER_HANDLE, PRINTER_INFO_4W,
    StartDocPrinterW, StartPagePrinter, WritePrinter,
};
use windows_sys::Win32::Storage::Xps::{DOCINFOW, EndDoc, EndPage, StartDocW, StartPage};

/// The print job's title: never the visitor's name.
const JOB_TITLE: &str = "Направлення";
/// The face name inside the bundled font files.
const FACE: &str = "Liberation Sans";

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// Reads a NUL-terminated UTF-16 string the API handed back.
///
/// SAFETY: `p` is null or points to a NUL-terminated UTF-16 string.
unsafe fn from_wide(p: *const u16) -> String {
    if p.is_null() {
        return String::new();
    }
    let mut n = 0;
    // SAFETY: the string is NUL-terminated (the caller's promise).
    while unsafe { *p.add(n) } != 0 {
        n += 1;
    }
    // SAFETY: `n` units were just read.
    String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(p, n) })
}

fn failed(printer: &str, call: &'static str) -> PrintError {
    PrintError::Windows {
        printer: printer.to_string(),
        call,
        source: std::io::Error::last_os_error(),
    }
}

/// The printers Windows has (local and network connections), by name.
pub fn printers() -> Result<Vec<String>, PrintError> {
    let flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
    let (mut needed, mut count) = (0u32, 0u32);
    // SAFETY: asking for the size only: no buffer, valid out-pointers.
    let ok = unsafe { EnumPrintersW(flags, null(), 4, null_mut(), 0, &mut needed, &mut count) };
    if needed == 0 {
        // Nothing to list (success), or a failure other than "the buffer is too small".
        return if ok != 0 {
            Ok(Vec::new())
        } else {
            Err(failed("", "EnumPrintersW"))
        };
    }
    // u64 units keep the buffer aligned for PRINTER_INFO_4W.
    let mut buf = vec![0u64; (needed as usize).div_ceil(8)];
    // SAFETY: the buffer holds `needed` bytes, as the first call asked for.
    let ok = unsafe {
        EnumPrintersW(
            flags,
            null(),
            4,
            buf.as_mut_ptr().cast(),
            needed,
            &mut needed,
            &mut count,
        )
    };
    if ok == 0 {
        return Err(failed("", "EnumPrintersW"));
    }
    let infos = buf.as_ptr().cast::<PRINTER_INFO_4W>();
    Ok((0..count as usize)
        // SAFETY: the call filled `count` entries, whose names point into the same buffer.
        .map(|i| unsafe { from_wide((*infos.add(i)).pPrinterName) })
        .collect())
}

/// The Windows default printer, if one is set.
pub fn default_printer() -> Result<String, PrintError> {
    let mut len = 0u32;
    // SAFETY: asking for the length only.
    unsafe { GetDefaultPrinterW(null_mut(), &mut len) };
    if len == 0 {
        return Err(PrintError::NoDefaultPrinter);
    }
    let mut buf = vec![0u16; len as usize];
    // SAFETY: the buffer holds `len` UTF-16 units, as asked for.
    if unsafe { GetDefaultPrinterW(buf.as_mut_ptr(), &mut len) } == 0 {
        return Err(PrintError::NoDefaultPrinter);
    }
    // SAFETY: the API wrote a NUL-terminated name into `buf`.
    Ok(unsafe { from_wide(buf.as_ptr()) })
}

/// An open printer, closed on drop.
struct Printer(PRINTER_HANDLE);

impl Drop for Printer {
    fn drop(&mut self) {
        // SAFETY: the handle came from OpenPrinterW and is closed once.
        unsafe { ClosePrinter(self.0) };
    }
}

/// Opens the printer `name`: a name Windows does not know fails here with
/// ERROR_INVALID_PRINTER_NAME, which the message turns into "no such printer".
fn open(name: &str) -> Result<Printer, PrintError> {
    let wname = wide(name);
    let mut handle = PRINTER_HANDLE::default();
    // SAFETY: a NUL-terminated name and a valid out-pointer; no defaults.
    if unsafe { OpenPrinterW(wname.as_ptr(), &mut handle, null()) } == 0 {
        return Err(failed(name, "OpenPrinterW"));
    }
    Ok(Printer(handle))
}

/// Sends `bytes` untouched (datatype RAW) to the spooler queue `name`: the receipt printer's
/// driver passes ESC/POS through as it is.
pub fn raw_job(name: &str, bytes: &[u8]) -> Result<(), PrintError> {
    let printer = open(name)?;
    let mut title = wide(JOB_TITLE);
    let mut raw = wide("RAW");
    let doc = DOC_INFO_1W {
        pDocName: title.as_mut_ptr(),
        pOutputFile: null_mut(),
        pDatatype: raw.as_mut_ptr(),
    };
    // SAFETY: an open printer and a DOC_INFO_1W whose strings outlive the call.
    if unsafe { StartDocPrinterW(printer.0, 1, &doc) } == 0 {
        return Err(failed(name, "StartDocPrinterW"));
    }
    // SAFETY (this block): calls on the open printer with a started document.
    let result = (|| {
        if unsafe { StartPagePrinter(printer.0) } == 0 {
            return Err(failed(name, "StartPagePrinter"));
        }
        let mut rest = bytes;
        while !rest.is_empty() {
            let mut written = 0u32;
            let chunk = rest.len().min(u32::MAX as usize) as u32;
            let ok = unsafe { WritePrinter(printer.0, rest.as_ptr().cast(), chunk, &mut written) };
            if ok == 0 || written == 0 {
                return Err(failed(name, "WritePrinter"));
            }
            rest = &rest[written as usize..];
        }
        if unsafe { EndPagePrinter(printer.0) } == 0 {
            return Err(failed(name, "EndPagePrinter"));
        }
        Ok(())
    })();
    // The document is ended either way, so a half-sent job does not block the queue.
    // SAFETY: the document was started above.
    let ended = unsafe { EndDocPrinter(printer.0) };
    result?;
    if ended == 0 {
        return Err(failed(name, "EndDocPrinterW"));
    }
    Ok(())
}

/// A printer device context, deleted on drop.
struct Dc(HDC);

impl Drop for Dc {
    fn drop(&mut self) {
        // SAFETY: the DC came from CreateDCW and is deleted once.
        unsafe { DeleteDC(self.0) };
    }
}

/// A GDI object, deleted on drop (after the caller has selected it out).
struct Object(HGDIOBJ);

impl Drop for Object {
    fn drop(&mut self) {
        // SAFETY: the object came from a Create* call and is deleted once.
        unsafe { DeleteObject(self.0) };
    }
}

/// Loads the bundled fonts into this process once (private to it, nothing installed).
fn load_fonts() -> bool {
    static LOADED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *LOADED.get_or_init(|| {
        let (regular, bold) = super::pdf::fonts();
        [regular, bold].iter().all(|data| {
            let mut n = 0u32;
            // SAFETY: the font bytes are 'static; GDI copies them.
            let h: HANDLE = unsafe {
                AddFontMemResourceEx(
                    data.as_ptr().cast::<c_void>(),
                    data.len() as u32,
                    null(),
                    &mut n,
                )
            };
            !h.is_null()
        })
    })
}

/// Points (1/72 in, from the page's top-left corner) to the device's pixels, less the margin
/// the printer cannot print on.
#[derive(Clone, Copy)]
struct Scale {
    x: f32,
    y: f32,
    off_x: i32,
    off_y: i32,
}

impl Scale {
    fn of(dc: HDC) -> Scale {
        // SAFETY: a valid printer DC.
        let cap = |i| unsafe { GetDeviceCaps(dc, i as i32) };
        Scale {
            x: cap(gdi::LOGPIXELSX).max(72) as f32 / 72.0,
            y: cap(gdi::LOGPIXELSY).max(72) as f32 / 72.0,
            off_x: cap(gdi::PHYSICALOFFSETX),
            off_y: cap(gdi::PHYSICALOFFSETY),
        }
    }
    fn x(&self, pt: f32) -> i32 {
        (pt * self.x).round() as i32 - self.off_x
    }
    fn y(&self, pt: f32) -> i32 {
        (pt * self.y).round() as i32 - self.off_y
    }
}

/// Draws the laid-out slip on the printer `name` through GDI, one document of one or more
/// pages.
pub(crate) fn draw_job(name: &str, laid: &Laid) -> Result<(), PrintError> {
    // CreateDCW's error codes are vague: ask the spooler first whether the printer exists.
    drop(open(name)?);
    let fonts_loaded = load_fonts();
    let wname = wide(name);
    let winspool = wide("WINSPOOL");
    // SAFETY: NUL-terminated driver and device names; the driver's default settings.
    let hdc = unsafe { CreateDCW(winspool.as_ptr(), wname.as_ptr(), null(), null()) };
    if hdc.is_null() {
        return Err(failed(name, "CreateDCW"));
    }
    let dc = Dc(hdc);
    let title = wide(JOB_TITLE);
    let doc = DOCINFOW {
        cbSize: std::mem::size_of::<DOCINFOW>() as i32,
        lpszDocName: title.as_ptr(),
        lpszOutput: null(),
        lpszDatatype: null(),
        fwType: 0,
    };
    // SAFETY: a valid DC and a DOCINFOW whose strings outlive the call.
    if unsafe { StartDocW(dc.0, &doc) } <= 0 {
        return Err(failed(name, "StartDocW"));
    }
    let s = Scale::of(dc.0);
    let face = if fonts_loaded { FACE } else { "Arial" };
    let mut result = Ok(());
    for ops in &laid.pages {
        // SAFETY: a started document on a valid DC.
        if unsafe { StartPage(dc.0) } <= 0 {
            result = Err(failed(name, "StartPage"));
            break;
        }
        draw_page(dc.0, s, face, ops, laid);
        // SAFETY: the page was started above.
        if unsafe { EndPage(dc.0) } <= 0 {
            result = Err(failed(name, "EndPage"));
            break;
        }
    }
    // SAFETY: the document was started above; EndDoc also ends an aborted one.
    let ended = unsafe { EndDoc(dc.0) };
    result?;
    if ended <= 0 {
        return Err(failed(name, "EndDoc"));
    }
    Ok(())
}

fn draw_page(dc: HDC, s: Scale, face: &str, ops: &[Op], laid: &Laid) {
    let wface = wide(face);
    // SAFETY (this function): GDI calls on a valid DC inside a started page; every object
    // created is selected out (by restoring the previous one) before it is deleted.
    unsafe {
        SetBkMode(dc, gdi::TRANSPARENT as i32);
        SetTextAlign(dc, gdi::TA_BASELINE | gdi::TA_LEFT);
    }
    for op in ops {
        match op {
            Op::Text {
                x,
                y,
                bold,
                size,
                text,
            } => unsafe {
                let font = Object(CreateFontW(
                    -((size * s.y).round() as i32),
                    0,
                    0,
                    0,
                    (if *bold { gdi::FW_BOLD } else { gdi::FW_NORMAL }) as i32,
                    0,
                    0,
                    0,
                    gdi::DEFAULT_CHARSET as u32,
                    gdi::OUT_TT_ONLY_PRECIS as u32,
                    gdi::CLIP_DEFAULT_PRECIS as u32,
                    gdi::DEFAULT_QUALITY as u32,
                    0,
                    wface.as_ptr(),
                ));
                let old = SelectObject(dc, font.0);
                let w: Vec<u16> = text.encode_utf16().collect();
                TextOutW(dc, s.x(*x), s.y(*y), w.as_ptr(), w.len() as i32);
                SelectObject(dc, old);
            },
            Op::Rule { x1, x2, y } => unsafe {
                let pen = Object(CreatePen(
                    gdi::PS_SOLID,
                    (0.5 * s.x).round().max(1.0) as i32,
                    0,
                ));
                let old = SelectObject(dc, pen.0);
                MoveToEx(dc, s.x(*x1), s.y(*y), null_mut());
                LineTo(dc, s.x(*x2), s.y(*y));
                SelectObject(dc, old);
            },
            Op::CheckBox { x, y, side } => unsafe {
                let pen = Object(CreatePen(
                    gdi::PS_SOLID,
                    (0.6 * s.x).round().max(1.0) as i32,
                    0,
                ));
                let old_pen = SelectObject(dc, pen.0);
                let old_brush = SelectObject(dc, GetStockObject(gdi::NULL_BRUSH));
                Rectangle(dc, s.x(*x), s.y(*y), s.x(x + side), s.y(y + side));
                SelectObject(dc, old_brush);
                SelectObject(dc, old_pen);
            },
            Op::Qr { x, y, side, code } => {
                if let Some(Some(m)) = laid.codes.get(*code) {
                    draw_qr(dc, s, (*x, *y, *side), m);
                }
            }
        }
    }
}

/// The code as one filled rectangle per run of dark modules; module edges are rounded to
/// device pixels from their exact positions, so neighbours abut with no gaps.
fn draw_qr(dc: HDC, s: Scale, (x, y, side): (f32, f32, f32), m: &super::qr::Matrix) {
    let module = side / m.width() as f32;
    // SAFETY: a stock object; it is never deleted.
    let black = unsafe { GetStockObject(gdi::BLACK_BRUSH) };
    for (row, start, end) in m.dark_runs() {
        let r = RECT {
            left: s.x(x + start as f32 * module),
            top: s.y(y + row as f32 * module),
            right: s.x(x + end as f32 * module),
            bottom: s.y(y + (row + 1) as f32 * module),
        };
        // SAFETY: a valid DC inside a started page and a stock brush.
        unsafe { FillRect(dc, &r, black) };
    }
}
