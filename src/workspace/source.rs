//! Reading a schedule from where it lives: a file (only a regular one, at most
//! [`files::MAX_INPUT_BYTES`], XML streamed) or standard input (`-`). The parsing is the
//! importers'.

use std::io::Read;
use std::path::Path;

use super::files;
use crate::error::{Error, Result};
use crate::import::{Format, Imported, Options, detect, read_bytes, read_xml, xml};

/// How much of a file is read to tell its format.
const HEAD: u64 = 64 * 1024;

/// Reads a schedule file (`-` reads standard input). Only regular files of at most
/// [`files::MAX_INPUT_BYTES`] are read; XML is read as a stream, other formats whole.
pub fn read_schedule(path: &Path, opts: &Options) -> Result<Imported> {
    if path == Path::new("-") {
        let bytes = files::read_limited(std::io::stdin().lock(), path, files::MAX_INPUT_BYTES)?;
        return read_bytes(&bytes, "standard input", opts);
    }
    let origin = path.display().to_string();
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut file = files::open_regular(path, "schedule", files::MAX_INPUT_BYTES)?;
    // The first bytes tell the format; XML is then read as a stream, the rest whole.
    let mut head = Vec::new();
    std::io::Read::take(&mut file, HEAD)
        .read_to_end(&mut head)
        .map_err(read_err)?;
    let format = opts
        .format
        .or_else(|| detect(&String::from_utf8_lossy(&head)));
    if format == Some(Format::Xml) {
        let rest = std::io::Read::take(file, files::MAX_INPUT_BYTES + 1 - head.len() as u64);
        let src =
            std::io::BufReader::with_capacity(1 << 20, std::io::Cursor::new(head).chain(rest));
        return read_xml(src, &origin, opts).map_err(|e| {
            // Only now count lines, reading the file again up to the error.
            let line = files::read_regular(path, "schedule", files::MAX_INPUT_BYTES)
                .map_or(0, |bytes| xml::line_at(&bytes, e.offset));
            Error::parse(&origin, line, e.message)
        });
    }
    // One allocation the size of the file (the size may change as it is read: only a guide).
    let size = file
        .metadata()
        .map_or(0, |m| m.len().min(files::MAX_INPUT_BYTES));
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    bytes.extend_from_slice(&head);
    files::read_limited_into(file, path, files::MAX_INPUT_BYTES, &mut bytes)?;
    read_bytes(&bytes, &origin, opts)
}
