//! The credential network: which credentials several plans offer, so that districts can share
//! assessors and recognize each other's credentials.
//!
//! Two credentials are the same when they carry the same CTDL CTID; else the same Open Badges
//! achievement URL; else the same title and issuer once normalized (case, punctuation and
//! spacing ignored). The network keeps one entry per distinct key, with the plans that offer it,
//! up to [`MAX_CREDENTIAL_KEYS`] keys: a state's districts share a catalog, so distinct keys grow
//! far slower than plans, and the bound keeps a set of hostile plans (each inventing thousands
//! of credentials) from growing memory without end. Credentials beyond it are counted, not keyed.

use std::collections::BTreeMap;

use pathway_schema::plan::Credential;

/// A credential and the key that matches it across plans.
#[derive(Debug, Clone, PartialEq)]
pub struct CredentialFacts {
    /// The match key: `ctid:…`, `badge:…` or `title:…|issuer`.
    pub key: String,
    /// The credential's title as written.
    pub title: String,
    /// Its issuer as written.
    pub issuer: Option<String>,
}

/// The most distinct credentials the network tracks.
pub const MAX_CREDENTIAL_KEYS: usize = 100_000;

/// The key that matches a credential across plans.
pub fn credential_key(credential: &Credential) -> String {
    let external = credential.external.as_ref();
    if let Some(ctid) = external.and_then(|e| e.ctid.as_ref()) {
        return format!("ctid:{}", ctid.as_str().to_ascii_lowercase());
    }
    if let Some(url) = external
        .and_then(|e| e.open_badges.as_deref())
        .map(|url| url.trim().trim_end_matches('/'))
        .filter(|url| !url.is_empty())
    {
        return format!("badge:{url}");
    }
    format!(
        "title:{}|{}",
        normalize(&credential.title),
        normalize(credential.issuer.as_deref().unwrap_or(""))
    )
}

/// How a key matches: `ctid`, `badge` or `title`.
pub fn matched_by(key: &str) -> &str {
    key.split(':').next().unwrap_or("")
}

/// Lower case, letters and digits only, words separated by one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// One distinct credential.
#[derive(Debug, Clone, Default)]
pub struct NetworkEntry {
    /// The title and issuer shown for it: the least of those the plans write, so that the
    /// report does not depend on the order plans are read in.
    pub shown: (String, String),
    /// The plans offering it, by their position in the order they were read.
    pub plans: Vec<u32>,
}

/// The credentials of every plan read so far.
#[derive(Debug, Default)]
pub struct Network {
    /// The entries by key.
    pub entries: BTreeMap<String, NetworkEntry>,
    /// Credentials offered in all, counted once per plan and key (untracked ones included).
    pub offered: u64,
    /// Credentials not keyed because the network was full.
    pub untracked: u64,
}

impl Network {
    /// Counts the credentials of plan `plan` (its position in reading order).
    pub fn add(&mut self, plan: u32, credentials: &[CredentialFacts]) {
        for credential in credentials {
            let shown = (
                credential.title.trim().to_owned(),
                credential.issuer.as_deref().unwrap_or("").trim().to_owned(),
            );
            let full = self.entries.len() >= MAX_CREDENTIAL_KEYS;
            let entry = match self.entries.get_mut(&credential.key) {
                Some(entry) => entry,
                None if full => {
                    // Still offered: counted, though not matched (a plan listing it twice
                    // counts twice here).
                    self.offered += 1;
                    self.untracked += 1;
                    continue;
                }
                None => self.entries.entry(credential.key.clone()).or_default(),
            };
            // A plan that lists the same credential twice offers it once.
            if entry.plans.last() == Some(&plan) {
                continue;
            }
            self.offered += 1;
            if entry.plans.is_empty() || shown < entry.shown {
                entry.shown = shown;
            }
            entry.plans.push(plan);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CredentialFacts, MAX_CREDENTIAL_KEYS, Network, normalize};

    // Regression guard: plans that invent ever more credentials cannot grow the network past
    // its bound, and what is left out is still counted as offered.
    #[test]
    fn the_network_stops_at_its_bound_and_counts_the_rest() {
        let credentials: Vec<CredentialFacts> = (0..MAX_CREDENTIAL_KEYS + 5)
            .map(|i| CredentialFacts {
                key: format!("title:c{i}|"),
                title: format!("C{i}"),
                issuer: None,
            })
            .collect();
        let mut network = Network::default();
        network.add(0, &credentials);
        assert_eq!(network.entries.len(), MAX_CREDENTIAL_KEYS);
        assert_eq!(network.untracked, 5);
        assert_eq!(network.offered, (MAX_CREDENTIAL_KEYS + 5) as u64);
    }

    #[test]
    fn titles_match_whatever_their_case_and_punctuation() {
        assert_eq!(
            normalize("  Small-Group   Reading! "),
            "small group reading"
        );
        assert_eq!(normalize("SMALL GROUP reading"), "small group reading");
        assert_eq!(normalize("Évaluer"), "évaluer");
    }
}
