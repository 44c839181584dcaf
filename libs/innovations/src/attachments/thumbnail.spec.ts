import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { sampleGif, sampleJpeg, samplePng } from '../../../../test/support/sample-files';
import { makeThumbnail } from './thumbnail';

describe('makeThumbnail', () => {
  it('shrinks a PNG to 320 px wide, keeping its proportions and colours', () => {
    const thumbnail = makeThumbnail(samplePng(640, 480), 'image/png')!;
    expect(thumbnail).toMatchObject({ contentType: 'image/png', width: 320, height: 240 });
    const decoded = PNG.sync.read(thumbnail.data);
    expect([decoded.width, decoded.height]).toEqual([320, 240]);
    // The gradient runs from red 0 on the left to 255 on the right.
    expect(decoded.data[0]).toBeLessThan(10);
    expect(decoded.data[(319 + 0 * 320) * 4]).toBeGreaterThan(245);
  });

  it('shrinks a JPEG to a JPEG', () => {
    const thumbnail = makeThumbnail(sampleJpeg(800, 600), 'image/jpeg')!;
    expect(thumbnail).toMatchObject({ contentType: 'image/jpeg', width: 320, height: 240 });
    const decoded = jpeg.decode(thumbnail.data);
    expect([decoded.width, decoded.height]).toEqual([320, 240]);
  });

  it('never enlarges a small image', () => {
    expect(makeThumbnail(samplePng(100, 50), 'image/png')).toMatchObject({ width: 100, height: 50 });
  });

  it('gives no thumbnail, without failing, for what it cannot decode', () => {
    expect(makeThumbnail(Buffer.from('not an image at all'), 'image/png')).toBeNull();
    expect(makeThumbnail(samplePng(64, 64).subarray(0, 60), 'image/png')).toBeNull();
    expect(makeThumbnail(sampleJpeg(64, 64).subarray(0, 100), 'image/jpeg')).toBeNull();
    expect(makeThumbnail(sampleGif(), 'image/gif')).toBeNull();
  });

  it('refuses to decode images too large to be worth the memory', () => {
    const huge = samplePng(8, 8);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    expect(makeThumbnail(huge, 'image/png')).toBeNull();
  });
});
