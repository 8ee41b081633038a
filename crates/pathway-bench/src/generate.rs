//! Synthetic plans: coherent, complete, deterministic for a seed, and as large as asked.
//!
//! A plan is built around its credentials. They come in clusters of five from one area of
//! practice: the first three form a stack, and the cluster unlocks one opportunity (through the
//! stack and the other two credentials) and has one pathway through all five. Everything else
//! grows with the number of credentials too: goals and their metrics, incentives and the funding
//! sources that pay for them, milestones, channels, partners. The plan is at the `scaling`
//! level, so every decision point is answered, and the budget adds up in every year.

use crate::words::{
    AREAS, ASSESSORS, Area, FEATURES, FREQUENCIES, FUNDS, GOALS, INDICATORS, ISSUERS,
    OPPORTUNITIES, PARTNERS, PEOPLE, PLACES, Practice, REGIONS, SENTENCES,
};
use crate::yaml::Writer;
use pathway_validate::BUILT_IN_AUDIENCES as AUDIENCES;

/// Credentials per cluster: a stack of three and two more.
const CLUSTER: usize = 5;

/// The plan years `scope.growth` projects; 2027 is the 2026–27 school year.
const YEARS: [u32; 4] = [2027, 2028, 2029, 2030];

/// How participation grows over the plan years, in tenths of the first year's.
const GROWTH: [u64; 4] = [10, 13, 16, 19];

/// Writes a plan with `credentials` credentials (at least one cluster's worth), the same text for
/// the same `seed`.
///
/// ```
/// let plan = pathway_bench::generate_plan(50, 7);
/// assert!(plan.contains("readiness: scaling"));
/// assert_eq!(plan, pathway_bench::generate_plan(50, 7));
/// assert_ne!(plan, pathway_bench::generate_plan(50, 8));
/// ```
pub fn generate_plan(credentials: usize, seed: u64) -> String {
    Generator::new(credentials, seed).plan()
}

/// A small, fast, deterministic random number generator (SplitMix64): plans must be the same on
/// every machine and Rust version, so no library generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    /// An index into a list of `len` things (`len` > 0).
    fn index(&mut self, len: usize) -> usize {
        (self.next() % len as u64) as usize
    }

    fn pick<T>(&mut self, items: &'static [T]) -> &'static T {
        let i = self.index(items.len().max(1));
        nth(items, i)
    }
}

/// A money incentive, as the budget sees it.
struct Paid {
    id: String,
    value: u64,
    /// Recipients in each plan year.
    recipients: [u64; 4],
}

/// A funding source and the incentives it pays for.
struct Fund {
    id: String,
    kind: &'static str,
    name: String,
    per_year: u64,
    years: Vec<u32>,
}

struct Generator {
    rng: Rng,
    credentials: usize,
    clusters: usize,
    org: String,
    short: String,
    slug: String,
    statewide: bool,
    goals: Vec<(String, String)>,
    /// Every incentive's id, in plan order.
    incentives: Vec<String>,
    paid: Vec<Paid>,
    funds: Vec<Fund>,
    /// Which funds pay each money incentive, by position in `funds`.
    funded_by: Vec<Vec<usize>>,
    out: Writer,
}

impl Generator {
    fn new(credentials: usize, seed: u64) -> Self {
        let credentials = credentials.max(CLUSTER);
        let mut rng = Rng(seed ^ 0x005E_ED0F_9A7B_0A7E);
        let place = *rng.pick(PLACES);
        let feature = *rng.pick(FEATURES);
        // A statewide roll-up from a thousand credentials up, a district below.
        let statewide = credentials >= 1000;
        let short = format!("{place} {feature}");
        let org = if statewide {
            format!("{short} State Department of Education")
        } else {
            format!("{short} Unified School District")
        };
        let slug = format!("{}-{}-{seed}", slugify(place), slugify(feature));
        Generator {
            rng,
            credentials,
            clusters: credentials.div_ceil(CLUSTER),
            org,
            short,
            slug,
            statewide,
            goals: Vec::new(),
            incentives: Vec::new(),
            paid: Vec::new(),
            funds: Vec::new(),
            funded_by: Vec::new(),
            out: Writer::default(),
        }
    }

    /// How many of a thing a plan of this size has: one per `per` credentials, at least `least`.
    fn scaled(&self, per: usize, least: usize) -> usize {
        (self.credentials / per).max(least)
    }

