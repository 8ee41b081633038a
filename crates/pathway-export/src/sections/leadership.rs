//! Leadership: timeline, who decides, risks, what the board and the state are asked for, and
//! communication.

use pathway_schema::domain::decisions::{approved_by, decisions_by};
use pathway_schema::{
    Approver, ChannelKind, DecisionKind, FundingKind, PartnerKind, StakeholderKind,
};

use super::{BlockWriter, SectionContext};
use crate::model::{HeadingLevel, Inline, Table};
use crate::prose::{
    answer, count, format_date, format_money, group_thousands, join_words, one_line, school_year,
};

pub(super) fn timeline(ctx: &SectionContext, out: &mut BlockWriter) {
    let Some(implementation) = &ctx.plan.implementation else {
        return;
    };
    let mut milestones: Vec<_> = implementation.timeline.iter().collect();
    milestones.sort_by_key(|m| m.date);
    let mut table = Table::new(["Date", "Milestone", "Owner"]);
    for milestone in milestones {
        table.push_text_row([
            format_date(&milestone.date),
            one_line(&milestone.title),
            answer(milestone.owner.as_ref()).map_or_else(|| "—".to_owned(), one_line),
        ]);
    }
    out.table(table);
    if let Some(pilot) = &implementation.pilot {
        out.heading(HeadingLevel::Subsection, "The pilot");
        let mut facts = Vec::new();
        if let (Some(start), Some(end)) = (&pilot.start, &pilot.end) {
            facts.push(format!("{} to {}", format_date(start), format_date(end)));
        }
        if let Some(n) = pilot.participants {
            facts.push(count(n as usize, "educator", "educators"));
        }
        if !facts.is_empty() {
            out.paragraph(vec![
                Inline::strong(super::pilot_label(pilot)),
                Inline::text(format!(" {}.", facts.join(", "))),
            ]);
        }
        if let Some(description) = answer(pilot.description.as_ref()) {
            out.text(description);
        }
    }
}

pub(super) fn governance(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    if let Some(scope) = &plan.scope {
        out.answer("Who decides.", scope.decision_making.as_ref());
    }
    let mut people = Vec::new();
    if let Some(implementation) = &plan.implementation {
        for (label, person) in [
            ("Owner:", &implementation.owner),
            ("Sponsor:", &implementation.sponsor),
        ] {
            if let Some(person) = person {
                let mut text = format!(" {}", one_line(&person.name));
                if let Some(role) = answer(person.role.as_ref()) {
                    text.push_str(&format!(", {}", one_line(role)));
                }
                people.push(vec![Inline::strong(label), Inline::text(text)]);
            }
        }
    }
    if let Some(contact) = plan
        .scope
        .as_ref()
        .and_then(|s| s.point_of_contact.as_ref())
    {
        let mut text = format!(" {}", one_line(&contact.name));
        if let Some(role) = answer(contact.role.as_ref()) {
            text.push_str(&format!(", {}", one_line(role)));
        }
        let mut line = vec![Inline::strong("Point of contact:"), Inline::text(text)];
        if let Some(email) = answer(contact.email.as_ref()) {
            line.push(Inline::text(" ("));
            line.push(Inline::email(email));
            line.push(Inline::text(")"));
        }
        people.push(line);
    }
    out.bullets(people);
}

