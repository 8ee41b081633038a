//! People: who takes part and on what terms, educator voice, stakeholders, school buildings, the
//! community and partners.

use pathway_schema::{OpportunityKind, PartnerKind, StakeholderGroup, StakeholderKind};

use super::summary::involvement_words;
use super::{BlockWriter, SectionContext};
use crate::constellation::kind_label;
use crate::model::{HeadingLevel, Inline, Table};
use crate::prose::{answer, capitalize, count, join_words, one_line};

pub(super) fn participation(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    let mut table = Table::new(["Opportunity", "Who may apply", "Requires", "Places"]);
    for (o, opportunity) in plan.opportunities.iter().enumerate() {
        let requires = ctx
            .unlock_phrase(o)
            .map_or_else(|| "—".to_owned(), |phrase| capitalize(&phrase));
        table.push_row([
            vec![Inline::strong(one_line(&opportunity.title))],
            vec![Inline::text(
                answer(opportunity.eligibility.as_ref())
                    .map_or_else(|| "Not limited".to_owned(), one_line),
            )],
            vec![Inline::text(requires)],
            vec![Inline::text(
                opportunity
                    .positions
                    .map_or_else(|| "Open".to_owned(), |n| n.to_string()),
            )],
        ]);
    }
    out.table(table);
    if let Some(pilot) = plan.implementation.as_ref().and_then(|i| i.pilot.as_ref()) {
        out.heading(
            HeadingLevel::Subsection,
            if pilot.status == Some(pathway_schema::PilotStatus::Completed) {
                "The pilot that came before"
            } else {
                "Taking part in the pilot"
            },
        );
        let mut who = Vec::new();
        if let Some(n) = pilot.participants {
            who.push(count(n as usize, "educator", "educators"));
        }
        if !who.is_empty() {
            out.paragraph(vec![
                Inline::strong(super::pilot_label(pilot)),
                Inline::text(format!(" {}.", who.join(" "))),
            ]);
        }
        if let Some(description) = answer(pilot.description.as_ref()) {
            out.text(description);
        }
    }
}

pub(super) fn educator_voice(ctx: &SectionContext, out: &mut BlockWriter) {
    let Some(stakeholders) = &ctx.plan.stakeholders else {
        return;
    };
    if let Some(voice) = answer(stakeholders.educator_voice.as_ref()) {
        out.text(voice);
    }
    let mut table = Table::new(["Group", "How involved", "Role"]);
    for group in stakeholders
        .groups
        .iter()
        .filter(|g| g.group.is_educators() || g.group == StakeholderKind::Union)
    {
        table.push_row(group_row(group));
    }
    out.table(table);
    // The risks section quotes the pitfalls; a reader should not meet the paragraph twice.
    if !ctx.shows(crate::profile::SectionKind::Risks) {
        out.answer(
            "Pitfalls the plan guards against.",
            stakeholders.pitfalls.as_ref(),
        );
    }
}

pub(super) fn stakeholders(ctx: &SectionContext, out: &mut BlockWriter) {
    let Some(stakeholders) = &ctx.plan.stakeholders else {
        return;
    };
    let mut table = Table::new(["Group", "How involved", "Role"]);
    for group in &stakeholders.groups {
        table.push_row(group_row(group));
    }
    out.table(table);
}

pub(super) fn building_asks(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    let mut table = Table::new(["Role in the building", "Kind", "Time it asks", "Places"]);
    for opportunity in plan.opportunities.iter().filter(|o| {
        matches!(
            o.kind,
            OpportunityKind::ClassroomRole
                | OpportunityKind::HybridRole
                | OpportunityKind::LeadershipRole
                | OpportunityKind::Committee
        )
    }) {
        table.push_row([
            vec![Inline::strong(one_line(&opportunity.title))],
            vec![Inline::text(capitalize(kind_label(opportunity.kind)))],
            vec![Inline::text(
                answer(opportunity.time_commitment.as_ref())
                    .map_or_else(|| "—".to_owned(), one_line),
            )],
            vec![Inline::text(opportunity.positions.map_or_else(
                || "Open".to_owned(),
                |n| crate::prose::group_thousands(n.into()),
            ))],
        ]);
    }
    out.table(table);
    // A principal invites, schedules and evaluates the teachers who take part: whether they
    // may be assigned and whether their evidence reaches an evaluation are the principal's
    // business too.
    if let Some(rule) = super::terms::participation_statement(plan) {
        out.labeled("Taking part.", rule);
    }
    if let Some(rule) = super::terms::evidence_statement(plan) {
        out.labeled("Evidence and evaluations.", rule);
    }
    if let Some(learning) = &plan.learning {
        out.heading(HeadingLevel::Subsection, "Time and support for staff");
        out.answer("Time for learning.", learning.time.as_ref());
        out.answer(
            "Support for staff who take part.",
            learning.supports.as_ref(),
        );
    }
    let mut assessors: Vec<String> = Vec::new();
    for credential in &plan.credentials {
        if let Some(assessor) = answer(credential.assessed_by.as_ref()).map(one_line)
            && !assessors.contains(&assessor)
        {
            assessors.push(assessor);
        }
    }
    if !assessors.is_empty() {
        out.paragraph(vec![
            Inline::strong("Assessors:"),
            Inline::text(format!(" {}.", crate::prose::join_clauses(&assessors))),
        ]);
    }
    let years = super::terms::scoring_years(plan);
    if !years.is_empty() {
        let counts: Vec<String> = years
            .iter()
            .map(|y| {
                format!(
                    "{} in {}",
                    crate::prose::group_thousands(y.assessors.into()),
                    crate::prose::school_year(y.year)
                )
            })
            .collect();
        let mut text = format!("{} across the organization", join_words(&counts));
        if let Some(clause) = super::terms::capacity_clause(plan) {
            text.push_str(&format!("; {clause}"));
        }
        out.labeled("Assessors each year.", &format!("{text}."));
    }
    if let Some(pilot) = plan.implementation.as_ref().and_then(|i| i.pilot.as_ref())
        && !pilot.sites.is_empty()
    {
        out.paragraph(vec![
            Inline::strong("Pilot sites:"),
            Inline::text(format!(" {}.", crate::prose::join_names(&pilot.sites))),
        ]);
    }
}

