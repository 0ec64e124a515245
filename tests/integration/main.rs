//! Integration tests: the `crossings` binary run on copies of content in temporary folders.

mod architecture;
mod browser;
mod build;
mod docs;
mod equeue;
mod facts;
mod faults;
mod hostile;
mod http_server;
mod i18n;
mod ingest;
mod load_cache;
mod map;
mod properties;
mod register;
mod serve;
mod state;
mod static_site;
mod tables;
mod third_party_text;
mod util;
mod validate;
mod webdriver;
