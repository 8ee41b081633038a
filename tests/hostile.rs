//! Hostile input: every kind of broken or malicious plan the hardening issue lists, run through
//! the real `pathway` binary for `validate` and `export`, each under a hang guard and a memory
//! cap. Every run must end on its own with exit status 0, 1 or 2 (never a signal, never 101 for
//! a panic), say what is wrong with a `file:line:col` when the input has content, and write
//! nothing it should not.
//!
//! The small inputs are data files in `tests/hostile/` at the repository root, each named for
//! what it exercises and listed in [`EXPECTED`]; the large ones (a few MiB over the size limit,
//! a million lines) are made here, in a temporary folder, with few large writes.
//!
//! Durations are printed (`cargo test --test hostile -- --nocapture`), not asserted: the guard
//! only proves that nothing hangs. Release-build timings are in the README's "Limits".

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Kill a run after this long and fail. This is not a time limit: every run here does a bounded
/// amount of work, and the slowest takes about 12 s in a debug build on a busy 2-core machine.
/// The guard is there only so that a hang (a FIFO read, a symlink loop) fails the suite instead
/// of stopping it, and it sits far enough above any real run that a slow machine never meets it.
const HANG_GUARD: Duration = Duration::from_secs(600);

/// Address space allowed to each run, in KiB (`ulimit -v`). The binary reserves about 200 MiB
/// before it reads anything (thread stacks of 32 MiB, allocator arenas, the binary itself), and
/// its largest legal input (a plan of a million small values) peaks at about 400 MiB resident;
/// an allocation explosion fails here instead of swapping.
const MEMORY_CAP_KIB: u64 = 1024 * 1024;

/// What each file in `tests/hostile/` must give: `validate`'s exit status and a piece of its
/// message. `export` must give 1 where `validate` gives 1 (the plan cannot be exported) unless
/// the plan loads, and 0 where it gives 0.
const EXPECTED: &[(&str, i32, &str)] = &[
    ("alias-bomb.yaml", 1, "aliases expand to more than"),
    ("alias-merge-bomb.yaml", 1, "aliases expand to more than"),
    ("alias-undefined.yaml", 1, "invalid YAML"),
    ("anchor-on-root.yaml", 1, "PW100"),
    ("bad-indent.yaml", 1, "invalid YAML"),
    ("bidi-and-zero-width.yaml", 1, "PW100"),
    ("binary-garbage.yaml", 1, "not UTF-8"),
    ("binary-png-header.json", 1, "not UTF-8"),
    ("comments-only.yaml", 1, "the file is empty"),
    ("control-characters.yaml", 1, "PW100"),
    (
        "deep-block-mapping-200.yaml",
        1,
        "nested more than 64 levels",
    ),
    (
        "deep-block-mapping-60.yaml",
        1,
        "missing the key `schema_version`",
    ),
    (
        "deep-block-sequence-200.yaml",
        1,
        "nested more than 64 levels",
    ),
    ("deep-flow-mapping.yaml", 1, "nested more than 64 levels"),
    ("deep-flow-sequence.yaml", 1, "nested more than 64 levels"),
    ("deep-json-array.json", 1, "nested more than 64 levels"),
    ("deep-json-object.json", 1, "nested more than 64 levels"),
    ("deep-plan-62-levels.json", 1, "unknown key `a`"),
    ("duplicate-key.json", 1, "appears twice"),
    ("duplicate-key.yaml", 1, "appears twice"),
    ("empty.yaml", 1, "the file is empty"),
    ("huge-float.json", 1, "finite"),
    ("huge-integer.json", 1, "too large"),
    ("huge-integer.yaml", 1, "too large"),
    ("invalid-utf8.yaml", 1, "not UTF-8"),
    ("key-not-text.yaml", 1, "expected a key written as text"),
    (
        "multi-document-leading.yaml",
        1,
        "more than one YAML document",
    ),
    ("multi-document.yaml", 1, "more than one YAML document"),
    (
        "negative-hours.yaml",
        1,
        "`credentials[0].hours` should be at least 0",
    ),
    ("non-finite-inf.yaml", 1, "numbers must be finite"),
    ("non-finite-nan.yaml", 1, "numbers must be finite"),
    ("nul-byte.yaml", 1, "NUL byte"),
    ("null-key.yaml", 1, "key is empty"),
    // Regression: a number too long for a float, with a letter in it, from the fuzzer.
    ("number-with-letter.json", 1, "invalid JSON"),
    ("old-mac-line-endings.yaml", 1, "PW100"),
    ("root-list.json", 1, "should be a mapping"),
    ("root-list.yaml", 1, "should be a mapping"),
    ("root-null.yaml", 1, "should be a mapping"),
    ("root-scalar.json", 1, "should be a mapping"),
    ("root-scalar.yaml", 1, "should be a mapping"),
    ("root-string.json", 1, "should be a mapping"),
    ("tabs-indent.yaml", 1, "invalid YAML"),
    // Regression: `!!binary` was decoded from base64 into the plan's text.
    ("tag-binary.yaml", 1, "unsupported tag `!!binary`"),
    ("tag-include.yaml", 1, "unsupported tag `!include`"),
    ("tag-local-custom.yaml", 1, "unsupported tag `!Ref`"),
    (
        "tag-python-object.yaml",
        1,
        "unsupported tag `!!python/object",
    ),
    ("tag-set.yaml", 1, "unsupported tag `!!set`"),
    ("tag-timestamp.yaml", 1, "unsupported tag `!!timestamp`"),
    ("trailing-garbage.json", 1, "trailing characters"),
    ("trailing-second-object.json", 1, "trailing characters"),
    ("unclosed-flow.json", 1, "invalid JSON"),
    ("unclosed-quote.yaml", 1, "invalid YAML"),
    ("utf16be-bom.json", 1, "UTF-16"),
    ("utf16le-bom.yaml", 1, "UTF-16"),
    ("utf8-bom-plan.yaml", 1, "PW100"),
    ("whitespace-only.yaml", 1, "the file is empty"),
    ("windows-line-endings.yaml", 1, "PW100"),
];

