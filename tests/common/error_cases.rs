//! One broken site per kind of error, each a copy of `tests/fixtures/valid` with one change.
//! `tests/build.rs` runs each as its own test; `tests/agreement.rs` runs `check` and `build`
//! over all of them and compares what they report.

use super::{edit, remove, write};
use std::path::Path;

/// One change to a copy of the valid fixture; paths are relative to the site root.
pub enum Change {
    /// Replace the first `from` with `to` in the file (`from` must be there).
    Replace {
        file: &'static str,
        from: &'static str,
        to: &'static str,
    },
    /// Write the whole file.
    Write {
        file: &'static str,
        text: &'static str,
    },
    /// Delete the file.
    Remove { file: &'static str },
}

pub struct ErrorCase {
    pub name: &'static str,
    pub changes: &'static [Change],
    /// What the build's stderr must contain: file and line, field, message and fix.
    pub expect: &'static [&'static str],
}

impl ErrorCase {
    /// Makes the copy of the valid fixture at `site` into this broken site.
    pub fn apply(&self, site: &Path) {
        for c in self.changes {
            match c {
                Change::Replace { file, from, to } => edit(&site.join(file), from, to),
                Change::Write { file, text } => write(&site.join(file), text),
                Change::Remove { file } => remove(&site.join(file)),
            }
        }
    }
}

const fn replace(file: &'static str, from: &'static str, to: &'static str) -> Change {
    Change::Replace { file, from, to }
}

pub const UNKNOWN_FIELD: ErrorCase = ErrorCase {
    name: "unknown field",
    changes: &[replace(
        "content/roles/volunteer.da.md",
        "summary:",
        "sumary:",
    )],
    expect: &[
        "content/roles/volunteer.da.md:4:1",
        "field `sumary`",
        "did you mean `summary`",
    ],
};

pub const YAML_SYNTAX: ErrorCase = ErrorCase {
    name: "yaml syntax",
    changes: &[replace(
        "content/roles/volunteer.da.md",
        "tags: [samarbejde, tavshedspligt]",
        "tags: [samarbejde, tavshedspligt",
    )],
    expect: &["content/roles/volunteer.da.md:", "did not find expected"],
};

pub const MISSING_TITLE: ErrorCase = ErrorCase {
    name: "missing title",
    changes: &[replace(
        "content/principles/trust.da.md",
        "title: \"Tillid da\"\n",
        "",
    )],
    expect: &[
        "content/principles/trust.da.md",
        "missing field `title`",
        "add `title:",
    ],
};

pub const BAD_KIND: ErrorCase = ErrorCase {
    name: "bad kind",
    changes: &[replace(
        "content/principles/trust.da.md",
        "slug: tillid",
        "slug: tillid\nkind: principel",
    )],
    expect: &[
        "content/principles/trust.da.md:4:",
        "did you mean `principle`",
    ],
};

pub const BAD_DATE: ErrorCase = ErrorCase {
    name: "bad date",
    changes: &[replace(
        "content/roles/volunteer.da.md",
        "updated: 2018-01-01",
        "updated: 1/1/2018",
    )],
    expect: &["content/roles/volunteer.da.md:10:", "YYYY-MM-DD"],
};

pub const BROKEN_LINK: ErrorCase = ErrorCase {
    name: "broken link",
    changes: &[replace(
        "content/roles/volunteer.sv.md",
        "@/checklists/start.md",
        "@/checklists/strat.md",
    )],
    expect: &[
        "content/roles/volunteer.sv.md:16:1",
        "field `link`",
        "points to no content file",
        "did you mean `@/checklists/start.md`",
    ],
};

pub const BROKEN_ANCHOR: ErrorCase = ErrorCase {
    name: "broken anchor",
    changes: &[replace(
        "content/roles/volunteer.da.md",
        "#foer-du-starter",
        "#nope",
    )],
    expect: &[
        "content/roles/volunteer.da.md:21:1",
        "anchor `#nope` does not exist",
        "foer-du-starter",
    ],
};

pub const BROKEN_RELATED: ErrorCase = ErrorCase {
    name: "broken related",
    changes: &[replace(
        "content/roles/volunteer.da.md",
        "@/contacts/emergency.md",
        "@/contacts/emergencyy.md",
    )],
    expect: &[
        "content/roles/volunteer.da.md:13:1",
        "field `related`",
        "did you mean `@/contacts/emergency.md`",
    ],
};

pub const SLUG_ESCAPE: ErrorCase = ErrorCase {
    name: "slug escape",
    changes: &[replace(
        "content/principles/trust.da.md",
        "slug: tillid",
        "slug: ../../x",
    )],
    expect: &[
        "content/principles/trust.da.md:3:1",
        "field `slug`",
        "slug `../../x` is not allowed",
        "cannot contain `/`",
    ],
};

pub const COUNTRY_AS_LANGUAGE_CODE: ErrorCase = ErrorCase {
    name: "country as language code",
    changes: &[replace(
        "samspil.yaml",
        "languages: [da, sv]",
        "languages: [dk, sv]",
    )],
    expect: &["samspil.yaml:5:1", "field `languages`", "Danish is `da`"],
};

