//! The search thread. The screen never waits for a search: it sends a request tagged with a
//! generation number and keeps drawing; the worker always takes the newest request only, and a
//! search still running when a newer one arrives is cancelled through the shared counter.
//!
//! Highlight positions are computed here too, because the engine lives on this thread; the
//! screen asks only for the rows it is about to draw.

use super::msg::marks_text;
use super::msg::{MAX_RESULTS, MarksReply, Reply, Request, RowMarks, SearchReply, SearchRequest};
use crate::directory::Directory;
use crate::directory::cache::CacheHandle;
use crate::search::{Engine, Hit};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

/// Runs one search request to completion, or gives up (None) when `generation` moves on.
/// Shared by the thread and by the synchronous test harness.
pub fn run_search(
    engine: &mut Engine,
    req: &SearchRequest,
    generation: &AtomicU64,
) -> Option<SearchReply> {
    let mut opts = req.opts.clone();
    let mut results = match req.open_at {
        None => {
            opts.limit = MAX_RESULTS;
            engine.search_cancellable(&req.query, &opts, generation, req.generation)?
        }
        Some(at) => {
            // Every match, so the count is of the agencies open now.
            opts.limit = 0;
            let mut r = engine.search_cancellable(&req.query, &opts, generation, req.generation)?;
            crate::search::open_now::keep_open(&mut r, engine.directory(), at);
            r
        }
    };
    results.hits.truncate(MAX_RESULTS);
    let text = marks_text(&req.query, &results);
    let rows: Vec<(usize, Hit)> = results
        .hits
        .iter()
        .take(req.mark_rows)
        .cloned()
        .enumerate()
        .collect();
    let marks = compute_marks(engine, &text, &rows)
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    Some(SearchReply {
        generation: req.generation,
        results,
        marks,
    })
}

/// Highlights for the given rows.
pub fn compute_marks(engine: &Engine, text: &str, rows: &[(usize, Hit)]) -> Vec<(usize, RowMarks)> {
    let dir: &Directory = engine.directory();
    rows.iter()
        .map(|(row, hit)| {
            let Some(a) = dir.agencies.get(hit.agency) else {
                return (*row, RowMarks::default());
            };
            let service = hit
                .service
                .and_then(|i| a.services.get(i))
                .map(|s| engine.match_indices(&s.name, text))
                .unwrap_or_default();
            (
                *row,
                RowMarks {
                    name: engine.match_indices(a.display_name(), text),
                    service,
                },
            )
        })
        .collect()
}