/// The files in `tests/hostile/` whose plan loads and matches the schema despite what is wrong
/// with it, so that `export` writes every document (validate still reports the problem). Every
/// other file cannot be loaded or breaks the schema (`negative-hours.yaml`): `export` exits 1
/// and writes nothing.
const EXPORTABLE: &[&str] = &[
    "anchor-on-root.yaml",
    "bidi-and-zero-width.yaml",
    "control-characters.yaml",
    "old-mac-line-endings.yaml",
    "utf8-bom-plan.yaml",
    "windows-line-endings.yaml",
];

/// The start of a minimal plan, to which the generated inputs add.
const PLAN: &str = "schema_version: 1\nid: hostile-plan\nreadiness: exploring\n\
    organization: {name: Hostile District, kind: district}\n";

#[derive(Clone)]
enum Input {
    Nothing,
    Bytes(Arc<Vec<u8>>),
    File(PathBuf),
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    label: String,
}

impl Run {
    fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// The checks every run passes: it ended with 0, 1 or 2, did not panic, and was not killed.
    fn assert_sane(&self) {
        let tail: String = self.output().chars().take(2000).collect();
        assert!(
            matches!(self.code, Some(0..=2)),
            "{}: exit status {:?} (a signal, a panic or a kill by the guard)\n{tail}",
            self.label,
            self.code
        );
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "{}: panicked\n{tail}",
            self.label
        );
        println!("{:>8.2?}  {}", self.elapsed, self.label);
    }

    /// Whether the output names `file` with a line and a column: `file:12:3`.
    fn has_position(&self, file: &str) -> bool {
        let output = self.output();
        output
            .match_indices(&format!("{file}:"))
            .any(|(at, found)| {
                let rest = &output[at + found.len()..];
                let line = rest.chars().take_while(char::is_ascii_digit).count();
                line > 0
                    && rest[line..].starts_with(':')
                    && rest[line + 1..].starts_with(|c: char| c.is_ascii_digit())
            })
    }
}

