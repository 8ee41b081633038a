//! The credential network: which credentials several plans offer, so that districts can share
//! assessors and recognize each other's credentials.
//!
//! Two credentials are the same when they carry the same CTDL CTID; else the same Open Badges
//! achievement URL; else the same title and issuer once normalized (case, punctuation and
//! spacing ignored). The network keeps one entry per distinct key, with the plans that offer it,
//! up to [`MAX_CREDENTIAL_KEYS`] keys: a state's districts share a catalog, so distinct keys grow
//! far slower than plans, and the bound keeps a set of hostile plans (each inventing thousands
//! of credentials) from growing memory without end. Beyond it, the network keeps the least keys
//! (in text order), whatever order plans come in; the others are counted, not keyed.

use std::collections::BTreeMap;

use pathway_schema::plan::Credential;
use serde::ser::{Serialize, SerializeSeq, Serializer};

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

/// One distinct credential. Its text is held once, however many plans offer it; the plans are
/// numbers.
#[derive(Debug, Clone, Default)]
pub struct NetworkEntry {
    /// The title and issuer shown for it: the least of those the plans write, so that the
    /// report does not depend on the order plans are read in.
    pub shown: (Box<str>, Box<str>),
    /// The plans offering it, by their position in the order they were read.
    pub plans: Vec<u32>,
}

/// The credentials of every plan read so far.
#[derive(Debug, Default)]
pub struct Network {
    /// The entries by key.
    pub entries: BTreeMap<Box<str>, NetworkEntry>,
    /// Credentials offered in all, counted once per plan and key (untracked ones included).
    pub offered: u64,
    /// Credentials not keyed because the network was full.
    pub untracked: u64,
}

impl Network {
    /// Bytes of text the network holds, and of its plan lists: grows with distinct credentials,
    /// and by four bytes per plan and credential offered.
    pub fn text_bytes(&self) -> usize {
        self.entries
            .iter()
            .map(|(key, entry)| {
                key.len() + entry.shown.0.len() + entry.shown.1.len() + 4 * entry.plans.len()
            })
            .sum()
    }

    /// Counts the credentials of plan `plan` (its position in reading order).
    pub fn add(&mut self, plan: u32, credentials: &[CredentialFacts]) {
        // A plan that lists the same credential twice offers it once; of its titles, the
        // least is the one it shows.
        let mut offered: Vec<(&str, (&str, &str))> = credentials
            .iter()
            .map(|c| {
                (
                    c.key.as_str(),
                    (c.title.trim(), c.issuer.as_deref().unwrap_or("").trim()),
                )
            })
            .collect();
        offered.sort_unstable();
        offered.dedup_by(|later, first| later.0 == first.0);
        for (key, shown) in offered {
            self.offered += 1;
            if let Some(entry) = self.entries.get_mut(key) {
                if shown < (&*entry.shown.0, &*entry.shown.1) {
                    entry.shown = (shown.0.into(), shown.1.into());
                }
                entry.plans.push(plan);
                continue;
            }
            if self.entries.len() >= MAX_CREDENTIAL_KEYS {
                // Full: keep the least keys, so that which credentials are matched does not
                // depend on the order plans are read in. A key evicted here is greater than
                // every key kept from now on, so it never comes back half counted.
                let least = self
                    .entries
                    .last_key_value()
                    .is_some_and(|(largest, _)| key < &**largest);
                if !least {
                    self.untracked += 1;
                    continue;
                }
                if let Some((_, evicted)) = self.entries.pop_last() {
                    self.untracked += evicted.plans.len() as u64;
                }
            }
            self.entries.insert(
                key.into(),
                NetworkEntry {
                    shown: (shown.0.into(), shown.1.into()),
                    plans: vec![plan],
                },
            );
        }
    }
}

/// The plans' ids by reading position: one text, and where each id is in it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PlanIds {
    text: String,
    /// (reading position, start, length) while ids are added; sorted by [`PlanIds::seal`].
    spans: Vec<(u32, u32, u32)>,
}

impl PlanIds {
    /// Adds the id of the plan read at `position` (empty for a plan without one).
    pub fn push(&mut self, position: u32, id: &str) {
        let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(id);
        self.spans
            .push((position, start, u32::try_from(id.len()).unwrap_or(0)));
    }

    /// Orders the ids by reading position, once every position from 0 up has been added.
    pub fn seal(&mut self) {
        self.spans.sort_unstable();
    }

