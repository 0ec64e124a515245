//! Loading Tera templates from `templates/` (read from disk, so a site owner can restyle
//! without recompiling) and rendering with hints that name the file.

use std::path::Path;

use anyhow::{Context as _, bail};

/// The templates every build needs.
pub const REQUIRED: &[&str] = &[
    "base.html",
    "index.html",
    "index-rows.html",
    "checkpoint.html",
    "checkpoint-rules.html",
    "rule.html",
    "border.html",
    "border-rows.html",
    "list.html",
    "data.html",
    "404.html",
    "sw.js",
];

/// Load every template under `dir` (`*.html`, `*.xml`, and the service worker `sw.js`).
pub fn load(dir: &Path) -> anyhow::Result<tera::Tera> {
    if !dir.is_dir() {
        bail!("templates folder `{}` not found: run from the project's root or pass --templates DIR", dir.display());
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Declared before the templates are compiled (Tera checks names then); the build registers
    // them again with the site's strings.
    super::ui::register(&mut tera, Default::default());
    let files = template_files(dir)?;
    tera.add_template_files(files.iter().map(|(path, name)| (path.as_path(), Some(name.as_str()))))
        .map_err(|e| anyhow::anyhow!("{}", describe(&e)))
        .with_context(|| format!("cannot compile the templates in `{}`", dir.display()))?;
    for name in REQUIRED {
        if !tera.contains_template(name) {
            bail!("template `{name}` is missing: add `{}`", dir.join(name).display());
        }
    }
    Ok(tera)
}

/// Every template file under `dir` (not in a `static/` folder) and its name, sorted.
pub fn template_files(dir: &Path) -> anyhow::Result<Vec<(std::path::PathBuf, String)>> {
    let mut files = Vec::new();
    for path in crate::fs::walk(dir)? {
        let relative = path.strip_prefix(dir).unwrap_or(&path);
        let in_static = relative.parent().is_some_and(|p| p.components().any(|c| c.as_os_str() == "static"));
        if !in_static && path.extension().is_some_and(|e| e == "html" || e == "xml" || e == "js") {
            let name = relative.to_string_lossy().replace('\\', "/");
            files.push((path, name));
        }
    }
    Ok(files)
}

/// Render `name` with `context`, naming the template file in any error.
pub fn render(tera: &tera::Tera, name: &str, context: &tera::Context) -> anyhow::Result<String> {
    tera.render(name, context).map_err(|e| anyhow::anyhow!("template `templates/{name}`: {}", describe(&e)))
}

/// Tera's error and its causes on one line each.
fn describe(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str("\n  ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
