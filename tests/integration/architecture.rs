//! The modules form a one-way graph between stages: no stage (a top-level module of `src/`)
//! reaches, through its `crate::` paths, a stage that reaches back to it. Inside a stage, the
//! files form a one-way graph too. Both graphs come from [`module_graph`], which leaves test
//! code out: a test may drive several stages.

mod modules;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use self::modules::{Module, module_graph};
use crate::util::repo_root;

/// Each stage and the stages its code names, from the module graph of the sources under `src/`.
fn stage_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, targets) in module_graph(src) {
        let uses = graph.entry(from[0].clone()).or_default();
        uses.extend(targets.into_iter().map(|t| t[0].clone()).filter(|t| *t != from[0]));
    }
    graph
}

/// A cycle through `graph`, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|start| visit(start, graph, &mut Vec::new(), &mut done))
}

#[test]
fn stages_depend_on_each_other_one_way() {
    let graph = stage_graph(&repo_root().join("src"));
    assert!(graph.contains_key("render") && graph["render"].contains("content"), "the graph was read: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("the stages form a cycle: {}\nstage graph: {graph:#?}", cycle.join(" -> "));
    }
}

#[test]
fn a_cycle_is_found_where_there_is_one() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["c".to_string()])),
        ("c".to_string(), BTreeSet::from(["a".to_string()])),
    ]
    .into();
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    let mut acyclic = graph.clone();
    acyclic.get_mut("c").unwrap().clear();
    assert_eq!(find_cycle(&acyclic), None);
}

/// The import cycles between files of one stage in `graph` (see [`module_graph`]), each as its
/// modules in order, the first repeated at the end. One cycle per edge that lies on a cycle (the
/// edge, then the shortest way back), started at its smallest module; a cycle found from
/// several of its edges is listed once. Edges between stages are left out (the stage test sees
/// those).
fn file_cycles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    let same_stage = |a: &Module, b: &Module| !a.is_empty() && a.first() == b.first();
    let mut cycles = BTreeSet::new();
    for (from, targets) in graph {
        for to in targets.iter().filter(|to| same_stage(from, to)) {
            let Some(back) = shortest_path(graph, to, from, &same_stage) else { continue };
            let mut cycle: Vec<Module> = std::iter::once(from.clone()).chain(back).collect();
            cycle.pop();
            let start = (0..cycle.len()).min_by_key(|&i| &cycle[i]).unwrap_or(0);
            cycle.rotate_left(start);
            cycle.push(cycle[0].clone());
            cycles.insert(cycle);
        }
    }
    cycles.into_iter().collect()
}

