//! Byte-level helpers of the file format: varints, deterministic gzip, the build hash.

use std::io::Write;

use flate2::{Compression, GzBuilder};

/// Appends `v` as an unsigned LEB128 varint (7 bits per byte, low bits first, high bit = more).
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint written by [`put_varint`]; `None` at a truncated or overlong one.
#[cfg(test)]
pub(crate) fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// gzip with a fixed header (mtime 0, OS byte 255 "unknown", no name), so that identical input
/// gives identical bytes on every machine.
pub(crate) fn gzip(data: &[u8], level: u32) -> std::io::Result<Vec<u8>> {
    let mut enc = GzBuilder::new().mtime(0).operating_system(255).write(
        Vec::with_capacity(data.len() / 3 + 64),
        Compression::new(level),
    );
    enc.write_all(data)?;
    enc.finish()
}

/// 64-bit FNV-1a: the build hash that names a build's directory. Not cryptographic; it only has
/// to change when the output changes (cache busting).
#[derive(Debug, Clone)]
pub(crate) struct Fnv64(u64);

impl Fnv64 {
    pub fn new() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
    pub fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varint_round_trip() {
        for v in [0u32, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            let mut buf = Vec::new();
            put_varint(&mut buf, v);
            let mut pos = 0;
            assert_eq!(get_varint(&buf, &mut pos), Some(v));
            assert_eq!(pos, buf.len());
        }
        let mut pos = 0;
        assert_eq!(get_varint(&[0x80, 0x80], &mut pos), None);
    }

    #[test]
    fn gzip_is_deterministic_and_has_a_fixed_header() {
        let a = gzip(b"samspil samspil samspil", 9).unwrap();
        let b = gzip(b"samspil samspil samspil", 9).unwrap();
        assert_eq!(a, b);
        assert_eq!(&a[..10], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
    }
}