    fn plan(mut self) -> String {
        self.plan_incentives();
        self.header();
        self.goals();
        self.stakeholders();
        self.incentives();
        self.scope();
        self.learning();
        self.credentials();
        self.stacks();
        self.opportunities();
        self.pathways();
        self.evaluation();
        self.communication();
        self.implementation();
        self.partnerships();
        self.out.finish()
    }

    /// A paragraph of three to five sentences.
    fn paragraph(&mut self) -> String {
        let count = self.rng.between(3, 5);
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < count as usize {
            let i = self.rng.index(SENTENCES.len());
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        let sentences: Vec<String> = chosen
            .iter()
            .map(|&i| nth(SENTENCES, i).replace("{org}", &self.short))
            .collect();
        sentences.join(" ")
    }

    fn practice(&self, n: usize) -> &'static Practice {
        let area = area(n / CLUSTER);
        // Clusters of the same area start at different practices, so titles vary.
        let i = (n % CLUSTER + n / (CLUSTER * AREAS.len())) % area.practices.len();
        nth(area.practices, i)
    }

    fn credential_id(&self, n: usize) -> String {
        format!("{}-{}", self.practice(n).slug, n + 1)
    }

    fn cluster_credentials(&self, cluster: usize) -> std::ops::Range<usize> {
        cluster * CLUSTER..((cluster + 1) * CLUSTER).min(self.credentials)
    }

    fn stack_id(&self, cluster: usize) -> String {
        format!("{}-stack-{}", area(cluster).slug, cluster + 1)
    }

    fn opportunity_id(&self, cluster: usize) -> String {
        let (word, ..) = opportunity_kind(cluster);
        format!("{}-{word}-{}", area(cluster).slug, cluster + 1)
    }

    /// Decides the incentives, their recipients each year and the funds that pay for them, so
    /// that every year's cost fits the funding with some headroom.
    fn plan_incentives(&mut self) {
        let count = self.scaled(20, 9);
        let mut paid_group: Vec<usize> = Vec::new();
        for j in 0..count {
            let n = j + 1;
            let (id, money) = match j % 9 {
                0 => (format!("credential-stipend-{n}"), Some((100, 300, 5, 40))),
                1 => (format!("stack-lane-change-{n}"), Some((2000, 3000, 2, 12))),
                2 => (format!("showcase-recognition-{n}"), None),
                3 => (format!("assessor-stipend-{n}"), Some((1000, 1500, 2, 12))),
                4 => (format!("hybrid-differential-{n}"), Some((2500, 3000, 1, 6))),
                5 => (format!("conference-travel-{n}"), Some((1500, 2500, 1, 6))),
                6 => (format!("hybrid-position-{n}"), None),
                7 => (format!("return-rights-{n}"), None),
                _ => (format!("council-seat-{n}"), None),
            };
            self.incentives.push(id.clone());
            let Some((low, high, fewest, most)) = money else {
                continue;
            };
            let value = self.rng.between(low / 50, high / 50) * 50;
            let first = self.rng.between(fewest, most);
            let mut recipients = [0; 4];
            for (slot, growth) in recipients.iter_mut().zip(GROWTH) {
                *slot = (first * growth).div_ceil(10);
            }
            self.paid.push(Paid {
                id,
                value,
                recipients,
            });
            paid_group.push(self.paid.len() - 1);
            // Money incentives share funding in threes; groups never share with each other, so
            // the validator checks each group against exactly the funds made for it.
            if paid_group.len() == 3 {
                self.fund(std::mem::take(&mut paid_group));
            }
        }
        if !paid_group.is_empty() {
            self.fund(paid_group);
        }
    }

