//! The plan's closed vocabularies as the plan writes them (`charter-network`, `federal-title`),
//! for the report's columns and keys. The schema crate reads these words; the roll-up writes them.

use pathway_schema::plan::{
    CompensationForm, FundingKind, IncentiveType, OpportunityKind, OrganizationKind,
};
use pathway_schema::{Area, DECISION_POINTS};

/// An organization kind as a plan writes it.
pub fn organization_kind(kind: OrganizationKind) -> &'static str {
    match kind {
        OrganizationKind::District => "district",
        OrganizationKind::State => "state",
        OrganizationKind::CharterNetwork => "charter-network",
        OrganizationKind::RegionalAgency => "regional-agency",
    }
}

/// Every organization kind, in the schema's order.
pub const ORGANIZATION_KINDS: [OrganizationKind; 4] = [
    OrganizationKind::District,
    OrganizationKind::State,
    OrganizationKind::CharterNetwork,
    OrganizationKind::RegionalAgency,
];

/// An opportunity kind as a plan writes it.
pub fn opportunity_kind(kind: OpportunityKind) -> &'static str {
    match kind {
        OpportunityKind::ClassroomRole => "classroom-role",
        OpportunityKind::HybridRole => "hybrid-role",
        OpportunityKind::LeadershipRole => "leadership-role",
        OpportunityKind::Committee => "committee",
        OpportunityKind::Recognition => "recognition",
        OpportunityKind::CompensationStep => "compensation-step",
    }
}

/// Every opportunity kind, in the schema's order.
pub const OPPORTUNITY_KINDS: [OpportunityKind; 6] = [
    OpportunityKind::ClassroomRole,
    OpportunityKind::HybridRole,
    OpportunityKind::LeadershipRole,
    OpportunityKind::Committee,
    OpportunityKind::Recognition,
    OpportunityKind::CompensationStep,
];

/// An incentive type as a plan writes it.
pub fn incentive_type(kind: IncentiveType) -> &'static str {
    match kind {
        IncentiveType::Compensation => "compensation",
        IncentiveType::PrivilegeInfluence => "privilege-influence",
        IncentiveType::Recognition => "recognition",
        IncentiveType::PositionChange => "position-change",
        IncentiveType::JobSecurity => "job-security",
    }
}

/// Every incentive type, in the schema's order.
pub const INCENTIVE_TYPES: [IncentiveType; 5] = [
    IncentiveType::Compensation,
    IncentiveType::PrivilegeInfluence,
    IncentiveType::Recognition,
    IncentiveType::PositionChange,
    IncentiveType::JobSecurity,
];

/// A compensation form as a plan writes it.
pub fn compensation_form(form: CompensationForm) -> &'static str {
    match form {
        CompensationForm::Stipend => "stipend",
        CompensationForm::Bonus => "bonus",
        CompensationForm::SalaryIncrease => "salary-increase",
        CompensationForm::Step => "step",
        CompensationForm::LaneChange => "lane-change",
    }
}

/// A funding kind as a plan writes it.
pub fn funding_kind(kind: FundingKind) -> &'static str {
    match kind {
        FundingKind::DistrictBudget => "district-budget",
        FundingKind::State => "state",
        FundingKind::FederalTitle => "federal-title",
        FundingKind::Federal => "federal",
        FundingKind::Grant => "grant",
        FundingKind::Philanthropy => "philanthropy",
    }
}

/// Every funding kind, in the schema's order.
pub const FUNDING_KINDS: [FundingKind; 6] = [
    FundingKind::DistrictBudget,
    FundingKind::State,
    FundingKind::FederalTitle,
    FundingKind::Federal,
    FundingKind::Grant,
    FundingKind::Philanthropy,
];

/// An area's short id, the prefix its decision points share (`goals` in `goals.challenges`).
pub fn area_id(area: Area) -> &'static str {
    DECISION_POINTS
        .iter()
        .find(|point| point.area == area)
        .and_then(|point| point.id.split('.').next())
        .unwrap_or("")
}
