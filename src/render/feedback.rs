//! "Was this page useful?" (config `feedback`): the yes/no and comment a reader sends the
//! page's owner, as two `mailto:` links or as a plain form posting to the site's own endpoint.
//! Both work without JavaScript and send nothing anywhere until the reader acts.

use super::Renderer;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

#[derive(Serialize)]
#[serde(tag = "via", rename_all = "lowercase")]
pub(super) enum FeedbackView {
    /// `mailto:` links with subject and body filled in; the reader writes the comment in the mail.
    Email { yes: String, no: String },
    /// A form POSTing `useful` (yes/no), `comment`, `page` (the absolute URL) and `lang`.
    Endpoint { action: String, page_url: String },
}

/// RFC 6068: everything but the unreserved characters is percent-encoded in a `mailto:` query
/// (spaces as %20, never `+`, which mail programs would show as a plus).
const MAILTO: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

impl Renderer<'_> {
    /// The feedback block of the page `title` at `rel` in `lang`; None when the site has none.
    pub(super) fn feedback(&self, lang: &str, title: &str, rel: &str) -> Option<FeedbackView> {
        let f = self.site.config.feedback.as_ref()?;
        let page_url = self.site.routes.absolute(rel);
        if let Some(to) = &f.email {
            let mail = |answer_key: &str| {
                let answer = self.t(lang, answer_key);
                let subject = format!("{} {answer} – {title}", self.t(lang, "feedback_title"));
                // CRLF, as RFC 6068 asks for line breaks in a body.
                let body = format!(
                    "{}: {title}\r\n{page_url}\r\n{}: {answer}\r\n\r\n{}:\r\n",
                    self.t(lang, "feedback_mail_page"),
                    self.t(lang, "feedback_mail_answer"),
                    self.t(lang, "feedback_comment"),
                );
                mailto(to, &subject, &body)
            };
            return Some(FeedbackView::Email {
                yes: mail("feedback_yes"),
                no: mail("feedback_no"),
            });
        }
        let endpoint = f.endpoint.as_deref()?;
        Some(FeedbackView::Endpoint {
            action: endpoint.to_string(),
            page_url,
        })
    }
}

/// A `mailto:` URL; the address was checked in config (no `?`, `&`, `%` or spaces).
fn mailto(to: &str, subject: &str, body: &str) -> String {
    format!(
        "mailto:{to}?subject={}&body={}",
        utf8_percent_encode(subject, MAILTO),
        utf8_percent_encode(body, MAILTO)
    )
}

#[cfg(test)]
mod tests {
    use super::mailto;

    #[test]
    fn mailto_encodes_subject_and_body_for_mail_programs() {
        assert_eq!(
            mailto(
                "web@kommune.dk",
                "Ja – Bisidder & co?",
                "a\r\nhttps://x.dk/da/roller/bisidder/?a=1#b"
            ),
            "mailto:web@kommune.dk?subject=Ja%20%E2%80%93%20Bisidder%20%26%20co%3F&body=a%0D%0Ahttps%3A%2F%2Fx.dk%2Fda%2Froller%2Fbisidder%2F%3Fa%3D1%23b"
        );
    }
}