    /// Makes two funds for a group of money incentives: an ongoing one for all years and a
    /// two-year one, together covering every year's cost.
    fn fund(&mut self, group: Vec<usize>) {
        let mut cost = [0u64; 4];
        for &i in &group {
            if let Some(paid) = self.paid.get(i) {
                for (year, recipients) in cost.iter_mut().zip(paid.recipients) {
                    *year += paid.value * recipients;
                }
            }
        }
        let startup = round_up(cost.first().copied().unwrap_or(0) * 2 / 5, 1000);
        let ongoing = cost
            .iter()
            .enumerate()
            .map(|(year, &cost)| {
                let help = if year < 2 { startup } else { 0 };
                cost.saturating_sub(help)
            })
            .max()
            .unwrap_or(0);
        let ongoing = round_up(ongoing * 11 / 10, 1000).max(1000);
        let g = self.funds.len() / 2 + 1;
        let (kind, name) = *self.rng.pick(FUNDS);
        let ongoing_id = self.funds.len();
        self.funds.push(Fund {
            id: format!("{}-fund-{g}", slugify(kind)),
            kind,
            name: format!("{name}, pathways share {g}"),
            per_year: ongoing,
            years: YEARS.to_vec(),
        });
        let (kind, name) = *self.rng.pick(FUNDS);
        self.funds.push(Fund {
            id: format!("{}-startup-fund-{g}", slugify(kind)),
            kind,
            name: format!("{name}, start-up years {g}"),
            per_year: startup.max(1000),
            years: YEARS.iter().take(2).copied().collect(),
        });
        for _ in &group {
            self.funded_by.push(vec![ongoing_id, ongoing_id + 1]);
        }
    }

    fn header(&mut self) {
        let credentials = self.credentials;
        let educators = credentials * 20;
        let o = &mut self.out;
        o.comment(&format!(
            "A synthetic plan for benchmarks: bench/gen-plan --credentials {credentials}."
        ));
        o.field(0, "schema_version", "1");
        o.text(0, "id", &format!("{}-pathways", self.slug));
        o.text(
            0,
            "title",
            &format!("{} Educator Career Pathways, 2026-2030", self.short),
        );
        o.field(0, "readiness", "scaling");
        o.key(0, "period");
        o.date(2, "start", "2026-07-01");
        o.date(2, "end", "2030-06-30");
        o.key(0, "organization");
        o.text(2, "name", &self.org);
        o.field(2, "kind", if self.statewide { "state" } else { "district" });
        let region = *self.rng.pick(REGIONS);
        self.out.text(2, "region", region);
        let o = &mut self.out;
        o.key(2, "size");
        o.field(4, "educators", &educators.to_string());
        o.field(4, "schools", &(educators / 60).max(1).to_string());
        o.field(4, "students", &(educators * 15).to_string());
        o.text(
            2,
            "website",
            &format!("https://www.{}.k12.example/", self.slug),
        );
        let summary = self.paragraph();
        self.out.folded(0, "summary", &summary);
    }

    fn goals(&mut self) {
        self.out.key(0, "goals");
        for key in [
            "challenges",
            "student_impact",
            "exceptional_learning",
            "barriers",
            "existing_paths",
            "why_micro_credentials",
        ] {
            let text = self.paragraph();
            self.out.folded(2, key, &text);
        }
        self.out.key(2, "priorities");
        let count = self.scaled(25, 4);
        for i in 0..count {
            let id = format!("goal-{}-{}", area(i).slug, i + 1);
            let name = area(i).name;
            let statement = self.rng.pick(GOALS).replace("{area}", name);
            let impact = self.paragraph();
            let priority = match i % 3 {
                0 => "high",
                1 => "medium",
                _ => "low",
            };
            let o = &mut self.out;
            o.item_text(4, "id", &id);
            o.text(6, "statement", &statement);
            o.folded(6, "student_learning", &impact);
            o.field(6, "priority", priority);
            self.goals.push((id, name.to_owned()));
        }
    }

    fn stakeholders(&mut self) {
        self.out.key(0, "stakeholders");
        let voice = self.paragraph();
        self.out.folded(2, "educator_voice", &voice);
        self.out.key(2, "groups");
        let groups: &[(&str, &str, &str)] = &[
            (
                "teachers",
                "Classroom teachers",
                "[design-team, focus-group, survey, assessment]",
            ),
            (
                "paraprofessionals",
                "Paraeducators",
                "[survey, focus-group]",
            ),
            (
                "principals",
                "Site principals",
                "[advisory-committee, approval]",
            ),
            (
                "district-leaders",
                "Educational Services and Human Resources",
                "[design-team, approval]",
            ),
            ("union", "Teachers Association", "[bargaining, design-team]"),
            ("school-board", "Board of Education", "[approval, informed]"),
            (
                "families",
                "Family advisory councils",
                "[focus-group, survey]",
            ),
            ("students", "Student advisory council", "[focus-group]"),
        ];
        for &(group, name, involvement) in groups {
            let role = self.paragraph();
            let o = &mut self.out;
            o.item_field(4, "group", group);
            o.text(6, "name", &format!("{} {name}", self.short));
            o.field(6, "involvement", involvement);
            o.folded(6, "role", &role);
        }
        let pitfalls = self.paragraph();
        self.out.folded(2, "pitfalls", &pitfalls);
    }

