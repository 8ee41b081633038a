//! `pathway report` end to end: the six files, the same bytes run after run and whatever the
//! order the plans are named in, and broken plans counted, not dropped.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::Command;

const FILES: [&str; 6] = [
    "report.md",
    "report.docx",
    "plans.csv",
    "decision-points.csv",
    "credentials.csv",
    "report.json",
];

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn report(args: &[&str], out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pathway"))
        .arg("report")
        .args(args)
        .arg("-o")
        .arg(out)
        .current_dir(repo_root())
        .output()
        .unwrap()
}

fn read_all(dir: &Path) -> Vec<Vec<u8>> {
    FILES
        .iter()
        .map(|name| std::fs::read(dir.join(name)).unwrap())
        .collect()
}

#[test]
fn six_files_the_same_bytes_whatever_the_order() {
    let work = tempfile::tempdir().unwrap();
    let (first, second, third) = (
        work.path().join("first"),
        work.path().join("second"),
        work.path().join("third"),
    );
    let output = report(&["examples", "tests/fixtures/report"], &first);
    assert!(output.status.success(), "{output:?}");
    let listed = String::from_utf8(output.stdout).unwrap();
    for name in FILES {
        assert!(listed.contains(name), "{name} not listed: {listed}");
    }
    let output = report(&["examples", "tests/fixtures/report"], &second);
    assert!(output.status.success());
    assert!(read_all(&first) == read_all(&second), "two runs differ");
    // The same plans, named file by file in another order.
    let output = report(
        &[
            "tests/fixtures/report/schema-error.yaml",
            "tests/fixtures/report/gamma.yaml",
            "examples/juniper-ridge-designing.yaml",
            "tests/fixtures/report/alpha.yaml",
            "examples/high-desert-state-piloting.yaml",
            "tests/fixtures/report/syntax-error.yaml",
            "examples/cedar-valley-scaling.yaml",
            "tests/fixtures/report/beta.yaml",
            "examples/state-rule-pack/plan.yaml",
        ],
        &third,
    );
    assert!(output.status.success());
    assert!(
        read_all(&first) == read_all(&third),
        "argument order changed the report"
    );
    let plans = std::fs::read_to_string(first.join("plans.csv")).unwrap();
    // 4 examples (one in examples/state-rule-pack/) + 5 fixtures (the two broken ones listed,
    // not dropped).
    assert_eq!(plans.lines().count(), 1 + 9);
    assert!(plans.contains("tests/fixtures/report/syntax-error.yaml,,,,,not-counted,1,"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(first.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["report_version"], 1);
    assert_eq!(json["totals"]["plans"], 9);
    assert_eq!(json["totals"]["not_counted"], 2);
}

#[test]
fn only_the_formats_asked_for_are_written() {
    let work = tempfile::tempdir().unwrap();
    let output = report(&["examples", "--format", "json"], work.path());
    assert!(output.status.success());
    let mut names: Vec<_> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["report.json"]);
}

#[test]
fn a_folder_without_plans_writes_nothing_and_exits_2() {
    let work = tempfile::tempdir().unwrap();
    let empty = work.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = work.path().join("out");
    let output = report(&[empty.to_str().unwrap()], &out);
    assert_eq!(output.status.code(), Some(2));
    assert!(!out.exists());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("no .yaml, .yml or .json plan files"),
        "{stderr}"
    );
}

#[test]
fn a_broken_report_profile_is_named_with_its_file() {
    let work = tempfile::tempdir().unwrap();
    let templates = work.path().join("templates");
    std::fs::create_dir_all(templates.join("report")).unwrap();
    std::fs::write(templates.join("report/state.yaml"), "title: [unclosed\n").unwrap();
    let output = report(
        &["examples", "--templates", templates.to_str().unwrap()],
        &work.path().join("out"),
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("state.yaml"), "{stderr}");
    assert!(stderr.contains("templates/report/state.yaml"), "{stderr}");
}

