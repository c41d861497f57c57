//! The HTTP side of `serve`: GET and HEAD only, paths normalised and confined to the built
//! site (which lives in memory, so no request reaches the file system), the site's own 404
//! page, and the live-reload script injected into HTML.

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State as Extract;
use axum::http::{header, HeaderValue, Method, Response, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};

use super::{Shown, State, RELOAD_PREFIX};
use crate::text::escape_html as escape;

const RELOAD_SCRIPT: &str = r#"(function () {
  var source = new EventSource("/__journeybook/events");
  source.onmessage = function () { location.reload(); };
})();
"#;

/// How long a request for a page an update is still making waits before it is given the
/// page as it was.
const PENDING_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/__journeybook/events", get(events))
        .route("/__journeybook/reload.js", get(script))
        .fallback(page)
        .with_state(state)
}

async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], RELOAD_SCRIPT)
}

/// Server-sent events: one message per rebuild.
async fn events(Extract(state): Extract<Arc<State>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = state.reload.subscribe();
    let stream = stream::unfold(receiver, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(generation) => return Some((Ok(Event::default().data(generation.to_string())), rx)),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Every other request: a file of the built site, or the error page while the build fails.
async fn page(Extract(state): Extract<Arc<State>>, method: Method, uri: Uri) -> Response<Body> {
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD are served\n");
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let Some(path) = normalise(uri.path()) else {
        return plain(StatusCode::BAD_REQUEST, "bad path\n");
    };
    let key = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.clone() };
    // A page an update is still making is served once it is made.
    let shown = loop {
        let mut settled = state.settled.subscribe();
        let Ok(shown) = state.shown.read().map(|s| s.clone()) else {
            return plain(StatusCode::INTERNAL_SERVER_ERROR, "the site is being rebuilt\n");
        };
        match shown.as_ref() {
            Shown::Site { pending, .. } if pending.contains(&key) => {
                if !matches!(tokio::time::timeout(PENDING_WAIT, settled.changed()).await, Ok(Ok(()))) {
                    break shown;
                }
            }
            _ => break shown,
        }
    };
    let mut response = match shown.as_ref() {
        Shown::Errors(diagnostics) => html(StatusCode::INTERNAL_SERVER_ERROR, error_page(diagnostics)),
        Shown::Site { files, .. } => match files.get(&key) {
            Some(bytes) => file(&key, bytes.clone()),
            None if files.contains_key(&format!("{path}/index.html")) => {
                redirect(&crate::render::url::encode(&format!("/{path}/")))
            }
            None => match files.get("404.html") {
                Some(bytes) => {
                    let mut r = file("404.html", bytes.clone());
                    *r.status_mut() = StatusCode::NOT_FOUND;
                    r
                }
                None => plain(StatusCode::NOT_FOUND, "not found\n"),
            },
        },
    };
    if method == Method::HEAD {
        *response.body_mut() = Body::empty();
    }
    response
}

/// The request path, percent-decoded, without its leading `/`, or `None` when it tries to
/// leave the site (`..`, encoded or not), holds a NUL or a backslash, or reaches the reload
/// prefix's unknown names.
pub fn normalise(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?;
    // Output paths are written in NFC; a request spelt in another form names the same page.
    let decoded = crate::model::id::nfc(&decoded);
    if decoded.contains('\0') || decoded.contains('\\') || decoded.starts_with(RELOAD_PREFIX) {
        return None;
    }
    let trailing = decoded.ends_with('/');
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            other => parts.push(other),
        }
    }
    let mut path = parts.join("/");
    if trailing && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

fn file(path: &str, bytes: bytes::Bytes) -> Response<Body> {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let content_type = if mime.type_() == "text"
        || mime.essence_str() == "application/javascript"
        || mime.subtype() == "json"
        || mime.subtype() == "svg"
    {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    };
    let body = if is_html { inject(&String::from_utf8_lossy(&bytes)).into() } else { bytes };
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-store")
        .header("x-content-type-options", "nosniff")
        .body(Body::from(body))
        .unwrap_or_default()
}

/// Adds the reload script before `</body>`, or at the end.
fn inject(html: &str) -> String {
    let tag = "<script src=\"/__journeybook/reload.js\"></script>";
    match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    }
}

