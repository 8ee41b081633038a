//! Everything in a plan that has an id, and every place that refers to one. The index lives in
//! the shared domain layer ([`pathway_schema::domain::ids`]) so that the validator, the budget
//! and the documents resolve ids the same way; it is re-exported here for the rules.

pub use pathway_schema::domain::ids::*;