/// A file of a report's output folder, as text.
fn text_of(dir: &Path, name: &str) -> String {
    String::from_utf8(std::fs::read(dir.join(name)).unwrap()).unwrap()
}

/// The `decision-points.csv` rows of one decision point, keyed by plan file name (the last part
/// of the path), each as its cells after `decision_point`.
fn point_rows(csv: &str, point: &str) -> Vec<(String, Vec<String>)> {
    csv.lines()
        .skip(1)
        .filter_map(|line| {
            // The test's paths and ids hold no comma or quote, so a plain split is exact.
            let cells: Vec<&str> = line.split(',').collect();
            (cells[3] == point).then(|| {
                let file = Path::new(cells[0]).file_name().unwrap();
                (
                    file.to_string_lossy().into_owned(),
                    cells[4..].iter().map(|c| (*c).to_owned()).collect(),
                )
            })
        })
        .collect()
}

// The state's own decision points of examples/state-rule-pack/pathway.toml are counted in the
// roll-up as `pathway validate` counts them. The expected figures are read from the example's
// files by the test itself: each declaration's id, area and level from pathway.toml, the plan's
// level from plan.yaml, and an answer wherever the plan's `extensions` holds the key.
#[test]
fn the_state_rule_pack_counts_the_states_own_points() {
    let folder = repo_root().join("examples/state-rule-pack");
    let config = std::fs::read_to_string(folder.join("pathway.toml")).unwrap();
    let plan = std::fs::read_to_string(folder.join("plan.yaml")).unwrap();
    let value = |line: &str| line.split('"').nth(1).unwrap().to_owned();
    let mut declared: Vec<(String, String, String, String)> = Vec::new();
    for line in config.lines() {
        if line.starts_with("id = ") {
            declared.push((value(line), String::new(), String::new(), String::new()));
        } else if let Some(last) = declared.last_mut() {
            if line.starts_with("area = ") {
                last.1 = value(line);
            } else if line.starts_with("level = ") {
                last.2 = value(line);
            } else if line.starts_with("answer_at = ") {
                last.3 = value(line).rsplit('/').next().unwrap().to_owned();
            }
        }
    }
    assert_eq!(declared.len(), 3, "the example declares three points");
    declared.sort();
    let levels = ["exploring", "designing", "piloting", "scaling"];
    let rank = |level: &str| levels.iter().position(|l| *l == level).unwrap();
    let readiness = plan
        .lines()
        .find_map(|line| line.strip_prefix("readiness: "))
        .unwrap();
    let extensions = &plan[plan.find("\nextensions:").unwrap()..];

    let out = tempfile::tempdir().unwrap();
    let output = report(&["examples/state-rule-pack"], out.path());
    assert!(output.status.success(), "{output:?}");
    let csv = text_of(out.path(), "decision-points.csv");
    let json: serde_json::Value =
        serde_json::from_str(&text_of(out.path(), "report.json")).unwrap();
    let entries: Vec<&serde_json::Value> = json["decision_points"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["source"] == "state")
        .collect();
    assert_eq!(entries.len(), declared.len());
    let mut required_here = 0;
    for ((id, area, level, key), entry) in declared.iter().zip(&entries) {
        let required = rank(level) <= rank(readiness);
        let answered = extensions.contains(&format!("\n    {key}:"));
        required_here += usize::from(required);
        assert_eq!(entry["id"], id.as_str());
        assert_eq!(entry["area"], area.as_str());
        assert_eq!(entry["plans_required"], u64::from(required));
        assert_eq!(entry["plans_answered"], u64::from(required && answered));
        assert_eq!(entry["plans_answering_any_level"], u64::from(answered));
        assert_eq!(entry["plans_not_asked"], 0);
        assert_eq!(
            point_rows(&csv, id),
            [(
                "plan.yaml".to_owned(),
                vec![
                    area.clone(),
                    level.clone(),
                    required.to_string(),
                    answered.to_string(),
                    "state".to_owned(),
                    "true".to_owned(),
                ]
            )]
        );
    }
    assert_eq!(
        required_here, 2,
        "two of the three are required at designing"
    );
    // One row per point: the toolkit's 29, then the state's three.
    assert_eq!(csv.lines().count(), 1 + 29 + 3);
    let md = text_of(out.path(), "report.md");
    assert!(md.contains("### The state's own decision points"), "{md}");
}

