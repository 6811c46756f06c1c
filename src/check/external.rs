//! `samspil check --external`: are the http(s) links in the content still alive?
//!
//! Each distinct URL is requested once (HEAD, then GET for servers that refuse HEAD), with a
//! timeout, at most `per_host` requests to one host at a time and a small pool overall. Broken
//! links are warnings — the web changes under a site, and a build must not fail because
//! somebody else's server is down — reported at every file and line that uses the link.

use super::CheckOptions;
use crate::content::KeyLines;
use crate::diagnostics::Diagnostic;
use crate::markdown::{Body, is_external};
use crate::site::Site;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Condvar, Mutex};

/// Requests in flight at once across all hosts.
const WORKERS: usize = 8;

/// One place an external link is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkUse {
    pub url: String,
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct ExternalSummary {
    /// Distinct URLs checked.
    pub checked: usize,
    pub hosts: usize,
    pub broken: usize,
}

/// Every http(s) link of the site's pages, sections and homes: Markdown links and images in
/// bodies (found by the build's own Markdown pass) and URLs in front matter (`source.url`,
/// `contact.url`, ...).
pub fn collect(site: &Site) -> Vec<LinkUse> {
    let pages = site.pages.iter().map(|p| (&p.file, &p.keys, &p.body));
    let sections = site
        .sections
        .iter()
        .flat_map(|s| s.langs.values().map(|l| (&l.file, &l.keys, &l.body)));
    let homes = site.homes.values().map(|h| (&h.file, &h.keys, &h.body));
    pages
        .chain(sections)
        .chain(homes)
        .flat_map(|(file, keys, body)| uses_in(file, keys, body))
        .collect()
}

fn uses_in(file: &str, keys: &KeyLines, body: &Body) -> Vec<LinkUse> {
    let use_at = |url: String, line: usize| LinkUse {
        url,
        file: file.to_string(),
        line,
    };
    let mut uses: Vec<LinkUse> = keys
        .lines()
        .flat_map(|(line, text)| urls_in_text(text).into_iter().map(move |u| (u, line)))
        .map(|(u, line)| use_at(u, line))
        .collect();
    uses.extend(body.external.iter().map(|e| use_at(e.url.clone(), e.line)));
    uses
}

/// http(s) URLs in a line of YAML: up to whitespace or a closing quote.
fn urls_in_text(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("http") {
        let tail = &rest[i..];
        if is_external(tail) {
            let end = tail
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ']' | ',' | '>'))
                .unwrap_or(tail.len());
            found.push(tail[..end].to_string());
            rest = &tail[end..];
        } else {
            rest = &tail[4..];
        }
    }
    found
}

/// The URL without its fragment: `#top` and `#contact` are the same request.
fn request_url(url: &str) -> &str {
    url.split('#').next().unwrap_or(url).trim()
}

