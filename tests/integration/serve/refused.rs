//! `crossings serve` when a build cannot be made: content invalid from the start, and
//! templates that do not compile; the server keeps running and says why.

use super::{Server, break_border, edit, fix_border};
use crate::util::Project;

#[test]
fn content_invalid_from_the_start_is_served_once_fixed() {
    let project = Project::from_repo();
    let location = break_border(&project);
    let server = Server::start(&project);
    let waiting = server.get("/crossings/");
    assert_eq!(waiting.status, 503, "no site yet");
    assert!(waiting.body.contains("/__crossings/reload.js"), "the waiting page listens for the fix");
    let mut events = server.events();
    assert!(events.next("problems").contains(&location));
    fix_border(&project);
    events.next("reload");
    assert_eq!(server.get("/crossings/").status, 200);
}

#[test]
fn a_template_that_does_not_compile_is_reported_and_its_fix_reloads() {
    let project = Project::from_repo();
    let server = Server::start(&project);
    let mut events = server.events();
    events.next("hello");
    edit(&project, "templates/list.html", "{% endblock", "{% if %}{% endblock");
    let problems = events.next("problems");
    assert!(problems.contains("could not be built") && problems.contains("list.html"), "{problems}");
    assert_eq!(server.get("/crossings/checkpoints/").status, 200, "the last good build is still served");
    edit(&project, "templates/list.html", "{% if %}{% endblock", "{% endblock");
    events.next("reload");
}
