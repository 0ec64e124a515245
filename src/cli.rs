//! What each subcommand does, behind `main.rs`'s argument parsing, and how runs end.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::site::Site;
use crate::validate::{Format, Settings};

/// How a run ended, short of a tool failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// All well (warnings allowed).
    Clean,
    /// The content has errors.
    ContentErrors,
}

/// Turn a run's result into the process's exit code: 0 clean, 1 content errors,
/// 2 usage or I/O failure (printed with its causes, one per line).
pub fn exit(result: anyhow::Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::ContentErrors) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let mut message = format!("error: {e}");
            for cause in e.chain().skip(1) {
                message.push_str(&format!("\n  caused by: {cause}"));
            }
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// `crossings validate`: content, and the interface strings the templates use.
pub fn validate(
    content_dir: &Path,
    templates_dir: &Path,
    format: Format,
    deny_warnings: bool,
    verbose: bool,
    paths: &[PathBuf],
) -> anyhow::Result<Outcome> {
    let site = if paths.is_empty() {
        Site::load(content_dir, templates_dir, Settings::default())?
    } else {
        Site::load_paths(content_dir, paths, Settings::default())?
    };
    let text = site.report.render_verbose(format, &site.content.files, verbose);
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(if site.report.fails(deny_warnings) { Outcome::ContentErrors } else { Outcome::Clean })
}

/// `crossings build`: validate, then render into `out_dir`; invalid content builds nothing.
pub fn build(content_dir: &Path, templates_dir: &Path, out_dir: &Path) -> anyhow::Result<Outcome> {
    let started = std::time::Instant::now();
    let mut site = Site::load(content_dir, templates_dir, Settings::default())?;
    if site.is_refused() {
        eprint!("{}", site.report.render(Format::Human, &site.content.files));
        eprintln!("build: refused: fix the errors above (the previous site in `{}` is unchanged)", out_dir.display());
        return Ok(Outcome::ContentErrors);
    }
    // The files' text served the diagnostics; pages are made from the parsed content.
    site.content.files = Default::default();
    site.render(templates_dir, out_dir)?;
    eprintln!(
        "build: {} checkpoints and {} rule documents into `{}` in {} ms ({})",
        site.content.checkpoints.len(),
        site.content.rules.len(),
        out_dir.display(),
        started.elapsed().as_millis(),
        site.report.summary()
    );
    Ok(Outcome::Clean)
}

/// `crossings ingest`: exit 1 when `--check` finds content differing from the sources.
pub fn ingest(content_dir: &Path, options: &crate::ingest::Options) -> anyhow::Result<Outcome> {
    let report = crate::ingest::run(content_dir, options)?;
    std::io::stdout().lock().write_all(report.render().as_bytes())?;
    Ok(if options.check && report.differs() { Outcome::ContentErrors } else { Outcome::Clean })
}

/// `crossings serve`: build, serve and rebuild on every edit until Ctrl-C. Invalid content does
/// not stop it (the problems are shown instead), so it ends clean unless it cannot run at all.
pub fn serve(options: &crate::serve::Options) -> anyhow::Result<Outcome> {
    crate::serve::run(options)?;
    Ok(Outcome::Clean)
}

/// Which schema `crossings schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    /// `content/checkpoints/<id>.yaml`.
    Checkpoint,
    /// The front matter of `content/rules/<id>.md`.
    Rule,
}

/// The JSON Schema of `kind`, as pretty JSON.
pub fn schema_json(kind: SchemaKind) -> String {
    let schema = match kind {
        SchemaKind::Checkpoint => schemars::schema_for!(crate::content::Checkpoint),
        SchemaKind::Rule => schemars::schema_for!(crate::content::RuleMeta),
    };
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// `crossings schema`.
pub fn schema(kind: SchemaKind) -> anyhow::Result<Outcome> {
    std::io::stdout().lock().write_all(schema_json(kind).as_bytes())?;
    Ok(Outcome::Clean)
}

/// `crossings stats`: the coverage report, as text or JSON.
pub fn stats(content_dir: &Path, json: bool) -> anyhow::Result<Outcome> {
    let loaded = crate::content::load(content_dir)?;
    let official = crate::content::coverage::official_counts(content_dir)?;
    let report = crate::content::coverage::coverage(
        &loaded.content,
        official.as_ref(),
        crate::content::date::Date::build_date(),
    );
    let text = if json { serde_json::to_string_pretty(&report)? + "\n" } else { report.render() };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Clean)
}

/// What `crossings new` starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    /// `content/checkpoints/<id>.yaml`.
    Checkpoint,
    /// `content/rules/<id>.md`.
    Rule,
}

/// `crossings new`: write a new record's file, refusing an id that exists.
pub fn new_record(content_dir: &Path, kind: NewKind, name: &str, category: &str) -> anyhow::Result<Outcome> {
    let name = name.trim();
    let id = crate::translit::id_from_name(name);
    anyhow::ensure!(!id.is_empty(), "cannot make an id from `{name}`: give a name with letters or digits");
    let (path, text) = match kind {
        NewKind::Checkpoint => (content_dir.join("checkpoints").join(format!("{id}.yaml")), checkpoint_text(&id, name)),
        NewKind::Rule => {
            let known: Vec<&str> = crate::content::RuleCategory::ALL.iter().map(|c| c.code()).collect();
            anyhow::ensure!(
                known.contains(&category),
                "`{category}` is not a category: use one of {}",
                known.join(", ")
            );
            (content_dir.join("rules").join(format!("{id}.md")), rule_text(name, category))
        }
    };
    if path.exists() {
        anyhow::bail!("`{}` exists: choose another name, or edit that file", path.display());
    }
    crate::fs::write_new(&path, text.as_bytes())?;
    eprintln!("new: wrote `{}`; fill in what a source gives, then run `crossings validate`", path.display());
    Ok(Outcome::Clean)
}

/// A checkpoint file with its required fields (`id`, `name` in the language its letters show)
/// and comments naming the optional fields, taken from the model.
fn checkpoint_text(id: &str, name: &str) -> String {
    let lang = crate::translit::script_lang(name);
    let optional: Vec<&str> = crate::content::fields::struct_fields::<crate::content::Checkpoint>()
        .iter()
        .copied()
        .filter(|f| !matches!(*f, "id" | "name" | "also_stated"))
        .collect();
    format!(
        "# yaml-language-server: $schema=../schema/checkpoint.schema.json\n\
         id: {id}\nname:\n  {lang}: {}\n\
         # Optional, each from a source (leave out what none gives; `crossings schema` describes them):\n\
         # {}.\n",
        yaml_scalar(name),
        optional.join(", ")
    )
}

/// A rule document with its required front matter and a body to write.
fn rule_text(title: &str, category: &str) -> String {
    let optional: Vec<&str> = crate::content::fields::struct_fields::<crate::content::RuleMeta>()
        .iter()
        .copied()
        .filter(|f| !matches!(*f, "title" | "category"))
        .collect();
    format!(
        "---\ntitle: {}\ncategory: {category}\n# Optional: {}.\n---\n\
         Write the rule in the project's own words; cite each statement's source and date.\n",
        yaml_scalar(title),
        optional.join(", ")
    )
}

/// `text` as a YAML scalar: quoted when it could read as something else.
fn yaml_scalar(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}
