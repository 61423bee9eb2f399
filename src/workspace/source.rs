//! Reading a schedule from where it lives: a file (only a regular one, at most
//! [`files::MAX_INPUT_BYTES`], XML streamed) or standard input (`-`). The parsing is the
//! importers'.

use std::io::{Read, Seek};
use std::path::Path;

use super::files;
use crate::error::{Error, Result};
use crate::import::{
    Format, Imported, Options, detect, read_bytes, read_ics, read_json_at, read_xml, read_xml_at,
    xml,
};

/// How much of a file is read to tell its format.
const HEAD: u64 = 64 * 1024;

/// frab JSON, xCal and iCalendar files larger than this are read as a stream (memory near the
/// sessions' size instead of the file's plus theirs); smaller files are read whole, which
/// parses about a quarter faster.
const STREAM_FROM: u64 = 16 * 1024 * 1024;

/// Reads a schedule file (`-` reads standard input). Only regular files of at most
/// [`files::MAX_INPUT_BYTES`] are read; XML is read as a stream (a large file in two parts at
/// once), and large frab JSON and iCalendar files too; other formats whole.
pub fn read_schedule(path: &Path, opts: &Options) -> Result<Imported> {
    if path == Path::new("-") {
        let bytes = files::read_limited(
            std::io::stdin().lock(),
            (path, "schedule"),
            files::MAX_INPUT_BYTES,
        )?;
        return read_bytes(&bytes, "standard input", opts);
    }
    let origin = path.display().to_string();
    let mut file = files::open_regular(path, "schedule", files::MAX_INPUT_BYTES)?;
    // The first bytes tell the format.
    let mut head = Vec::new();
    std::io::Read::take(&mut file, HEAD)
        .read_to_end(&mut head)
        .map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
    let format = opts
        .format
        .or_else(|| detect(&String::from_utf8_lossy(&head)));
    let size = file
        .metadata()
        .map_or(0, |m| m.len().min(files::MAX_INPUT_BYTES));
    // Only when reading fails are lines counted, reading the file again up to the error.
    let xml_error = |e: xml::XmlError| {
        let line = files::read_regular(path, "schedule", files::MAX_INPUT_BYTES)
            .map_or(0, |bytes| xml::line_at(&bytes, e.offset));
        Error::parse(&origin, line, e.message)
    };
    match format {
        // Read where it lies, a large file in two parts at once.
        #[cfg(unix)]
        Some(Format::Xml) => read_xml_at(&file, size, &origin, opts).map_err(xml_error),
        #[cfg(not(unix))]
        Some(Format::Xml) => {
            read_xml(stream(head, file, 1 << 20), &origin, opts, Format::Xml).map_err(xml_error)
        }
        // xCal up to the size JSON is read whole at is read whole, in parts at once.
        Some(Format::Xcal) if size > STREAM_FROM => {
            read_xml(stream(head, file, 1 << 20), &origin, opts, Format::Xcal).map_err(xml_error)
        }
        // Read where it lies, a large file in two parts at once.
        #[cfg(unix)]
        Some(Format::Json) if size > STREAM_FROM => read_json_at(&file, size, &origin, opts),
        #[cfg(not(unix))]
        Some(Format::Json) if size > STREAM_FROM => {
            crate::import::read_json(stream(head, file, 1 << 16), &origin, opts)
        }
        Some(Format::Ics) if size > STREAM_FROM => {
            // Read twice from the start through the file already opened (a survey, then the
            // events), at most the limit; else whole.
            let open = || {
                let mut again = file.try_clone()?;
                again.seek(std::io::SeekFrom::Start(0))?;
                Ok(again.take(files::MAX_INPUT_BYTES + 1))
            };
            match read_ics(open, &origin, opts)? {
                Some(imported) => Ok(imported),
                None => {
                    let mut file = file;
                    file.seek(std::io::SeekFrom::Start(0))
                        .map_err(|source| Error::Read {
                            path: path.to_path_buf(),
                            source,
                        })?;
                    read_bytes(&whole(path, file, Vec::new(), size)?, &origin, opts)
                }
            }
        }
        _ => read_bytes(&whole(path, file, head, size)?, &origin, opts),
    }
}

/// The rest of the file after `head` (the bytes already read), in one allocation the size of
/// the file (which may change as it is read: a guide).
fn whole(path: &Path, rest: std::fs::File, head: Vec<u8>, size: u64) -> Result<Vec<u8>> {
    let mut bytes = head;
    let whole = usize::try_from(size).unwrap_or(0).saturating_add(1);
    bytes.reserve_exact(whole.saturating_sub(bytes.len()));
    // Written whole at once: a page fault each 2 MiB, not each 4 KiB.
    crate::model::parts::advise_huge(bytes.spare_capacity_mut());
    files::read_limited_into(rest, (path, "schedule"), files::MAX_INPUT_BYTES, &mut bytes)?;
    Ok(bytes)
}

/// The file as a buffered stream: the bytes already read, then the rest, at most
/// [`files::MAX_INPUT_BYTES`] in all.
fn stream(head: Vec<u8>, rest: std::fs::File, buffer: usize) -> impl std::io::BufRead {
    let rest = rest.take((files::MAX_INPUT_BYTES + 1).saturating_sub(head.len() as u64));
    std::io::BufReader::with_capacity(buffer, std::io::Cursor::new(head).chain(rest))
}
