//! Classification: refdesk's category and topics from HSDS attributes and taxonomy terms; terms
//! of other taxonomies become topics.

use super::*;

/// Term id → (taxonomy name, code, name, description).
pub(super) type Terms = HashMap<String, (String, String, String, String)>;

impl Imp {
    /// Term id → (taxonomy name, code, name, description).
    pub(super) fn terms(&self) -> Terms {
        let tax: HashMap<&str, &str> = self
            .rows("taxonomy")
            .iter()
            .map(|r| (g(r, "id"), g(r, "name")))
            .collect();
        self.rows("taxonomy_term")
            .iter()
            .map(|r| {
                let taxonomy = match g(r, "taxonomy") {
                    "" => tax.get(g(r, "taxonomy_id")).copied().unwrap_or(""),
                    t => t,
                };
                (
                    g(r, "id").to_string(),
                    (
                        taxonomy.to_string(),
                        g(r, "code").to_string(),
                        g(r, "name").to_string(),
                        g(r, "description").to_string(),
                    ),
                )
            })
            .collect()
    }

    /// Categories to declare: refdesk category terms that are not built in as they are.
    pub(super) fn categories(&self, terms: &Terms) -> Vec<(String, String, Option<String>)> {
        let mut out = Vec::new();
        for r in self.rows("taxonomy_term") {
            let Some((tax, code, name, descr)) = terms.get(g(r, "id")) else {
                continue;
            };
            if tax != TAXONOMY_CATEGORY || code.is_empty() || name.is_empty() {
                continue;
            }
            let en = Some(descr.clone()).filter(|d| !d.is_empty() && d != name);
            let builtin = BUILTIN_CATEGORIES
                .iter()
                .any(|(id, uk, e)| id == code && uk == name && Some(*e) == en.as_deref());
            if !builtin {
                out.push((code.clone(), name.clone(), en));
            }
        }
        out
    }

    /// Category and topics attached to any of `links`; foreign terms become topics.
    pub(super) fn classification(
        &mut self,
        links: &[&str],
        terms: &Terms,
    ) -> (Option<String>, Vec<String>) {
        let mut category = None;
        let mut topics: Vec<String> = Vec::new();
        let attrs: Vec<(usize, String, String)> = self
            .idx
            .rows_any("attribute", "link_id", links.iter().copied())
            .into_iter()
            .map(|i| {
                let r = &self.rows("attribute")[i];
                (
                    i,
                    g(r, "taxonomy_term_id").to_string(),
                    g(r, "value").to_string(),
                )
            })
            .collect();
        for (i, term_id, value) in attrs {
            let Some((tax, code, name, _)) = terms.get(&term_id) else {
                continue;
            };
            self.used_attributes.insert(i);
            let topic = if tax == TAXONOMY_CATEGORY {
                if category.is_none() {
                    category = Some(code.clone());
                }
                None
            } else if tax == TAXONOMY_TOPIC {
                Some(value)
            } else if BUILTIN_CATEGORIES.iter().any(|(id, _, _)| id == code) {
                if category.is_none() {
                    category = Some(code.clone());
                }
                None
            } else {
                Some(name.clone())
            };
            if let Some(t) = topic.filter(|t| !t.is_empty() && !topics.contains(t)) {
                topics.push(t);
            }
        }
        (category, topics)
    }
}
