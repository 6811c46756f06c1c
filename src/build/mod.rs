//! The build, as its steps: load → assemble → bodies → checks → plan outputs → render → write.
//!
//! [`load`] runs every step that can find a problem in the site (up to and including the output
//! plan); [`build`] then renders and writes through one [`Output`] whose mode says where files
//! go: a folder (`build`), memory (`serve`) or nowhere (`check`, which renders to validate the
//! templates but neither minifies, indexes nor writes).

mod assets;
pub mod bodies;
mod moved;
mod write;

pub use write::minify_html;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::frontmatter::Date;
use crate::layers;
use crate::output::{Mode, Output};
use crate::site::routes::{self, Plan};
use crate::site::{self, Site, links, rules};
use crate::theme::Theme;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a build is for; it decides where files go and which costly steps run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Purpose {
    /// `samspil build`: a folder, minified, with the search index.
    #[default]
    Publish,
    /// `samspil serve`: in memory, unminified; serve builds the search index in the background.
    Serve,
    /// `samspil check`: every validation, nothing stored.
    Check,
}

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Inject the live-reload script (serve mode only).
    pub live_reload: bool,
    pub purpose: Purpose,
    /// The date stale content is judged against; today when None.
    pub today: Option<Date>,
    /// Show a progress bar (the CLI sets it when stderr is a terminal).
    pub progress: bool,
    /// Every link relative (`--portable`; also `portable: true` in samspil.yaml).
    pub portable: bool,
}

#[derive(Debug, Default)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub pages_per_language: BTreeMap<String, usize>,
    /// Every file that went through the output, search index included.
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    pub output: PathBuf,
    pub search_millis: u128,
    /// The output files of a `Serve` build, keyed by path.
    pub memory: BTreeMap<String, Vec<u8>>,
    /// Folders that builds which died left beside the output, removed by this one.
    pub cleaned: Vec<String>,
}

impl BuildReport {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }
    fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }
    pub fn summary(&self) -> String {
        let per: Vec<String> = self
            .pages_per_language
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        format!(
            "{} pages ({}), {} files, {:.1} MB in {:.2} s (search {} ms) → {}",
            self.pages_per_language.values().sum::<usize>(),
            per.join(", "),
            self.files,
            self.bytes as f64 / 1e6,
            self.elapsed.as_secs_f64(),
            self.search_millis,
            self.output.display()
        )
    }
}

pub fn today() -> Date {
    if let Some(d) = std::env::var("SAMSPIL_TODAY")
        .ok()
        .and_then(|s| Date::parse(&s))
    {
        return d;
    }
    Date(time::OffsetDateTime::now_utc().date())
}

/// A site that went through every checking step, with its output plan.
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    pub plan: Plan,
    /// Theme static files by their path in the theme (`css/site.css`) → href with hash.
    pub assets: BTreeMap<String, String>,
}

impl Loaded {
    /// The search index's documents, one per page. Each page's plain-text sections are moved
    /// into them, not copied (only the search index reads them; on a large site they are tens
    /// of MB), so call this once.
    pub fn search_documents(&mut self) -> Vec<search_index::Document> {
        crate::search::documents(&mut self.site)
    }
}

/// Prints how long a build step took when `SAMSPIL_TIMINGS` is set (for benchmarks).
fn phase(name: &str, since: Instant) {
    if std::env::var_os("SAMSPIL_TIMINGS").is_some() {
        eprintln!(
            "timing: {name} {:.0} ms",
            since.elapsed().as_secs_f64() * 1e3
        );
    }
}

/// Every step that can find a problem: load, assemble, bodies, checks, plan. Returns None
/// when the site cannot be loaded far enough to continue; other problems are in `diags`.
pub fn load(opts: &BuildOptions, diags: &Diagnostics) -> Option<Loaded> {
    let config = load_config(opts, diags)?;
    let t = Instant::now();
    let upstreams = layers::upstreams(&opts.root, &config, diags);
    let roots: Vec<PathBuf> = upstreams
        .iter()
        .rev()
        .map(|u| u.root.clone())
        .chain(std::iter::once(opts.root.clone()))
        .collect();
    let theme = Theme::load(&roots, &config.theme)
        .map_err(|d| diags.push(d))
        .ok()?;

    let content = layers::load(&opts.root, &config, &upstreams, diags);
    phase("load: read and parse", t);

    let t = Instant::now();
    let today = opts.today.unwrap_or_else(today);
    let unpublished = unpublished_languages(&config, &upstreams);
    let mut site = site::assemble(config, opts.root.clone(), content, today, diags);
    site.upstreams = upstreams;
    site.unpublished = unpublished;
    phase("load: validate and assemble", t);

    let t = Instant::now();
    bodies::render(&mut site);
    phase("markdown", t);

    let redirects = links::check(&site, &theme.element_ids(), diags);
    rules::check_bodies(&site, diags);
    // One read of samspil.lock for both kinds of "this file follows that file".
    match crate::lock::Lock::load(&site.root) {
        Ok(lock) => {
            crate::translations::check(&mut site, &lock, diags);
            crate::drift::check(&site, &lock, diags);
        }
        Err(ds) => diags.extend(ds),
    }

    let (extra, assets) = assets::plan(&site, &theme, diags);
    let plan = routes::plan(&site, &redirects, extra, diags);
    Some(Loaded {
        site,
        theme,
        plan,
        assets,
    })
}

