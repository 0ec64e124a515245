//! Getting each source's material: fetched from its URL (online), read from its path, or read
//! from its snapshot (`--offline`); decoded to text; and its snapshot's provenance checked.
//!
//! A snapshot whose bytes differ from the recorded SHA-256 is re-stamped: new bytes fetched or
//! copied are written to it with the time they were retrieved; a snapshot changed in place
//! keeps its recorded time and gets its new checksum.

pub mod decode;
pub mod fetch;

use std::path::Path;

use anyhow::Context as _;
use reqwest::blocking::Client;
use sha2::{Digest as _, Sha256};

use self::fetch::Limits;
use super::sources::Kind;
use super::sources::SnapshotStamp;
use super::sources::Source;
use super::sources::content_path;
use crate::content::date::Date;

/// A source's material as text, and what changed about its snapshot.
#[derive(Debug)]
pub struct Material {
    /// The text.
    pub text: String,
    /// The date (YYYY-MM-DD) the material was retrieved.
    pub retrieved: Option<String>,
    /// New provenance for `sources.yaml`, when it changed.
    pub stamp: Option<SnapshotStamp>,
    /// New bytes for the snapshot file, when they changed.
    pub snapshot_bytes: Option<Vec<u8>>,
}

/// Get `source`'s material. `client` is made on first use.
pub fn acquire(
    content_dir: &Path,
    source: &Source,
    offline: bool,
    limits: Limits,
    client: &mut Option<Client>,
) -> anyhow::Result<Material> {
    let (bytes, declared, copied) = read_material(content_dir, source, offline, limits, client)?;
    let decoded = decode::decode(&bytes, declared.as_deref(), source.kind() == Kind::Html);
    let sha256 = hex(&Sha256::digest(&bytes));
    let recorded_sha = source.snapshot.sha256.as_ref().map(|s| s.value.as_str());
    let bytes_changed = recorded_sha != Some(sha256.as_str());
    let charset_changed = source.snapshot.charset.as_ref().map(|c| c.value.as_str()) != Some(decoded.charset);
    let stamp = (bytes_changed || charset_changed).then(|| SnapshotStamp {
        retrieved: (bytes_changed && copied).then(now_rfc3339),
        sha256: sha256.clone(),
        charset: decoded.charset.to_string(),
    });
    let retrieved = stamp
        .as_ref()
        .and_then(|s| s.retrieved.as_ref())
        .and_then(|r| r.get(..10))
        .map(str::to_string)
        .or_else(|| source.retrieved_date());
    let snapshot_bytes = (bytes_changed && copied).then_some(bytes);
    Ok(Material { text: decoded.text, retrieved, stamp, snapshot_bytes })
}

/// The material's bytes, the charset declared for them, and whether they are a new copy
/// (fetched, or read from a path other than the snapshot's).
fn read_material(
    content_dir: &Path,
    source: &Source,
    offline: bool,
    limits: Limits,
    client: &mut Option<Client>,
) -> anyhow::Result<(Vec<u8>, Option<String>, bool)> {
    let snapshot_path = content_path(content_dir, &source.snapshot.path.value)?;
    let recorded_charset = source.snapshot.charset.as_ref().map(|c| c.value.clone());
    match (&source.url, &source.path) {
        (Some(url), _) if !offline => {
            let client = match client {
                Some(c) => c,
                None => client.insert(fetch::client(limits)?),
            };
            let fetched = fetch::fetch(client, &url.value, source.kind(), limits)
                .with_context(|| format!("cannot fetch `{}` for source `{}`", url.value, source.id.value))?;
            Ok((fetched.bytes, decode::header_charset(fetched.content_type.as_deref()), true))
        }
        (_, Some(path)) if !offline => {
            let path = content_path(content_dir, &path.value)?;
            Ok((read(&path, &source.id.value)?, recorded_charset, path != snapshot_path))
        }
        _ => Ok((read(&snapshot_path, &source.id.value)?, recorded_charset, false)),
    }
}

fn read(path: &Path, id: &str) -> anyhow::Result<Vec<u8>> {
    let meta = std::fs::metadata(path).with_context(|| {
        format!("source `{id}`: cannot read `{}`: restore the snapshot from version control, or run `crossings ingest` online to fetch it", path.display())
    })?;
    if meta.len() > 64 * 1024 * 1024 {
        anyhow::bail!("source `{id}`: `{}` is larger than 64 MiB; it cannot be a source's snapshot", path.display());
    }
    crate::fs::read(path).with_context(|| format!("source `{id}`"))
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Now, as RFC 3339 in UTC to the second.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let date = Date::from_days((secs / 86_400) as i64);
    let rest = secs % 86_400;
    format!("{date}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_times_and_checksums() {
        let now = now_rfc3339();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.ends_with('Z'));
        assert_eq!(hex(&Sha256::digest(b"")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
