//! Reading a file at any offset from several threads at once (`pread`), and the stream a part
//! of a file is read through: a lead of bytes, then the file from where the part starts.

use std::io::{BufReader, Chain, Cursor, Read};

/// Bytes that several threads can read at any offset at once (a file, by `pread`).
pub trait ReadAt: Sync {
    /// Reads into `buf` from `offset`, as `pread` does: fewer bytes only at the end.
    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize>;
}

impl ReadAt for [u8] {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
        let from = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.len());
        let n = buf.len().min(self.len() - from);
        buf[..n].copy_from_slice(&self[from..from + n]);
        Ok(n)
    }
}

#[cfg(unix)]
impl ReadAt for std::fs::File {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
        std::os::unix::fs::FileExt::read_at(self, buf, offset)
    }
}

/// The bytes of `src` from `pos` to `end`, read in order.
pub(in crate::import) struct At<'s, S: ?Sized> {
    src: &'s S,
    pos: u64,
    end: u64,
}

impl<S: ReadAt + ?Sized> Read for At<'_, S> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let want = usize::try_from(self.end.saturating_sub(self.pos)).unwrap_or(usize::MAX);
        let want = buf.len().min(want);
        if want == 0 {
            return Ok(0);
        }
        let n = self.src.read_at(&mut buf[..want], self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

/// A part's stream: its lead (what puts a reader where the part starts), then the file from
/// where it starts.
pub(in crate::import) type Stream<'s, S> = BufReader<Chain<Cursor<Vec<u8>>, At<'s, S>>>;

/// The bytes `from..end` of `src` behind `lead`, buffered a megabyte at a time.
pub(in crate::import) fn stream<S: ReadAt + ?Sized>(
    src: &S,
    lead: Vec<u8>,
    from: u64,
    end: u64,
) -> Stream<'_, S> {
    let file = At {
        src,
        pos: from,
        end,
    };
    BufReader::with_capacity(1 << 20, Cursor::new(lead).chain(file))
}