    fn incentives(&mut self) {
        self.out.key(0, "incentives");
        self.out.key(2, "offers");
        let mut paid = 0;
        for j in 0..self.incentives.len() {
            let id = self.incentives.get(j).cloned().unwrap_or_default();
            let (kind, compensation) = match j % 9 {
                0 | 3 => ("compensation", Some("stipend")),
                1 => ("compensation", Some("lane-change")),
                2 => ("recognition", None),
                4 => ("compensation", Some("salary-increase")),
                5 | 8 => ("privilege-influence", None),
                6 => ("position-change", None),
                _ => ("job-security", None),
            };
            let description = self.paragraph();
            self.out.item_text(4, "id", &id);
            self.out.field(6, "type", kind);
            if let Some(form) = compensation {
                self.out.field(6, "compensation", form);
            }
            self.out.folded(6, "description", &description);
            if matches!(j % 9, 0 | 1 | 3 | 4 | 5) {
                let value = self.paid.get(paid).map_or(0, |p| p.value);
                let unit = if j % 9 == 0 {
                    "per-credential"
                } else {
                    "per-year"
                };
                let sources: Vec<String> = self
                    .funded_by
                    .get(paid)
                    .map(|funds| {
                        funds
                            .iter()
                            .filter_map(|&f| self.funds.get(f).map(|fund| fund.id.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                let o = &mut self.out;
                o.key(6, "amount");
                o.field(8, "value", &value.to_string());
                o.field(8, "unit", unit);
                o.field(6, "funded_by", &flow(&sources));
                paid += 1;
            }
        }
        self.out.key(2, "value_propositions");
        for group in [
            "teachers",
            "principals",
            "union",
            "school-board",
            "district-leaders",
            "families",
        ] {
            let value = self.paragraph();
            let time = self.paragraph();
            let o = &mut self.out;
            o.item_field(4, "group", group);
            o.folded(6, "value", &value);
            o.text(
                6,
                "cost",
                "None out of pocket; credentials, coaching and video kits are free.",
            );
            o.folded(6, "time", &time);
        }
    }

    fn scope(&mut self) {
        self.out.key(0, "scope");
        let deciding = self.paragraph();
        self.out.folded(2, "decision_making", &deciding);
        let contact = *self.rng.pick(PEOPLE);
        let o = &mut self.out;
        o.key(2, "point_of_contact");
        o.text(4, "name", contact);
        o.text(4, "role", "Coordinator, Educator Pathways");
        o.text(4, "email", &format!("pathways@{}.k12.example", self.slug));
        o.field(4, "also_assessor", "false");
        o.key(2, "funding");
        for fund in &self.funds {
            o.item_text(4, "id", &fund.id);
            o.text(6, "name", &fund.name);
            o.field(6, "kind", fund.kind);
            o.key(6, "amount");
            o.field(8, "value", &fund.per_year.to_string());
            o.field(8, "unit", "per-year");
            let years: Vec<String> = fund.years.iter().map(u32::to_string).collect();
            o.field(6, "years", &flow(&years));
            o.text(
                6,
                "restrictions",
                "Pathway incentives and the training that supports them only.",
            );
        }
        o.key(2, "growth");
        let participants = self.credentials as u64 * 4;
        for (y, (year, growth)) in YEARS.iter().zip(GROWTH).enumerate() {
            o.item_field(4, "year", &year.to_string());
            o.field(6, "participants", &(participants * growth / 10).to_string());
            o.field(6, "credentials", &(participants * growth / 8).to_string());
            o.key(6, "recipients");
            for paid in &self.paid {
                let count = paid.recipients.get(y).copied().unwrap_or(0);
                o.field(8, &paid.id, &count.to_string());
            }
            o.text(
                6,
                "resources",
                "Trained assessors, hybrid coaches, release days, a coordinator and video kits.",
            );
        }
    }

    fn learning(&mut self) {
        self.out.key(0, "learning");
        for key in ["time", "feedback", "evidence", "unlocks", "supports"] {
            let text = self.paragraph();
            self.out.folded(2, key, &text);
        }
        self.out.key(0, "quality");
        for key in ["review", "appeals"] {
            let text = self.paragraph();
            self.out.folded(2, key, &text);
        }
    }

    fn credentials(&mut self) {
        self.out.key(0, "credentials");
        for n in 0..self.credentials {
            let practice = self.practice(n);
            let area = area(n / CLUSTER);
            let id = self.credential_id(n);
            let issuer = *self.rng.pick(ISSUERS);
            let assessed_by = *self.rng.pick(ASSESSORS);
            let hours = self.rng.between(10, 20);
            let first_evidence = self.rng.index(area.evidence.len());
            let ctid = self.ctid();
            // The third and fifth credentials of a cluster build on the one before them.
            let prerequisite =
                (n % CLUSTER == 2 || n % CLUSTER == 4).then(|| self.credential_id(n - 1));
            let o = &mut self.out;
            o.item_text(2, "id", &id);
            o.text(4, "title", practice.title);
            o.text(4, "competency", practice.competency);
            o.text(4, "issuer", issuer);
            o.key(4, "evidence");
            for k in 0..3 {
                if let Some(evidence) = area
                    .evidence
                    .get((first_evidence + k) % area.evidence.len())
                {
                    o.list_text(6, evidence);
                }
            }
            o.text(4, "assessed_by", assessed_by);
            o.field(4, "hours", &hours.to_string());
            if let Some(prerequisite) = prerequisite {
                o.field(4, "prerequisites", &flow(&[prerequisite]));
            }
            o.key(4, "external");
            o.text(6, "ctid", &ctid);
            o.text(
                6,
                "open_badges",
                &format!("https://badges.{}.k12.example/achievements/{id}", self.slug),
            );
        }
    }

    fn ctid(&mut self) -> String {
        let a = self.rng.next();
        let b = self.rng.next();
        format!(
            "ce-{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xffff,
            b >> 48,
            b & 0xffff_ffff_ffff
        )
    }

    fn stacks(&mut self) {
        self.out.key(0, "stacks");
        for cluster in 0..self.clusters {
            let members: Vec<String> = self
                .cluster_credentials(cluster)
                .take(3)
                .map(|n| self.credential_id(n))
                .collect();
            let area = area(cluster).name;
            let id = self.stack_id(cluster);
            let o = &mut self.out;
            o.item_text(2, "id", &id);
            o.text(4, "title", &format!("{area} Leadership {}", cluster + 1));
            o.text(
                4,
                "description",
                &format!(
                    "Shows a teacher leads {} practice in the classroom and with colleagues.",
                    area.to_lowercase()
                ),
            );
            o.field(4, "credentials", &flow(&members));
        }
    }

    fn opportunities(&mut self) {
        self.out.key(0, "opportunities");
        for cluster in 0..self.clusters {
            let (_, title, kind, stays, time) = opportunity_kind(cluster);
            let area = area(cluster).name;
            let mut unlocked_by = vec![self.stack_id(cluster)];
            unlocked_by.extend(
                self.cluster_credentials(cluster)
                    .skip(3)
                    .map(|n| self.credential_id(n)),
            );
            let incentives: Vec<String> = (0..2)
                .filter_map(|k| {
                    self.incentives
                        .get((cluster * 2 + k) % self.incentives.len())
                        .cloned()
                })
                .collect();
            let description = self.paragraph();
            let positions = self.rng.between(2, 30);
            let id = self.opportunity_id(cluster);
            let o = &mut self.out;
            o.item_text(2, "id", &id);
            o.text(4, "title", &title.replace("{area}", area));
            o.field(4, "kind", kind);
            o.field(
                4,
                "stays_in_classroom",
                if stays { "true" } else { "false" },
            );
            o.folded(4, "description", &description);
            o.text(
                4,
                "eligibility",
                "Teachers who have completed the stack and two years in the district",
            );
            o.field(4, "unlocked_by", &flow(&unlocked_by));
            o.field(4, "incentives", &flow(&incentives));
            o.text(4, "time_commitment", time);
            o.field(4, "positions", &positions.to_string());
        }
    }

    fn pathways(&mut self) {
        self.out.key(0, "pathways");
        for cluster in 0..self.clusters {
            let members: Vec<String> = self
                .cluster_credentials(cluster)
                .map(|n| self.credential_id(n))
                .collect();
            let mut leads_to = vec![self.opportunity_id(cluster)];
            if self.clusters > 1 {
                leads_to.push(self.opportunity_id((cluster + 1) % self.clusters));
            }
            let name = area(cluster).name;
            let description = self.paragraph();
            let o = &mut self.out;
            o.item_text(
                2,
                "id",
                &format!("{}-pathway-{}", area(cluster).slug, cluster + 1),
            );
            o.text(
                4,
                "title",
                &format!("From Classroom Teacher to {name} Leader"),
            );
            o.text(4, "role", "Classroom teachers in any grade or subject");
            o.folded(4, "description", &description);
            o.field(4, "credentials", &flow(&members));
            o.field(4, "leads_to", &flow(&leads_to));
            // 20 hours at most per credential, at no more than 8 hours a month: within the
            // validator's 10 a month with room to spare.
            o.field(
                4,
                "duration_months",
                &(members.len() * 20).div_ceil(8).to_string(),
            );
        }
    }

    fn evaluation(&mut self) {
        self.out.key(0, "evaluation");
        self.out.key(2, "metrics");
        let goals = std::mem::take(&mut self.goals);
        for (i, (goal, area)) in goals.iter().enumerate() {
            // Every third metric also measures the next goal, as real metrics often serve two.
            let mut measured = vec![goal.clone()];
            if i % 3 == 2
                && let Some((next, _)) = goals.get(i + 1)
            {
                measured.push(next.clone());
            }
            let indicator = self.rng.pick(INDICATORS).replace("{area}", area);
            let baseline = self.rng.between(30, 70);
            let o = &mut self.out;
            o.item_text(4, "id", &format!("metric-{}", i + 1));
            o.field(6, "goals", &flow(&measured));
            o.text(6, "indicator", &indicator);
            o.text(
                6,
                "source",
                "District data warehouse and credential platform records",
            );
            o.field(
                6,
                "frequency",
                FREQUENCIES
                    .get(i % FREQUENCIES.len())
                    .copied()
                    .unwrap_or("annual"),
            );
            o.text(6, "baseline", &format!("{baseline}% (2025-26)"));
            o.text(6, "target", &format!("{}% by 2030", baseline + 10));
        }
        let approach = self.paragraph();
        let o = &mut self.out;
        o.key(2, "equity");
        o.field(
            4,
            "disaggregate_by",
            "[school, race and ethnicity, gender, years of experience, grade band and subject]",
        );
        o.folded(4, "approach", &approach);
        let process = self.paragraph();
        let questions = self.scaled(500, 3);
        let o = &mut self.out;
        o.key(2, "iteration");
        o.field(4, "cycle", "annual");
        o.text(4, "owner", "The Pathways Steering Committee");
        o.folded(4, "process", &process);
        o.key(2, "research_questions");
        for i in 0..questions {
            let area = area(i).name.to_lowercase();
            o.list_text(
                4,
                &format!("How do {area} micro-credentials change teaching, as seen in student work in earners' classrooms?"),
            );
        }
    }

    fn communication(&mut self) {
        self.out.key(0, "communication");
        self.out.key(2, "audiences");
        for audience in AUDIENCES {
            let message = self.paragraph();
            self.out.item_field(4, "audience", audience);
            self.out.folded(6, "message", &message);
        }
        self.out.key(2, "channels");
        let kinds = [
            "website",
            "newsletter",
            "meeting",
            "network",
            "social-media",
            "report",
        ];
        for i in 0..self.scaled(100, 5) {
            let kind = kinds.get(i % kinds.len()).copied().unwrap_or("website");
            let reached: Vec<String> = (0..3)
                .filter_map(|k| AUDIENCES.get((i + k * 2) % AUDIENCES.len()))
                .map(|audience| (*audience).to_owned())
                .collect();
            let o = &mut self.out;
            o.item_text(4, "name", &format!("Pathways {kind} {}", i + 1));
            o.field(6, "kind", kind);
            o.text(
                6,
                "url",
                &format!(
                    "https://www.{}.k12.example/pathways/{kind}-{}",
                    self.slug,
                    i + 1
                ),
            );
            o.field(6, "audiences", &flow(&reached));
        }
        self.out.key(2, "case_studies");
        for i in 0..self.scaled(200, 2) {
            let area = area(i).name;
            let summary = self.paragraph();
            let o = &mut self.out;
            o.item_text(
                4,
                "title",
                &format!("A year of {area} credentials at school {}", i + 1),
            );
            o.folded(6, "summary", &summary);
        }
        let feedback = self.paragraph();
        self.out.folded(2, "feedback", &feedback);
    }

    fn implementation(&mut self) {
        let owner = *self.rng.pick(PEOPLE);
        let sponsor = *self.rng.pick(PEOPLE);
        let o = &mut self.out;
        o.key(0, "implementation");
        o.key(2, "owner");
        o.text(4, "name", owner);
        o.text(
            4,
            "role",
            "Assistant Superintendent for Educational Services",
        );
        o.key(2, "sponsor");
        o.text(4, "name", sponsor);
        o.text(4, "role", "Superintendent");
        o.key(2, "timeline");
        // Milestones spread evenly, in order, from mid-July 2026 to mid-June 2030.
        let first = days_from_civil(2026, 7, 15);
        let last = days_from_civil(2030, 6, 15);
        let count = self.scaled(25, 8);
        for i in 0..count {
            let day = first + (last - first) * i as i64 / (count as i64 - 1).max(1);
            let area = area(i).name;
            let o = &mut self.out;
            if i % 5 == 0 {
                o.item_text(4, "id", &format!("milestone-{}", i + 1));
                o.text(6, "title", &format!("{area} cohort {} launches", i + 1));
            } else {
                o.item_text(4, "title", &format!("{area} cohort {} launches", i + 1));
            }
            o.date(6, "date", &civil_from_days(day));
            o.text(6, "owner", "Pathways Steering Committee");
        }
        let description = self.paragraph();
        let sites = self.scaled(100, 3);
        let o = &mut self.out;
        o.key(2, "pilot");
        o.folded(4, "description", &description);
        o.key(4, "sites");
        for i in 0..sites {
            o.list_text(6, &format!("School {}", i + 1));
        }
        o.date(4, "start", "2026-08-15");
        o.date(4, "end", "2027-06-15");
        o.field(4, "participants", &(self.credentials * 2).to_string());
    }

    fn partnerships(&mut self) {
        self.out.key(0, "partnerships");
        self.out.key(2, "partners");
        for i in 0..self.scaled(50, 4) {
            let (kind, name, contribution) = *nth(PARTNERS, i);
            let place = *self.rng.pick(PLACES);
            let o = &mut self.out;
            o.item_text(4, "name", &format!("{place} {name}"));
            o.field(6, "kind", kind);
            o.text(6, "contribution", contribution);
        }
    }
}

/// The area of practice of a cluster of credentials (or of a goal, a milestone: anything counted).
fn area(cluster: usize) -> &'static Area {
    nth(AREAS, cluster)
}

fn opportunity_kind(
    cluster: usize,
) -> (&'static str, &'static str, &'static str, bool, &'static str) {
    *nth(OPPORTUNITIES, cluster)
}

/// The `i`th item of a word list, counting round and round.
fn nth<T>(items: &'static [T], i: usize) -> &'static T {
    match items.get(i % items.len().max(1)) {
        Some(item) => item,
        // Word lists are constants, and none is empty.
        None => unreachable!("an empty word list"),
    }
}

fn slugify(words: &str) -> String {
    words
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

fn round_up(value: u64, step: u64) -> u64 {
    value.div_ceil(step) * step
}

/// A YAML flow list of plain words: `[a, b, c]`.
fn flow(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant's `days_from_civil`.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01, as `YYYY-MM-DD`.
fn civil_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for (y, m, d) in [(2026, 7, 15), (2028, 2, 29), (2030, 6, 15), (2000, 1, 1)] {
            let days = days_from_civil(y, m, d);
            assert_eq!(civil_from_days(days), format!("{y:04}-{m:02}-{d:02}"));
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slugify("Cedar Valley"), "cedar-valley");
        assert_eq!(slugify("Title II, Part A"), "title-ii-part-a");
    }
}
