//! The `crossings` command line: parses arguments and hands over to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc: page rendering allocates many small strings on every thread, where it is faster
/// than the system allocator. `--features system-alloc` keeps the system's, for heap profilers
/// such as heaptrack.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use crossings::validate::Format;
use crossings::{cli, serve};

/// Keep the reference of Kazakhstan's border crossings true, and publish it as a static site.
#[derive(Debug, Parser)]
#[command(name = "crossings", version, about, long_about = None)]
struct Cli {
    /// The content folder (YAML and Markdown that editors change).
    #[arg(long, global = true, default_value = "content", value_name = "DIR")]
    content: PathBuf,
    /// The templates folder (Tera templates and theme assets).
    #[arg(long, global = true, default_value = "templates", value_name = "DIR")]
    templates: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read the sources in content/sources.yaml and update content/ from them.
    Ingest {
        /// Use the kept snapshots instead of fetching.
        #[arg(long)]
        offline: bool,
        /// Write nothing; exit 1 if the sources say something content/ does not.
        #[arg(long)]
        check: bool,
        /// Allow fetching from loopback, private and link-local addresses.
        #[arg(long)]
        allow_private: bool,
        /// Seconds a request may take, body included.
        #[arg(long, default_value_t = 30.0, value_name = "SECS")]
        timeout: f64,
        /// Largest page accepted, in bytes.
        #[arg(long, default_value_t = 10 * 1024 * 1024, value_name = "BYTES")]
        max_bytes: u64,
        /// Most redirects followed.
        #[arg(long, default_value_t = 5, value_name = "N")]
        max_redirects: usize,
    },
    /// Check all content and report every problem as file:line:column.
    Validate {
        /// How to print the report.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
        /// Print every warning about the data's state (unknown values, stale facts, texts not
        /// yet translated) instead of one line per kind.
        #[arg(long)]
        verbose: bool,
        /// Check only these checkpoint or rule files (and what depends on them: a duplicate id,
        /// links to them), e.g. from an editor's save hook or pre-commit. Any other content file
        /// among them checks everything.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Validate, then render the site into the output folder.
    Build {
        /// Where to write the site.
        #[arg(long, default_value = "output", value_name = "DIR")]
        out: PathBuf,
    },
    /// Build, serve the site locally and rebuild it, reloading open pages, on every edit.
    Serve {
        /// The port to listen on (0: any free port, printed).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on (e.g. 0.0.0.0 to let other machines see the preview).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default browser (with xdg-open, when there is one).
        #[arg(long)]
        open: bool,
    },
    /// Start a record: write a checkpoint file or a rule document with the required fields,
    /// its id made from the name as ingest makes ids, and comments naming the optional fields.
    New {
        /// What to start.
        #[arg(value_enum)]
        kind: cli::NewKind,
        /// The checkpoint's name (in any of en, ru, kk) or the rule's title.
        name: String,
        /// A rule's category: visa, documents, procedure, vehicles, customs or refusal.
        #[arg(long, default_value = "procedure")]
        category: String,
    },
    /// Print the coverage report: records by border and mode, the share with each kind of
    /// fact, and the records against the official count of checkpoints.
    Stats {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of checkpoint files or of rule front matter.
    Schema {
        /// Which format.
        #[arg(value_enum, default_value_t = cli::SchemaKind::Checkpoint)]
        kind: cli::SchemaKind,
    },
}

/// Have mimalloc give freed memory back to the system after 10 ms rather than a second: a build
/// holds at its peak about what it needs, not what it needed a moment ago (10,000 checkpoints:
/// 95 -> 69 MiB), in the same time (giving it back at once cost 5 % more time).
#[cfg(not(feature = "system-alloc"))]
#[allow(unsafe_code)]
fn tune_allocator() {
    // `mi_option_purge_delay` in mimalloc.h of mimalloc v3, which libmimalloc-sys 0.1.49 builds
    // (its Rust constants follow v2's numbering).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return; // the user's choice, which mimalloc read at start
    }
    // SAFETY: an integer option, set first thing in `main`, before any other thread exists
    // (mimalloc's option setters are not thread-safe).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) };
}

fn main() -> ExitCode {
    #[cfg(not(feature = "system-alloc"))]
    tune_allocator();
    let args = Cli::parse();
    let result = match args.command {
        Command::Validate { format, deny_warnings, verbose, paths } => {
            cli::validate(&args.content, &args.templates, format, deny_warnings, verbose, &paths)
        }
        Command::Schema { kind } => cli::schema(kind),
        Command::Stats { json } => cli::stats(&args.content, json),
        Command::New { kind, name, category } => cli::new_record(&args.content, kind, &name, &category),
        Command::Build { out } => cli::build(&args.content, &args.templates, &out),
        Command::Ingest { offline, check, allow_private, timeout, max_bytes, max_redirects } => {
            let timeout = std::time::Duration::try_from_secs_f64(timeout).unwrap_or(std::time::Duration::from_secs(30));
            let limits = crossings::ingest::fetch::Limits { timeout, max_bytes, max_redirects, allow_private };
            cli::ingest(&args.content, &crossings::ingest::Options { offline, check, limits })
        }
        Command::Serve { port, bind, open } => {
            cli::serve(&serve::Options { content: args.content, templates: args.templates, bind, port, open })
        }
    };
    cli::exit(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