// A hand-made set: one pathway.toml declaring two points, with three plans under it (one answers
// both, one leaves the second open, one does not parse), and a fourth plan under a configuration
// that declares none, which is not asked them. Every figure is worked out here from that set.
#[test]
fn state_points_are_counted_open_or_not_asked_plan_by_plan() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let other = dir.path().join("other");
    std::fs::create_dir_all(&state).unwrap();
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(
        state.join("pathway.toml"),
        "[[decision_points]]\nid = \"st.pool\"\narea = \"goals\"\nlevel = \"exploring\"\n\
         question = \"Which assessor pool scores our credentials?\"\n\
         answer_at = \"/extensions/st/pool\"\n\n\
         [[decision_points]]\nid = \"st.renewal\"\narea = \"evaluation\"\nlevel = \"exploring\"\n\
         question = \"How do credentials count toward license renewal?\"\n\
         answer_at = \"/extensions/st/renewal\"\n",
    )
    .unwrap();
    std::fs::write(other.join("pathway.toml"), "").unwrap();
    let plan = |id: &str, extensions: &str| {
        format!(
            "schema_version: 1\nid: {id}\nreadiness: exploring\n\
             organization: {{name: {id} district, kind: district}}\n{extensions}"
        )
    };
    let both = "extensions:\n  st:\n    pool: The Northern Region pool scores them.\n    \
                renewal: Each credential counts for ten renewal hours.\n";
    let one = "extensions:\n  st:\n    pool: The Northern Region pool scores them.\n";
    std::fs::write(state.join("a.yaml"), plan("a-district", both)).unwrap();
    std::fs::write(state.join("b.yaml"), plan("b-district", one)).unwrap();
    std::fs::write(state.join("c.yaml"), "schema_version: 1\nid: [unclosed\n").unwrap();
    std::fs::write(other.join("d.yaml"), plan("d-district", "")).unwrap();

    let out = dir.path().join("out");
    let output = report(&[dir.path().to_str().unwrap()], &out);
    assert!(output.status.success(), "{output:?}");

    let csv = text_of(&out, "decision-points.csv");
    // Four plans, each with the toolkit's 29 rows and the two state points'.
    assert_eq!(csv.lines().count(), 1 + 4 * (29 + 2));
    let cells = |area: &str, required: &str, answered: &str, asked: &str| {
        vec![
            area.to_owned(),
            "exploring".to_owned(),
            required.to_owned(),
            answered.to_owned(),
            "state".to_owned(),
            asked.to_owned(),
        ]
    };
    let row = |file: &str, cells: Vec<String>| (file.to_owned(), cells);
    assert_eq!(
        point_rows(&csv, "st.pool"),
        [
            // The plan that does not parse has no id and comes first.
            row("c.yaml", cells("goals", "", "", "")),
            row("a.yaml", cells("goals", "true", "true", "true")),
            row("b.yaml", cells("goals", "true", "true", "true")),
            row("d.yaml", cells("goals", "false", "", "false")),
        ]
    );
    assert_eq!(
        point_rows(&csv, "st.renewal"),
        [
            row("c.yaml", cells("evaluation", "", "", "")),
            row("a.yaml", cells("evaluation", "true", "true", "true")),
            row("b.yaml", cells("evaluation", "true", "false", "true")),
            row("d.yaml", cells("evaluation", "false", "", "false")),
        ]
    );

    let json: serde_json::Value = serde_json::from_str(&text_of(&out, "report.json")).unwrap();
    assert_eq!(json["totals"]["plans"], 4);
    assert_eq!(json["totals"]["counted"], 3);
    let entry = |id: &str| {
        json["decision_points"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()
            .clone()
    };
    // (required, answered, open, answered at any level, not asked)
    let figures = |p: serde_json::Value| {
        [
            "plans_required",
            "plans_answered",
            "plans_open",
            "plans_answering_any_level",
            "plans_not_asked",
        ]
        .map(|key| p[key].as_u64().unwrap())
    };
    assert_eq!(figures(entry("st.pool")), [2, 2, 0, 2, 1]);
    assert_eq!(figures(entry("st.renewal")), [2, 1, 1, 1, 1]);
    assert_eq!(entry("st.pool")["source"], "state");
    assert_eq!(entry("goals.challenges")["plans_not_asked"], 0);
    // The state's points are the last entries, in id order.
    let ids: Vec<&str> = json["decision_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 29 + 2);
    assert_eq!(ids[29..], ["st.pool", "st.renewal"]);

    // The plans' rows: a and d are at the same level, so a is asked exactly two points more; b
    // leaves st.renewal open, and no plan lists a point it was not asked as open.
    let plans = text_of(&out, "plans.csv");
    let plan_row = |id: &str| -> Vec<String> {
        plans
            .lines()
            .map(|line| line.split(',').map(str::to_owned).collect::<Vec<_>>())
            .find(|cells| cells[1] == id)
            .unwrap()
    };
    let required = |id: &str| plan_row(id)[10].parse::<u64>().unwrap();
    let answered = |id: &str| plan_row(id)[11].parse::<u64>().unwrap();
    assert_eq!(required("a-district"), required("d-district") + 2);
    assert_eq!(answered("a-district"), answered("d-district") + 2);
    assert_eq!(answered("b-district"), answered("d-district") + 1);
    let open = |id: &str| plan_row(id)[12].clone();
    assert!(!open("a-district").contains("st."));
    assert!(open("b-district").split(' ').any(|p| p == "st.renewal"));
    assert!(!open("b-district").contains("st.pool"));
    assert!(!open("d-district").contains("st."));
    // In the areas: goals counts st.pool for a and b; evaluation counts st.renewal, answered by
    // a only. The toolkit's own points in each area are the same for the three exploring plans.
    let area = |id: &str| {
        json["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["area"] == id)
            .unwrap()
            .clone()
    };
    let toolkit_in = |id: &str| {
        json["decision_points"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["area"] == id && p["source"] == "toolkit" && p["level"] == "exploring")
            .count() as u64
    };
    assert_eq!(
        area("goals")["points_required"],
        3 * toolkit_in("goals") + 2
    );
    assert_eq!(
        area("evaluation")["points_required"],
        3 * toolkit_in("evaluation") + 2
    );

    let md = text_of(&out, "report.md");
    assert!(
        md.contains(
            "| st.pool | Which assessor pool scores our credentials? | 2 | 2 | 0 |\n\
             | st.renewal | How do credentials count toward license renewal? | 2 | 2 | 1 |\n"
        ),
        "{md}"
    );
}

// The report reads each plan's pathway.toml for the state's points: one that cannot be read
// stops the run before any file is written, named with its line, as `pathway validate` does.
#[test]
fn a_broken_state_configuration_stops_the_run_before_any_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pathway.toml"),
        "[[decision_points]]\nid = \"st.pool\"\narea = \"nowhere\"\nlevel = \"exploring\"\n\
         question = \"Which pool?\"\nanswer_at = \"/extensions/st/pool\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "schema_version: 1\nid: a\nreadiness: exploring\norganization: {name: A, kind: district}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = report(&[dir.path().to_str().unwrap()], &out);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("pathway.toml:3:"), "{stderr}");
    assert!(stderr.contains("unknown area"), "{stderr}");
    assert!(!out.exists());
}