/// Runs `pathway` with `args` under the memory cap and the hang guard.
fn pathway(args: &[&str], input: Input, label: &str) -> Run {
    let mut command = Command::new("bash");
    command
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_CAP_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_pathway"))
        .args(args)
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command.stdin(match &input {
        Input::Nothing => Stdio::null(),
        Input::Bytes(_) => Stdio::piped(),
        Input::File(path) => Stdio::from(std::fs::File::open(path).unwrap()),
    });
    let started = Instant::now();
    let mut child = command.spawn().unwrap();
    let feeder = match (input, child.stdin.take()) {
        (Input::Bytes(bytes), Some(mut stdin)) => Some(std::thread::spawn(move || {
            // The binary stops reading at its input limit and exits: a broken pipe is expected.
            let _ = stdin.write_all(&bytes);
        })),
        _ => None,
    };
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut text);
        text
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > HANG_GUARD {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{label}: still running after {HANG_GUARD:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    Run {
        code: status.code(),
        stdout: text(out.join().unwrap()),
        stderr: text(err.join().unwrap()),
        elapsed,
        label: label.to_owned(),
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn hostile_dir() -> PathBuf {
    repo_root().join("tests/hostile")
}

fn scratch(name: &str) -> PathBuf {
    let directory =
        std::env::temp_dir().join(format!("pathway-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).unwrap();
    directory
}

/// The files in a folder, sorted by name.
fn listing(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(directory)
        .map(|entries| {
            entries
                .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Writes `total` bytes made of `unit` repeated, in writes of about a megabyte.
fn write_repeated(path: &Path, unit: &[u8], total: usize) {
    let chunk = unit.repeat((1 << 20) / unit.len().max(1) + 1);
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut written = 0;
    while written < total {
        let n = chunk.len().min(total - written);
        file.write_all(&chunk[..n]).unwrap();
        written += n;
    }
    file.flush().unwrap();
}

/// Checks one input with `validate`, from a file and from standard input, in human and JSON
/// output, and returns the human run.
fn validate(path: &Path, name: &str, code: i32, needle: &str) -> Run {
    let shown = path.to_str().unwrap();
    let run = pathway(
        &["validate", shown],
        Input::Nothing,
        &format!("validate {name}"),
    );
    run.assert_sane();
    assert_eq!(
        run.code,
        Some(code),
        "validate {name}: expected exit {code}\n{}",
        run.output()
    );
    // Regression: needles such as "tag" and "key" matched the file's own name
    // (tag-binary.yaml, key-not-text.yaml) in every output, whatever the message said.
    let said = run.output().replace(shown, "<file>");
    assert!(
        said.contains(needle),
        "validate {name}: expected `{needle}` in\n{said}"
    );
    let has_content = std::fs::metadata(path).unwrap().len() > 0;
    if has_content && code != 0 {
        assert!(
            run.has_position(shown),
            "validate {name}: no {shown}:line:col in\n{}",
            run.output()
        );
    }
    let piped = pathway(
        &["validate", "-"],
        Input::File(path.to_owned()),
        &format!("validate - < {name}"),
    );
    piped.assert_sane();
    assert_eq!(piped.code, Some(code), "stdin {name}\n{}", piped.output());

    if has_content && code != 0 {
        assert!(
            piped.has_position("<stdin>"),
            "stdin {name}: no <stdin>:line:col in\n{}",
            piped.output()
        );
    }
    let json = pathway(
        &["validate", "--format", "json", shown],
        Input::Nothing,
        &format!("validate --format json {name}"),
    );
    json.assert_sane();
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout)
        .unwrap_or_else(|error| panic!("{name}: the JSON output does not parse: {error}"));
    let errors = parsed["summary"]["errors"].as_u64().unwrap();
    assert_eq!(
        errors > 0,
        code == 1,
        "{name}: {errors} errors in the JSON output, exit {code}"
    );
    run
}

/// Exports one input for every audience into a fresh folder: a plan that does not load exits 1
/// with its position and writes nothing; one that loads writes every document.
fn export(path: &Path, name: &str, loads: bool) {
    let out = scratch(&format!("export-{name}"));
    let shown = path.to_str().unwrap();
    let run = pathway(
        &["export", shown, "--all", "-o", out.to_str().unwrap()],
        Input::Nothing,
        &format!("export {name}"),
    );
    run.assert_sane();
    let written = listing(&out);
    if loads {
        assert_eq!(run.code, Some(0), "export {name}\n{}", run.output());
        assert_eq!(written, expected_exports(), "export {name}");
        for file in &written {
            check_written(&out.join(file), name);
        }
    } else {
        assert_eq!(run.code, Some(1), "export {name}\n{}", run.output());
        assert!(written.is_empty(), "export {name} wrote {written:?}");
        if std::fs::metadata(path).unwrap().len() > 0 {
            assert!(
                run.has_position(shown),
                "export {name}: no {shown}:line:col in\n{}",
                run.output()
            );
        }
    }
    std::fs::remove_dir_all(&out).unwrap();
}

/// Regression: a needle that is empty, or part of the file's name, matches every output.
#[test]
fn every_needle_can_fail() {
    for (name, _, needle) in EXPECTED {
        assert!(!needle.is_empty(), "{name}: an empty needle always matches");
        assert!(
            !name.contains(needle),
            "{name}: `{needle}` is part of the file's name"
        );
    }
}

/// The files `export --all` writes for a hostile plan (its id is `hostile-plan`): one per
/// built-in audience and format, sorted as [`listing`] sorts them.
fn expected_exports() -> Vec<String> {
    let profiles = pathway_export::profile::Profiles::builtin();
    let mut names: Vec<String> = profiles
        .ids()
        .flat_map(|audience| {
            pathway_export::render::RENDERERS
                .iter()
                .map(move |renderer| format!("hostile-plan-{audience}.{}", renderer.name()))
        })
        .collect();
    names.sort();
    names
}

/// Whether a character is one no export may carry over from plan text: a control character
/// (bar the line break), a bidirectional override or isolate, or an invisible format character
/// (zero-width space, byte-order mark, word joiner, the Mongolian vowel
/// separator, the deprecated format controls, interlinear annotation marks, tag characters).
/// Listed here from the Unicode charts, not taken from the exporter.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || ('\u{206A}'..='\u{206F}').contains(&c)
        || ('\u{FFF9}'..='\u{FFFB}').contains(&c)
        || ('\u{E0000}'..='\u{E007F}').contains(&c)
        || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{180E}' | '\u{2060}')
}

/// What an export of hostile text must have written: a whole file of its kind, with none of the
/// [`hidden`] characters carried over from the plan, in the Markdown or in any text part of the
/// Word package (read back from the zip).
fn check_written(path: &Path, name: &str) {
    let bytes = std::fs::read(path).unwrap();
    let shown = path.display();
    if path.extension().is_some_and(|ext| ext == "md") {
        let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{shown}: not UTF-8"));
        assert!(
            text.starts_with("# "),
            "export {name}: {shown} has no title"
        );
        assert!(text.ends_with('\n'), "export {name}: {shown} is cut short");
        assert!(
            !text.chars().any(hidden),
            "export {name}: {shown} holds a hidden or control character"
        );
    } else {
        // A whole zip: its local header first, its end-of-directory record last.
        assert!(bytes.starts_with(b"PK\x03\x04"), "export {name}: {shown}");
        let tail = &bytes[bytes.len().saturating_sub(22)..];
        assert!(
            tail.starts_with(b"PK\x05\x06"),
            "export {name}: {shown} is not a whole zip"
        );
        let mut package = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert!(
            package.by_name("word/document.xml").is_ok(),
            "export {name}: {shown} has no document part"
        );
        for index in 0..package.len() {
            let mut part = package.by_index(index).unwrap();
            let part_name = part.name().to_owned();
            if part_name.ends_with(".png") {
                continue;
            }
            let mut text = String::new();
            std::io::Read::read_to_string(&mut part, &mut text)
                .unwrap_or_else(|_| panic!("{shown}: {part_name} is not UTF-8"));
            assert!(
                !text.chars().any(hidden),
                "export {name}: {shown} holds a hidden or control character in {part_name}"
            );
        }
    }
}

// Regression: zero-width spaces, byte-order marks and other invisible format characters in plan
// text reached every Markdown and Word document (28 parts of the hostile plan's 14 files);
// what a reader sees is the text without them, and the joiners scripts need are kept.
#[test]
fn invisible_characters_are_left_out_of_the_documents() {
    let path = hostile_dir().join("bidi-and-zero-width.yaml");
    let out = scratch("export-invisible");
    let run = pathway(
        &[
            "export",
            path.to_str().unwrap(),
            "--all",
            "-o",
            out.to_str().unwrap(),
        ],
        Input::Nothing,
        "export bidi-and-zero-width",
    );
    assert_eq!(run.code, Some(0), "{}", run.output());
    let written = listing(&out);
    assert_eq!(written, expected_exports());
    for file in &written {
        check_written(&out.join(file), "bidi-and-zero-width");
    }
    // The plan's summary, in the district's documents, with what was hidden left out and the
    // zero-width joiner and non-joiner kept.
    let summary = "Hidden in plain words of the summary, kept: a\u{200D}b and \u{200C}c.";
    let markdown = std::fs::read_to_string(out.join("hostile-plan-district.md")).unwrap();
    assert!(markdown.contains(summary), "{markdown}");
    let docx = std::fs::read(out.join("hostile-plan-district.docx")).unwrap();
    let mut package = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(
        &mut package.by_name("word/document.xml").unwrap(),
        &mut body,
    )
    .unwrap();
    let runs: String = body
        .split("<w:t")
        .skip(1)
        .filter_map(|run| {
            run.split_once('>')
                .and_then(|(_, rest)| rest.split_once("</w:t>"))
        })
        .map(|(text, _)| text)
        .collect();
    assert!(runs.contains(summary), "{runs}");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn every_file_in_the_hostile_folder_is_listed_with_what_it_must_give() {
    let on_disk = listing(&hostile_dir());
    let listed: Vec<String> = EXPECTED
        .iter()
        .map(|(name, ..)| (*name).to_owned())
        .collect();
    assert_eq!(on_disk, listed, "tests/hostile/ and EXPECTED differ");
}

#[test]
fn hostile_files_give_a_clear_error_from_validate() {
    for (name, code, needle) in EXPECTED {
        validate(&hostile_dir().join(name), name, *code, needle);
    }
}

#[test]
fn hostile_files_give_a_clear_error_from_export() {
    for (name, ..) in EXPECTED {
        export(&hostile_dir().join(name), name, EXPORTABLE.contains(name));
    }
}

/// Regression: text on standard input (or in a file with no known extension) that starts with
/// `{` was always read as JSON, so a valid YAML flow mapping failed with a JSON syntax error.
#[test]
fn a_yaml_flow_mapping_without_a_file_name_is_read_as_yaml() {
    let flow = "{schema_version: 1, id: hostile-plan, readiness: exploring,\n \
        organization: {name: Hostile District, kind: district}}\n";
    let directory = scratch("flow");
    let no_extension = directory.join("plan");
    std::fs::write(&no_extension, flow).unwrap();
    let bytes = Input::Bytes(Arc::new(flow.as_bytes().to_vec()));
    for (args, input, label) in [
        (vec!["validate", "-"], bytes.clone(), "validate - < flow"),
        (
            vec!["validate", no_extension.to_str().unwrap()],
            Input::Nothing,
            "validate flow file without extension",
        ),
    ] {
        let run = pathway(&args, input, label);
        run.assert_sane();
        // The plan loads: what is left are the decision points an exploring plan still owes.
        assert!(
            !run.output().contains("invalid"),
            "{label}\n{}",
            run.output()
        );
        assert!(run.output().contains("PW100"), "{label}\n{}", run.output());
    }
    let out = directory.join("out");
    let run = pathway(
        &[
            "export",
            "-",
            "--audience",
            "district",
            "--format",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
        bytes,
        "export - < flow",
    );
    run.assert_sane();
    assert_eq!(run.code, Some(0), "{}", run.output());
    assert_eq!(listing(&out), ["hostile-plan-district.md"]);

    // Broken JSON on standard input is still reported in JSON's words, at its line.
    let broken = "{\n  \"schema_version\": 1,\n  \"id\": \"hostile-plan\"\n  \"readiness\": 1\n}\n";
    let run = pathway(
        &["validate", "-"],
        Input::Bytes(Arc::new(broken.as_bytes().to_vec())),
        "validate - < broken json",
    );
    run.assert_sane();
    assert_eq!(run.code, Some(1), "{}", run.output());
    assert!(run.output().contains("invalid JSON"), "{}", run.output());
    assert!(run.output().contains("<stdin>:4:"), "{}", run.output());
    std::fs::remove_dir_all(&directory).unwrap();
}

/// Regression: this test ran the debug binary over a 100 MB file with the size limit raised and
/// killed it after 30 s, longer than a debug build on a busy 2-core machine takes, so the
/// README's `cargo test` failed there. Each run now does a bounded amount of work whatever the
/// machine's speed: the limit is checked on inputs a few MiB over it (the binary reads up to the
/// limit and stops), and the value limit on a file that is under the size limit
/// (`many-items.yaml` below).
#[test]
fn inputs_over_the_size_limit_stop_at_the_limit() {
    let directory = scratch("oversize");
    // With the limit lowered to 1 MiB, a 3 MiB plan: the same code path as 100 MB over 32 MiB.
    let big = directory.join("big.yaml");
    let mut head = PLAN.as_bytes().to_vec();
    head.extend_from_slice(b"credentials:\n");
    std::fs::write(&big, &head).unwrap();
    {
        let mut file = std::fs::OpenOptions::new().append(true).open(&big).unwrap();
        let unit = b"  - {id: credential, title: Reading}\n";
        let chunk = unit.repeat((1 << 20) / unit.len());
        while file.metadata().unwrap().len() < 3 * 1024 * 1024 {
            file.write_all(&chunk).unwrap();
        }
    }
    let shown = big.to_str().unwrap();
    let small_limit = "over the limit of 1 MiB per plan";
    let run = pathway(
        &["validate", "--max-input-size", "1M", shown],
        Input::Nothing,
        "validate --max-input-size 1M 3 MiB file",
    );
    run.assert_sane();
    assert_eq!(run.code, Some(1), "{}", run.output());
    assert!(run.output().contains(small_limit), "{}", run.output());
    assert!(
        run.output()
            .contains("raise the limit with --max-input-size"),
        "{}",
        run.output()
    );
    assert!(run.has_position(shown), "{}", run.output());

    let bytes = Arc::new(std::fs::read(&big).unwrap());
    let piped = pathway(
        &["validate", "--max-input-size", "1M", "-"],
        Input::Bytes(bytes),
        "validate --max-input-size 1M - < 3 MiB pipe",
    );
    piped.assert_sane();
    assert_eq!(piped.code, Some(1), "{}", piped.output());
    assert!(piped.output().contains(small_limit), "{}", piped.output());

    // At the default limit: a file 1 MiB over 32 MiB is refused from its size alone, a pipe and
    // `/dev/zero` after reading 32 MiB and one byte. Reading is all the work either does.
    let over = directory.join("over.yaml");
    std::fs::write(&over, &head).unwrap();
    {
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&over)
            .unwrap();
        file.write_all(&std::fs::read(&big).unwrap()[head.len()..])
            .unwrap();
        let pad = vec![b'#'; 1 << 20];
        while file.metadata().unwrap().len() < 33 * 1024 * 1024 {
            file.write_all(&pad).unwrap();
        }
    }
    let over_shown = over.to_str().unwrap();
    let limit = "over the limit of 32 MiB per plan";
    let over_bytes = Arc::new(std::fs::read(&over).unwrap());
    let out = directory.join("out");
    for (label, args, input) in [
        (
            "validate 33 MiB file",
            vec!["validate", over_shown],
            Input::Nothing,
        ),
        (
            "validate /dev/zero",
            vec!["validate", "/dev/zero"],
            Input::Nothing,
        ),
        (
            "validate - < 33 MiB pipe",
            vec!["validate", "-"],
            Input::Bytes(over_bytes.clone()),
        ),
        (
            "export 33 MiB file",
            vec!["export", over_shown, "--all", "-o", out.to_str().unwrap()],
            Input::Nothing,
        ),
        (
            "export - < 33 MiB pipe",
            vec!["export", "-", "--all", "-o", out.to_str().unwrap()],
            Input::Bytes(over_bytes.clone()),
        ),
        (
            "export /dev/zero",
            vec!["export", "/dev/zero", "--all", "-o", out.to_str().unwrap()],
            Input::Nothing,
        ),
    ] {
        let run = pathway(&args, input, label);
        run.assert_sane();
        assert_eq!(run.code, Some(1), "{label}\n{}", run.output());
        assert!(run.output().contains(limit), "{label}\n{}", run.output());
        assert!(listing(&out).is_empty(), "{label} wrote files");
    }
    std::fs::remove_dir_all(&directory).unwrap();
}

#[test]
fn long_lines_strings_and_keys_are_refused_or_shown_in_part() {
    let directory = scratch("long");
    // One text value of a megabyte, on one line.
    let long_string = directory.join("long-string.yaml");
    std::fs::write(
        &long_string,
        format!("{PLAN}title: \"{}\"\n", "x".repeat(1 << 20)),
    )
    .unwrap();
    let run = validate(
        &long_string,
        "long-string.yaml",
        1,
        "text longer than the limit of",
    );
    assert!(
        run.stdout.len() < 20_000,
        "{} bytes of output",
        run.stdout.len()
    );

    let long_key = directory.join("long-key.yaml");
    std::fs::write(&long_key, format!("{PLAN}{}: 1\n", "k".repeat(300_000))).unwrap();
    // YAML allows an unquoted key of at most 1024 characters: the parser stops there.
    validate(&long_key, "long-key.yaml", 1, "invalid YAML");

    // Regression: a finding on a 200 KB line printed the whole line in its snippet.
    let long_line = directory.join("long-line.yaml");
    std::fs::write(
        &long_line,
        format!(
            "{PLAN}summary: \"{}\"\nunknown: {{a: 1, {}b: 2}}\n",
            "word ".repeat(40_000),
            (0..5_000)
                .map(|i| format!("key-number-{i}: 3, "))
                .collect::<String>()
        ),
    )
    .unwrap();
    let run = validate(&long_line, "long-line.yaml", 1, "unknown key `unknown`");
    assert!(
        run.stdout.len() < 20_000,
        "{} bytes of output",
        run.stdout.len()
    );
    // The unknown key keeps the plan from loading, so there is nothing to export.
    export(&long_line, "long-line.yaml", false);
    std::fs::remove_dir_all(&directory).unwrap();
}

#[test]
fn many_keys_items_findings_and_suppressions_stay_bounded() {
    let directory = scratch("many");
    let write = |name: &str, text: String| {
        let path = directory.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };

    let keys = write(
        "many-keys.yaml",
        (0..100_000).map(|i| format!("k{i}: {i}\n")).collect(),
    );
    validate(
        &keys,
        "many-keys.yaml",
        1,
        "more keys than the limit of 10000",
    );

    // Just under the key limit: ten thousand findings, a thousand shown.
    let almost = write(
        "many-unknown-keys.yaml",
        format!(
            "{PLAN}goals:\n{}",
            (0..9_999)
                .map(|i| format!("  k{i}: {i}\n"))
                .collect::<String>()
        ),
    );
    let run = validate(
        &almost,
        "many-unknown-keys.yaml",
        1,
        "more findings not shown",
    );
    // All 9,999 unknown keys count, though only 1,000 are shown.
    assert!(run.stdout.contains("1 plan: 9999 errors"), "{}", run.stdout);

    let items = directory.join("many-items.yaml");
    write_repeated(&items, b"- 1\n", 8_000_000);
    validate(
        &items,
        "many-items.yaml",
        1,
        "holds more than 1000000 values",
    );

    // Minified JSON: one line, 60,000 schema errors.
    let credentials: Vec<String> = (0..30_000)
        .map(|_| r#"{"id":"Not An Id","extra":1}"#.to_owned())
        .collect();
    let minified = write(
        "minified.json",
        format!(
            r#"{{"schema_version":1,"id":"hostile-plan","readiness":"exploring","organization":{{"name":"D","kind":"district"}},"credentials":[{}]}}"#,
            credentials.join(",")
        ),
    );
    let run = validate(&minified, "minified.json", 1, "more findings not shown");
    assert!(run.stdout.len() < 2_000_000, "{} bytes", run.stdout.len());

    // Regression: a million suppression comments took hours.
    let mut text = PLAN.to_owned();
    text.push_str(&"# pathway-allow PW100: reason\n".repeat(1_000_000));
    let suppressions = write("many-suppressions.yaml", text);
    validate(
        &suppressions,
        "many-suppressions.yaml",
        1,
        "more findings not shown",
    );

    // Regression: 20,000 mistyped references among 20,000 credentials ran for hours.
    let mut plan = format!("{PLAN}credentials:\n");
    for i in 0..20_000 {
        plan.push_str(&format!(
            "  - {{id: credential-{i}, title: C, prerequisites: [credentail-{i}x]}}\n"
        ));
    }
    let dangling = write("many-dangling.yaml", plan);
    validate(
        &dangling,
        "many-dangling.yaml",
        1,
        "no credential has that id",
    );
    export(&dangling, "many-dangling.yaml", true);
    std::fs::remove_dir_all(&directory).unwrap();
}

/// Regression: the temporary file of an atomic write had a predictable name and was opened with
/// truncation, so a symbolic link planted there redirected the write to any file the user can
/// write; `init --force` wrote through a symbolic link, into a FIFO or onto a device.
#[cfg(unix)]
#[test]
fn planted_links_fifos_and_devices_are_never_written_through() {
    use std::os::unix::fs::PermissionsExt;
    let directory = scratch("planted");
    let victim = directory.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let out = directory.join("out");
    std::fs::create_dir_all(&out).unwrap();
    // Every name the old scheme would have used, for any process id nearby, and the output
    // files themselves, point at the victim.
    for audience in ["union", "educators"] {
        let name = format!("juniper-ridge-pathways-{audience}.md");
        std::os::unix::fs::symlink(&victim, out.join(&name)).unwrap();
    }
    let link_target = out.join("juniper-ridge-pathways-union.md");
    let run = pathway(
        &[
            "export",
            "examples/juniper-ridge-designing.yaml",
            "--audience",
            "union",
            "--format",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
        Input::Nothing,
        "export onto a planted symbolic link",
    );
    run.assert_sane();
    assert_eq!(run.code, Some(2), "{}", run.output());
    assert!(run.stderr.contains("is a symbolic link"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        std::fs::symlink_metadata(&link_target)
            .unwrap()
            .is_symlink()
    );

    // init --force: a symbolic link, a FIFO (opening it to write would hang) and a device.
    let fifo = directory.join("plan-fifo.yaml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let link = directory.join("plan-link.yaml");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    for (target, kind) in [
        (link.to_str().unwrap(), "a symbolic link"),
        (fifo.to_str().unwrap(), "a named pipe"),
        ("/dev/null", "a device"),
    ] {
        let run = pathway(
            &["init", "-o", target, "--force"],
            Input::Nothing,
            &format!("init --force -o {kind}"),
        );
        run.assert_sane();
        assert_eq!(run.code, Some(2), "{kind}: {}", run.output());
        assert!(run.stderr.contains(kind), "{kind}: {}", run.stderr);
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");

    // A regular file is replaced and keeps its permissions.
    let plan = directory.join("plan.yaml");
    std::fs::write(&plan, "old").unwrap();
    std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o640)).unwrap();
    let run = pathway(
        &["init", "-o", plan.to_str().unwrap(), "--force"],
        Input::Nothing,
        "init --force -o a regular file",
    );
    run.assert_sane();
    assert_eq!(run.code, Some(0), "{}", run.output());
    let mode = std::fs::metadata(&plan).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert!(
        std::fs::read_to_string(&plan)
            .unwrap()
            .contains("schema_version")
    );
    let left: Vec<String> = listing(&directory)
        .into_iter()
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    std::fs::remove_dir_all(&directory).unwrap();
}

/// Regression: Ctrl-C during an export left the temporary files of the documents being written.
/// The interrupt lands wherever it lands (this test does not try to time it); whenever that is,
/// the run ends by the signal and no temporary file is left.
#[cfg(unix)]
#[test]
fn an_interrupted_export_leaves_no_temporary_file() {
    let directory = scratch("interrupt");
    let plan = directory.join("plan.yaml");
    let mut text = format!("{PLAN}credentials:\n");
    for i in 0..3_000 {
        text.push_str(&format!(
            "  - {{id: credential-{i}, title: Credential {i}, hours: 10}}\n"
        ));
    }
    std::fs::write(&plan, text).unwrap();
    let out = directory.join("out");
    for round in 0..3 {
        let _ = std::fs::remove_dir_all(&out);
        let mut child = Command::new(env!("CARGO_BIN_EXE_pathway"))
            .args(["export", plan.to_str().unwrap(), "--all", "-o"])
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the first document is written, so the interrupt comes while the rest are.
        let started = Instant::now();
        while listing(&out).is_empty() && started.elapsed() < HANG_GUARD {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        let left: Vec<String> = listing(&out)
            .into_iter()
            .filter(|name| name.ends_with(".tmp"))
            .collect();
        assert!(
            left.is_empty(),
            "round {round}: {left:?} left after {status:?}"
        );
    }
    std::fs::remove_dir_all(&directory).unwrap();
}

/// What no stream may carry raw: control characters other than newline and tab, 8-bit
/// controls, bidirectional controls, a legacy workflow command (`##[`) anywhere, and (outside
/// the GitHub format's own commands) a line that starts a workflow command.
fn assert_neutral(stream: &str, text: &str, github_commands: bool) {
    for c in text.chars() {
        let raw_control = (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}');
        assert!(!raw_control, "{stream}: raw {c:?} in\n{text}");
    }
    assert!(!text.contains("##["), "{stream}: `##[` in\n{text}");
    for line in text.lines() {
        let line = line.trim_start();
        if !line.starts_with("::") {
            continue;
        }
        let ours = ["::error ", "::warning ", "::notice "]
            .iter()
            .any(|command| line.starts_with(command));
        assert!(
            github_commands && ours,
            "{stream}: a workflow command that is not ours: {line}"
        );
    }
}

/// Regression: a file name with a newline and `::warning::` went raw to standard error, where
/// GitHub Actions reads workflow commands, and file names and plan text with escape sequences
/// (OSC 52 clipboard writes, screen clears) went raw to the terminal.
#[cfg(unix)]
#[test]
fn file_names_and_plan_text_cannot_reach_a_stream_raw() {
    let directory = scratch("inject");
    let plans = directory.join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    let names = [
        "evil\n::warning file=README.md::owned.yaml",
        "clip\u{1b}]52;c;aGk=\u{7}.yaml",
        "clear\u{1b}[2J\u{9b}31m.yaml",
        "bidi\u{202e}lmay.yaml",
        "legacy ##[error]owned.yaml",
    ];
    // A plan whose unknown key and whose text carry the same payloads.
    let text = format!(
        "{PLAN}title: \"x\\e[2J ##[error]boom \\u0085 \\u2028\"\n\"k\\e]52;c;aGk=\\a\\n::error::x\": 1\n"
    );
    for name in names {
        std::fs::write(plans.join(name), &text).unwrap();
    }
    for format in ["human", "json", "sarif", "github"] {
        let mut args = vec!["validate", "--format", format, "--color", "never"];
        let explicit: Vec<String> = names
            .iter()
            .map(|name| plans.join(name).to_str().unwrap().to_owned())
            .collect();
        args.extend(explicit.iter().map(String::as_str));
        args.push(plans.to_str().unwrap());
        args.push("missing\n::error::gone.yaml");
        let run = pathway(
            &args,
            Input::Nothing,
            &format!("validate --format {format} hostile names"),
        );
        run.assert_sane();
        assert_eq!(run.code, Some(2), "{format}: {}", run.output());
        assert_neutral(&format!("{format} stdout"), &run.stdout, format == "github");
        assert_neutral(&format!("{format} stderr"), &run.stderr, false);
        if format == "json" || format == "sarif" {
            let parsed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
            if format == "json" {
                // Still the same document: it names the files as they are.
                assert!(parsed.to_string().contains("##[error]"), "{format}");
            }
        }
    }
    for name in names {
        let out = directory.join("out");
        let run = pathway(
            &[
                "export",
                plans.join(name).to_str().unwrap(),
                "--all",
                "-o",
                out.to_str().unwrap(),
            ],
            Input::Nothing,
            "export a hostile name",
        );
        run.assert_sane();
        assert_neutral("export stdout", &run.stdout, false);
        assert_neutral("export stderr", &run.stderr, false);
    }
    let run = pathway(
        &["explain", "PW\u{1b}[2J\n::error::x"],
        Input::Nothing,
        "explain a hostile code",
    );
    assert_eq!(run.code, Some(2));
    assert_neutral("explain stderr", &run.stderr, false);
    std::fs::remove_dir_all(&directory).unwrap();
}

/// Regression: with more than 1,000 findings the cut was made in rule order, so a plan with one
/// error and 1,100 warnings reported "0 errors" and exited 0, in every format.
#[test]
fn an_error_among_thousands_of_warnings_is_kept_and_counted() {
    let directory = scratch("cut");
    // Only the coherence rules: the decision points would add errors of their own.
    std::fs::write(
        directory.join("pathway.toml"),
        "[rules]\nPW100 = \"off\"\nPW101 = \"off\"\n",
    )
    .unwrap();
    let mut text = format!("{PLAN}credentials:\n");
    // 1,100 credentials that unlock nothing (a warning each), listed before the one error: a
    // dangling prerequisite on the last line.
    for i in 0..1_100 {
        text.push_str(&format!("  - {{id: credential-{i}, title: C}}\n"));
    }
    text.push_str("  - {id: last, title: L, prerequisites: [missing]}\n");
    let plan = directory.join("plan.yaml");
    std::fs::write(&plan, text).unwrap();
    let shown = plan.to_str().unwrap();
    // Computed from the plan: 1,101 orphans, one dangling reference; 1,000 are listed.
    let (errors, warnings, listed) = (1, 1_101, 1_000);
    let omitted = errors + warnings - listed;
    let run = |format: &str| {
        let run = pathway(
            &["validate", "--format", format, shown],
            Input::Nothing,
            &format!("validate --format {format} 1 error among 1,101 warnings"),
        );
        run.assert_sane();
        assert_eq!(run.code, Some(1), "{format}: the error fails the run");
        run
    };
    let human = run("human");
    assert!(
        human
            .stdout
            .contains(&format!("1 plan: 1 error, {warnings} warnings, 0 infos")),
        "{}",
        &human.stdout[human.stdout.len().saturating_sub(500)..]
    );
    assert!(human.stdout.contains("error[PW201]"));
    assert!(human.stdout.contains(&format!(
        "{omitted} more findings not shown (0 errors, {omitted} warnings"
    )),);

    let json: serde_json::Value = serde_json::from_str(&run("json").stdout).unwrap();
    assert_eq!(json["summary"]["errors"], errors);
    assert_eq!(json["summary"]["warnings"], warnings);
    assert_eq!(json["summary"]["omitted"], omitted);
    let file = &json["files"][0];
    assert_eq!(file["diagnostics"].as_array().unwrap().len(), listed);
    assert_eq!(file["omitted"], omitted);
    assert_eq!(file["omitted_by_severity"]["warnings"], omitted);
    assert!(
        file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "PW201" && d["severity"] == "error")
    );

    let sarif: serde_json::Value = serde_json::from_str(&run("sarif").stdout).unwrap();
    let sarif_run = &sarif["runs"][0];
    assert!(
        sarif_run["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["ruleId"] == "PW201" && r["level"] == "error")
    );
    assert_eq!(sarif_run["properties"]["omittedResults"], omitted);
    let notes = sarif_run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n["properties"]["omittedByLevel"]["warning"] == omitted),
        "{notes:?}"
    );

    let github = run("github").stdout;
    assert!(
        github
            .lines()
            .any(|l| l.starts_with("::error ") && l.contains("PW201"))
    );
    assert!(
        github.contains(&format!("{omitted} more findings not shown")),
        "the cut is announced"
    );
    std::fs::remove_dir_all(&directory).unwrap();
}

/// Regression: a symbolic link loop in a validated folder hung (two loops) or checked one plan
/// 41 times (one loop); a FIFO named `*.yaml` hung the run; `package.json` and files under a
/// `.gitignore`d `node_modules/` were checked as plans; a plan deeper than the path limit was
/// skipped silently with exit 0.
#[cfg(unix)]
#[test]
fn folder_walks_see_only_plans_and_never_loop_or_hang() {
    let directory = scratch("walk");
    let repo = directory.join("repo");
    for folder in ["plans/archive", "node_modules/pkg", "links", ".github"] {
        std::fs::create_dir_all(repo.join(folder)).unwrap();
    }
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let example = repo_root().join("examples/juniper-ridge-designing.yaml");
    std::fs::copy(&example, repo.join("plans/district.yaml")).unwrap();
    // A plan in JSON with its keys in another order, found by its `schema_version`.
    std::fs::write(
        repo.join("plans/archive/old.json"),
        r#"{"id": "old", "readiness": "exploring", "schema_version": 1}"#,
    )
    .unwrap();
    std::fs::write(
        repo.join("package.json"),
        r#"{"name": "site", "version": "1.0.0"}"#,
    )
    .unwrap();
    std::fs::write(repo.join("docker-compose.yml"), "services: {}\n").unwrap();
    std::fs::write(
        repo.join("node_modules/pkg/package.json"),
        r#"{"schema_version": 1}"#,
    )
    .unwrap();
    std::fs::write(repo.join(".github/ci.yaml"), "schema_version: 1\n").unwrap();
    std::fs::write(repo.join(".gitignore"), "node_modules/\n").unwrap();
    // Two loops and a link to the plans folder; a FIFO with a plan's name.
    std::os::unix::fs::symlink("..", repo.join("links/up")).unwrap();
    std::os::unix::fs::symlink("../links", repo.join("links/self")).unwrap();
    std::os::unix::fs::symlink("../plans", repo.join("links/plans")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(repo.join("plans/pipe.yaml"))
            .status()
            .unwrap()
            .success()
    );

    let run = pathway(
        &["validate", repo.to_str().unwrap()],
        Input::Nothing,
        "validate a repository with loops, a FIFO and non-plans",
    );
    run.assert_sane();
    // The archived JSON plan is incomplete: exit 1 for it, and only the two plans are checked.
    assert_eq!(run.code, Some(1), "{}", run.output());
    assert!(run.stdout.contains("2 plans:"), "{}", run.stdout);
    assert!(
        run.stdout.contains("skipped 2 files that are not plans"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("pipe.yaml: a named pipe"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("links/up: a symbolic link to a folder"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("node_modules"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("ci.yaml"),
        "hidden folders are skipped: {}",
        run.stdout
    );

    let json = pathway(
        &["validate", "--format", "json", repo.to_str().unwrap()],
        Input::Nothing,
        "validate --format json a repository",
    );
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 2);
    // Two non-plans, the FIFO, three linked folders.
    assert_eq!(report["summary"]["skipped"], 6, "{}", report["skipped"]);
    let sarif = pathway(
        &["validate", "--format", "sarif", repo.to_str().unwrap()],
        Input::Nothing,
        "validate --format sarif a repository",
    );
    assert!(sarif.stdout.contains("skipped 2 files that are not plans"));
    let github = pathway(
        &["validate", "--format", "github", repo.to_str().unwrap()],
        Input::Nothing,
        "validate --format github a repository",
    );
    assert!(
        github
            .stdout
            .contains("::notice title=pathway::skipped 2 files that are not plans")
    );

    // Named explicitly, a file that is not a plan is checked all the same.
    let named = pathway(
        &["validate", repo.join("package.json").to_str().unwrap()],
        Input::Nothing,
        "validate package.json by name",
    );
    named.assert_sane();
    assert_eq!(named.code, Some(1), "{}", named.output());

    // Deeper than the path limit: an error (exit 2), not a silent pass.
    let deep = directory.join("deep");
    std::fs::create_dir_all(&deep).unwrap();
    let made = Command::new("bash")
        .arg("-c")
        .arg("cd \"$0\" && for i in $(seq 300); do mkdir d234567890123456789 && cd d234567890123456789 || exit 1; done && cp \"$1\" plan.yaml")
        .arg(&deep)
        .arg(&example)
        .status()
        .unwrap();
    assert!(made.success());
    let run = pathway(
        &["validate", deep.to_str().unwrap()],
        Input::Nothing,
        "validate a folder deeper than the path limit",
    );
    run.assert_sane();
    assert_eq!(run.code, Some(2), "{}", run.output());
    assert!(run.stderr.contains("error: "), "{}", run.stderr);
    let _ = Command::new("rm").arg("-rf").arg(&directory).status();
}

/// Regression: `pathway.toml` was read without a size limit (`--config /dev/zero`, or a sparse
/// 2 GB file found automatically, aborted out of memory); a `pathway.toml` above the repository
/// applied silently; no output said which configuration applied.
#[test]
fn configuration_is_bounded_found_within_the_repository_and_named() {
    let directory = scratch("config");
    let repo = directory.join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("plans")).unwrap();
    let plan = repo.join("plans/plan.yaml");
    std::fs::write(&plan, PLAN).unwrap();
    // Above the repository: would turn the missing answers off.
    std::fs::write(directory.join("pathway.toml"), "[rules]\nPW100 = \"off\"\n").unwrap();
    let run = pathway(
        &["validate", plan.to_str().unwrap()],
        Input::Nothing,
        "validate under a foreign pathway.toml",
    );
    assert_eq!(
        run.code,
        Some(1),
        "the foreign file does not apply: {}",
        run.output()
    );
    assert!(!run.stdout.contains("rule settings from"), "{}", run.stdout);

    let config = repo.join("pathway.toml");
    std::fs::write(&config, "[rules]\nPW100 = \"warning\"\n").unwrap();
    for format in ["human", "json", "sarif", "github"] {
        let run = pathway(
            &["validate", "--format", format, plan.to_str().unwrap()],
            Input::Nothing,
            &format!("validate --format {format} with a pathway.toml"),
        );
        run.assert_sane();
        assert_eq!(run.code, Some(0), "{format}: {}", run.output());
        assert!(
            run.stdout.contains("pathway.toml"),
            "{format} names the configuration: {}",
            run.stdout
        );
    }

    // A sparse file of 2 GiB found automatically, and /dev/zero given: refused at once.
    let sparse = std::fs::File::create(&config).unwrap();
    sparse.set_len(2 * 1024 * 1024 * 1024).unwrap();
    for (label, args) in [
        (
            "a sparse 2 GiB pathway.toml",
            vec!["validate", plan.to_str().unwrap()],
        ),
        (
            "--config /dev/zero",
            vec!["validate", "--config", "/dev/zero", plan.to_str().unwrap()],
        ),
    ] {
        let run = pathway(&args, Input::Nothing, label);
        run.assert_sane();
        assert_eq!(run.code, Some(2), "{label}: {}", run.output());
        assert!(
            run.stderr.contains("larger than 1024 KiB"),
            "{label}: {}",
            run.stderr
        );
    }
    std::fs::remove_dir_all(&directory).unwrap();
}

/// Regression: plan text holding placeholder syntax was expanded by the document templates (a
/// 477 KB plan titled `{organization}` × 18,000 aborted on a 4 GB allocation; a 73 KB plan
/// gave a 40 MB document). Plan text is data: each document stays about the size of the text.
#[test]
fn placeholders_in_plan_text_are_printed_not_expanded() {
    let directory = scratch("placeholders");
    let title = "{organization}{plan}".repeat(9_000);
    let plan = directory.join("plan.yaml");
    std::fs::write(
        &plan,
        format!(
            "schema_version: 1\nid: hostile-plan\ntitle: \"{title}\"\nreadiness: exploring\n\
             organization: {{name: \"{}\", kind: district}}\n",
            "{plan}".repeat(9_000)
        ),
    )
    .unwrap();
    let out = directory.join("out");
    let run = pathway(
        &[
            "export",
            plan.to_str().unwrap(),
            "--all",
            "--format",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
        Input::Nothing,
        "export a plan whose title is placeholders",
    );
    run.assert_sane();
    assert_eq!(run.code, Some(0), "{}", run.output());
    let input = std::fs::metadata(&plan).unwrap().len();
    for name in listing(&out) {
        let size = std::fs::metadata(out.join(&name)).unwrap().len();
        // The title and the name appear a bounded number of times, never multiplied.
        assert!(
            size < 40 * input,
            "{name}: {size} bytes from a {input}-byte plan"
        );
        let text = std::fs::read_to_string(out.join(&name)).unwrap();
        // Markdown escapes the braces; the words are the plan's own.
        assert!(
            text.contains(r"\{organization\}\{plan\}"),
            "{name}: the text is printed as it is"
        );
    }
    std::fs::remove_dir_all(&directory).unwrap();
}