fn html(status: StatusCode, body: String) -> Response<Body> {
    let mut r = file("error.html", inject(&body).into());
    *r.status_mut() = status;
    r
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(text))
        .unwrap_or_default()
}

fn redirect(to: &str) -> Response<Body> {
    Response::builder()
        .status(StatusCode::MOVED_PERMANENTLY)
        .header(header::LOCATION, to)
        .body(Body::empty())
        .unwrap_or_default()
}

/// The page shown instead of the site while the build has errors.
fn error_page(diagnostics: &[crate::diagnostic::Diagnostic]) -> String {
    let mut items = String::new();
    for d in diagnostics {
        items.push_str(&format!(
            "<li><p class=\"where\"><code>{}:{}:{}</code> <span class=\"code\">{}</span></p><p class=\"what\">{}</p>{}</li>",
            escape(&d.file),
            d.line,
            d.column,
            d.code,
            escape(&d.message),
            d.help.as_ref().map(|h| format!("<p class=\"help\">{}</p>", escape(h))).unwrap_or_default()
        ));
    }
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Build errors · journeybook</title><style>{}</style></head><body><main><h1>The playbook has {} error{}</h1><p>Fix them and save; this page reloads by itself.</p><ol>{items}</ol></main></body></html>",
        ERROR_STYLE,
        diagnostics.len(),
        if diagnostics.len() == 1 { "" } else { "s" }
    )
}

const ERROR_STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fff6f5;color:#1b2430}main{max-width:860px;margin:2rem auto;padding:0 1rem}h1{color:#9b1c2c}ol{padding-left:1.2rem}li{background:#fff;border:1px solid #f1c6c2;border-left:4px solid #c4314b;border-radius:8px;padding:.6rem .9rem;margin:.6rem 0}p{margin:.2rem 0}.code{font-weight:700;color:#9b1c2c}.help{color:#566170}@media(prefers-color-scheme:dark){body{background:#1c1416;color:#eee}li{background:#241a1c;border-color:#5a2a30}.help{color:#aab}}";

#[cfg(test)]
mod tests {
    use super::normalise;
    use super::{page, Arc, Extract, Method, Shown, State, Uri};
    use std::collections::HashSet;
    use std::sync::RwLock;
    use std::time::Duration;

    fn site(page: &str, pending: &[&str]) -> Arc<Shown> {
        let files = [("p/index.html".to_string(), bytes::Bytes::from(page.to_string()))].into();
        Arc::new(Shown::Site { files, pending: pending.iter().map(|p| p.to_string()).collect::<HashSet<_>>() })
    }

    #[test]
    fn a_pending_page_is_served_once_it_is_made() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
        runtime.block_on(async {
            let state = Arc::new(State {
                shown: RwLock::new(site("old", &["p/index.html"])),
                reload: tokio::sync::broadcast::channel(1).0,
                settled: tokio::sync::watch::Sender::new(0),
            });
            let get = |path: &'static str| page(Extract(state.clone()), Method::GET, Uri::from_static(path));
            // Another page is served at once; the pending one waits.
            let other = get("/q/").await;
            assert_eq!(other.status(), axum::http::StatusCode::NOT_FOUND);
            let mut waiting = Box::pin(get("/p/"));
            assert!(tokio::time::timeout(Duration::from_millis(200), &mut waiting).await.is_err());
            *state.shown.write().unwrap() = site("new", &[]);
            state.settled.send_modify(|n| *n += 1);
            let response = tokio::time::timeout(Duration::from_secs(5), waiting).await.expect("served once made");
            let body = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
            assert!(body.starts_with(b"new"), "{body:?}");
        });
    }

    #[test]
    fn paths_are_confined() {
        assert_eq!(normalise("/").as_deref(), Some(""));
        assert_eq!(normalise("/journeys/a/").as_deref(), Some("journeys/a/"));
        assert_eq!(normalise("/a//b/./c.css").as_deref(), Some("a/b/c.css"));
        assert_eq!(normalise("/insights/caf%C3%A9/").as_deref(), Some("insights/café/"));
        // A decomposed é (e and a combining accent) asks for the same NFC page.
        assert_eq!(normalise("/insights/cafe%CC%81/").as_deref(), Some("insights/café/"));
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/a%5c..%5cb",
            "/a%00b",
            "/__journeybook/x",
        ] {
            assert_eq!(normalise(bad), None, "{bad}");
        }
    }
}