fn host_of(url: &str) -> String {
    let after = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    after
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

pub fn check(uses: &[LinkUse], opts: &CheckOptions) -> (Vec<Diagnostic>, ExternalSummary) {
    let urls: Vec<String> = uses
        .iter()
        .map(|u| request_url(&u.url).to_string())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let hosts: BTreeSet<String> = urls.iter().map(|u| host_of(u)).collect();
    if !urls.is_empty() {
        eprintln!(
            "checking {} external link(s) on {} host(s) (timeout {} s, {} at a time per host)…",
            urls.len(),
            hosts.len(),
            opts.timeout.as_secs_f64(),
            opts.per_host.max(1)
        );
    }
    let results = check_all(&urls, opts);
    let mut ds = Vec::new();
    for u in uses {
        if let Some(Err(why)) = results.get(request_url(&u.url)) {
            ds.push(
                Diagnostic::warning(&u.file, format!("external link {} {why}", u.url))
                    .line(Some(u.line))
                    .help("fix or remove the link; a site that blocks automated checks may still work in a browser, so open it to be sure"),
            );
        }
    }
    let broken = results.values().filter(|r| r.is_err()).count();
    (
        ds,
        ExternalSummary {
            checked: urls.len(),
            hosts: hosts.len(),
            broken,
        },
    )
}

struct Queue {
    pending: VecDeque<usize>,
    in_flight: HashMap<String, usize>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Checks every URL with a pool of workers that never has more than `per_host` requests open
/// to one host.
fn check_all(urls: &[String], opts: &CheckOptions) -> BTreeMap<String, Result<(), String>> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .user_agent(format!(
            "samspil/{} (link check)",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
        .into();
    let per_host = opts.per_host.max(1);
    let queue = Mutex::new(Queue {
        pending: (0..urls.len()).collect(),
        in_flight: HashMap::new(),
    });
    let ready = Condvar::new();
    let results = Mutex::new(BTreeMap::new());

    std::thread::scope(|s| {
        for _ in 0..WORKERS.min(urls.len()) {
            s.spawn(|| {
                loop {
                    let mut q = lock(&queue);
                    let i = loop {
                        let pick = q.pending.iter().position(|&i| {
                            q.in_flight.get(&host_of(&urls[i])).copied().unwrap_or(0) < per_host
                        });
                        if let Some(pos) = pick {
                            let i = q.pending.remove(pos).unwrap_or_default();
                            *q.in_flight.entry(host_of(&urls[i])).or_default() += 1;
                            break i;
                        }
                        if q.pending.is_empty() {
                            return;
                        }
                        q = ready.wait(q).unwrap_or_else(|e| e.into_inner());
                    };
                    drop(q);
                    let r = check_one(&agent, &urls[i], opts);
                    lock(&results).insert(urls[i].clone(), r);
                    let mut q = lock(&queue);
                    if let Some(n) = q.in_flight.get_mut(&host_of(&urls[i])) {
                        *n -= 1;
                    }
                    drop(q);
                    ready.notify_all();
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// Ok when the URL answers with a success or redirect status (redirects are followed).
fn check_one(agent: &ureq::Agent, url: &str, opts: &CheckOptions) -> Result<(), String> {
    let describe = |e: ureq::Error| match e {
        ureq::Error::Timeout(_) => {
            format!("did not answer within {} s", opts.timeout.as_secs_f64())
        }
        ureq::Error::HostNotFound => "cannot be reached: the host name does not exist".into(),
        other => format!("cannot be reached: {other}"),
    };
    // HEAD is cheap; some servers answer it wrongly (405, 403, 404), so a failure is retried
    // with GET before the link is called broken. The GET body is never read.
    match agent.head(url).call() {
        Ok(r) if r.status().as_u16() < 400 => return Ok(()),
        Err(e @ ureq::Error::Timeout(_)) => return Err(describe(e)),
        Err(e @ ureq::Error::HostNotFound) => return Err(describe(e)),
        _ => {}
    }
    match agent.get(url).call() {
        Ok(r) if r.status().as_u16() < 400 => Ok(()),
        Ok(r) => {
            let s = r.status();
            Err(format!(
                "is broken: HTTP {} {}",
                s.as_u16(),
                s.canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_string())
        }
        Err(e) => Err(describe(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_with_lines() {
        let keys = KeyLines::new("title: x\nsource:\n  url: \"https://a.example/x\"\n", 1);
        let body = "\nSee [a](https://b.example/y#top) and [c](@/x/y.md).\n\n![i](http://c.example/i.png)\n";
        let src = crate::markdown::Source {
            file: "f.da.md",
            body,
            body_line: 6,
            trusted_html: false,
        };
        let resolve = |_: &str| Err(crate::markdown::LinkError::new("no", "no"));
        let body = crate::markdown::render(&src, &resolve);
        let uses = uses_in("f.da.md", &keys, &body);
        let got: Vec<(&str, usize)> = uses.iter().map(|u| (u.url.as_str(), u.line)).collect();
        assert_eq!(
            got,
            vec![
                ("https://a.example/x", 4),
                ("https://b.example/y#top", 7),
                ("http://c.example/i.png", 9)
            ]
        );
    }

    #[test]
    fn hosts_and_fragments() {
        assert_eq!(host_of("https://Example.dk:8080/a?b"), "example.dk:8080");
        assert_eq!(request_url("https://a.dk/x#y"), "https://a.dk/x");
    }
}
