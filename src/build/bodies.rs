//! The Markdown pass: renders every page's, section's and home's body and stores it on the
//! model, then frees the Markdown source (tens of MB on a large site).

use crate::markdown::{self, Body, Source};
use crate::site::Site;
use rayon::prelude::*;

pub fn render(site: &mut Site) {
    // Bodies are rendered against the whole site (links resolve to other pages) and then
    // moved onto their pages, so the borrow of the site ends before the pages are changed.
    let pages: Vec<Body> = site
        .pages
        .par_iter()
        .map(|p| body(site, &p.lang, &p.file, &p.markdown, p.body_line))
        .collect();
    let sections: Vec<Vec<Body>> = site
        .sections
        .iter()
        .map(|s| {
            s.langs
                .iter()
                .map(|(lang, sl)| body(site, lang, &sl.file, &sl.markdown, sl.body_line))
                .collect()
        })
        .collect();
    let homes: Vec<Body> = site
        .homes
        .iter()
        .map(|(lang, h)| body(site, lang, &h.file, &h.markdown, h.body_line))
        .collect();

    for (p, b) in site.pages.iter_mut().zip(pages) {
        p.body = b;
        p.markdown = String::new();
    }
    for (s, bodies) in site.sections.iter_mut().zip(sections) {
        for (sl, b) in s.langs.values_mut().zip(bodies) {
            sl.body = b;
            sl.markdown = String::new();
        }
    }
    for (h, b) in site.homes.values_mut().zip(homes) {
        h.body = b;
        h.markdown = String::new();
    }
}

fn body(site: &Site, lang: &str, file: &str, text: &str, body_line: usize) -> Body {
    let src = Source {
        file,
        body: text,
        body_line,
        trusted_html: site.config.raw_html == crate::config::RawHtml::Trusted,
    };
    markdown::render(&src, &|path| site.resolve(lang, path))
}
