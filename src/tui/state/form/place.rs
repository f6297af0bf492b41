//! Where in the file a problem the check found is: the service (by its number in the agency)
//! and the key whose statement holds the line, for the form to put it beside its field.

/// Where 1-based line `line` of the file is: the service (its number in the agency, when the
/// line is in an `[[agency.service]]` table) and the key whose statement holds it (none on a
/// table's header line).
pub(super) fn place<'a>(lines: &[&'a str], line: usize) -> (Option<usize>, Option<&'a str>) {
    let upto = &lines[..line.min(lines.len())];
    let mut key = None;
    let mut header = None;
    for (i, l) in upto.iter().enumerate().rev() {
        let t = l.trim_start();
        if t.starts_with('[') {
            header = Some(i);
            break;
        }
        let k = t.split('=').next().unwrap_or_default().trim();
        if key.is_none()
            && t.contains('=')
            && !k.is_empty()
            && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            key = Some(k);
        }
    }
    let is = |i: usize, h: &str| lines[i].trim().starts_with(h);
    let service = header.filter(|&h| is(h, "[[agency.service]]")).map(|h| {
        (0..h)
            .rev()
            .take_while(|&i| !is(i, "[[agency]]"))
            .filter(|&i| is(i, "[[agency.service]]"))
            .count()
    });
    (service, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_placed_in_its_service() {
        let lines = [
            "[[agency]]",
            "id = \"a\"",
            "phones = [",
            "  \"x\",",
            "]",
            "[[agency.service]]",
            "name = \"перша\"",
            "[[agency.service]]",
            "name = \"друга\"",
            "documents = [\"паспорт\"]",
        ];
        assert_eq!(place(&lines, 4), (None, Some("phones")));
        assert_eq!(place(&lines, 1), (None, None));
        assert_eq!(place(&lines, 7), (Some(0), Some("name")));
        assert_eq!(place(&lines, 10), (Some(1), Some("documents")));
        assert_eq!(place(&lines, 8), (Some(1), None));
    }
}
