//! What an educator can earn: the credentials, each in detail, the pathways through them, and
//! how to start.

use pathway_schema::ChannelKind;

use super::{BlockWriter, SectionContext};
use crate::model::{HeadingLevel, Inline, Table};
use crate::prose::{answer, count, format_hours, join_words, one_line};

pub(super) fn credentials(ctx: &SectionContext, out: &mut BlockWriter) {
    let mut table = Table::new([
        "Credential",
        "Hours",
        "Evidence you submit",
        "What it unlocks",
    ])
    .numeric(&[1]);
    for credential in &ctx.plan.credentials {
        let evidence: Vec<String> = credential.evidence.iter().map(|e| one_line(e)).collect();
        table.push_row([
            vec![Inline::strong(one_line(&credential.title))],
            vec![Inline::text(
                credential
                    .hours
                    .map_or_else(|| "—".to_owned(), crate::prose::format_number),
            )],
            vec![Inline::text(if evidence.is_empty() {
                "—".to_owned()
            } else {
                evidence.join("; ")
            })],
            vec![Inline::text(unlocks_cell(ctx, credential.id.as_str()))],
        ]);
    }
    out.table(table);
}

/// What a credential unlocks by itself, then what it only counts toward: "Lab Classroom; counts
/// toward Hybrid Literacy Coach". A credential is never credited with what only its stack, or
/// several credentials together, unlock.
fn unlocks_cell(ctx: &SectionContext, id: &str) -> String {
    let alone = titles(&ctx.unlocked_by_credential(id));
    let toward = titles(&ctx.counted_toward_by_credential(id));
    match (alone.is_empty(), toward.is_empty()) {
        (true, true) => "—".to_owned(),
        (false, true) => join_words(&alone),
        (true, false) => format!("Counts toward {}", join_words(&toward)),
        (false, false) => format!(
            "{}; counts toward {}",
            join_words(&alone),
            join_words(&toward)
        ),
    }
}

fn titles(opportunities: &[&pathway_schema::Opportunity]) -> Vec<String> {
    opportunities.iter().map(|o| one_line(&o.title)).collect()
}

pub(super) fn credential_details(ctx: &SectionContext, out: &mut BlockWriter) {
    for credential in &ctx.plan.credentials {
        out.heading(HeadingLevel::Subsection, &credential.title);
        out.answer("The skill.", credential.competency.as_ref());
        let mut facts = Vec::new();
        if let Some(hours) = credential.hours {
            facts.push(fact("Time:", format!("about {}", format_hours(hours))));
        }
        if let Some(issuer) = answer(credential.issuer.as_ref()) {
            facts.push(fact("Issued by:", one_line(issuer)));
        }
        if let Some(assessor) = answer(credential.assessed_by.as_ref()) {
            facts.push(fact("Assessed by:", one_line(assessor)));
        }
        if let Some(cost) = cost_to_educator(credential) {
            facts.push(fact("Cost to you:", cost));
        }
        if let Some(also) = also_counts_for(credential) {
            facts.push(fact("Also counts for:", also));
        }
        if let Some(years) = credential.valid_for_years {
            facts.push(fact(
                "Valid for:",
                format!("{}, then renewed", count(years as usize, "year", "years")),
            ));
        }
        let first: Vec<String> = credential
            .prerequisites
            .iter()
            .map(|id| ctx.title_of(id.as_str()))
            .collect();
        if !first.is_empty() {
            facts.push(fact("Earn first:", join_words(&first)));
        }
        let stacks: Vec<&str> = ctx
            .plan
            .stacks
            .iter()
            .filter(|s| s.credentials.contains(&credential.id))
            .map(|s| s.title.as_str())
            .collect();
        if !stacks.is_empty() {
            facts.push(fact("Part of the stack:", join_words(&stacks)));
        }
        let unlocks = titles(&ctx.unlocked_by_credential(credential.id.as_str()));
        if !unlocks.is_empty() {
            facts.push(fact("Unlocks on its own:", join_words(&unlocks)));
        }
        let toward = titles(&ctx.counted_toward_by_credential(credential.id.as_str()));
        if !toward.is_empty() {
            facts.push(fact(
                "Counts toward (with other credentials):",
                join_words(&toward),
            ));
        }
        if let Some(external) = &credential.external {
            if let Some(ctid) = &external.ctid {
                facts.push(fact("Credential Registry CTID:", ctid.as_str().to_owned()));
            }
            for (label, url) in [
                ("Open Badges achievement:", &external.open_badges),
                ("More:", &external.url),
            ] {
                if let Some(url) = answer(url.as_ref()) {
                    facts.push(vec![
                        Inline::strong(label),
                        Inline::text(" "),
                        Inline::link(url, url),
                    ]);
                }
            }
        }
        out.bullets(facts);
        if !credential.evidence.is_empty() {
            out.paragraph(vec![Inline::strong("What you submit:")]);
            out.bullets(
                credential
                    .evidence
                    .iter()
                    .map(|item| vec![Inline::text(one_line(item))])
                    .collect(),
            );
        }
    }
}

/// What earning the credential costs the educator: "Free", "$50".
pub(super) fn cost_to_educator(credential: &pathway_schema::Credential) -> Option<String> {
    let cost = credential.cost_to_educator.as_ref()?;
    if cost.value <= 0.0 {
        return Some("Free".to_owned());
    }
    Some(match cost.unit {
        pathway_schema::MoneyUnit::OneTime => {
            crate::prose::format_amount(cost.value, cost.currency())
        }
        _ => crate::prose::format_money(cost),
    })
}