pub(super) fn board_decisions(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    for group in plan
        .stakeholders
        .iter()
        .flat_map(|s| s.groups.iter())
        .filter(|g| g.group == StakeholderKind::SchoolBoard)
    {
        out.answer("The board’s role.", group.role.as_ref());
    }
    let timeline: &[pathway_schema::Milestone] =
        plan.implementation.as_ref().map_or(&[], |i| &i.timeline);
    let mut table = Table::new(["Date", "What the board is asked to do"]);
    let decisions = decisions_by(plan, Approver::SchoolBoard);
    if timeline.iter().any(|m| m.decision.is_some()) {
        // The plan marks its decisions: list exactly the board's.
        for milestone in decisions.iter().filter_map(|&i| timeline.get(i)) {
            let kind = match milestone.decision.as_ref().map(|d| d.kind) {
                Some(DecisionKind::SignOff) => "Sign-off",
                _ => "Vote",
            };
            table.push_text_row([
                format_date(&milestone.date),
                format!("{kind}: {}", one_line(&milestone.title)),
            ]);
        }
    } else {
        // Without marked decisions, the milestones that name the board.
        let mut milestones: Vec<_> = timeline
            .iter()
            .filter(|m| {
                (names_the_board(&m.title) || m.owner.as_deref().is_some_and(names_the_board))
                    && !is_a_briefing(&m.title)
            })
            .collect();
        milestones.sort_by_key(|m| m.date);
        for milestone in milestones {
            table.push_text_row([format_date(&milestone.date), one_line(&milestone.title)]);
        }
    }
    if table.rows.is_empty() {
        out.sentence(
            "The plan puts no vote or sign-off before the board on a set date yet; ask the \
             plan's owner which board decisions it will need.",
        );
    }
    out.table(table);
    let approvals: &[pathway_schema::Approval] =
        plan.implementation.as_ref().map_or(&[], |i| &i.approvals);
    let approved: Vec<Vec<Inline>> = approved_by(plan, Approver::SchoolBoard)
        .iter()
        .filter_map(|&i| approvals.get(i))
        .map(|approval| {
            let mut text = format!(" approved {}", format_date(&approval.date));
            if let Some(reference) = answer(approval.reference.as_ref()) {
                text = format!(" ({}),{text}", one_line(reference));
            }
            if let Some(ends) = &approval.ends {
                text.push_str(&format!("; ends {}", format_date(ends)));
                // An agreement that ends inside the plan period needs a renewal vote.
                if plan.period.as_ref().is_some_and(|p| ends < &p.end) {
                    text.push_str(", before the plan does, so it needs renewing");
                }
            }
            text.push('.');
            vec![
                Inline::strong(one_line(&approval.title)),
                Inline::text(text),
            ]
        })
        .collect();
    if !approved.is_empty() {
        out.heading(HeadingLevel::Subsection, "Already approved by the board");
        out.bullets(approved);
    }
    let own: Vec<String> = plan
        .scope
        .iter()
        .flat_map(|s| s.funding.iter())
        .enumerate()
        .filter(|(_, f)| f.kind == FundingKind::DistrictBudget)
        .map(|(i, f)| format!("{}: {}", one_line(&f.name), source_by_year(ctx, i, f)))
        .collect();
    if !own.is_empty() {
        out.heading(
            HeadingLevel::Subsection,
            "Lines in the district’s own budget",
        );
        out.bullets(
            own.into_iter()
                .map(|line| vec![Inline::text(line)])
                .collect(),
        );
    }
}

/// What a source provides, year by year, from the budget: "$30,000 in 2026–27 and $28,000
/// (anticipated) in 2027–28"; its amount as written when the budget does not count it (another
/// currency).
pub(super) fn source_by_year(
    ctx: &SectionContext,
    position: usize,
    source: &pathway_schema::FundingSource,
) -> String {
    let Some(line) = ctx.model.budget.source(position) else {
        return format_money(&source.amount);
    };
    let years: Vec<String> = line
        .by_year
        .iter()
        .map(|(year, provision)| {
            if provision.anticipated.is_positive() {
                format!(
                    "{} (anticipated) in {}",
                    ctx.money(provision.anticipated),
                    school_year(*year)
                )
            } else {
                format!(
                    "{} in {}",
                    ctx.money(provision.committed),
                    school_year(*year)
                )
            }
        })
        .collect();
    if years.is_empty() {
        format_money(&source.amount)
    } else {
        join_words(&years)
    }
}

