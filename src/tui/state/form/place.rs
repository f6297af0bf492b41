//! Where in the file a problem the check found is: the service (by its number in the agency),
//! the key whose statement holds the line, and — inside a list of persons — which person, for
//! the form to put it beside its line.

/// Where a line of the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place<'a> {
    /// The service (its number in the agency) when the line is in an `[[agency.service]]`.
    pub service: Option<usize>,
    /// The key whose statement holds the line (none on a table's header line).
    pub key: Option<&'a str>,
    /// The 0-based line that statement starts on.
    pub key_line: usize,
}

/// Where 1-based line `line` of the file is.
pub(super) fn place<'a>(lines: &[&'a str], line: usize) -> Place<'a> {
    let upto = &lines[..line.min(lines.len())];
    let mut key = None;
    let mut key_line = 0;
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
            key_line = i;
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
    Place {
        service,
        key,
        key_line,
    }
}

/// Which person of a list (0-based) the 1-based `line` and `column` are in, the list's
/// statement starting on 0-based line `from`: the inline tables opened before that point.
pub(super) fn person_at(lines: &[&str], from: usize, line: usize, column: usize) -> usize {
    let mut opened = 0;
    for (i, l) in lines.iter().enumerate().take(line).skip(from) {
        let upto: String = if i + 1 == line {
            l.chars().take(column.saturating_sub(1)).collect()
        } else {
            l.to_string()
        };
        opened += upto.matches('{').count();
    }
    opened.saturating_sub(1)
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
        let at = |l| {
            let p = place(&lines, l);
            (p.service, p.key)
        };
        assert_eq!(at(4), (None, Some("phones")));
        assert_eq!(place(&lines, 4).key_line, 2);
        assert_eq!(at(1), (None, None));
        assert_eq!(at(7), (Some(0), Some("name")));
        assert_eq!(at(10), (Some(1), Some("documents")));
        assert_eq!(at(8), (Some(1), None));
    }

    #[test]
    fn a_persons_problem_is_placed_in_its_person() {
        let lines = [
            "contacts = [{ name = \"a\" }, { name = \"b\", phone = \"1\" }]",
            "head = { name = \"c\" }",
        ];
        assert_eq!(person_at(&lines, 0, 1, 48), 1);
        assert_eq!(person_at(&lines, 0, 1, 20), 0);
        assert_eq!(person_at(&lines, 1, 2, 10), 0);
        let multi = [
            "contacts = [",
            "  { name = \"a\" },",
            "  { name = \"b\" },",
            "]",
        ];
        assert_eq!(person_at(&multi, 0, 3, 5), 1);
    }
}
