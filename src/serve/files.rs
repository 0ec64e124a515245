//! Answering page requests from the last good build: the site's sub-path, files with their MIME
//! types, the site's 404 page, and no way out of the site folder.

use std::path::{Path, PathBuf};

use super::http::Response;
use super::reload;
use super::site::Snapshot;

/// Answer a GET or HEAD for `target` (percent-encoded path and query) from `snapshot`.
pub fn respond(target: &str, snapshot: &Snapshot) -> Response {
    let raw_path = target.split(['?', '#']).next().unwrap_or("/");
    let path = match decode_path(raw_path) {
        Ok(path) => path,
        Err(why) => return Response::text(400, why),
    };
    let prefix = snapshot.prefix.as_str();
    if path != prefix && (path == "/" || format!("{path}/") == prefix) {
        return Response::redirect(302, prefix);
    }
    let Some(dir) = snapshot.dir.as_deref() else {
        return html(503, reload::WAITING_PAGE.as_bytes().to_vec(), &snapshot.build);
    };
    let Some(rest) = path.strip_prefix(prefix) else {
        return not_found(dir, &snapshot.build);
    };
    match locate(dir, rest) {
        Found::File(file) => serve_file(&file, dir, &snapshot.build),
        Found::Folder => Response::redirect(301, &format!("{raw_path}/")),
        Found::Nothing => not_found(dir, &snapshot.build),
    }
}

/// Decode a request path. Refuses what no page of a site has, and what could climb out of the
/// site's folder: malformed escapes, NUL and other control characters, backslashes, non-UTF-8,
/// and `.` or `..` segments, whether written plainly or percent-encoded.
pub fn decode_path(raw: &str) -> Result<String, &'static str> {
    let mut bytes = Vec::with_capacity(raw.len());
    let mut rest = raw.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = tail.get(..2).and_then(|h| std::str::from_utf8(h).ok());
            let value = hex.and_then(|h| u8::from_str_radix(h, 16).ok()).ok_or("malformed percent-escape")?;
            bytes.push(value);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    let path = String::from_utf8(bytes).map_err(|_| "the path is not UTF-8")?;
    if path.chars().any(|c| c.is_control() || c == '\\') {
        return Err("control characters and backslashes are not allowed in paths");
    }
    if path.split('/').any(|segment| segment == ".." || segment == ".") {
        return Err("`.` and `..` are not allowed in paths");
    }
    Ok(path)
}

/// What a path inside the site names.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    /// A file, by its canonical path inside the site folder.
    File(PathBuf),
    /// A folder asked for without its trailing `/`.
    Folder,
    /// Nothing (or something outside the site folder).
    Nothing,
}

/// Find `rest` (a decoded path below the site's prefix) in `dir` (canonical).
fn locate(dir: &Path, rest: &str) -> Found {
    let mut candidate = dir.join(rest.trim_start_matches('/'));
    if rest.is_empty() || rest.ends_with('/') {
        candidate.push("index.html");
    }
    let Ok(real) = candidate.canonicalize() else {
        return Found::Nothing;
    };
    if !real.starts_with(dir) {
        return Found::Nothing;
    }
    if real.is_dir() {
        return if real.join("index.html").is_file() { Found::Folder } else { Found::Nothing };
    }
    if real.is_file() { Found::File(real) } else { Found::Nothing }
}

fn serve_file(file: &Path, dir: &Path, build: &str) -> Response {
    match std::fs::read(file) {
        Ok(body) if is_html(file) => html(200, body, build),
        Ok(body) => Response::new(200, mime(file), body),
        Err(_) => not_found(dir, build),
    }
}

/// The site's own 404 page (with status 404), or a plain one when the site has none.
fn not_found(dir: &Path, build: &str) -> Response {
    match std::fs::read(dir.join("404.html")) {
        Ok(body) => html(404, body, build),
        Err(_) => Response::text(404, "no such page"),
    }
}

fn html(status: u16, body: Vec<u8>, build: &str) -> Response {
    Response::new(status, "text/html; charset=utf-8", reload::inject(body, build))
}

fn is_html(file: &Path) -> bool {
    file.extension().is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// The `Content-Type` of a file, by its extension.
pub fn mime(file: &Path) -> &'static str {
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "geojson" => "application/geo+json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_climbing_out_however_it_is_written() {
        for raw in [
            "/../../etc/passwd",
            "/crossings/%2e%2e/%2e%2e/etc/passwd",
            "/crossings/%2E%2E%2F%2E%2E%2Fetc/passwd",
            "/crossings/..%5c..%5cetc/passwd",
            "/crossings/a%00.html",
            "/crossings/%c0%ae%c0%ae/x",
            "/crossings/%zz",
            "/crossings/./index.html",
        ] {
            assert!(decode_path(raw).is_err(), "{raw} was accepted");
        }
        assert_eq!(decode_path("/crossings/checkpoints/khorgos/").unwrap(), "/crossings/checkpoints/khorgos/");
        assert_eq!(decode_path("/a%20b/%D0%B0").unwrap(), "/a b/а");
    }

    #[test]
    fn finds_files_and_folders_inside_the_site_only() {
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("site");
        std::fs::create_dir_all(site.join("a")).unwrap();
        std::fs::write(site.join("a/index.html"), "x").unwrap();
        std::fs::write(root.path().join("secret.txt"), "s").unwrap();
        let site = site.canonicalize().unwrap();
        assert_eq!(locate(&site, "a/"), Found::File(site.join("a/index.html")));
        assert_eq!(locate(&site, "a"), Found::Folder);
        assert_eq!(locate(&site, "b"), Found::Nothing);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.path().join("secret.txt"), site.join("link.txt")).unwrap();
            assert_eq!(locate(&site, "link.txt"), Found::Nothing, "a link out of the site is not followed");
        }
    }

    #[test]
    fn names_the_types_pages_and_exports_need() {
        assert_eq!(mime(Path::new("a/checkpoints.geojson")), "application/geo+json");
        assert_eq!(mime(Path::new("static/site.js")), "text/javascript; charset=utf-8");
        assert_eq!(mime(Path::new("data/checkpoints.csv")), "text/csv; charset=utf-8");
        assert_eq!(mime(Path::new("favicon.ico")), "image/x-icon");
        assert_eq!(mime(Path::new("x.unknown")), "application/octet-stream");
    }
}