pub(super) fn state_alignment(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    for group in plan
        .stakeholders
        .iter()
        .flat_map(|s| s.groups.iter())
        .filter(|g| g.group == StakeholderKind::State)
    {
        out.answer("The state’s role.", group.role.as_ref());
    }
    let members = &plan.organization.members;
    if !members.is_empty() {
        let mut table =
            Table::new(["Member district", "Educators", "Schools", "Students"]).numeric(&[1, 2, 3]);
        let figure =
            |n: Option<u32>| n.map_or_else(|| "—".to_owned(), |n| group_thousands(n.into()));
        for member in members {
            let size = member.size.as_ref();
            table.push_text_row([
                one_line(&member.name),
                figure(size.and_then(|s| s.educators)),
                figure(size.and_then(|s| s.schools)),
                figure(size.and_then(|s| s.students)),
            ]);
        }
        out.heading(HeadingLevel::Subsection, "Member districts");
        out.table(table);
    }
    // How long a credential stays valid matters to licensure alignment, shown when the plan
    // gives it for any credential.
    let validity = plan.credentials.iter().any(|c| c.valid_for_years.is_some());
    let mut headers = vec!["Credential", "Issuer", "Counts for"];
    if validity {
        headers.push("Valid for");
    }
    headers.push("Registry listing");
    let mut table = Table::new(headers);
    for credential in &plan.credentials {
        let mut listing = Vec::new();
        if let Some(external) = &credential.external {
            if let Some(ctid) = &external.ctid {
                listing.push(Inline::text(format!("CTID {}", ctid.as_str())));
            }
            for url in [&external.open_badges, &external.url].into_iter().flatten() {
                if !listing.is_empty() {
                    listing.push(Inline::text("; "));
                }
                listing.push(Inline::link(url.clone(), url));
            }
        }
        if listing.is_empty() {
            listing.push(Inline::text("Not listed"));
        }
        let mut row = vec![
            vec![Inline::text(one_line(&credential.title))],
            vec![Inline::text(
                answer(credential.issuer.as_ref()).map_or_else(|| "—".to_owned(), one_line),
            )],
            vec![Inline::text(
                super::credentials::also_counts_for(credential).unwrap_or_else(|| "—".to_owned()),
            )],
        ];
        if validity {
            row.push(vec![Inline::text(credential.valid_for_years.map_or_else(
                || "—".to_owned(),
                |years| count(years as usize, "year", "years"),
            ))]);
        }
        row.push(listing);
        table.push_row(row);
    }
    out.table(table);
    let public: Vec<String> = plan
        .scope
        .iter()
        .flat_map(|s| s.funding.iter())
        .enumerate()
        .filter(|(_, f)| {
            matches!(
                f.kind,
                FundingKind::State | FundingKind::FederalTitle | FundingKind::Federal
            )
        })
        .map(|(i, f)| format!("{}: {}", one_line(&f.name), source_by_year(ctx, i, f)))
        .collect();
    if !public.is_empty() {
        out.heading(HeadingLevel::Subsection, "State and federal funds");
        out.bullets(
            public
                .into_iter()
                .map(|line| vec![Inline::text(line)])
                .collect(),
        );
    }
    let agencies: Vec<String> = plan
        .partnerships
        .iter()
        .flat_map(|p| p.partners.iter())
        .filter(|p| {
            matches!(
                p.kind,
                PartnerKind::StateAgency | PartnerKind::CredentialIssuer
            )
        })
        .map(|p| match answer(p.contribution.as_ref()) {
            Some(contribution) => format!("{}: {}", one_line(&p.name), one_line(contribution)),
            None => one_line(&p.name),
        })
        .collect();
    if !agencies.is_empty() {
        out.heading(HeadingLevel::Subsection, "Agencies and issuers");
        out.bullets(
            agencies
                .into_iter()
                .map(|line| vec![Inline::text(line)])
                .collect(),
        );
    }
    let mut sources: Vec<String> = Vec::new();
    for metric in plan.evaluation.iter().flat_map(|e| e.metrics.iter()) {
        if let Some(source) = answer(metric.source.as_ref()).map(one_line)
            && !sources.contains(&source)
        {
            sources.push(source);
        }
    }
    if !sources.is_empty() {
        out.paragraph(vec![
            Inline::strong("Data the plan draws on:"),
            Inline::text(format!(" {}.", join_words(&sources))),
        ]);
    }
}

