//! PW201: a reference by id that resolves to nothing.

use pathway_schema::load::display_path;
use pathway_schema::suggest::closest;

use super::{Context, Finding, Findings, declare_rule};
use crate::index::{audience_references, references};

declare_rule! {
    /// ## What it does
    /// Checks every reference by id: prerequisites and stack members (credentials), what
    /// unlocks an opportunity (credentials or stacks), an opportunity's incentives, a pathway's
    /// credentials and opportunities, what funds an incentive, the goals a metric measures,
    /// incentive ids in yearly projections, and audiences named in communication.
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
    check: Some(check),
}

fn check(context: &Context<'_>, findings: &mut Findings) {
    let index = context.index();
    for reference in references(context.plan) {
        let found = index.get(reference.id.as_str());
        if found.is_some_and(|defined| reference.targets.contains(&defined.kind)) {
            continue;
        }
        let wanted: Vec<&str> = reference.targets.iter().map(|kind| kind.words()).collect();
        let wanted = wanted.join(" or ");
        let place = display_path(reference.pointer.as_str());
        let mut finding = match found {
            Some(defined) => Finding::new(
                reference.pointer.clone(),
                format!(
                    "`{place}` names `{}`, which is a {}, not a {wanted}",
                    reference.id,
                    defined.kind.words()
                ),
            )
            .related(
                defined.pointer.clone(),
                format!("`{}` is defined here", reference.id),
            ),
            None => Finding::new(
                reference.pointer.clone(),
                format!(
                    "`{place}` names `{}`, but no {wanted} has that id",
                    reference.id
                ),
            ),
        };
        finding = match index.suggest(reference.id.as_str(), reference.targets) {
            Some(near) => finding.help(format!("did you mean `{near}`?")),
            None => finding.help(format!(
                "add a {wanted} with the id `{}`, or correct the reference",
                reference.id
            )),
        };
        if reference.is_key {
            finding = finding.at_key();
        }
        findings.push(finding);
    }
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
