//! PW201: a reference by id that resolves to nothing.

use std::collections::HashMap;

use pathway_schema::load::display_path;
use pathway_schema::suggest::{closest, sharing_words_within};
use pathway_schema::wording::{list, with_a};

use super::{Finding, Findings, RuleContext, declare_rule};
use crate::index::{IdKind, audience_references, each_reference};

/// The work spent on suggestions by shared words for one plan, one step per character of a
/// candidate id: a few hundred mistyped references among thousands of ids fit in it; past it,
/// findings come without such a suggestion.
const WORD_SUGGESTION_BUDGET: u64 = 20_000_000;

/// How many near ids a finding suggests at most.
const MOST_SUGGESTED: usize = 3;

/// The ids of the right kind a mistyped reference most likely means: the one a typo away
/// (the same one other rules follow, see `PlanIndex::meant`), else those that share its words
/// (`lab-stipend` for `lab-classroom-stipend`).
fn suggestions<'a>(
    context: &RuleContext<'a>,
    id: &str,
    kinds: &[IdKind],
    budget: &mut u64,
) -> Vec<&'a str> {
    if let Some(near) = context.index().suggest(id, kinds) {
        return vec![near];
    }
    let index = context.index();
    let candidates = index
        .defined
        .iter()
        .filter(|defined| kinds.contains(&defined.kind))
        .map(|defined| defined.id.as_str());
    sharing_words_within(id, candidates, MOST_SUGGESTED, budget)
}

/// What to do about a reference to nothing: the near ids, or else what ids there are, or else
/// where to define the first one.
fn help(
    context: &RuleContext<'_>,
    id: &str,
    kinds: &[IdKind],
    near: &[&str],
    wanted: &str,
) -> String {
    if !near.is_empty() {
        let near: Vec<String> = near.iter().map(|id| format!("`{id}`")).collect();
        return format!("did you mean {}?", list(&near, "or"));
    }
    // Only whether there are more than can be shown matters past the first few: formatting
    // every id for every finding made 20,000 dangling references quadratic.
    let mut ids: Vec<String> = Vec::new();
    for id in kinds.iter().flat_map(|kind| context.index().ids_of(*kind)) {
        let id = format!("`{id}`");
        if ids.last() != Some(&id) {
            ids.push(id);
        }
        if ids.len() > MOST_SHOWN {
            break;
        }
    }
    let define = kinds
        .iter()
        .map(|kind| format!("`{}`", list_of(*kind)))
        .collect::<Vec<_>>();
    let define = list(&define, "or");
    match ids.len() {
        0 => format!(
            "the plan has no {wanted} yet: add {} with the id `{id}` under {define}",
            with_a(wanted)
        ),
        1..=MOST_SHOWN => format!(
            "the plan's ids of this kind are {}; correct the reference, or add {} with the id `{id}` under {define}",
            list(&ids, "and"),
            with_a(wanted)
        ),
        _ => format!(
            "add {} with the id `{id}` under {define}, or correct the reference",
            with_a(wanted)
        ),
    }
}

/// How many ids of the right kind a finding lists when none is near.
const MOST_SHOWN: usize = 6;

/// Where things of a kind are defined, as a person reads the path.
fn list_of(kind: IdKind) -> &'static str {
    match kind {
        IdKind::Credential => "credentials",
        IdKind::Stack => "stacks",
        IdKind::Opportunity => "opportunities",
        IdKind::Pathway => "pathways",
        IdKind::Incentive => "incentives.offers",
        IdKind::FundingSource => "scope.funding",
        IdKind::Goal => "goals.priorities",
        IdKind::Metric => "evaluation.metrics",
        IdKind::Milestone => "implementation.timeline",
        IdKind::ProgramCost => "scope.program_costs",
        IdKind::Approval => "implementation.approvals",
        IdKind::MemberDistrict => "organization.members",
    }
}

