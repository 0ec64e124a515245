//! A project copy in a temporary folder, and running the binary in it.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

/// The repository's root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A throwaway project: `content/` (and `templates/`) copied from the repository or empty.
pub struct Project {
    path: PathBuf,
    /// The temporary folder the project is in, removed with it (none for a project in a
    /// folder of its own, see [`Project::from_repo_in`]).
    _temp: Option<tempfile::TempDir>,
}

/// What a run printed, and how it ended.
#[derive(Debug)]
pub struct Run {
    /// Exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Wall time.
    pub elapsed: Duration,
}

impl Project {
    /// A copy of the repository's content and templates.
    pub fn from_repo() -> Project {
        let temp = tempfile::tempdir().expect("temporary folder");
        let project = Project { path: temp.path().to_path_buf(), _temp: Some(temp) };
        project.copy_repo();
        project
    }

    /// [`Project::from_repo`] in `dir` (emptied first), which stays when the project is
    /// dropped: for a project that lives as long as the test process, which drops no statics.
    pub fn from_repo_in(dir: &Path) -> Project {
        if dir.exists() {
            std::fs::remove_dir_all(dir).expect("empty the project's folder");
        }
        let project = Project { path: dir.to_path_buf(), _temp: None };
        project.copy_repo();
        project
    }

    fn copy_repo(&self) {
        for folder in ["content", "templates"] {
            let from = repo_root().join(folder);
            if from.exists() {
                copy_dir(&from, &self.path().join(folder));
            }
        }
    }

    /// A project whose `content/` holds only the repository's reference and geographic data and
    /// its interface strings.
    pub fn empty() -> Project {
        let temp = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir_all(temp.path().join("content/checkpoints")).expect("content folder");
        for folder in ["reference", "geo", "i18n"] {
            copy_dir(&repo_root().join("content").join(folder), &temp.path().join("content").join(folder));
        }
        Project { path: temp.path().to_path_buf(), _temp: Some(temp) }
    }

    /// Add the files of `tests/fixtures/<name>/` to the project, over those it has.
    pub fn with_fixture(self, name: &str) -> Project {
        copy_dir(&repo_root().join("tests/fixtures").join(name), self.path());
        self
    }

    /// The project's folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Write `text` to `relative` (creating folders).
    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) -> &Project {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        std::fs::write(path, text).expect("write");
        self
    }

    /// Run `crossings args...` in the project's folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut command = std::process::Command::cargo_bin("crossings").expect("binary");
        command.current_dir(self.path()).args(args);
        run_command(command)
    }

    /// Run `crossings args...` with its address space capped at `limit_mib` MiB (through
    /// prlimit) and killed after `seconds`: bounded memory and time, or the run fails.
    pub fn run_bounded(&self, args: &[&str], limit_mib: u64, seconds: u64) -> Run {
        let binary = assert_cmd::cargo::cargo_bin("crossings");
        let mut command = std::process::Command::new("timeout");
        command
            .current_dir(self.path())
            .args([
                "--signal=KILL",
                &seconds.to_string(),
                "prlimit",
                &format!("--as={}", limit_mib * 1024 * 1024),
                "--",
            ])
            .arg(binary)
            .args(args);
        run_command(command)
    }
}

fn run_command(mut command: std::process::Command) -> Run {
    let start = Instant::now();
    let Output { status, stdout, stderr } = command.output().expect("run crossings");
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        elapsed: start.elapsed(),
    }
}

impl Run {
    /// Both streams, for assertion messages.
    pub fn output(&self) -> String {
        format!("exit {:?}\n--- stdout\n{}--- stderr\n{}", self.code, self.stdout, self.stderr)
    }

    /// Assert the exit code.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(self.code, Some(code), "{}", self.output());
        self
    }

    /// Assert stdout or stderr contains `needle`.
    #[track_caller]
    pub fn expect_output(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle) || self.stderr.contains(needle),
            "missing {needle:?} in\n{}",
            self.output()
        );
        self
    }

    /// Assert the output never mentions a panic.
    #[track_caller]
    pub fn expect_no_panic(&self) -> &Run {
        assert!(!self.stderr.contains("panicked"), "{}", self.output());
        self
    }
}

/// Copy a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A folder of this test process's own, `<name>-<pid>` under Cargo's folder for tests' files,
/// for what lives as long as the process (statics are never dropped, so they remove nothing).
/// Folders that earlier processes left under that name are removed.
pub fn process_folder(name: &str) -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let pid = std::process::id();
    let left = std::fs::read_dir(tmp).into_iter().flatten().flatten().filter_map(|entry| {
        let other = entry.file_name().to_str()?.strip_prefix(name)?.strip_prefix('-')?.parse::<u32>().ok()?;
        let running = other == pid || Path::new(&format!("/proc/{other}")).exists();
        (!running).then(|| entry.path())
    });
    for folder in left.collect::<Vec<_>>() {
        let _ = std::fs::remove_dir_all(folder);
    }
    tmp.join(format!("{name}-{pid}"))
}