pub(super) fn community(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    let community_groups = [
        StakeholderKind::City,
        StakeholderKind::Employers,
        StakeholderKind::Families,
        StakeholderKind::Community,
        StakeholderKind::HigherEducation,
        StakeholderKind::Students,
    ];
    let groups: Vec<_> = plan
        .stakeholders
        .iter()
        .flat_map(|s| s.groups.iter())
        .filter(|g| community_groups.contains(&g.group))
        .collect();
    let mut table = Table::new(["Group", "How involved", "Role"]);
    for group in &groups {
        table.push_row(group_row(group));
    }
    out.table(table);
    if !groups.iter().any(|g| g.group == StakeholderKind::City) {
        out.sentence("The plan does not yet name a role for the city.");
    }
    let partners: Vec<_> = plan
        .partnerships
        .iter()
        .flat_map(|p| p.partners.iter())
        .filter(|p| p.kind != PartnerKind::StateAgency && p.kind != PartnerKind::CredentialIssuer)
        .collect();
    let mut table = Table::new(["Partner", "Kind", "Contribution"]);
    for partner in partners {
        table.push_row([
            vec![Inline::strong(one_line(&partner.name))],
            vec![Inline::text(partner_kind(partner.kind))],
            vec![Inline::text(
                answer(partner.contribution.as_ref()).map_or_else(|| "—".to_owned(), one_line),
            )],
        ]);
    }
    if !table.rows.is_empty() {
        out.heading(HeadingLevel::Subsection, "Partners in the community");
    }
    out.table(table);
}

pub(super) fn partnerships(ctx: &SectionContext, out: &mut BlockWriter) {
    let mut table = Table::new(["Partner", "Kind", "Contribution"]);
    for partner in ctx.plan.partnerships.iter().flat_map(|p| p.partners.iter()) {
        table.push_row([
            vec![Inline::strong(one_line(&partner.name))],
            vec![Inline::text(partner_kind(partner.kind))],
            vec![Inline::text(
                answer(partner.contribution.as_ref()).map_or_else(|| "—".to_owned(), one_line),
            )],
        ]);
    }
    out.table(table);
}

/// A group by its name when the plan gives one ("Cedar Valley Teachers Association"), by its
/// kind otherwise ("Union"). Regression: "Cedar Valley classroom teachers (teachers)" showed
/// the kind beside a name that already says it.
fn group_label(kind: StakeholderKind, name: Option<&String>) -> String {
    match answer(name) {
        Some(name) => one_line(name),
        None => group_name(kind).to_owned(),
    }
}

/// A stakeholder group in words: "School board".
pub(crate) fn group_name(kind: StakeholderKind) -> &'static str {
    match kind {
        StakeholderKind::Teachers => "Teachers",
        StakeholderKind::Paraprofessionals => "Paraprofessionals",
        StakeholderKind::Principals => "Principals",
        StakeholderKind::DistrictLeaders => "District leaders",
        StakeholderKind::Union => "Union",
        StakeholderKind::SchoolBoard => "School board",
        StakeholderKind::State => "State",
        StakeholderKind::City => "City",
        StakeholderKind::Employers => "Employers",
        StakeholderKind::Families => "Families",
        StakeholderKind::Students => "Students",
        StakeholderKind::HigherEducation => "Higher education",
        StakeholderKind::Community => "Community",
    }
}

pub(super) fn partner_kind(kind: PartnerKind) -> &'static str {
    match kind {
        PartnerKind::TeacherPreparation => "Teacher preparation",
        PartnerKind::HigherEducation => "Higher education",
        PartnerKind::Nonprofit => "Nonprofit",
        PartnerKind::Employer => "Employer",
        PartnerKind::StateAgency => "State agency",
        PartnerKind::CredentialIssuer => "Credential issuer",
        PartnerKind::Philanthropy => "Philanthropy",
        PartnerKind::Community => "Community",
        PartnerKind::District => "School district",
        PartnerKind::RegionalAgency => "Regional service agency",
    }
}

/// A stakeholder group as a table row: who, how involved, and their role.
fn group_row(group: &StakeholderGroup) -> [Vec<Inline>; 3] {
    [
        vec![Inline::strong(group_label(
            group.group,
            group.name.as_ref(),
        ))],
        vec![Inline::text(capitalize(&involvement_words(
            &group.involvement,
        )))],
        vec![Inline::text(
            answer(group.role.as_ref()).map_or_else(|| "—".to_owned(), one_line),
        )],
    ]
}