/// What else the credential counts for: "15 license-renewal hours; 1 graduate credit from
/// Valley State University".
pub(super) fn also_counts_for(credential: &pathway_schema::Credential) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(hours) = credential.renewal_hours.filter(|h| *h > 0.0) {
        parts.push(format!(
            "{} license-renewal {}",
            crate::prose::format_number(hours),
            if crate::prose::format_number(hours) == "1" {
                "hour"
            } else {
                "hours"
            }
        ));
    }
    for credit in &credential.credits {
        let units = crate::prose::format_number(credit.units);
        let one = units == "1";
        let what = match (credit.kind, one) {
            (pathway_schema::CreditKind::Graduate, true) => "graduate credit",
            (pathway_schema::CreditKind::Graduate, false) => "graduate credits",
            (pathway_schema::CreditKind::ContinuingEducation, true) => "continuing-education unit",
            (pathway_schema::CreditKind::ContinuingEducation, false) => {
                "continuing-education units"
            }
        };
        let mut part = format!("{units} {what}");
        if let Some(by) = answer(credit.granted_by.as_ref()) {
            part.push_str(&format!(" from {}", one_line(by)));
        }
        parts.push(part);
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn fact(label: &str, text: String) -> Vec<Inline> {
    vec![Inline::strong(label), Inline::text(format!(" {text}"))]
}

pub(super) fn pathways(ctx: &SectionContext, out: &mut BlockWriter) {
    for pathway in &ctx.plan.pathways {
        out.heading(HeadingLevel::Subsection, &pathway.title);
        if let Some(role) = answer(pathway.role.as_ref()) {
            out.labeled("For:", role);
        }
        if let Some(description) = answer(pathway.description.as_ref()) {
            out.text(description);
        }
        let steps: Vec<Vec<Inline>> = pathway
            .credentials
            .iter()
            .map(|id| match ctx.credential(id.as_str()) {
                Some(credential) => {
                    let mut step = vec![Inline::text(one_line(&credential.title))];
                    if let Some(hours) = credential.hours {
                        step.push(Inline::emphasis(format!(" ({})", format_hours(hours))));
                    }
                    step
                }
                None => vec![Inline::text(ctx.title_of(id.as_str()))],
            })
            .collect();
        out.numbered(steps);
        let leads: Vec<String> = pathway
            .leads_to
            .iter()
            .map(|id| ctx.title_of(id.as_str()))
            .collect();
        if !leads.is_empty() {
            out.paragraph(vec![
                Inline::strong("Leads to:"),
                Inline::text(format!(" {}.", join_words(&leads))),
            ]);
        }
        let hours: f64 = pathway
            .credentials
            .iter()
            .filter_map(|id| ctx.credential(id.as_str())?.hours)
            .sum();
        let mut load = Vec::new();
        if hours > 0.0 {
            load.push(format!("about {} of credential work", format_hours(hours)));
        }
        if let Some(months) = pathway.duration_months {
            load.push(format!(
                "typically {}",
                count(months as usize, "month", "months")
            ));
        }
        if !load.is_empty() {
            out.paragraph(vec![
                Inline::strong("Time:"),
                Inline::text(format!(" {}.", load.join(", "))),
            ]);
        }
    }
}

pub(super) fn get_started(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    let mut steps = Vec::new();
    let first: Vec<String> = plan
        .credentials
        .iter()
        .filter(|c| c.prerequisites.is_empty())
        .map(|c| match c.hours {
            Some(hours) => format!("{} ({})", one_line(&c.title), format_hours(hours)),
            None => one_line(&c.title),
        })
        .collect();
    if !first.is_empty() {
        steps.push(vec![
            Inline::strong("Choose a first credential."),
            Inline::text(format!(
                " These need nothing earned before them: {}.",
                join_words(&first)
            )),
        ]);
    }
    if let Some(learning) = &plan.learning {
        if let Some(supports) = answer(learning.supports.as_ref()) {
            steps.push(vec![
                Inline::strong("Use the supports."),
                Inline::text(format!(" {}", one_line(supports))),
            ]);
        }
        // Where the questions section answers time, the reader has just read it.
        if let Some(time) = answer(learning.time.as_ref())
            .filter(|_| !ctx.shows(crate::profile::SectionKind::Questions))
        {
            steps.push(vec![
                Inline::strong("Plan your time."),
                Inline::text(format!(" {}", one_line(time))),
            ]);
        }
    }
    if let Some(contact) = plan
        .scope
        .as_ref()
        .and_then(|s| s.point_of_contact.as_ref())
    {
        let mut step = vec![
            Inline::strong("Ask questions."),
            Inline::text(format!(" Contact {}", one_line(&contact.name))),
        ];
        if let Some(role) = answer(contact.role.as_ref()) {
            step.push(Inline::text(format!(", {}", one_line(role))));
        }
        if let Some(email) = answer(contact.email.as_ref()) {
            step.push(Inline::text(", at "));
            step.push(Inline::email(email));
        }
        step.push(Inline::text("."));
        steps.push(step);
    }
    let channels: Vec<&str> = plan
        .communication
        .iter()
        .flat_map(|c| c.channels.iter())
        .filter(|c| {
            c.audiences.contains(&ctx.profile.id)
                || (c.audiences.is_empty() && c.kind != Some(ChannelKind::Meeting))
        })
        .map(|c| c.name.as_str())
        .collect();
    if !channels.is_empty() {
        steps.push(vec![
            Inline::strong("Stay informed."),
            Inline::text(format!(
                " News about the pathways comes through {}.",
                join_words(&channels)
            )),
        ]);
    }
    out.numbered(steps);
}
