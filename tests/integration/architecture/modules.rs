//! The crate's modules and the modules each one's code names, read from the sources: a file is a
//! module (`a/mod.rs` is `a`), and what it names through `crate::`, `super::`, `self::` or a
//! child module's name (`use` trees, grouped ones included, and paths in code) is resolved to
//! the file that defines the item. A name a module imports or re-exports (`pub use self::c::X`,
//! `use crate::x as y`) resolves to where it comes from, and so does a name a glob import brings
//! in when the glob's module defines it. Comments, string literals and test code are left out:
//! a module declared `#[cfg(test)] mod x;` is skipped, and a file's inline `#[cfg(test)] mod`
//! ends its code (test modules come last).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module's path from the crate root: `["ingest", "hours", "read"]`.
pub type Module = Vec<String>;

/// Each module and the modules of the crate its code names (itself left out).
pub fn module_graph(src: &Path) -> BTreeMap<Module, BTreeSet<Module>> {
    let files = read_files(src);
    let modules: BTreeMap<Module, Parsed> = files.iter().map(|(m, code)| (m.clone(), parse(m, code))).collect();
    let tests: BTreeSet<Module> =
        modules.iter().flat_map(|(m, p)| p.test_children.iter().map(|c| child(m, c))).collect();
    let modules: BTreeMap<Module, Parsed> =
        modules.into_iter().filter(|(m, _)| !tests.iter().any(|t| m.starts_with(t))).collect();
    let mut graph = BTreeMap::new();
    for (m, parsed) in &modules {
        let targets: BTreeSet<Module> =
            parsed.paths.iter().filter_map(|p| resolve(&modules, p, 0)).filter(|t| t != m).collect();
        graph.insert(m.clone(), targets);
    }
    graph
}

/// What one file says: the paths it names (absolute), its imports by the name they bind, its
/// glob imports, the items it defines and the child modules declared for tests only.
#[derive(Default)]
struct Parsed {
    paths: Vec<Module>,
    aliases: BTreeMap<String, Module>,
    globs: Vec<Module>,
    defines: BTreeSet<String>,
    test_children: BTreeSet<String>,
}

fn child(m: &[String], name: &str) -> Module {
    m.iter().cloned().chain([name.to_string()]).collect()
}

/// Every `.rs` file under `src` but the crate roots, by module, as code without comments,
/// string contents or test modules.
fn read_files(src: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(src).unwrap().with_extension("");
                let mut module: Module = relative.iter().map(|c| c.to_string_lossy().into_owned()).collect();
                if module.last().is_some_and(|l| l == "mod") {
                    module.pop();
                }
                if module != ["lib"] && module != ["main"] {
                    out.insert(module, strip(&std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
    }
    out
}

/// `text` without comments, with string and character literals emptied, up to its first inline
/// `#[cfg(test)] mod`.
pub fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (mut out, mut i) = (String::new(), 0);
    while i < chars.len() {
        let rest = |n: usize| chars.get(i + n).copied().unwrap_or(' ');
        let after_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if chars[i] == '/' && rest(1) == '/' {
            i = (i..chars.len()).find(|&j| chars[j] == '\n').unwrap_or(chars.len());
        } else if chars[i] == '/' && rest(1) == '*' {
            i = (i + 2..chars.len())
                .find(|&j| chars[j] == '*' && rest(j - i + 1) == '/')
                .map_or(chars.len(), |j| j + 2);
        } else if chars[i] == 'r' && !after_ident && rest(1 + (1..).take_while(|&n| rest(n) == '#').count()) == '"' {
            let hashes = (1..).take_while(|&n| rest(n) == '#').count();
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let body: String = chars[i + hashes + 2..].iter().collect();
            i += hashes + 2 + body.find(&close).map_or(body.len(), |at| body[..at].chars().count() + close.len());
            out.push_str("\"\"");
        } else if chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if chars[i] == '\'' && (rest(2) == '\'' || rest(1) == '\\') {
            i = (i + 2..chars.len()).find(|&j| chars[j] == '\'').map_or(chars.len(), |j| j + 1);
            out.push_str("' '");
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    cut_test_module(out)
}

fn cut_test_module(code: String) -> String {
    let mut at = 0;
    while let Some(found) = code[at..].find("#[cfg(test)]") {
        let start = at + found;
        let next = code[start + 12..].trim_start();
        let next = next.strip_prefix("pub ").unwrap_or(next);
        let inline = next.find(['{', ';']).is_some_and(|at| next[at..].starts_with('{'));
        if next.starts_with("mod ") && inline {
            return code[..start].to_string();
        }
        at = start + 12;
    }
    code
}

/// The paths `code` (of module `m`) names, resolved against `m`, and its imports.
fn parse(m: &[String], code: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let tokens = tokens(code);
    let children: BTreeSet<&str> =
        tokens.windows(3).filter(|w| w[0] == "mod" && w[2] == ";").map(|w| w[1].as_str()).collect();
    for (i, w) in tokens.windows(3).enumerate() {
        let item = if i > 0 && tokens[i - 1] == "pub" { i - 1 } else { i };
        let test_attribute = item >= 7 && tokens[item - 7..item].concat() == "#[cfg(test)]";
        if w[0] == "mod" && w[2] == ";" && test_attribute {
            parsed.test_children.insert(w[1].clone());
        }
        if matches!(w[0].as_str(), "struct" | "enum" | "fn" | "type" | "trait" | "const" | "static" | "mod" | "union") {
            parsed.defines.insert(w[1].clone());
        }
    }
    let mut i = 0;
    while i < tokens.len() {
        let root = tokens[i].as_str();
        let starts = tokens.get(i + 1).is_some_and(|t| t == "::")
            && (i == 0 || tokens[i - 1] != "::")
            && (matches!(root, "crate" | "super" | "self") || children.contains(root));
        if !starts {
            i += 1;
            continue;
        }
        let in_use = i > 0 && tokens[i - 1] == "use";
        let (leaves, end) = use_tree(&tokens, i);
        for (path, alias) in leaves {
            let Some(absolute) = absolute(m, &path) else { continue };
            if absolute.last().is_some_and(|l| l == "*") {
                parsed.globs.push(absolute[..absolute.len() - 1].to_vec());
                continue;
            }
            let absolute: Module = absolute.into_iter().filter(|s| s != "self").collect();
            if in_use && let Some(name) = alias.or_else(|| absolute.last().cloned()) {
                parsed.aliases.insert(name, absolute.clone());
            }
            parsed.paths.push(absolute);
        }
        i = end;
    }
    parsed
}

/// Identifiers and punctuation of `code`, `::` as one token.
fn tokens(code: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            let mut word = c.to_string();
            while let Some(&n) = chars.peek().filter(|n| n.is_alphanumeric() || **n == '_') {
                word.push(n);
                chars.next();
            }
            out.push(word);
        } else if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            out.push("::".into());
        } else if !c.is_whitespace() {
            out.push(c.to_string());
        }
    }
    out
}

