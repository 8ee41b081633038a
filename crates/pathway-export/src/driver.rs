//! The export driver: every chosen audience's document in every chosen format, on all cores,
//! with the constellation picture drawn once for all of them.
//!
//! Build → render → finish → write. Documents are built and rendered an audience per job;
//! renderers that show the picture ([`Rendered::AwaitingPictures`]) wait to be finished until
//! every audience is rendered, so no core sits waiting for the picture while there is other
//! work. The picture is drawn on its own thread meanwhile. Writing is the caller's: the driver
//! hands it each file's name and bytes, in the order of the audiences, then of the renderers.
//!
//! ```
//! use pathway_export::driver::{Export, export};
//! use pathway_export::{profile::Profiles, render::RENDERERS};
//!
//! let loaded = pathway_schema::load::load_str("plan.yaml", "\
//! schema_version: 1
//! id: demo-pathways
//! readiness: exploring
//! organization: {name: Demo District, kind: district}
//! ").unwrap();
//! let profiles = Profiles::builtin();
//! let audiences = [pathway_schema::Id::new("union").unwrap()];
//! let job = Export { loaded: &loaded, profiles: &profiles, audiences: &audiences, renderers: RENDERERS, state_points: &[] };
//! let names = export(&job, |name, bytes| {
//!     assert!(!bytes.is_empty());
//!     Ok::<_, pathway_export::ExportError>(name.to_owned())
//! })
//! .unwrap();
//! assert_eq!(names, ["demo-pathways-union.md", "demo-pathways-union.docx"]);
//! ```

use std::sync::Mutex;

use pathway_schema::Id;
use pathway_schema::load::LoadedPlan;
use pathway_validate::parallel;

use crate::constellation::Constellation;
use crate::profile::Profiles;
use crate::render::{Pictures, Rendered, Renderer};
use crate::{ExportError, build_document_with, file_name};

/// Plans with more credentials than this are written one audience at a time, each document
/// finished as soon as it is rendered: each document of such a plan takes tens of MiB while it
/// is built, and holding them all (or building two at once) would multiply the peak.
pub const LARGE_PLAN_CREDENTIALS: usize = 2_000;

/// The largest document written. Plan text is never expanded as a template and each section
/// appears once, so a plan within the input limits stays far below this; it is the last bound.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

/// What to export.
pub struct Export<'a> {
    /// The plan, loaded and checked.
    pub loaded: &'a LoadedPlan,
    /// The audience profiles the audiences come from.
    pub profiles: &'a Profiles,
    /// The audiences to write for, in order; ids without a profile are left out.
    pub audiences: &'a [Id],
    /// The formats to write, in order.
    pub renderers: &'a [&'a dyn Renderer],
    /// The state's own decision points from the plan's configuration, listed with the
    /// toolkit's in a draft's open decisions.
    pub state_points: &'a [pathway_schema::state_points::StateDecisionPoint],
}

/// A file rendered, waiting to be finished and written.
struct Pending {
    name: String,
    rendered: Mutex<Option<Rendered>>,
}

/// Writes every audience's documents through `write` (given each file's name and bytes), and
/// gives back what `write` returned, in the order of the audiences, then of the renderers.
/// The first error stops the export; files already written stay written.
pub fn export<P, E>(
    job: &Export<'_>,
    write: impl Fn(&str, &[u8]) -> Result<P, E> + Sync,
) -> Result<Vec<P>, E>
where
    P: Send + Sync,
    E: From<ExportError> + Send,
{
    let large = job.loaded.plan.credentials.len() > LARGE_PLAN_CREDENTIALS;
    let workers = if large { 1 } else { parallel::cores() };
    let pictures = Pictures::new();
    let write_checked = |name: &str, bytes: &[u8]| -> Result<P, E> {
        if bytes.len() > MAX_DOCUMENT_BYTES {
            return Err(ExportError::TooLarge {
                name: name.to_owned(),
                bytes: bytes.len(),
            }
            .into());
        }
        write(name, bytes)
    };
    let finish = |name: &str, rendered: Rendered| -> Result<P, E> {
        let bytes = rendered
            .finish(&pictures)
            .map_err(|source| ExportError::Render {
                name: name.to_owned(),
                source,
            })?;
        write_checked(name, &bytes)
    };
    // Each job gives, per renderer, a file written or one waiting for the pictures.
    let one = |audience: &Id| -> Result<Vec<Result<P, Pending>>, E> {
        let Some(profile) = job.profiles.get(audience.as_str()) else {
            return Ok(Vec::new());
        };
        let document = build_document_with(job.loaded, profile, job.state_points);
        let mut outputs = Vec::with_capacity(job.renderers.len());
        for renderer in job.renderers {
            let name = file_name(&job.loaded.plan.id, &profile.id, *renderer);
            let rendered = renderer
                .render(&document)
                .map_err(|source| ExportError::Render {
                    name: name.clone(),
                    source,
                })?;
            outputs.push(match rendered {
                Rendered::AwaitingPictures(_) if !large => Err(Pending {
                    name,
                    rendered: Mutex::new(Some(rendered)),
                }),
                _ => Ok(finish(&name, rendered)?),
            });
        }
        Ok(outputs)
    };
    let lost = || E::from(ExportError::Lost);
    std::thread::scope(|scope| {
        // The picture takes longest: start it now, beside the first documents. A renderer
        // that shows it waits for this drawing rather than start another.
        if job
            .renderers
            .iter()
            .any(|renderer| renderer.shows_pictures())
        {
            // A plan too large for one picture has several (an overview and its first stacks).
            let _ = std::thread::Builder::new().spawn_scoped(scope, || {
                for constellation in Constellation::from_plan(&job.loaded.plan).pictured() {
                    let _ = pictures.get(&constellation);
                }
            });
        }
        let mut outputs = Vec::new();
        for built in parallel::map(job.audiences, workers, one, || Err(lost())) {
            outputs.extend(built?);
        }
        let pack = |output: &Result<P, Pending>| -> Option<Result<P, E>> {
            let Err(pending) = output else { return None };
            let rendered = pending
                .rendered
                .lock()
                .ok()
                .and_then(|mut slot| slot.take());
            Some(match rendered {
                Some(rendered) => finish(&pending.name, rendered),
                None => Err(lost()),
            })
        };
        let mut packed = parallel::map(&outputs, workers, pack, || Some(Err(lost()))).into_iter();
        outputs
            .into_iter()
            .map(|output| match (output, packed.next().flatten()) {
                (Ok(written), _) => Ok(written),
                (Err(_), Some(result)) => result,
                (Err(_), None) => Err(lost()),
            })
            .collect()
    })
}
