//! The `crossings` command line: parses arguments and hands over to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use crossings::cli;
use crossings::validate::Format;

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
    },
    /// Check all content and report every problem as file:line:column.
    Validate {
        /// How to print the report.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Validate, then render the site into the output folder.
    Build {
        /// Where to write the site.
        #[arg(long, default_value = "output", value_name = "DIR")]
        out: PathBuf,
    },
    /// Build, serve the site locally and rebuild on every edit.
    Serve {
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
    },
    /// Print the JSON Schema of checkpoint files or of rule front matter.
    Schema {
        /// Which format.
        #[arg(value_enum, default_value_t = cli::SchemaKind::Checkpoint)]
        kind: cli::SchemaKind,
    },
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Command::Validate { format, deny_warnings } => cli::validate(&args.content, format, deny_warnings),
        Command::Schema { kind } => cli::schema(kind),
        Command::Build { out } => cli::build(&args.content, &args.templates, &out),
        Command::Ingest { .. } => cli::not_yet("ingest", 3),
        Command::Serve { .. } => cli::not_yet("serve", 7),
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
