import { sampleGif, sampleJpeg, samplePng, sampleWebp } from '../../../../test/support/sample-files';
import { imageDimensions } from './image-dimensions';

const reader = (data: Buffer) => async (offset: number, length: number) =>
  data.subarray(offset, offset + length);
const dimensionsOf = (data: Buffer, contentType: string) =>
  imageDimensions(reader(data), data.length, contentType);

describe('imageDimensions', () => {
  it('reads the size a PNG, a JPEG, a GIF and a WebP declare, without decoding them', async () => {
    expect(await dimensionsOf(samplePng(64, 48), 'image/png')).toEqual({ width: 64, height: 48 });
    expect(await dimensionsOf(sampleJpeg(120, 90), 'image/jpeg')).toEqual({ width: 120, height: 90 });
    expect(await dimensionsOf(sampleGif(), 'image/gif')).toEqual({ width: 1, height: 1 });
    expect(await dimensionsOf(sampleWebp(), 'image/webp')).toEqual({ width: 1, height: 1 });
  });

  it('finds the JPEG frame header behind application segments', async () => {
    const plain = sampleJpeg(40, 30);
    const exif = Buffer.alloc(4 + 60_000, 0x45);
    exif.writeUInt16BE(0xffe1, 0);
    exif.writeUInt16BE(60_000 + 2, 2);
    const withExif = Buffer.concat([plain.subarray(0, 2), exif, plain.subarray(2)]);
    expect(await dimensionsOf(withExif, 'image/jpeg')).toEqual({ width: 40, height: 30 });
  });

  it('believes the header of a tiny file that declares a huge image', async () => {
    const bomb = samplePng(8, 8);
    bomb.writeUInt32BE(20_000, 16);
    bomb.writeUInt32BE(20_000, 20);
    expect(await dimensionsOf(bomb, 'image/png')).toEqual({ width: 20_000, height: 20_000 });
  });

  it('gives null for a header it cannot read', async () => {
    expect(await dimensionsOf(samplePng(8, 8).subarray(0, 20), 'image/png')).toBeNull();
    expect(await dimensionsOf(sampleJpeg(8, 8).subarray(0, 20), 'image/jpeg')).toBeNull();
    expect(await dimensionsOf(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2]), 'image/jpeg')).toBeNull();
    expect(await dimensionsOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]), 'image/jpeg')).toBeNull();
    expect(await dimensionsOf(samplePng(8, 8), 'application/pdf')).toBeNull();
  });
});