pub(super) fn communication(ctx: &SectionContext, out: &mut BlockWriter) {
    let Some(communication) = &ctx.plan.communication else {
        return;
    };
    let profiles = crate::profile::Profiles::builtin();
    // Audiences by who they are ("Union leadership"), not by the ids plans name them with.
    let audience = |id: &pathway_schema::values::Id| {
        profiles.get(id.as_str()).map_or_else(
            || crate::prose::capitalize(&id.as_str().replace('-', " ")),
            |profile| profile.audience.clone(),
        )
    };
    // City leaders read how the public hears about the plan: the plan's messages to the
    // board, the union or principals are not theirs (their own is quoted at the top), and a
    // labor-management meeting is not a channel residents use.
    let city = ctx.profile.id.as_str() == "city";
    if !city {
        let mut messages = Table::new(["Audience", "What they need to hear"]);
        for message in &communication.audiences {
            if let Some(text) = answer(message.message.as_ref()) {
                messages.push_text_row([audience(&message.audience), one_line(text)]);
            }
        }
        out.table(messages);
    }
    let mut channels = Table::new(["Channel", "Kind", "Reaches"]);
    for channel in communication.channels.iter().filter(|channel| {
        !city
            || channel.audiences.is_empty()
            || channel.audiences.iter().any(|a| a.as_str() == "city")
            || matches!(
                channel.kind,
                Some(ChannelKind::Website | ChannelKind::Report | ChannelKind::SocialMedia)
            )
    }) {
        let reaches: Vec<String> = channel.audiences.iter().map(&audience).collect();
        let name = match answer(channel.url.as_ref()) {
            Some(url) => vec![Inline::link(one_line(&channel.name), url)],
            None => vec![Inline::text(one_line(&channel.name))],
        };
        channels.push_row([
            name,
            vec![Inline::text(channel.kind.map_or("—", channel_kind))],
            vec![Inline::text(if reaches.is_empty() {
                "Everyone".to_owned()
            } else {
                crate::prose::join_names(&reaches)
            })],
        ]);
    }
    out.table(channels);
    for study in &communication.case_studies {
        let mut inlines = vec![Inline::strong(format!(
            "Case study: {}.",
            one_line(&study.title)
        ))];
        if let Some(summary) = answer(study.summary.as_ref()) {
            inlines.push(Inline::text(format!(" {}", one_line(summary))));
        }
        if let Some(url) = answer(study.url.as_ref()) {
            inlines.push(Inline::text(" "));
            inlines.push(Inline::link(url, url));
        }
        out.paragraph(inlines);
    }
    out.answer("Feedback.", communication.feedback.as_ref());
}

fn channel_kind(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Website => "Website",
        ChannelKind::Newsletter => "Newsletter",
        ChannelKind::Meeting => "Meeting",
        ChannelKind::Network => "Network",
        ChannelKind::SocialMedia => "Social media",
        ChannelKind::Report => "Report",
    }
}

/// Whether text names the board as a word ("Board vote", "school boards"), not inside another
/// word ("Onboarding", "dashboard").
fn names_the_board(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|word| word.eq_ignore_ascii_case("board") || word.eq_ignore_ascii_case("boards"))
}

/// Whether a milestone only informs the board (a study session, a report, a presentation):
/// the board hears it but is not asked to decide.
fn is_a_briefing(title: &str) -> bool {
    let title = title.to_lowercase();
    [
        "study session",
        "report to",
        "presented to",
        "presentation to",
        "briefing",
    ]
    .iter()
    .any(|phrase| title.contains(phrase))
        && !["vote", "adopt", "approve", "decision", "decide"]
            .iter()
            .any(|word| title.contains(word))
}

#[cfg(test)]
mod tests {
    use super::{is_a_briefing, names_the_board};

    #[test]
    fn a_study_session_is_not_a_decision() {
        // Regression: "February board study session on first-semester results" was listed
        // among the decisions the board is asked to make.
        assert!(is_a_briefing(
            "February board study session on first-semester results"
        ));
        assert!(is_a_briefing("Final evaluation presented to the board"));
        assert!(!is_a_briefing(
            "End-of-pilot report to the board and decision on scaling"
        ));
        assert!(!is_a_briefing("Board adopts the 2027-28 budget"));
    }

    #[test]
    fn the_board_is_named_as_a_word() {
        // Regression: "Onboarding for new assessors" and "Publish the participation dashboard"
        // were listed as decisions asked of the board.
        assert!(names_the_board("School board vote on the MOU"));
        assert!(names_the_board("Report to the Board"));
        assert!(names_the_board("Brief both school boards"));
        assert!(!names_the_board("Onboarding for new assessors"));
        assert!(!names_the_board("Publish the participation dashboard"));
    }
}
