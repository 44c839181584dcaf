import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export const THUMBNAIL_WIDTH = 320;
/** Very tall images are cut down to this height instead. */
export const THUMBNAIL_MAX_HEIGHT = 1280;
/**
 * Larger images get no thumbnail: decoding is synchronous pure JS (about 1.4 s for 12 MP), and would hold a
 * thumbnail thread (ThumbnailWorkers; never the event loop) too long and use too much memory.
 */
export const THUMBNAIL_MAX_PIXELS = 16_000_000;

export interface Thumbnail {
  data: Buffer;
  contentType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

interface Bitmap {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Uint8Array;
}

/** The content type of the thumbnail made for an image of this type (JPEG stays JPEG; PNG keeps transparency). */
export function thumbnailContentType(contentType: string): Thumbnail['contentType'] {
  return contentType === 'image/jpeg' ? 'image/jpeg' : 'image/png';
}

/**
 * A thumbnail at most 320 px wide (never enlarged) for PNG and JPEG images; null for other images and for
 * anything that cannot be decoded. Never throws: a missing thumbnail is not an error.
 */
export function makeThumbnail(image: Buffer, contentType: string): Thumbnail | null {
  try {
    if (contentType === 'image/png') {
      if (image.length < 24 || image.readUInt32BE(16) * image.readUInt32BE(20) > THUMBNAIL_MAX_PIXELS)
        return null;
      const decoded = PNG.sync.read(image);
      const small = downscale(decoded);
      const png = new PNG({ width: small.width, height: small.height });
      png.data = Buffer.from(small.data.buffer, small.data.byteOffset, small.data.byteLength);
      return {
        data: PNG.sync.write(png),
        contentType: 'image/png',
        width: small.width,
        height: small.height,
      };
    }
    if (contentType === 'image/jpeg') {
      const decoded = jpeg.decode(image, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: THUMBNAIL_MAX_PIXELS / 1_000_000,
        maxMemoryUsageInMB: 512,
      });
      const small = downscale(decoded);
      const encoded = jpeg.encode({ width: small.width, height: small.height, data: small.data }, 80);
      return {
        data: Buffer.from(encoded.data),
        contentType: 'image/jpeg',
        width: small.width,
        height: small.height,
      };
    }
  } catch {
    return null;
  }
  return null;
}

/** Area-averaging (box) reduction, weighting colour by opacity so transparent edges do not darken. */
function downscale(source: Bitmap): Bitmap {
  const { width, height, data } = source;
  if (width < 1 || height < 1) throw new Error('empty image');
  const scale = Math.min(1, THUMBNAIL_WIDTH / width, THUMBNAIL_MAX_HEIGHT / height);
  const targetWidth = Math.max(1, Math.round(width * scale));
  const targetHeight = Math.max(1, Math.round(height * scale));
  if (targetWidth === width && targetHeight === height) return source;
  const out = new Uint8Array(targetWidth * targetHeight * 4);
  for (let ty = 0; ty < targetHeight; ty++) {
    const y0 = Math.floor((ty * height) / targetHeight);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * height) / targetHeight));
    for (let tx = 0; tx < targetWidth; tx++) {
      const x0 = Math.floor((tx * width) / targetWidth);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * width) / targetWidth));
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0, at = (y * width + x0) * 4; x < x1; x++, at += 4) {
          const alpha = data[at + 3]!;
          r += data[at]! * alpha;
          g += data[at + 1]! * alpha;
          b += data[at + 2]! * alpha;
          a += alpha;
        }
      }
      const count = (x1 - x0) * (y1 - y0);
      const to = (ty * targetWidth + tx) * 4;
      out[to] = a ? Math.round(r / a) : 0;
      out[to + 1] = a ? Math.round(g / a) : 0;
      out[to + 2] = a ? Math.round(b / a) : 0;
      out[to + 3] = Math.round(a / count);
    }
  }
  return { width: targetWidth, height: targetHeight, data: out };
}
