//! A real HTTP server on 127.0.0.1 for the tests that fetch: it answers what the test sets, can
//! close early, stay silent, stream without end, and stop listening.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server answers, changeable while it runs.
#[derive(Clone, Default)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
    pub(crate) headers: Vec<(String, String)>,
    /// Declare this many more bytes than are sent, then close.
    pub(crate) short_by: usize,
    /// Never answer (until the connection is dropped).
    pub(crate) silent: bool,
    /// Send no length and repeat the body until the client goes away.
    pub(crate) endless: bool,
}

pub(crate) struct Server {
    port: u16,
    stopped: Arc<std::sync::atomic::AtomicBool>,
    answer: Arc<Mutex<Answer>>,
    /// Answers for particular paths, before `answer`.
    routes: Arc<Mutex<Vec<(String, Answer)>>>,
    /// The request lines and headers seen, one string a request.
    seen: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub(crate) fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let answer = Arc::new(Mutex::new(Answer::default()));
        let routes = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stopped = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (a, s, stop) = (Arc::clone(&answer), Arc::clone(&seen), Arc::clone(&stopped));
        let r = Arc::clone(&routes);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if stop.load(std::sync::atomic::Ordering::SeqCst) {
                    // The listener closes with this thread: nothing listens any more.
                    break;
                }
                let (a, s, r) = (Arc::clone(&a), Arc::clone(&s), Arc::clone(&r));
                std::thread::spawn(move || serve(stream, &a, &r, &s));
            }
        });
        Server {
            port,
            stopped,
            answer,
            routes,
            seen,
        }
    }

    /// Stops listening: the port refuses connections from now on.
    pub(crate) fn stop(&self) {
        self.stopped
            .store(true, std::sync::atomic::Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        for _ in 0..100 {
            if TcpStream::connect(("127.0.0.1", self.port)).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the test server did not stop");
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub(crate) fn set(&self, answer: Answer) {
        *self.answer.lock().unwrap() = answer;
    }

    /// Answers `path` (with its query) with `answer`; other paths get what `set` says.
    pub(crate) fn route(&self, path: &str, answer: Answer) {
        self.routes.lock().unwrap().push((path.to_string(), answer));
    }

    pub(crate) fn last_request(&self) -> String {
        self.seen
            .lock()
            .unwrap()
            .last()
            .cloned()
            .unwrap_or_default()
    }
}

fn serve(
    stream: TcpStream,
    answer: &Mutex<Answer>,
    routes: &Mutex<Vec<(String, Answer)>>,
    seen: &Mutex<Vec<String>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        request.push_str(&line);
    }
    seen.lock().unwrap().push(request.clone());
    let path = request.split(' ').nth(1).unwrap_or("").to_string();
    let routed = routes
        .lock()
        .unwrap()
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, a)| a.clone());
    let a = routed.unwrap_or_else(|| answer.lock().unwrap().clone());
    if a.silent {
        std::thread::sleep(Duration::from_secs(30));
        return;
    }
    // /old redirects to /s.xml (and says the connection closes: this server answers once a
    // connection, so the client must not send the next request on it).
    let mut out = stream;
    if request.starts_with("GET /old ") {
        let _ = out.write_all(
            b"HTTP/1.1 301 Moved Permanently\r\nLocation: /s.xml\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
        return;
    }
    if a.endless {
        let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", a.status);
        for (k, v) in &a.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let _ = out.write_all(head.as_bytes());
        while out.write_all(&a.body).is_ok() {}
        return;
    }
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        a.status,
        a.body.len() + a.short_by
    );
    for (k, v) in &a.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    if a.status != 304 {
        let _ = out.write_all(&a.body);
    }
    let _ = out.flush();
    // Closing the sending side: a body shorter than declared ends early, not late.
    let _ = out.shutdown(std::net::Shutdown::Write);
    let mut rest = Vec::new();
    let _ = reader.read_to_end(&mut rest);
}