    /// The id of the plan read at `position`; empty for a plan without one.
    pub fn get(&self, position: u32) -> &str {
        self.spans
            .get(position as usize)
            .and_then(|&(_, start, len)| self.text.get(start as usize..(start + len) as usize))
            .unwrap_or("")
    }
}

/// The finished network with the plans' ids: every distinct credential, read straight from the
/// network's entries when `credentials.csv` is written, so that no second list of them (with a
/// copy of every plan list as text) is built.
#[derive(Debug, Default)]
pub struct CredentialList {
    network: Network,
    ids: PlanIds,
}

impl PartialEq for CredentialList {
    /// Two lists are equal when they list the same credentials in the same order.
    fn eq(&self, other: &CredentialList) -> bool {
        self.credentials().eq(other.credentials())
    }
}

/// One distinct credential as `credentials.csv` lists it, borrowed from the network.
#[derive(Debug, PartialEq, Eq)]
pub struct CredentialRow<'a> {
    /// The match key.
    pub key: &'a str,
    /// The title shown.
    pub title: &'a str,
    /// The issuer shown; empty when that plan names none.
    pub issuer: &'a str,
    /// The ids of the plans offering it, in plan order.
    pub plans: Vec<&'a str>,
}

impl Eq for CredentialList {}

impl CredentialList {
    /// The network, and the ids its plan numbers stand for.
    pub fn new(network: Network, ids: PlanIds) -> CredentialList {
        CredentialList { network, ids }
    }

    /// The network's counts.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Every distinct credential, by how many plans offer it (most first), then by key. Only
    /// the order is held at once (a reference per credential); each row is made as it is read.
    pub fn credentials(&self) -> impl Iterator<Item = CredentialRow<'_>> {
        self.order()
            .into_iter()
            .map(|(key, entry)| self.row(key, entry))
    }

    /// The credentials more than one plan offers, in the order of [`CredentialList::credentials`]
    /// (so, first in it): a row is made only for those.
    pub fn shared(&self) -> impl Iterator<Item = CredentialRow<'_>> {
        self.order()
            .into_iter()
            .take_while(|(_, entry)| entry.plans.len() > 1)
            .map(|(key, entry)| self.row(key, entry))
    }

    fn order(&self) -> Vec<(&str, &NetworkEntry)> {
        let mut order: Vec<(&str, &NetworkEntry)> = self
            .network
            .entries
            .iter()
            .map(|(key, entry)| (&**key, entry))
            .collect();
        // The map is in key order already; a stable sort by count keeps it within a count.
        order.sort_by_key(|(_, entry)| std::cmp::Reverse(entry.plans.len()));
        order
    }

    fn row<'a>(&'a self, key: &'a str, entry: &'a NetworkEntry) -> CredentialRow<'a> {
        // Plan order is by id, then file name: for a list of ids, that is their text order.
        let mut plans: Vec<&str> = entry.plans.iter().map(|&p| self.ids.get(p)).collect();
        plans.sort_unstable();
        CredentialRow {
            key,
            title: &entry.shown.0,
            issuer: &entry.shown.1,
            plans,
        }
    }
}

/// The credentials several plans offer, as `report.json` lists them (`credentials.shared`).
/// Like `credentials.csv`, the list is read from the credential network as it is written, so a
/// run does not hold a plan id as text per plan and shared credential (with a shared catalog,
/// most of what grew with the number of plans); it holds the network and the table of ids.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SharedCredentials {
    all: CredentialList,
    len: usize,
}

impl SharedCredentials {
    /// The shared credentials of a finished network.
    pub fn new(all: CredentialList) -> SharedCredentials {
        let len = all
            .network
            .entries
            .values()
            .filter(|entry| entry.plans.len() > 1)
            .count();
        SharedCredentials { all, len }
    }

    /// How many credentials more than one plan offers.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no credential is offered by more than one plan.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The shared credentials, by how many plans offer them (most first), then by key; each is
    /// made as it is read.
    pub fn iter(&self) -> impl Iterator<Item = SharedCredential> + '_ {
        self.all.shared().map(|row| SharedCredential {
            key: row.key.to_owned(),
            matched_by: matched_by(row.key).to_owned(),
            title: row.title.to_owned(),
            issuer: row.issuer.to_owned(),
            plans: row.plans.into_iter().map(str::to_owned).collect(),
        })
    }

    /// Every distinct credential, shared or not, for `credentials.csv`.
    pub(crate) fn every_credential(&self) -> &CredentialList {
        &self.all
    }
}