pub const CONTACT_WITHOUT_PHONE_OR_EMAIL: ErrorCase = ErrorCase {
    name: "contact without phone or email",
    changes: &[replace(
        "content/contacts/emergency.da.md",
        "  phone: \"112\"\n",
        "",
    )],
    expect: &[
        "content/contacts/emergency.da.md",
        "field `contact`",
        "no phone, e-mail or website",
    ],
};

pub const ROLE_WITHOUT_ROLE_BLOCK: ErrorCase = ErrorCase {
    name: "role without role block",
    changes: &[replace(
        "content/roles/caseworker.da.md",
        "role:\n  responsibilities: [\"Træffer afgørelser\"]\n",
        "",
    )],
    expect: &[
        "content/roles/caseworker.da.md",
        "field `role`",
        "a role needs a `role:` block",
    ],
};

pub const DUPLICATE_URL: ErrorCase = ErrorCase {
    name: "duplicate url",
    changes: &[replace(
        "content/roles/caseworker.da.md",
        "title: Sagsbehandler",
        "title: Sagsbehandler\nslug: frivillig",
    )],
    expect: &[
        "two outputs want `da/roller/frivillig/index.html`",
        "content/roles/volunteer.da.md",
        "content/roles/caseworker.da.md",
        "field `slug`",
    ],
};

pub const ALIAS_OVER_PAGE: ErrorCase = ErrorCase {
    name: "alias over page",
    changes: &[replace(
        "content/roles/volunteer.da.md",
        "slug: frivillig\n",
        "slug: frivillig\naliases: [\"/da/principper/tillid/\"]\n",
    )],
    expect: &[
        "content/roles/volunteer.da.md:4:1",
        "field `aliases`",
        "two outputs want `da/principper/tillid/index.html`",
        "content/principles/trust.da.md",
        "alias `/da/principper/tillid/`",
    ],
};

pub const BAD_ALIAS: ErrorCase = ErrorCase {
    name: "bad alias",
    changes: &[replace(
        "content/roles/volunteer.da.md",
        "slug: frivillig\n",
        "slug: frivillig\naliases: [\"da/gammel/../frivillig/\"]\n",
    )],
    expect: &[
        "content/roles/volunteer.da.md:4:1",
        "field `aliases`",
        "starts with `/`",
        "help: write the page's old address",
    ],
};

pub const TEMPLATE_SYNTAX: ErrorCase = ErrorCase {
    name: "template syntax",
    changes: &[Change::Write {
        file: "templates/page.html",
        text: "{% extends \"base.html\" %}{% block main %}{{ page.title {% endblock main %}",
    }],
    expect: &["templates/page.html", "fix the template syntax"],
};

pub const MISSING_TRANSLATION_AS_ERROR: ErrorCase = ErrorCase {
    name: "missing translation as error",
    changes: &[
        Change::Remove {
            file: "content/principles/trust.sv.md",
        },
        replace(
            "samspil.yaml",
            "default_language: da",
            "default_language: da\nmissing_translations: error\n",
        ),
    ],
    expect: &[
        "error: content/principles/trust.sv.md",
        "has no `sv` translation",
        "missing_translations: error",
    ],
};

pub const BROKEN_LOCK_LINE: ErrorCase = ErrorCase {
    name: "broken lock file line",
    changes: &[Change::Write {
        file: "samspil.lock",
        text: "# translations\ntranslation content/roles/volunteer.sv.md content/roles/volunteer.da.md\n",
    }],
    expect: &[
        "samspil.lock:2:1",
        "a line needs 4 fields separated by spaces, this one has 3",
        "samspil translations accept",
    ],
};

pub const FEEDBACK_ENDPOINT_ON_ANOTHER_HOST: ErrorCase = ErrorCase {
    name: "feedback endpoint on another host",
    changes: &[replace(
        "samspil.yaml",
        "default_language: da\n",
        "default_language: da\nfeedback:\n  endpoint: https://forms.example.com/kommune\n",
    )],
    expect: &[
        "samspil.yaml:8:1",
        "field `feedback.endpoint`",
        "another host than base_url (`kommune.dk`)",
        "no third-party requests",
    ],
};

pub const BASE_URL_WITH_QUERY: ErrorCase = ErrorCase {
    name: "base url with query",
    changes: &[replace(
        "samspil.yaml",
        "base_url: https://kommune.dk/frivillig/",
        "base_url: https://kommune.dk/frivillig/?lang=da",
    )],
    expect: &[
        "samspil.yaml:4:1",
        "field `base_url`",
        "has a query",
        "e.g. `https://kommune.dk/frivillig/`",
    ],
};

