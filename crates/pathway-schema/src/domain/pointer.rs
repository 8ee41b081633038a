//! JSON Pointers into a plan, built from the plan's shape rather than written by hand: each
//! object of the plan has a path type whose methods name its keys, so a finding's pointer is
//! spelled in one place, next to the other keys of the same object, and a misspelled key is a
//! compile error rather than a pointer that silently points at the wrong line.
//!
//! ```
//! use pathway_schema::domain::pointer::paths;
//!
//! assert_eq!(paths::opportunity(2).unlocked_by_entry(0).as_str(), "/opportunities/2/unlocked_by/0");
//! assert_eq!(paths::growth_year(1).recipient("lane-change").as_str(), "/scope/growth/1/recipients/lane-change");
//! ```

use std::fmt;

use crate::node::escape_token;

/// A JSON Pointer (RFC 6901) into a plan, such as `/scope/growth/1/year`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer(String);

impl Pointer {
    /// The whole plan.
    pub fn root() -> Pointer {
        Pointer(String::new())
    }

    /// The value of `key` in the mapping at this pointer; `~` and `/` in the key are escaped.
    #[must_use]
    pub fn key(&self, key: &str) -> Pointer {
        // Pointers are built for every id and reference of a plan, most never shown: built with
        // `format!` and an escaped copy of each key, they were a sixth of checking a statewide
        // plan.
        let mut pointer = String::with_capacity(self.0.len() + 1 + key.len());
        pointer.push_str(&self.0);
        pointer.push('/');
        if key.contains(['~', '/']) {
            pointer.push_str(&escape_token(key));
        } else {
            pointer.push_str(key);
        }
        Pointer(pointer)
    }

