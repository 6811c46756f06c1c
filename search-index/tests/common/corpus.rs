//! A test corpus from the bundled content: `content/**/*.<lang>.md` under the workspace root,
//! front matter read roughly, the body split into sections on `## ` headings, Markdown stripped
//! roughly. Good enough to exercise the analyzer and ranking on real multilingual text.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use search_index::{Document, Section, Urgent};

pub const LANGUAGES: [&str; 3] = ["da", "sv", "nb"];

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("search-index lives in the workspace")
        .to_path_buf()
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// All documents of the bundled content, sorted by path.
pub fn load_corpus() -> Vec<Document> {
    let content = workspace_root().join("content");
    let mut files = Vec::new();
    markdown_files(&content, &mut files);
    files.sort();
    files
        .iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let mut parts = name.rsplitn(3, '.');
            let (_, lang, id) = (parts.next()?, parts.next()?, parts.next()?);
            if !LANGUAGES.contains(&lang) {
                return None;
            }
            let section_dir = path
                .parent()?
                .strip_prefix(&content)
                .ok()?
                .to_str()?
                .to_string();
            let source = fs::read_to_string(path).ok()?;
            Some(parse_document(&source, lang, &section_dir, id))
        })
        .collect()
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    let v = v
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(v);
    v.replace("\\\"", "\"")
}

pub fn parse_document(source: &str, lang: &str, section_dir: &str, id: &str) -> Document {
    let mut title = id.to_string();
    let mut kind = match section_dir {
        "checklists" => "checklist",
        "roles" => "role",
        "principles" => "principle",
        "contacts" => "contact",
        _ => "page",
    }
    .to_string();
    let mut summary = String::new();
    let mut tags = Vec::new();
    let mut slug = id.to_string();
    let mut audience = Vec::new();
    let mut country = String::new();
    let mut municipality = String::new();
    let mut date = String::new();
    // The `contact:` block's name, phone and urgent flag (indented lines).
    let (mut name, mut phone, mut urgent) = (String::new(), String::new(), false);
    let list = |value: &str| -> Vec<String> {
        value
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split(',')
            .map(unquote)
            .filter(|t| !t.is_empty())
            .collect()
    };
    let mut body = source;
    if let Some(rest) = source.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---")
    {
        for line in rest[..end].lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            match key {
                "title" => title = unquote(value),
                "kind" => kind = unquote(value),
                "summary" => summary = unquote(value),
                "slug" => slug = unquote(value),
                "tags" => tags = list(value),
                "audience" => audience = list(value),
                "country" => country = unquote(value),
                "municipality" => municipality = unquote(value),
                "updated" => date = unquote(value),
                "  name" => name = unquote(value),
                "  phone" => phone = unquote(value),
                "  urgent" => urgent = value.trim() == "true",
                _ => {}
            }
        }
        body = rest[end + 4..].trim_start_matches('-');
    }
    let mut sections = vec![Section::default()];
    // (letters, letters in link texts) per section, as the site build counts them.
    let mut letters = vec![(0usize, 0usize)];
    for line in body.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            let heading = strip_markdown(h);
            sections.push(Section {
                anchor: slugify(&heading),
                heading,
                ..Section::default()
            });
            letters.push((0, 0));
            continue;
        }
        let text = strip_markdown(line);
        if text.is_empty() {
            continue;
        }
        let count = letters.last_mut().expect("one section");
        count.0 += text.chars().filter(|c| c.is_alphanumeric()).count();
        count.1 += link_letters(line);
        let current = &mut sections.last_mut().expect("one section").text;
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&text);
    }
    for (section, (all, in_links)) in sections.iter_mut().zip(letters) {
        section.links = in_links * 2 > all;
    }
    if sections[0].text.is_empty() && sections.len() > 1 {
        sections.remove(0);
    }
    let urgent = (urgent && !phone.is_empty()).then(|| Urgent {
        name: if name.is_empty() { title.clone() } else { name },
        phone,
    });
    Document {
        url: format!("{lang}/{section_dir}/{slug}/"),
        title,
        kind,
        language: lang.to_string(),
        tags,
        summary,
        sections,
        stale: false,
        group: format!("{section_dir}/{id}"),
        audience,
        country,
        municipality,
        date,
        urgent,
    }
}

/// Letters inside Markdown link texts (`[text](target)`) of a line, HTML tags left out.
fn link_letters(line: &str) -> usize {
    let mut n = 0;
    let mut depth = 0usize;
    let mut pending = 0;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' => depth += 1,
            ']' if depth > 0 => {
                depth -= 1;
                if chars.peek() == Some(&'(') {
                    n += pending;
                }
                pending = 0;
            }
            '<' => {
                for c in chars.by_ref() {
                    if c == '>' {
                        break;
                    }
                }
            }
            c if depth > 0 && c.is_alphanumeric() => pending += 1,
            _ => {}
        }
    }
    n
}

/// Drops list markers, heading hashes, emphasis, HTML tags and link targets.
pub fn strip_markdown(line: &str) -> String {
    let mut l = line.trim();
    for prefix in ["- [ ] ", "- [x] ", "- ", "* ", "> "] {
        if let Some(rest) = l.strip_prefix(prefix) {
            l = rest;
        }
    }
    let l = l.trim_start_matches('#').trim();
    let mut out = String::with_capacity(l.len());
    let mut chars = l.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '_' | '`' | '[' => {}
            // Inline HTML such as <span lang="da">: the tags go, the text stays.
            '<' => {
                for c in chars.by_ref() {
                    if c == '>' {
                        break;
                    }
                }
            }
            ']' if chars.peek() == Some(&'(') => {
                for c in chars.by_ref() {
                    if c == ')' {
                        break;
                    }
                }
            }
            ']' => {}
            c => out.push(c),
        }
    }
    out
}

pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
