//! One agency's entry cut out of its file, so that opening it in the form, checking it on
//! every keystroke and saving it take the time of that entry, not of the file: a file of
//! 10,000 agencies is about 30 MB, and `toml_edit` reads it in about a second.
//!
//! An entry runs from its `[[agency]]` header to the next header that is not one of its own
//! tables (`[[agency.service]]`, `[agency.head]`, …) — the next agency, a `[[category]]`, the
//! `[directory]` — or the end of the file. The comments just above a header belong to what
//! comes before it, so they stay outside. Headers are told by their name alone; a file whose
//! headers are quoted (`["agency"]`) or whose entry cannot be read on its own is read whole,
//! as before ([`Cut::Unsure`]).

use std::ops::Range;

/// Where agency `id`'s entry is in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cut {
    /// The entry's bytes.
    Found(Range<usize>),
    /// No entry has that id.
    Absent,
    /// The headers cannot be told apart line by line (quoted names), or the id is on more
    /// than one entry: read the whole file.
    Unsure,
}

/// A table header's name, spaces around its dots left out: `[[ agency.service ]]` →
/// (`true`, "agency.service"); `None` for a line that is no header, or one with a quoted name.
fn header(line: &str) -> Option<Result<(bool, String), ()>> {
    let t = line.trim_start();
    if !t.starts_with('[') {
        return None;
    }
    let array = t.starts_with("[[");
    let inner = t.trim_start_matches('[');
    let end = inner.find(']')?;
    let name = &inner[..end];
    if name.contains(['"', '\'']) {
        return Some(Err(()));
    }
    let name: String = name.split('.').map(str::trim).collect::<Vec<_>>().join(".");
    Some(Ok((array, name)))
}

/// Whether `line` is the statement `id = "…"` (or with single quotes) for `id`.
fn is_id_line(line: &str, id: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix("id") else {
        return false;
    };
    let Some(value) = rest.trim_start().strip_prefix('=') else {
        return false;
    };
    let value = value.trim_start();
    [('"', '"'), ('\'', '\'')].iter().any(|(open, close)| {
        value
            .strip_prefix(*open)
            .and_then(|v| v.strip_prefix(id))
            .is_some_and(|v| v.starts_with(*close))
    })
}

/// Finds agency `id`'s entry in `text`.
pub(crate) fn find(text: &str, id: &str) -> Cut {
    let mut found: Option<Range<usize>> = None;
    let mut twice = false;
    // The entry being read: its start, and whether its own keys (before its first sub-table)
    // named the id.
    let mut open: Option<(usize, bool)> = None;
    let mut own_keys = false;
    let mut at = 0;
    let mut close = |open: &mut Option<(usize, bool)>, end: usize| {
        if let Some((start, true)) = open.take() {
            twice |= found.is_some();
            found = Some(start..end);
        }
    };
    for line in text.split_inclusive('\n') {
        match header(line) {
            Some(Err(())) => return Cut::Unsure,
            Some(Ok((array, name))) => {
                if array && name == "agency" {
                    close(&mut open, at);
                    open = Some((at, false));
                    own_keys = true;
                } else if name.starts_with("agency.") {
                    own_keys = false;
                } else {
                    close(&mut open, at);
                    own_keys = false;
                }
            }
            None => {
                if own_keys
                    && let Some((_, named)) = open.as_mut()
                    && is_id_line(line, id)
                {
                    *named = true;
                }
            }
        }
        at += line.len();
    }
    close(&mut open, at);
    match (found, twice) {
        (_, true) => Cut::Unsure,
        (Some(r), false) => Cut::Found(r),
        (None, false) => Cut::Absent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# файл\n[directory]\nname = \"Д\"\n\n[[agency]]\nid = \"a\"\nname = \"А\"\n\n[[ agency.service ]]\nname = \"П\"\nid = \"b\"\n\n# друга\n[[agency]]\nid = 'b'\n[agency.head]\nname = \"Г\"\n\n[[category]]\nid = \"c\"\n";

    fn cut(id: &str) -> Option<&'static str> {
        match find(TEXT, id) {
            Cut::Found(r) => Some(&TEXT[r]),
            _ => None,
        }
    }

    #[test]
    fn an_entry_runs_to_the_next_header_not_its_own() {
        assert_eq!(
            cut("a"),
            Some(
                "[[agency]]\nid = \"a\"\nname = \"А\"\n\n[[ agency.service ]]\nname = \"П\"\nid = \"b\"\n\n# друга\n"
            )
        );
        // A service's `id` line is not the agency's; single quotes are an id too.
        assert_eq!(
            cut("b"),
            Some("[[agency]]\nid = 'b'\n[agency.head]\nname = \"Г\"\n\n")
        );
        assert_eq!(find(TEXT, "c"), Cut::Absent);
        assert_eq!(find(TEXT, "z"), Cut::Absent);
        assert!(!is_id_line("idx = \"a\"", "a"));
        assert!(!is_id_line("id = \"ab\"", "a"));
    }

    #[test]
    fn quoted_headers_and_twice_used_ids_read_the_whole_file() {
        assert_eq!(find("[[\"agency\"]]\nid = \"a\"\n", "a"), Cut::Unsure);
        assert_eq!(
            find("[[agency]]\nid = \"a\"\n[[agency]]\nid = \"a\"\n", "a"),
            Cut::Unsure
        );
    }
}
