//! The plan's meaning, computed once and read by the validator and by every document alike, so
//! that they agree by construction: the [id index](ids), the [unlock graph](unlocks), the
//! [yearly budget](budget), [money and numbers](money) written one way, and [JSON
//! Pointers](mod@pointer) built from the plan's shape.
//!
//! ```
//! use pathway_schema::domain::Model;
//!
//! let plan = pathway_schema::load::load_str("plan.yaml", "\
//! schema_version: 1
//! id: demo
//! readiness: exploring
//! organization: {name: Demo District, kind: district}
//! credentials:
//!   - {id: small-groups, title: Small-Group Reading}
//! opportunities:
//!   - {id: lab, title: Lab Classroom, kind: classroom-role, stays_in_classroom: true,
//!      unlocked_by: [small-groups]}
//! ").unwrap().plan;
//! let model = Model::new(&plan);
//! assert_eq!(model.unlocks.unlocked_by_credential(0), [0]);
//! assert!(model.budget.costs.is_empty());
//! ```

pub mod budget;
pub mod decisions;
pub mod ids;
pub mod money;
pub mod pointer;
pub mod unlocks;

use crate::plan::Plan;

/// Everything the domain layer knows about one plan.
#[derive(Debug)]
pub struct Model<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Everything with an id.
    pub index: ids::PlanIndex<'a>,
    /// What unlocks each opportunity.
    pub unlocks: unlocks::UnlockGraph,
    /// Costs, funding and balances by year.
    pub budget: budget::Budget<'a>,
}

impl<'a> Model<'a> {
    /// Builds the model of a plan.
    pub fn new(plan: &'a Plan) -> Model<'a> {
        let index = ids::PlanIndex::new(plan);
        let unlocks = unlocks::UnlockGraph::new(plan, &index);
        let budget = budget::Budget::new(plan, &index);
        Model {
            plan,
            index,
            unlocks,
            budget,
        }
    }
}
