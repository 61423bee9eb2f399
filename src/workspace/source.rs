//! Reading a schedule from where it lives: a file (only a regular one, at most
//! [`files::MAX_INPUT_BYTES`], XML streamed) or standard input (`-`). The parsing is the
//! importers'.

use std::path::Path;

use super::files;
use crate::error::{Error, Result};
use crate::import::{Format, Imported, Options, detect, read_bytes, read_xml, xml};

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
    let file = files::open_regular(path, "schedule", files::MAX_INPUT_BYTES)?;
    let limited = std::io::Read::take(file, files::MAX_INPUT_BYTES + 1);
    let mut src = std::io::BufReader::with_capacity(1 << 20, limited);
    let head = std::io::BufRead::fill_buf(&mut src).map_err(read_err)?;
    let format = opts
        .format
        .or_else(|| detect(&String::from_utf8_lossy(head)));
    if format == Some(Format::Xml) {
        return read_xml(src, &origin, opts).map_err(|e| {
            // Only now count lines, reading the file again up to the error.
            let line = files::read_regular(path, "schedule", files::MAX_INPUT_BYTES)
                .map_or(0, |bytes| xml::line_at(&bytes, e.offset));
            Error::parse(&origin, line, e.message)
        });
    }
    let bytes = files::read_limited(src, path, files::MAX_INPUT_BYTES)?;
    read_bytes(&bytes, &origin, opts)
}