    /// The item at `index` of the list at this pointer.
    #[must_use]
    pub fn index(&self, index: usize) -> Pointer {
        // The digits, last first, without the formatting machinery (a tenth of indexing a
        // statewide plan went to `write!` here).
        let mut digits = [0u8; 20];
        let mut rest = index;
        let mut count = 0;
        for digit in digits.iter_mut() {
            *digit = b'0' + (rest % 10) as u8;
            rest /= 10;
            count += 1;
            if rest == 0 {
                break;
            }
        }
        let mut pointer = String::with_capacity(self.0.len() + 1 + count);
        pointer.push_str(&self.0);
        pointer.push('/');
        pointer.extend(
            digits
                .iter()
                .take(count)
                .rev()
                .map(|&digit| char::from(digit)),
        );
        Pointer(pointer)
    }

    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Pointer> for String {
    fn from(pointer: Pointer) -> String {
        pointer.0
    }
}

impl AsRef<str> for Pointer {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Leaf keys of an object path: `name = "key";` becomes `fn name(&self) -> Pointer`.
macro_rules! keys {
    ($($(#[$doc:meta])* $method:ident = $key:literal;)*) => {
        $(
            $(#[$doc])*
            pub fn $method(&self) -> Pointer {
                self.0.key($key)
            }
        )*
    };
}

/// A path type for one kind of object in the plan, wrapping the pointer of the object itself.
macro_rules! object_path {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(Pointer);

        impl $name {
            /// The object itself.
            pub fn at(&self) -> Pointer {
                self.0.clone()
            }
        }
    };
}

/// Where things are in a plan, by the object that holds them.
pub mod paths {
    use super::Pointer;

    fn top(key: &str) -> Pointer {
        Pointer::root().key(key)
    }

    object_path!(
        /// `period`.
        PeriodPath
    );
    impl PeriodPath {
        keys! {
            /// The first day.
            start = "start";
            /// The last day.
            end = "end";
        }
    }

    /// `period`.
    pub fn period() -> PeriodPath {
        PeriodPath(top("period"))
    }

    object_path!(
        /// `organization.members[i]`.
        MemberPath
    );
    impl MemberPath {
        keys! {
            /// The member's id.
            id = "id";
        }
    }

    /// `organization.members[i]`.
    pub fn member(i: usize) -> MemberPath {
        MemberPath(top("organization").key("members").index(i))
    }

    object_path!(
        /// `goals.priorities[i]`.
        GoalPath
    );
    impl GoalPath {
        keys! {
            /// The goal's id.
            id = "id";
        }
    }

    /// `goals.priorities[i]`.
    pub fn goal(i: usize) -> GoalPath {
        GoalPath(top("goals").key("priorities").index(i))
    }

    /// `stakeholders.groups`.
    pub fn stakeholder_groups() -> Pointer {
        top("stakeholders").key("groups")
    }

    object_path!(
        /// `stakeholders.groups[i]`.
        StakeholderGroupPath
    );
    impl StakeholderGroupPath {
        keys! {
            /// How the group takes part.
            involvement = "involvement";
        }
    }

    /// `stakeholders.groups[i]`.
    pub fn stakeholder_group(i: usize) -> StakeholderGroupPath {
        StakeholderGroupPath(stakeholder_groups().index(i))
    }

    object_path!(
        /// `incentives`.
        IncentivesPath
    );
    impl IncentivesPath {
        keys! {
            /// The offers.
            offers = "offers";
            /// How pay is set.
            pay_setting = "pay_setting";
        }
    }

    /// `incentives`.
    pub fn incentives() -> IncentivesPath {
        IncentivesPath(top("incentives"))
    }

    object_path!(
        /// `incentives.offers[i]`.
        IncentivePath
    );
    impl IncentivePath {
        keys! {
            /// The incentive's id.
            id = "id";
            /// The form a compensation incentive takes.
            compensation = "compensation";
            /// How much money, per what.
            amount = "amount";
            /// The funding sources that pay for it.
            funded_by = "funded_by";
        }

        /// One entry of `funded_by`.
        pub fn funded_by_entry(&self, j: usize) -> Pointer {
            self.funded_by().index(j)
        }
    }

    /// `incentives.offers[i]`.
    pub fn incentive(i: usize) -> IncentivePath {
        IncentivePath(incentives().offers().index(i))
    }

    fn scope() -> Pointer {
        top("scope")
    }

    object_path!(
        /// `scope.funding[i]`.
        FundingSourcePath
    );
    impl FundingSourcePath {
        keys! {
            /// The source's id.
            id = "id";
            /// What it provides.
            amount = "amount";
            /// The years it provides in.
            years = "years";
            /// Amounts and statuses that differ by year.
            by_year = "by_year";
        }

        /// One entry of `by_year`.
        pub fn by_year_entry(&self, k: usize) -> Pointer {
            self.by_year().index(k)
        }
    }

    /// `scope.funding[i]`.
    pub fn funding_source(i: usize) -> FundingSourcePath {
        FundingSourcePath(scope().key("funding").index(i))
    }

    object_path!(
        /// `scope.program_costs[i]`.
        ProgramCostPath
    );
    impl ProgramCostPath {
        keys! {
            /// The cost's id.
            id = "id";
            /// What it costs.
            amount = "amount";
            /// The funding sources that pay for it.
            funded_by = "funded_by";
        }

        /// One entry of `funded_by`.
        pub fn funded_by_entry(&self, j: usize) -> Pointer {
            self.funded_by().index(j)
        }
    }

    /// `scope.program_costs[i]`.
    pub fn program_cost(i: usize) -> ProgramCostPath {
        ProgramCostPath(scope().key("program_costs").index(i))
    }

    object_path!(
        /// `scope.growth[i]`.
        GrowthYearPath
    );
    impl GrowthYearPath {
        keys! {
            /// The plan year.
            year = "year";
            /// Recipients by incentive.
            recipients = "recipients";
        }

        /// The recipients of one incentive: a key of `recipients`.
        pub fn recipient(&self, incentive: &str) -> Pointer {
            self.recipients().key(incentive)
        }
    }

    /// `scope.growth[i]`.
    pub fn growth_year(i: usize) -> GrowthYearPath {
        GrowthYearPath(scope().key("growth").index(i))
    }

    /// `credentials`.
    pub fn credentials() -> Pointer {
        top("credentials")
    }

    object_path!(
        /// `credentials[i]`.
        CredentialPath
    );
    impl CredentialPath {
        keys! {
            /// The credential's id.
            id = "id";
            /// Its hours.
            hours = "hours";
            /// Credentials to earn first.
            prerequisites = "prerequisites";
        }

        /// One entry of `prerequisites`.
        pub fn prerequisite(&self, j: usize) -> Pointer {
            self.prerequisites().index(j)
        }
    }

    /// `credentials[i]`.
    pub fn credential(i: usize) -> CredentialPath {
        CredentialPath(credentials().index(i))
    }

    object_path!(
        /// `stacks[i]`.
        StackPath
    );
    impl StackPath {
        keys! {
            /// The stack's id.
            id = "id";
            /// Its credentials.
            credentials = "credentials";
        }

        /// One entry of `credentials`.
        pub fn credential(&self, j: usize) -> Pointer {
            self.credentials().index(j)
        }
    }

    /// `stacks[i]`.
    pub fn stack(i: usize) -> StackPath {
        StackPath(top("stacks").index(i))
    }

    /// `opportunities`.
    pub fn opportunities() -> Pointer {
        top("opportunities")
    }

    object_path!(
        /// `opportunities[i]`.
        OpportunityPath
    );
    impl OpportunityPath {
        keys! {
            /// The opportunity's id.
            id = "id";
            /// Whether it keeps the educator teaching.
            stays_in_classroom = "stays_in_classroom";
            /// What unlocks it.
            unlocked_by = "unlocked_by";
            /// How many of `unlocked_by` an educator needs.
            unlock_requires = "unlock_requires";
            /// The incentives that come with it.
            incentives = "incentives";
        }

        /// One entry of `unlocked_by`.
        pub fn unlocked_by_entry(&self, j: usize) -> Pointer {
            self.unlocked_by().index(j)
        }

        /// One entry of `incentives`.
        pub fn incentive(&self, j: usize) -> Pointer {
            self.incentives().index(j)
        }
    }

    /// `opportunities[i]`.
    pub fn opportunity(i: usize) -> OpportunityPath {
        OpportunityPath(opportunities().index(i))
    }

    object_path!(
        /// `pathways[i]`.
        PathwayPath
    );
    impl PathwayPath {
        keys! {
            /// The pathway's id.
            id = "id";
            /// Its credentials.
            credentials = "credentials";
            /// The opportunities it leads to.
            leads_to = "leads_to";
            /// How many months it takes.
            duration_months = "duration_months";
        }

        /// One entry of `credentials`.
        pub fn credential(&self, j: usize) -> Pointer {
            self.credentials().index(j)
        }

        /// One entry of `leads_to`.
        pub fn leads_to_entry(&self, j: usize) -> Pointer {
            self.leads_to().index(j)
        }
    }

    /// `pathways[i]`.
    pub fn pathway(i: usize) -> PathwayPath {
        PathwayPath(top("pathways").index(i))
    }

    object_path!(
        /// `evaluation.metrics[i]`.
        MetricPath
    );
    impl MetricPath {
        keys! {
            /// The metric's id.
            id = "id";
            /// The goals it measures.
            goals = "goals";
        }

        /// One entry of `goals`.
        pub fn goal(&self, j: usize) -> Pointer {
            self.goals().index(j)
        }
    }

    /// `evaluation.metrics[i]`.
    pub fn metric(i: usize) -> MetricPath {
        MetricPath(top("evaluation").key("metrics").index(i))
    }

    object_path!(
        /// `communication.audiences[i]`.
        AudienceMessagePath
    );
    impl AudienceMessagePath {
        keys! {
            /// The audience.
            audience = "audience";
            /// What it needs to hear.
            message = "message";
        }
    }

    /// `communication.audiences[i]`.
    pub fn audience_message(i: usize) -> AudienceMessagePath {
        AudienceMessagePath(top("communication").key("audiences").index(i))
    }

    object_path!(
        /// `communication.channels[i]`.
        ChannelPath
    );
    impl ChannelPath {
        keys! {
            /// The audiences it reaches.
            audiences = "audiences";
        }

        /// One entry of `audiences`.
        pub fn audience(&self, j: usize) -> Pointer {
            self.audiences().index(j)
        }
    }

    /// `communication.channels[i]`.
    pub fn channel(i: usize) -> ChannelPath {
        ChannelPath(top("communication").key("channels").index(i))
    }

    fn implementation() -> Pointer {
        top("implementation")
    }

    object_path!(
        /// `implementation.timeline[i]`.
        MilestonePath
    );
    impl MilestonePath {
        keys! {
            /// The milestone's id.
            id = "id";
            /// Its date.
            date = "date";
            /// The decision it asks for.
            decision = "decision";
        }
    }

    /// `implementation.timeline[i]`.
    pub fn milestone(i: usize) -> MilestonePath {
        MilestonePath(implementation().key("timeline").index(i))
    }

    object_path!(
        /// `implementation.pilot`.
        PilotPath
    );
    impl PilotPath {
        keys! {
            /// The day it starts.
            start = "start";
            /// The day it ends.
            end = "end";
            /// Whether it is planned, running or completed.
            status = "status";
        }
    }

    /// `implementation.pilot`.
    pub fn pilot() -> PilotPath {
        PilotPath(implementation().key("pilot"))
    }

    object_path!(
        /// `implementation.approvals[i]`.
        ApprovalPath
    );
    impl ApprovalPath {
        keys! {
            /// The approval's id.
            id = "id";
            /// Who approved it.
            by = "by";
            /// The day it was approved.
            date = "date";
            /// The day it ends.
            ends = "ends";
            /// What it covers.
            covers = "covers";
        }

        /// One entry of `covers`.
        pub fn covers_entry(&self, j: usize) -> Pointer {
            self.covers().index(j)
        }
    }

    /// `implementation.approvals[i]`.
    pub fn approval(i: usize) -> ApprovalPath {
        ApprovalPath(implementation().key("approvals").index(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression guard for building pointers without `format!`: keys are escaped as RFC 6901
    /// says (`~` as `~0`, `/` as `~1`), indices written in decimal, the empty key kept.
    #[test]
    fn pointers_are_written_as_rfc_6901_says() {
        let pointer = Pointer::root()
            .key("a/b~c")
            .index(12)
            .key("")
            .index(0)
            .key("~1")
            .index(usize::MAX);
        assert_eq!(
            pointer.as_str(),
            format!("/a~1b~0c/12//0/~01/{}", usize::MAX)
        );
        assert_eq!(paths::credential(3).id().as_str(), "/credentials/3/id");
    }

    /// The schema of the value a pointer names, following `$ref`s, nullable `anyOf`s, list
    /// items and maps.
    fn schema_at<'s>(
        root: &'s serde_json::Value,
        pointer: &Pointer,
    ) -> Option<&'s serde_json::Value> {
        let resolve = |mut schema: &'s serde_json::Value| {
            loop {
                if let Some(reference) = schema.get("$ref").and_then(|r| r.as_str()) {
                    schema = root.pointer(reference.strip_prefix('#')?)?;
                } else if let Some(branch) = schema
                    .get("anyOf")
                    .and_then(|a| a.as_array())
                    .and_then(|branches| {
                        branches
                            .iter()
                            .find(|b| b.get("type").and_then(|t| t.as_str()) != Some("null"))
                    })
                {
                    schema = branch;
                } else {
                    return Some(schema);
                }
            }
        };
        let mut schema = resolve(root)?;
        for token in pointer.as_str().split('/').skip(1) {
            let next = if token.bytes().all(|b| b.is_ascii_digit()) {
                schema.get("items")
            } else {
                schema
                    .get("properties")
                    .and_then(|p| p.get(token))
                    .or_else(|| schema.get("additionalProperties").filter(|a| a.is_object()))
                    .or_else(|| {
                        schema
                            .get("patternProperties")
                            .and_then(|p| p.as_object())
                            .and_then(|p| p.values().next())
                    })
            };
            schema = resolve(next?)?;
        }
        Some(schema)
    }

    // Every key the path types spell must be a key of the object they say holds it.
    #[test]
    fn every_path_names_a_place_in_the_schema() {
        let schema = crate::schema::plan_schema();
        let pointers: Vec<Pointer> = vec![
            paths::period().start(),
            paths::period().end(),
            paths::member(0).id(),
            paths::goal(0).id(),
            paths::stakeholder_groups(),
            paths::stakeholder_group(0).involvement(),
            paths::incentives().offers(),
            paths::incentives().pay_setting(),
            paths::incentive(0).id(),
            paths::incentive(0).compensation(),
            paths::incentive(0).amount(),
            paths::incentive(0).funded_by_entry(0),
            paths::funding_source(0).id(),
            paths::funding_source(0).amount(),
            paths::funding_source(0).years(),
            paths::funding_source(0).by_year_entry(0),
            paths::program_cost(0).id(),
            paths::program_cost(0).amount(),
            paths::program_cost(0).funded_by_entry(0),
            paths::growth_year(0).year(),
            paths::growth_year(0).recipient("any-incentive"),
            paths::credential(0).id(),
            paths::credential(0).hours(),
            paths::credential(0).prerequisite(0),
            paths::stack(0).id(),
            paths::stack(0).credential(0),
            paths::opportunity(0).id(),
            paths::opportunity(0).stays_in_classroom(),
            paths::opportunity(0).unlocked_by_entry(0),
            paths::opportunity(0).unlock_requires(),
            paths::opportunity(0).incentive(0),
            paths::pathway(0).id(),
            paths::pathway(0).credential(0),
            paths::pathway(0).leads_to_entry(0),
            paths::pathway(0).duration_months(),
            paths::metric(0).id(),
            paths::metric(0).goal(0),
            paths::audience_message(0).audience(),
            paths::audience_message(0).message(),
            paths::channel(0).audience(0),
            paths::milestone(0).id(),
            paths::milestone(0).date(),
            paths::milestone(0).decision(),
            paths::pilot().start(),
            paths::pilot().end(),
            paths::pilot().status(),
            paths::approval(0).id(),
            paths::approval(0).by(),
            paths::approval(0).date(),
            paths::approval(0).ends(),
            paths::approval(0).covers_entry(0),
        ];
        for pointer in &pointers {
            assert!(
                schema_at(&schema, pointer).is_some(),
                "{pointer} is not in the schema"
            );
        }
        assert!(schema_at(&schema, &Pointer::root().key("scope").key("fundng")).is_none());
    }

    #[test]
    fn keys_are_escaped() {
        assert_eq!(Pointer::root().key("a/b~c").as_str(), "/a~1b~0c");
        assert_eq!(Pointer::root().as_str(), "");
    }
}
