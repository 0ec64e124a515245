//! Integration tests: the `crossings` binary run on copies of content in temporary folders.

mod browser;
mod build;
mod util;
mod validate;
mod webdriver;