/// A path a use tree names, and the name `as` binds it to.
type Leaf = (Vec<String>, Option<String>);

/// The paths of the use tree (or plain path) starting at token `i`, each with the name `as`
/// binds it to, and the token after the tree.
fn use_tree(tokens: &[String], mut i: usize) -> (Vec<Leaf>, usize) {
    let ident = |t: &str| t.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_');
    let mut path = Vec::new();
    while let Some(t) = tokens.get(i).filter(|t| ident(t)) {
        path.push(t.clone());
        i += 1;
        if tokens.get(i).is_some_and(|t| t == "::") {
            i += 1;
        } else {
            break;
        }
    }
    match tokens.get(i).map(String::as_str) {
        Some("*") => (vec![(with(&path, "*"), None)], i + 1),
        Some("{") if path.is_empty() || tokens[i - 1] == "::" => {
            let mut leaves = Vec::new();
            i += 1;
            while i < tokens.len() && tokens[i] != "}" {
                if tokens[i] == "," {
                    i += 1;
                    continue;
                }
                let (inner, end) = use_tree(tokens, i);
                leaves.extend(inner.into_iter().map(|(p, a)| ([path.clone(), p].concat(), a)));
                i = end.max(i + 1);
            }
            (leaves, i + 1)
        }
        Some("as") => (vec![(path, tokens.get(i + 1).cloned())], i + 2),
        _ => (vec![(path, None)], i),
    }
}

fn with(path: &[String], last: &str) -> Vec<String> {
    path.iter().cloned().chain([last.to_string()]).collect()
}

/// `path` as named in module `m`, from the crate root; `None` for another crate's path.
fn absolute(m: &[String], path: &[String]) -> Option<Module> {
    let mut base: Module = m.to_vec();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        Some("super") => {
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        Some(_) => {}
        None => return None,
    }
    Some([base, rest.to_vec()].concat())
}

/// The module that defines what `path` names: the longest prefix that is a module, then
/// through that module's imports and globs.
fn resolve(modules: &BTreeMap<Module, Parsed>, path: &[String], depth: usize) -> Option<Module> {
    let k = (1..=path.len()).rev().find(|&k| modules.contains_key(&path[..k]))?;
    let (module, rest) = (&path[..k], &path[k..]);
    let parsed = &modules[module];
    let Some(name) = rest.first().filter(|_| depth < 8) else { return Some(module.to_vec()) };
    if parsed.defines.contains(name) {
        return Some(module.to_vec());
    }
    if let Some(target) = parsed.aliases.get(name).filter(|t| t.as_slice() != path) {
        return resolve(modules, &[target.clone(), rest[1..].to_vec()].concat(), depth + 1);
    }
    for glob in &parsed.globs {
        if modules.get(glob).is_some_and(|g| g.defines.contains(name)) {
            return resolve(modules, &[glob.clone(), rest.to_vec()].concat(), depth + 1);
        }
    }
    Some(module.to_vec())
}
