//! PW214: an audience the plan communicates with, with nothing tailored to say to it.

use pathway_schema::decision_points::is_placeholder;
use pathway_schema::domain::pointer::paths;

use super::{Finding, Findings, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds audiences that `communication.channels` reach but that have no entry in
    /// `communication.audiences` with a message, and entries of `communication.audiences`
    /// whose message is missing, empty or a placeholder such as `TODO`. An audience that
    /// has an entry with no message is reported once, at the entry. Audience ids that name no
    /// profile are left to `dangling-reference` (PW201).
    ///
    /// ## Why it matters
    /// The same plan matters to each audience for different reasons: the union asks about
    /// compensation and voluntariness, the school board about cost and results. A channel that
    /// reaches an audience with no message written for it will carry whatever is at hand, and
    /// exported documents for that audience open with nothing written for it.
    ///
    /// ## Example
    /// ```yaml
    /// communication:
    ///   audiences:
    ///     - audience: educators
    ///       message: Earn a credential in your own classroom, in 12 to 18 hours.
    ///   channels:
    ///     - name: Association building representatives' meeting
    ///       kind: meeting
    ///       audiences: [union]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// communication:
    ///   audiences:
    ///     - audience: educators
    ///       message: Earn a credential in your own classroom, in 12 to 18 hours.
    ///     - audience: union
    ///       message: >-
    ///         Participation is voluntary, evidence never enters an evaluation file, and nothing
    ///         here touches the salary schedule without bargaining.
    ///   channels:
    ///     - name: Association building representatives' meeting
    ///       kind: meeting
    ///       audiences: [union]
    /// ```
    code: "PW214",
    name: "audience-without-message",
    severity: Warning,
    summary: "An audience reached by a channel has no tailored message, or a message is empty.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let Some(communication) = &context.plan.communication else {
        return;
    };
    let has_message =
        |text: &Option<String>| text.as_deref().is_some_and(|text| !is_placeholder(text));
    for (i, entry) in communication.audiences.iter().enumerate() {
        if has_message(&entry.message) {
            continue;
        }
        let state = if entry
            .message
            .as_deref()
            .is_some_and(|text| !text.trim().is_empty())
        {
            "is still a placeholder"
        } else {
            "is empty"
        };
        let mut finding = Finding::new(
            paths::audience_message(i).message(),
            format!("the message for the `{}` audience {state}", entry.audience),
        )
        .help("write what this audience needs to hear first, in a few sentences in its own terms")
        .decision_point("communication.audiences");
        if entry.message.is_none() {
            finding = finding.maybe_missing();
        }
        findings.push(finding);
    }
    let mut reported: Vec<&str> = Vec::new();
    for (i, channel) in communication.channels.iter().enumerate() {
        for (j, audience) in channel.audiences.iter().enumerate() {
            let id = audience.as_str();
            let known = context.audiences.iter().any(|known| known == id);
            let addressed = communication
                .audiences
                .iter()
                .any(|entry| entry.audience == *audience);
            if !known || addressed || reported.contains(&id) {
                continue;
            }
            reported.push(id);
            findings.push(
                Finding::new(
                    paths::channel(i).audience(j),
                    format!("the channel \"{}\" reaches the `{id}` audience, but the plan has no message for `{id}`", channel.name),
                )
                .help(format!(
                    "add an entry to `communication.audiences` with `audience: {id}` and a `message` saying what it needs to hear"
                ))
                .decision_point("communication.audiences"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, pointers};

    #[test]
    fn channels_need_a_message_for_each_audience_they_reach() {
        let found = findings(
            "PW214",
            "\
communication:
  audiences:
    - {audience: educators, message: Earn a credential in your own classroom.}
    - {audience: district}
    - {audience: school, message: TODO}
  channels:
    - {name: Staff bulletin, audiences: [educators, union, school]}
    - {name: Board meetings, audiences: [school-board, union, district, schoolboard]}
",
        );
        assert_eq!(
            pointers(&found),
            [
                "/communication/audiences/1/message",
                "/communication/audiences/2/message",
                "/communication/channels/0/audiences/1",
                "/communication/channels/1/audiences/0",
            ]
        );
        assert_eq!(
            found[0].message,
            "the message for the `district` audience is empty"
        );
        assert_eq!(
            found[1].message,
            "the message for the `school` audience is still a placeholder"
        );
        assert_eq!(
            found[2].message,
            "the channel \"Staff bulletin\" reaches the `union` audience, but the plan has no message for `union`"
        );
    }
}