declare_rule! {
    /// ## What it does
    /// Checks every reference by id: prerequisites and stack members (credentials), what
    /// unlocks an opportunity (credentials or stacks), an opportunity's incentives, a pathway's
    /// credentials and opportunities, what funds an incentive, the goals a metric measures,
    /// incentive ids in yearly projections, and audiences named in communication. The help
    /// suggests the ids of the right kind it most likely meant: one a typo away, or ones that
    /// share its words (`lab-stipend` for `lab-classroom-stipend`); with none near, it lists
    /// the plan's ids of that kind, or says where the first one goes.
    ///
    /// ## Why it matters
    /// A reference to nothing is usually a typo, and it silently breaks what depends on it: an
    /// opportunity that seems unlocked is not, a stipend that seems funded is not.
    ///
    /// ## Example
    /// ```yaml
    /// opportunities:
    ///   - id: hybrid-literacy-coach
    ///     title: Hybrid Literacy Coach
    ///     kind: hybrid-role
    ///     stays_in_classroom: true
    ///     unlocked_by: [litracy-leadership]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///     unlocked_by: [literacy-leadership]
    /// ```
    code: "PW201",
    name: "dangling-reference",
    severity: Error,
    summary: "A reference names an id that nothing in the plan has.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let index = context.index();
    let mut budget = WORD_SUGGESTION_BUDGET;
    let mut suggested: HashMap<(&str, &[IdKind]), Vec<&str>> = HashMap::new();
    each_reference(context.plan, |reference| {
        let found = index.get(reference.id.as_str());
        if found.is_some_and(|defined| reference.targets.contains(&defined.kind)) {
            return;
        }
        let wanted: Vec<String> = reference
            .targets
            .iter()
            .map(|kind| kind.words().to_owned())
            .collect();
        let wanted = list(&wanted, "or");
        let pointer = reference.pointer();
        let place = display_path(pointer.as_str());
        let mut finding = match found {
            Some(defined) => Finding::new(
                pointer.clone(),
                format!(
                    "`{place}` names `{}`, which is {}, not {}",
                    reference.id,
                    with_a(defined.kind.words()),
                    with_a(&wanted)
                ),
            )
            .related(
                defined.pointer.clone(),
                format!("`{}` is defined here", reference.id),
            ),
            None => Finding::new(
                pointer.clone(),
                format!(
                    "`{place}` names `{}`, but no {wanted} has that id",
                    reference.id
                ),
            ),
        };
        let near = suggested
            .entry((reference.id.as_str(), reference.targets))
            .or_insert_with(|| {
                suggestions(
                    context,
                    reference.id.as_str(),
                    reference.targets,
                    &mut budget,
                )
            });
        finding = finding.help(help(
            context,
            reference.id.as_str(),
            reference.targets,
            near,
            &wanted,
        ));
        if reference.is_key {
            finding = finding.at_key();
        }
        findings.push(finding);
    });
    for (audience, pointer) in audience_references(context.plan) {
        if context
            .audiences
            .iter()
            .any(|known| known == audience.as_str())
        {
            continue;
        }
        let near = closest(
            audience.as_str(),
            context.audiences.iter().map(String::as_str),
        )
        .map(|near| format!("did you mean `{near}`? "))
        .unwrap_or_default();
        findings.push(
            Finding::new(
                pointer.clone(),
                format!(
                    "`{}` names the audience `{audience}`, which has no profile",
                    display_path(pointer.as_str())
                ),
            )
            .help(format!(
                "{near}Audiences: {}; add your own with --templates",
                context.audiences.join(", ")
            ))
            .decision_point("communication.audiences"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    const CONSTELLATION: &str = "\
credentials:
  - {id: small-group-reading, title: Reading, hours: 10}
incentives:
  offers:
    - {id: lab-classroom-stipend, type: compensation}
    - {id: credential-stipend, type: compensation}
    - {id: conference-travel, type: privilege-influence}
opportunities:
  - id: lab-classroom
    title: Lab Classroom
    kind: classroom-role
    stays_in_classroom: true
    unlocked_by: [small-group-reading]
    incentives: [INCENTIVE]
";

    fn help_for(incentive: &str) -> (String, String) {
        let found = findings("PW201", &CONSTELLATION.replace("INCENTIVE", incentive));
        assert_eq!(found.len(), 1, "{found:#?}");
        (
            found[0].message.clone(),
            found[0].help.clone().unwrap_or_default(),
        )
    }

    #[test]
    fn a_typo_gets_the_id_a_typo_away() {
        let (message, help) = help_for("lab-classroom-stipned");
        assert_eq!(
            message,
            "`opportunities[0].incentives[0]` names `lab-classroom-stipned`, but no incentive has that id"
        );
        assert_eq!(help, "did you mean `lab-classroom-stipend`?");
    }

    // Regression: `lab-stipend` is ten edits from `lab-classroom-stipend`, so nothing was
    // suggested.
    #[test]
    fn a_lost_word_gets_the_id_that_has_it() {
        assert_eq!(
            help_for("lab-stipend").1,
            "did you mean `lab-classroom-stipend`?"
        );
        assert_eq!(
            help_for("stipend").1,
            "did you mean `credential-stipend` or `lab-classroom-stipend`?"
        );
    }

    #[test]
    fn with_nothing_near_the_ids_of_the_kind_are_listed() {
        let (_, help) = help_for("coaching-hours");
        assert_eq!(
            help,
            "the plan's ids of this kind are `lab-classroom-stipend`, `credential-stipend` and `conference-travel`; correct the reference, or add an incentive with the id `coaching-hours` under `incentives.offers`"
        );
    }

    #[test]
    fn with_nothing_of_the_kind_the_help_says_where_to_add_one() {
        let plan = "\
credentials:
  - {id: small-group-reading, title: Reading, hours: 10}
opportunities:
  - {id: lab, title: Lab, kind: classroom-role, stays_in_classroom: true, unlocked_by: [small-group-reading], incentives: [stipend]}
";
        let found = findings("PW201", plan);
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "the plan has no incentive yet: add an incentive with the id `stipend` under `incentives.offers`"
            )
        );
    }

    #[test]
    fn a_thing_of_the_wrong_kind_is_named_with_its_article() {
        let plan = "\
credentials:
  - {id: small-group-reading, title: Reading, hours: 10}
opportunities:
  - {id: lab, title: Lab, kind: classroom-role, stays_in_classroom: true, unlocked_by: [small-group-reading]}
pathways:
  - {id: reading-path, title: Reading, credentials: [small-group-reading], leads_to: [small-group-reading]}
";
        let found = findings("PW201", plan);
        assert_eq!(
            found[0].message,
            "`pathways[0].leads_to[0]` names `small-group-reading`, which is a credential, not an opportunity"
        );
    }
}
