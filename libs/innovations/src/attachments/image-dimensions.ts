import type { ReadAt } from './content-sniffer';

export interface ImageDimensions {
  width: number;
  height: number;
}

/** JPEG segments walked before giving up: real files have a few dozen before the frame header. */
const MAX_JPEG_SEGMENTS = 4096;

/**
 * The width and height an image declares in its header, read without decoding it (PNG IHDR, JPEG SOFn,
 * GIF logical screen, WebP VP8/VP8L/VP8X), so that an image too large to decode safely is refused first.
 * Null when the header cannot be read; such a file gets no thumbnail anyway.
 */
export async function imageDimensions(
  read: ReadAt,
  size: number,
  contentType: string,
): Promise<ImageDimensions | null> {
  switch (contentType) {
    case 'image/png': {
      const head = await read(0, 24);
      if (head.length < 24 || head.toString('latin1', 12, 16) !== 'IHDR') return null;
      return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
    }
    case 'image/gif': {
      const head = await read(0, 10);
      if (head.length < 10) return null;
      return { width: head.readUInt16LE(6), height: head.readUInt16LE(8) };
    }
    case 'image/webp':
      return webpDimensions(await read(0, 30));
    case 'image/jpeg':
      return jpegDimensions(read, size);
    default:
      return null;
  }
}

/** The frame header (SOF0–SOF15 but DHT, JPG and DAC) comes before the first scan. */
async function jpegDimensions(read: ReadAt, size: number): Promise<ImageDimensions | null> {
  let at = 2;
  for (let segments = 0; segments < MAX_JPEG_SEGMENTS && at + 4 <= size; segments++) {
    const header = await read(at, 9);
    if (header.length < 2 || header[0] !== 0xff) return null;
    const marker = header[1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda || header.length < 4) return null;
    const length = header.readUInt16BE(2);
    if (length < 2) return null;
    const frame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (frame) {
      if (header.length < 9) return null;
      return { height: header.readUInt16BE(5), width: header.readUInt16BE(7) };
    }
    at += 2 + length;
  }
  return null;
}

function webpDimensions(head: Buffer): ImageDimensions | null {
  if (head.length < 30) return null;
  const chunk = head.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') {
    return { width: head.readUInt16LE(26) & 0x3fff, height: head.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    const bits = head.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    return { width: head.readUIntLE(24, 3) + 1, height: head.readUIntLE(27, 3) + 1 };
  }
  return null;
}