/// One shared credential as `report.json` writes it: [`SharedCredential`]'s fields in its
/// order, borrowed from the network.
#[derive(serde::Serialize)]
struct SharedRow<'a> {
    key: &'a str,
    matched_by: &'a str,
    title: &'a str,
    issuer: &'a str,
    plans: Vec<&'a str>,
}

impl Serialize for SharedCredentials {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(self.len))?;
        for row in self.all.shared() {
            list.serialize_element(&SharedRow {
                key: row.key,
                matched_by: matched_by(row.key),
                title: row.title,
                issuer: row.issuer,
                plans: row.plans,
            })?;
        }
        list.end()
    }
}

/// A credential that several plans offer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharedCredential {
    /// The match key: `ctid:…`, `badge:…`, or `title:<title>|<issuer>` normalized.
    pub key: String,
    /// How the plans were matched: `ctid`, `badge` or `title`.
    pub matched_by: String,
    /// The title shown (the least, in text order, of those the plans write).
    pub title: String,
    /// The issuer shown with it; empty when that plan names none.
    pub issuer: String,
    /// The ids of the plans offering it, in plan order.
    pub plans: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::{
        CredentialFacts, CredentialList, MAX_CREDENTIAL_KEYS, Network, PlanIds, normalize,
    };

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

    // Regression: once the network was full it kept whichever keys came first, so two runs
    // whose threads read plans in different orders wrote different credentials.csv files.
    #[test]
    fn a_full_network_keeps_the_same_keys_whatever_the_order() {
        let plan = |range: std::ops::Range<usize>| -> Vec<CredentialFacts> {
            range
                .map(|i| CredentialFacts {
                    key: format!("title:c{i:06}|"),
                    title: format!("C{i}"),
                    issuer: None,
                })
                .collect()
        };
        let (first, second) = (plan(0..60_000), plan(50_000..MAX_CREDENTIAL_KEYS + 10));
        let mut forward = Network::default();
        forward.add(0, &first);
        forward.add(1, &second);
        let mut backward = Network::default();
        backward.add(0, &second);
        backward.add(1, &first);
        let keys = |n: &Network| n.entries.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&forward), keys(&backward));
        // The least keys are kept: c000000 to c099999; the 10 beyond are not.
        assert_eq!(forward.entries.len(), MAX_CREDENTIAL_KEYS);
        assert_eq!(&*keys(&forward)[MAX_CREDENTIAL_KEYS - 1], "title:c099999|");
        // Offered: 60,000 + 50,010 pairs of plan and credential; the 10,000 shared ones are
        // offered twice. Untracked: the 10 keys past the bound.
        for network in [&forward, &backward] {
            assert_eq!(network.offered, 60_000 + 50_010);
            assert_eq!(network.untracked, 10);
        }
        let shared = |n: &Network| n.entries.values().filter(|e| e.plans.len() == 2).count();
        assert_eq!(shared(&forward), 10_000);
        assert_eq!(shared(&backward), 10_000);
    }

    // credentials.csv is read from the network itself: most plans first, then by key, each
    // plan list in the text order of the plans' ids (not their reading order).
    #[test]
    fn the_credential_list_reads_the_network_in_report_order() {
        let facts = |key: &str| CredentialFacts {
            key: key.to_owned(),
            title: key.to_uppercase(),
            issuer: None,
        };
        let mut network = Network::default();
        // Read in this order: plan 0 is "zeta", plan 1 "alpha", plan 2 "mid".
        network.add(0, &[facts("title:b|"), facts("title:c|")]);
        network.add(1, &[facts("title:c|"), facts("title:a|")]);
        network.add(2, &[facts("title:b|")]);
        let mut ids = PlanIds::default();
        for (position, id) in [(2, "mid"), (0, "zeta"), (1, "alpha")] {
            ids.push(position, id);
        }
        ids.seal();
        let list = CredentialList::new(network, ids);
        let rows: Vec<(&str, Vec<&str>)> =
            list.credentials().map(|row| (row.key, row.plans)).collect();
        assert_eq!(
            rows,
            [
                ("title:b|", vec!["mid", "zeta"]),
                ("title:c|", vec!["alpha", "zeta"]),
                ("title:a|", vec!["alpha"]),
            ]
        );
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
