//! Sharing and communicating: what each audience hears, and where.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::values::Id;

/// Sharing and communicating: the message for each audience, the channels, case studies and how
/// feedback comes back.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Communication {
    /// What each audience needs to hear.
    #[serde(default)]
    pub audiences: Vec<AudienceMessage>,
    /// Where stakeholders find the plan and its results.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Stories of the program that can be shared.
    #[serde(default)]
    pub case_studies: Vec<CaseStudy>,
    /// How feedback is gathered from stakeholders and used to iterate.
    #[serde(default)]
    pub feedback: Option<String>,
}

/// The message for one audience.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AudienceMessage {
    /// The audience, by id: a built-in audience or one of your own audience profiles. The
    /// schema's description lists the built-in ids, read from [`crate::audiences::IDS`].
    #[schemars(description = audience_description(), example = &"school-board")]
    pub audience: Id,
    /// What this audience needs to hear.
    #[serde(default)]
    pub message: Option<String>,
}

/// A place where stakeholders find the plan and its results.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// The channel's name.
    #[schemars(length(min = 1), example = &"Pathways page on the district website")]
    pub name: String,
    /// What kind of channel it is.
    #[serde(default)]
    pub kind: Option<ChannelKind>,
    /// Its address, when it has one.
    #[serde(default)]
    #[schemars(url)]
    pub url: Option<String>,
    /// The audiences it reaches, by id.
    #[serde(default)]
    #[schemars(example = example_educators_union())]
    pub audiences: Vec<Id>,
}

/// Kinds of communication channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChannelKind {
    /// A web page.
    Website,
    /// A newsletter or email list.
    Newsletter,
    /// A meeting or presentation.
    Meeting,
    /// A network of peers, such as a regional network of districts.
    Network,
    /// Social media.
    SocialMedia,
    /// A published report or dashboard.
    Report,
}

/// A story of the program that can be shared.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseStudy {
    /// The case study's title.
    #[schemars(length(min = 1))]
    pub title: String,
    /// What happened and what was learned.
    #[serde(default)]
    pub summary: Option<String>,
    /// Where it is published.
    #[serde(default)]
    #[schemars(url)]
    pub url: Option<String>,
}

fn example_educators_union() -> serde_json::Value {
    serde_json::json!(["educators", "union"])
}

/// The description of [`AudienceMessage::audience`], naming the built-in audiences from the one
/// list of them, so a new audience's file is enough to reach the schema and docs/format.md.
fn audience_description() -> String {
    let ids: Vec<String> = crate::audiences::IDS
        .iter()
        .map(|id| format!("`{id}`"))
        .collect();
    format!(
        "The audience, by id: {}, or one of your own audience profiles.",
        ids.join(", ")
    )
}