/// The upstreams' languages this site leaves out (links into them become plain text).
fn unpublished_languages(config: &Config, upstreams: &[layers::Upstream]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in upstreams.iter().flat_map(|u| &u.config.languages) {
        if !config.languages.contains(l) && !out.contains(l) {
            out.push(l.clone());
        }
    }
    out
}

fn load_config(opts: &BuildOptions, diags: &Diagnostics) -> Option<Config> {
    let mut config = Config::load(&opts.root)
        .map_err(|ds| diags.extend(ds))
        .ok()?;
    if let Some(b) = &opts.base_url {
        match crate::config::normalize_base_url(b) {
            Ok(b) => config.base_url = b,
            Err(problem) => {
                diags.push(
                    Diagnostic::error("--base-url", problem)
                        .field("--base-url")
                        .help(crate::config::BASE_URL_HELP),
                );
                return None;
            }
        }
    }
    Some(config)
}

/// Runs the whole build. On any error nothing is written and the previous output stays.
pub fn build(opts: &BuildOptions) -> BuildReport {
    let diags = Diagnostics::default();
    let (report, _) = run(opts, &diags);
    report
}

/// [`build`], also returning the loaded site (for `check`'s translation table and external
/// links), so nothing is loaded twice.
pub fn run(opts: &BuildOptions, diags: &Diagnostics) -> (BuildReport, Option<Loaded>) {
    let start = Instant::now();
    let mut report = BuildReport {
        output: opts
            .output
            .clone()
            .unwrap_or_else(|| opts.root.join("public")),
        ..Default::default()
    };
    let mut loaded = load(opts, diags);
    if opts.purpose == Purpose::Publish {
        let sites = match &loaded {
            Some(l) => l.site.layer_roots(),
            None => vec![opts.root.clone()],
        };
        match crate::output::target::check(&report.output, &sites) {
            Ok(()) => report.cleaned = crate::output::target::clean_leftovers(&report.output),
            Err(d) => diags.push(d),
        }
    }
    if let Some(l) = &mut loaded {
        for p in &l.site.pages {
            *report.pages_per_language.entry(p.lang.clone()).or_default() += 1;
        }
        // Only a build into a folder replaces a previous output whose addresses can break.
        if opts.purpose == Purpose::Publish {
            moved::check(&l.site, &l.plan, &report.output, diags);
        }
        if !diags.has_errors()
            && let Err(d) = render_and_write(opts, l, diags, &mut report)
        {
            diags.push(d);
        }
    }
    report.diagnostics = diags.take_sorted();
    report.elapsed = start.elapsed();
    (report, loaded)
}

fn render_and_write(
    opts: &BuildOptions,
    l: &mut Loaded,
    diags: &Diagnostics,
    report: &mut BuildReport,
) -> Result<(), Diagnostic> {
    let mode = match opts.purpose {
        Purpose::Publish => Mode::Disk(report.output.clone()),
        Purpose::Serve => Mode::Memory,
        Purpose::Check => Mode::Discard,
    };
    let mut out = Output::new(mode).map_err(|e| write::io_err(&report.output, e))?;
    let portable = (opts.portable || l.site.config.portable) && opts.purpose == Purpose::Publish;
    // A copy opened from disk can have no service worker; serve's pages change all the time.
    // `check` renders the button too (it validates what `build` renders) but writes no sw.js.
    let offline = l.site.config.offline && opts.purpose != Purpose::Serve && !portable;
    let writes_worker = offline && opts.purpose == Purpose::Publish;
    if writes_worker {
        out.keep_hashes();
    }
    let settings = write::Settings {
        minify: l.site.config.minify && opts.purpose == Purpose::Publish,
        search: l.plan.search && opts.purpose == Purpose::Publish,
        live_reload: opts.live_reload,
        progress: opts.progress,
        // Only a folder on disk is carried elsewhere; serve's pages are at their real address.
        portable,
        offline,
    };
    let search_millis = write::render_all(l, &settings, &out, diags)?;
    if writes_worker && !diags.has_errors() {
        crate::offline::write(&out).map_err(|e| write::io_err(&report.output, e))?;
    }
    report.search_millis = search_millis;
    report.files = out.files();
    report.bytes = out.bytes();
    report.memory = out.take_memory();
    if diags.has_errors() {
        return Ok(()); // dropped uncommitted: the previous output stays
    }
    out.commit().map_err(|e| write::io_err(&report.output, e))
}
