//! The thesaurus of needs as searched: the built-in entries and a data folder's own
//! (`directory::thesaurus` reads the files) turned into a lookup from the words visitors say to
//! the directory's phrases for the same need.

use super::score;
use crate::directory::thesaurus::{Entry, builtin};
use crate::text::normalize::key_words;

/// Whether a query word is a form of a thesaurus word: the same, or differing only after all
/// but the last letter of the thesaurus word («загубила» ~ «загубив», «субсидію» ~
/// «субсидія»), or — from five letters on — its beginning, being typed.
fn word_matches(q: &str, key: &str) -> bool {
    // Every way of matching needs the same first letter: a cheap test first (this runs for
    // every key on every keystroke).
    if q.as_bytes().first() != key.as_bytes().first()
        || q.as_bytes().get(1) != key.as_bytes().get(1)
    {
        return false;
    }
    if q == key {
        return true;
    }
    let (qn, kn) = (q.chars().count(), key.chars().count());
    if qn < 4 || kn < 4 {
        return false;
    }
    let cp = score::common_prefix(q, key);
    (cp + 1 >= kn && qn <= kn + 3) || (qn >= 5 && cp == qn)
}

/// The thesaurus as searched: every `say` phrase as its words, and per entry its `means`
/// phrases as words (a phrase counts only where all its words are found together).
pub struct Thesaurus {
    keys: Vec<(Vec<String>, u32)>,
    expansions: Vec<Vec<Vec<String>>>,
    entries: Vec<Entry>,
}

impl Thesaurus {
    /// The built-in thesaurus plus a data folder's own entries.
    pub fn new(local: &[Entry]) -> Thesaurus {
        let mut t = Thesaurus {
            keys: Vec::new(),
            expansions: Vec::new(),
            entries: Vec::new(),
        };
        for e in builtin().iter().chain(local) {
            // The same entry twice (a data folder that is a copy of `data/`) adds nothing.
            if t.entries
                .iter()
                .any(|x| x.say == e.say && x.means == e.means)
            {
                continue;
            }
            let id = t.entries.len() as u32;
            for s in &e.say {
                let words = key_words(s);
                if !words.is_empty() {
                    t.keys.push((words, id));
                }
            }
            let mut exp: Vec<Vec<String>> = e.means.iter().map(|m| key_words(m)).collect();
            exp.retain(|p| !p.is_empty());
            exp.sort();
            exp.dedup();
            t.expansions.push(exp);
            t.entries.push(e.clone());
        }
        t
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }

    /// The directory's phrases an entry is searched by, each as its words.
    pub fn expansions(&self, id: u32) -> &[Vec<String>] {
        &self.expansions[id as usize]
    }

    /// For each query word (`None` for function words, which phrases skip), the entries it
    /// takes part in: a `say` phrase whose words are forms of consecutive query words.
    pub fn lookup(&self, words: &[Option<&str>]) -> Vec<Vec<u32>> {
        let mut out: Vec<Vec<u32>> = vec![Vec::new(); words.len()];
        let content: Vec<(usize, &str)> = words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| w.map(|w| (i, w)))
            .collect();
        for (key, id) in &self.keys {
            if key.len() > content.len() {
                continue;
            }
            for start in 0..=content.len() - key.len() {
                let span: &[(usize, &str)] = &content[start..start + key.len()];
                if span.iter().zip(key).all(|((_, q), k)| word_matches(q, k)) {
                    for &(i, _) in span {
                        if !out[i].contains(id) {
                            out[i].push(*id);
                        }
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::is_stopword;

    #[test]
    fn forms_and_phrases_find_their_entries() {
        let t = Thesaurus::new(&[]);
        let named = |q: &str| -> Vec<String> {
            let words: Vec<String> = q.split(' ').map(str::to_string).collect();
            let opt: Vec<Option<&str>> = words
                .iter()
                .map(|w| (!is_stopword(w)).then_some(w.as_str()))
                .collect();
            let mut names: Vec<String> = t
                .lookup(&opt)
                .into_iter()
                .flatten()
                .map(|id| t.entry(id).name.clone())
                .collect();
            names.sort();
            names.dedup();
            names
        };
        assert!(named("загубила паспорт").contains(&"втрата документа".to_string()));
        assert!(named("прописатися").contains(&"реєстрація місця проживання".to_string()));
        assert!(named("розлучитися").contains(&"розірвання шлюбу".to_string()));
        assert!(named("справка").contains(&"довідка".to_string()));
        // A different word sharing a beginning is not a form.
        assert!(!named("потерпілий").contains(&"втрата документа".to_string()));
    }

    #[test]
    fn a_local_entry_adds_and_a_copy_of_a_builtin_one_does_not() {
        let base = Thesaurus::new(&[]).len();
        let local = Entry {
            name: "місцеве".into(),
            say: vec!["собес".into()],
            means: vec!["соціального захисту".into()],
            origin: "x:1".into(),
        };
        assert_eq!(Thesaurus::new(std::slice::from_ref(&local)).len(), base + 1);
        assert_eq!(Thesaurus::new(builtin()).len(), base);
    }
}