/// The running search thread.
pub struct Worker {
    tx: Option<Sender<Request>>,
    generation: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the thread. The engine is built there, so a large directory's index never delays
    /// the first frame. `deliver` hands a reply to the screen and returns false once the screen
    /// is gone.
    pub fn spawn<F>(
        dir: Arc<Directory>,
        cache: Option<CacheHandle>,
        deliver: F,
    ) -> std::io::Result<Worker>
    where
        F: Fn(Reply) -> bool + Send + 'static,
    {
        let (tx, rx) = mpsc::channel();
        let generation = Arc::new(AtomicU64::new(0));
        let g = generation.clone();
        let thread = std::thread::Builder::new()
            .name("refdesk-search".into())
            .spawn(move || {
                let served = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    serve(Engine::cached(dir, cache.as_ref()), rx, &g, &deliver)
                }));
                if served.is_err() {
                    deliver(Reply::Failed);
                }
            })?;
        Ok(Worker {
            tx: Some(tx),
            generation,
            thread: Some(thread),
        })
    }

    /// Queues a request. A search first moves the generation on, which cancels any search in
    /// progress.
    pub fn send(&self, req: Request) {
        if let Request::Search(s) = &req {
            self.generation.store(s.generation, Ordering::SeqCst);
        }
        if let Some(tx) = &self.tx {
            // The thread only stops when we drop the sender, so a failed send means it died;
            // the screen keeps working without new results rather than crashing.
            let _ = tx.send(req);
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.generation.store(u64::MAX, Ordering::SeqCst);
        self.tx.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve<F>(mut engine: Engine, rx: Receiver<Request>, generation: &AtomicU64, deliver: &F)
where
    F: Fn(Reply) -> bool,
{
    while let Ok(first) = rx.recv() {
        // Coalesce: of everything queued, only the newest search matters, and only marks for
        // the current generation.
        let mut search = None;
        let mut marks = Vec::new();
        for req in std::iter::once(first).chain(rx.try_iter()) {
            match req {
                Request::Search(s) => {
                    search = Some(s);
                    marks.clear();
                }
                Request::Marks(m) => marks.push(m),
                // Rows asked for before the swap point into the old directory.
                Request::Swap(dir) => {
                    engine = Engine::new(dir.0);
                    marks.clear();
                }
                Request::Forget => {
                    engine.clear_cache();
                    search = None;
                    marks.clear();
                }
            }
        }
        if let Some(s) = search
            && let Some(reply) = run_search(&mut engine, &s, generation)
            && !deliver(Reply::Search(reply))
        {
            return;
        }
        let current = generation.load(Ordering::SeqCst);
        for m in marks.into_iter().filter(|m| m.generation == current) {
            let reply = MarksReply {
                generation: m.generation,
                marks: compute_marks(&engine, &m.text, &m.rows),
            };
            if !deliver(Reply::Marks(reply)) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{LoadOptions, load_texts};
    use crate::search::SearchOptions;
    use crate::tui::msg::MarksRequest;
    use std::time::Duration;

    fn dir() -> Arc<Directory> {
        let text = r#"
[[agency]]
id = "a"
name = "Центр обслуговування платників"
category = "tax"
locality = "Житомир"
address = "вул. Перша, 1"
phones = ["+380 412 42 05 10"]
hours = "Mo-Fr 09:00-18:00"
verified = 2026-10-01
contacts = [{ name = "Іваненко Марія Петрівна" }]
[[agency.service]]
name = "Довідка про доходи"
documents = ["паспорт"]

[[agency]]
id = "b"
name = "Пенсійний фонд"
category = "pension"
locality = "Житомир"
address = "вул. Друга, 2"
phones = ["+380 412 42 05 11"]
hours = "Mo-Fr 09:00-18:00"
verified = 2026-10-01
contacts = [{ name = "Петренко Петро Петрович" }]
"#;
        let opts = LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: crate::i18n::Lang::Uk,
        };
        Arc::new(load_texts(&[("t.toml", text)], &opts))
    }

    fn req(generation: u64, query: &str) -> Request {
        Request::Search(SearchRequest {
            generation,
            query: query.into(),
            opts: SearchOptions::default(),
            open_at: None,
            mark_rows: 10,
        })
    }

    #[test]
    fn worker_answers_with_the_generation_it_was_asked_for() {
        let (tx, rx) = mpsc::channel();
        let w = Worker::spawn(dir(), None, move |r| tx.send(r).is_ok()).unwrap();
        w.send(req(1, "доходи"));
        let Reply::Search(r) = rx.recv_timeout(Duration::from_secs(10)).unwrap() else {
            panic!("expected a search reply");
        };
        assert_eq!(r.generation, 1);
        assert_eq!(r.results.hits.len(), 1);
        assert_eq!(r.results.hits[0].service, Some(0));
        assert_eq!(r.marks.len(), 1);
        assert!(!r.marks[0].service.is_empty());
    }

    #[test]
    fn a_superseded_search_is_cancelled() {
        let d = dir();
        let mut engine = Engine::new(d);
        let generation = AtomicU64::new(5);
        let Request::Search(s) = req(4, "") else {
            unreachable!()
        };
        assert_eq!(run_search(&mut engine, &s, &generation), None);
    }

    #[test]
    fn a_swapped_directory_is_searched_from_then_on() {
        let (tx, rx) = mpsc::channel();
        tx.send(Request::Swap(crate::tui::msg::DirHandle(Arc::new(
            Directory::default(),
        ))))
        .unwrap();
        tx.send(req(1, "")).unwrap();
        drop(tx);
        let replies = std::cell::RefCell::new(Vec::new());
        serve(Engine::new(dir()), rx, &AtomicU64::new(1), &|r| {
            replies.borrow_mut().push(r);
            true
        });
        let replies = replies.into_inner();
        let Some(Reply::Search(r)) = replies.first() else {
            panic!("expected a search reply: {replies:?}");
        };
        assert!(
            r.results.hits.is_empty(),
            "the empty directory was searched, not the old one"
        );
    }

    #[test]
    fn queued_searches_are_coalesced_to_the_newest() {
        // Everything is queued before the loop starts, as when the user types faster than the
        // engine answers: only the newest search may be run.
        let (tx, rx) = mpsc::channel();
        for (g, q) in [(1, "д"), (2, "до"), (3, "доходи")] {
            tx.send(req(g, q)).unwrap();
        }
        tx.send(Request::Marks(MarksRequest {
            generation: 2,
            text: "до".into(),
            rows: vec![],
        }))
        .unwrap();
        drop(tx);
        let generation = AtomicU64::new(3);
        let replies = std::cell::RefCell::new(Vec::new());
        serve(Engine::new(dir()), rx, &generation, &|r| {
            replies.borrow_mut().push(r);
            true
        });
        let replies = replies.into_inner();
        assert_eq!(replies.len(), 1, "{replies:?}");
        let Reply::Search(r) = &replies[0] else {
            panic!("expected a search reply");
        };
        assert_eq!(r.generation, 3);
    }
}