pub const SAME_PAGE_ANCHOR: ErrorCase = ErrorCase {
    name: "same page anchor",
    changes: &[replace(
        "content/roles/volunteer.da.md",
        "### Detaljer\n",
        "### Detaljer\n\nSe [ovenfor](#hvad-goer-den-frivillig).\n",
    )],
    expect: &[
        "content/roles/volunteer.da.md:25:1",
        "field `link`",
        "anchor `#hvad-goer-den-frivillig` does not exist in this page",
        "headings on this page have the ids: hvad-goer-den-frivillige, detaljer",
    ],
};

pub const ANCHOR_FROM_SECTION_INDEX: ErrorCase = ErrorCase {
    name: "anchor from section index",
    changes: &[replace(
        "content/guide/_index.da.md",
        "weight: 50\n---\n",
        "weight: 50\n---\nSe [tjeklisten](@/checklists/start.md#foer-du-begynder).\n",
    )],
    expect: &[
        "content/guide/_index.da.md:6:1",
        "field `link`",
        "anchor `#foer-du-begynder` does not exist in content/checklists/start.da.md",
        "headings there have the ids: foer-du-starter",
    ],
};

pub const TITLE_NULL: ErrorCase = ErrorCase {
    name: "title null",
    changes: &[replace(
        "content/roles/volunteer.da.md",
        "title: Frivillig\n",
        "title: null\n",
    )],
    expect: &[
        "content/roles/volunteer.da.md:2:1",
        "field `title`",
        "the title is empty",
        "write the page's title",
    ],
};

pub const UNCLOSED_QUOTE: ErrorCase = ErrorCase {
    name: "unclosed quote",
    changes: &[replace(
        "content/roles/volunteer.da.md",
        "summary: Den frivillige hjælper borgeren i sin fritid.",
        "summary: \"Den frivillige hjælper borgeren i sin fritid.",
    )],
    expect: &[
        "content/roles/volunteer.da.md:4:10",
        "field `summary`",
        "this quoted text is never closed",
        "end the text with \" on the same line",
    ],
};

pub const WEIGHT_NOT_A_NUMBER: ErrorCase = ErrorCase {
    name: "weight not a number",
    changes: &[replace(
        "content/roles/volunteer.da.md",
        "weight: 10\n",
        "weight: ti\n",
    )],
    expect: &[
        "content/roles/volunteer.da.md:12:9",
        "field `weight`",
        "invalid type: text \"ti\", expected a whole number",
        "write a whole number, e.g. `weight: 10`",
    ],
};

pub const DUPLICATE_KEY: ErrorCase = ErrorCase {
    name: "duplicate key",
    changes: &[replace(
        "content/roles/volunteer.da.md",
        "weight: 10\n",
        "weight: 10\nweight: 11\n",
    )],
    expect: &[
        "content/roles/volunteer.da.md:12:1",
        "field `weight`",
        "`weight` is written twice",
        "keep one of the `weight:` lines",
    ],
};

pub const BAD_REDIRECT_KEY: ErrorCase = ErrorCase {
    name: "bad redirect key",
    changes: &[replace("samspil.yaml", "  was: ", "  ../was: ")],
    expect: &[
        "samspil.yaml:9:1",
        "field `redirects.../was`",
        "redirect `../was`: an old address has no empty, `.` or `..` segments",
        "write the old address as it was after the site's address",
    ],
};

pub const LINK_TO_DRAFT: ErrorCase = ErrorCase {
    name: "link to draft",
    changes: &[replace(
        "content/checklists/start.da.md",
        "\n---\n",
        "\ndraft: true\n---\n",
    )],
    expect: &[
        "content/roles/volunteer.da.md:21:1",
        "field `link`",
        "internal link `@/checklists/start.md`: that page is a draft (`draft: true` in content/checklists/start.da.md), so it is not published",
        "publish it by removing `draft: true`",
    ],
};

/// Every case above, in the order the old single test ran them.
pub const ALL: &[&ErrorCase] = &[
    &UNKNOWN_FIELD,
    &YAML_SYNTAX,
    &MISSING_TITLE,
    &BAD_KIND,
    &BAD_DATE,
    &BROKEN_LINK,
    &BROKEN_ANCHOR,
    &BROKEN_RELATED,
    &SLUG_ESCAPE,
    &COUNTRY_AS_LANGUAGE_CODE,
    &FEEDBACK_ENDPOINT_ON_ANOTHER_HOST,
    &CONTACT_WITHOUT_PHONE_OR_EMAIL,
    &ROLE_WITHOUT_ROLE_BLOCK,
    &DUPLICATE_URL,
    &ALIAS_OVER_PAGE,
    &BAD_ALIAS,
    &TEMPLATE_SYNTAX,
    &MISSING_TRANSLATION_AS_ERROR,
    &BROKEN_LOCK_LINE,
    &BASE_URL_WITH_QUERY,
    &SAME_PAGE_ANCHOR,
    &ANCHOR_FROM_SECTION_INDEX,
    &TITLE_NULL,
    &UNCLOSED_QUOTE,
    &WEIGHT_NOT_A_NUMBER,
    &DUPLICATE_KEY,
    &BAD_REDIRECT_KEY,
    &LINK_TO_DRAFT,
];