/// The modules on a shortest path from `from` to `to` (both included) through edges `keep`s.
fn shortest_path(
    graph: &BTreeMap<Module, BTreeSet<Module>>,
    from: &Module,
    to: &Module,
    keep: &dyn Fn(&Module, &Module) -> bool,
) -> Option<Vec<Module>> {
    let mut came_from: BTreeMap<&Module, &Module> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    while let Some(at) = queue.pop_front() {
        if at == to {
            let mut path = vec![to.clone()];
            while let Some(previous) = came_from.get(path.last().unwrap()).filter(|_| path.last() != Some(from)) {
                path.push((*previous).clone());
            }
            path.reverse();
            return Some(path);
        }
        for next in graph.get(at).into_iter().flatten().filter(|n| keep(at, n)) {
            if next != from && !came_from.contains_key(next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    None
}

/// `ingest -> ingest::node -> ingest`, one cycle per line.
fn cycle_lines(cycles: &[Vec<Module>]) -> String {
    let line = |cycle: &Vec<Module>| cycle.iter().map(|m| m.join("::")).collect::<Vec<_>>().join(" -> ");
    cycles.iter().map(line).collect::<Vec<_>>().join("\n")
}

/// No file of a stage reaches, through what its code names, a file of the same stage that
/// reaches back to it. A file is a module (`a/mod.rs` is `a`, the stage's top). An edge goes
/// from a file to the file that defines what it names: a child naming `super::x` for an item
/// defined in `mod.rs` has an edge to the top, and the top may name its children; a name the
/// top only re-exports (`pub use self::c::X`) leads to the file that defines it, so `super::X`
/// from a sibling is an edge to `c`, not to the top. `super::x`, `crate::stage::x`,
/// `self::x`, grouped `use super::{a, b}` and paths in code all count; comments, strings and
/// test code do not.
#[test]
fn files_inside_a_stage_depend_on_each_other_one_way() {
    let graph = module_graph(&repo_root().join("src"));
    let module = |path: &str| path.split("::").map(str::to_string).collect::<Module>();
    let read = |from: &str, to: &str| graph.get(&module(from)).is_some_and(|t| t.contains(&module(to)));
    assert!(
        read("ingest", "ingest::write::plan") && read("ingest::write", "ingest::emit"),
        "the graph was read: {graph:?}"
    );
    let cycles = file_cycles(&graph);
    assert!(cycles.is_empty(), "files inside a stage import each other in a circle:\n{}", cycle_lines(&cycles));
}

#[test]
fn every_cycle_between_files_of_a_stage_is_listed() {
    let module = |path: &str| path.split("::").map(str::to_string).collect::<Module>();
    let graph: BTreeMap<Module, BTreeSet<Module>> = [
        ("a", vec!["a::x"]),
        ("a::x", vec!["a::y", "b"]),
        ("a::y", vec!["a::x", "a"]),
        ("a::p", vec!["a::q"]),
        ("a::q", vec!["a::r"]),
        ("a::r", vec!["a::p"]),
        ("b", vec!["a::x"]),
    ]
    .into_iter()
    .map(|(from, to)| (module(from), to.into_iter().map(module).collect()))
    .collect();
    let expected = ["a -> a::x -> a::y -> a", "a::p -> a::q -> a::r -> a::p", "a::x -> a::y -> a::x"];
    assert_eq!(cycle_lines(&file_cycles(&graph)), expected.join("\n"), "the cycle through stage b is not a stage's");
    let mut acyclic = graph.clone();
    for from in ["a::y", "a::r"] {
        acyclic.insert(module(from), BTreeSet::new());
    }
    assert!(file_cycles(&acyclic).is_empty());
}

#[test]
fn names_resolve_to_the_file_that_defines_them() {
    let src = tempfile::tempdir().unwrap();
    let files = [
        (
            "st/mod.rs",
            "mod a;\nmod b;\nmod c;\nmod d;\n#[cfg(test)]\nmod e;\npub use self::c::Thing;\npub struct Top;\nfn go() { a::run(); }\n",
        ),
        ("st/a.rs", "use super::{b::{self, B}, Top};\npub fn run() {}\n"),
        (
            "st/b.rs",
            "// use super::a;\nconst S: &str = \"super::a::run\";\npub struct B;\nfn f() { crate::st::c::make(); }\n",
        ),
        ("st/c.rs", "pub struct Thing;\npub fn make() {}\n#[cfg(test)]\nmod tests {\n    use super::super::a;\n}\n"),
        ("st/d.rs", "use super::Thing;\nuse crate::other::X;\nfn g() { self::h(); }\nfn h() {}\n"),
        ("st/e.rs", "use super::d;\n"),
        ("other.rs", "pub struct X;\n"),
    ];
    for (path, text) in files {
        let path = src.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let graph = module_graph(src.path());
    let edges: Vec<String> = graph
        .iter()
        .flat_map(|(from, to)| to.iter().map(move |t| format!("{} -> {}", from.join("::"), t.join("::"))))
        .collect();
    let expected = [
        "st -> st::a",
        "st -> st::c",
        "st::a -> st",
        "st::a -> st::b",
        "st::b -> st::c",
        "st::d -> other",
        "st::d -> st::c",
    ];
    assert_eq!(edges, expected, "test-only module st::e is left out: {:?}", graph.keys().collect::<Vec<_>>());
}

/// The steps of ingest, in the order a run takes them: each is a folder of `src/ingest/`, and a
/// step's files name only their own step's and earlier steps' (and the files at the top of
/// `src/ingest/`, which name no step but the driver's).
const INGEST_STEPS: [&str; 5] = ["acquire", "extract", "matching", "merge", "write"];

/// The files at the top of `src/ingest/` that every step may use: they name no step.
const INGEST_SHARED: [&str; 4] = ["sources", "names", "node", "emit"];

/// Each import between ingest's steps that goes against their order, as `from -> to`.
fn ingest_steps_out_of_order(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<String> {
    let step = |m: &Module| -> Option<usize> {
        (m.first().map(String::as_str) == Some("ingest")).then_some(())?;
        INGEST_STEPS.iter().position(|s| m.get(1).map(String::as_str) == Some(*s))
    };
    let shared = |m: &Module| m.len() == 2 && m[0] == "ingest" && INGEST_SHARED.contains(&m[1].as_str());
    let mut wrong = Vec::new();
    for (from, targets) in graph {
        for to in targets {
            let backwards = matches!((step(from), step(to)), (Some(a), Some(b)) if a < b);
            if backwards || (shared(from) && step(to).is_some()) {
                wrong.push(format!("{} -> {}", from.join("::"), to.join("::")));
            }
        }
    }
    wrong
}

#[test]
fn ingest_steps_are_folders_that_import_only_earlier_steps() {
    let ingest = repo_root().join("src/ingest");
    for step in INGEST_STEPS {
        assert!(ingest.join(step).join("mod.rs").is_file(), "src/ingest/{step}/mod.rs: a step is a folder");
    }
    let top_files = std::fs::read_dir(&ingest).unwrap().filter(|e| e.as_ref().unwrap().path().is_file()).count();
    assert!(top_files <= 8, "src/ingest/ has {top_files} files at its top: put the new ones in their step's folder");
    let graph = module_graph(&repo_root().join("src"));
    let module = |path: &str| path.split("::").map(str::to_string).collect::<Module>();
    assert!(graph[&module("ingest::write::plan")].contains(&module("ingest::merge")), "the graph was read");
    let wrong = ingest_steps_out_of_order(&graph);
    assert!(wrong.is_empty(), "ingest's steps import a later step:\n{}", wrong.join("\n"));
}

#[test]
fn a_step_importing_a_later_one_is_found() {
    let module = |path: &str| path.split("::").map(str::to_string).collect::<Module>();
    let graph: BTreeMap<Module, BTreeSet<Module>> = [
        (module("ingest::extract::table"), BTreeSet::from([module("ingest::matching"), module("ingest::acquire")])),
        (module("ingest::names"), BTreeSet::from([module("ingest::merge::combine")])),
        (module("ingest::write::plan"), BTreeSet::from([module("ingest::merge"), module("ingest::node")])),
    ]
    .into();
    assert_eq!(
        ingest_steps_out_of_order(&graph),
        ["ingest::extract::table -> ingest::matching", "ingest::names -> ingest::merge::combine"]
    );
}
