import {
  sampleDocx,
  sampleElf,
  sampleExe,
  sampleGif,
  sampleJpeg,
  sampleOdt,
  sampleOle2,
  samplePdf,
  samplePng,
  samplePptx,
  sampleWebp,
  sampleXlsx,
  sampleZip,
} from '../../../../test/support/sample-files';
import { familyOf, sniffContent, zipEntryNames } from './content-sniffer';

const sniff = (file: Buffer) =>
  sniffContent(async (offset, length) => file.subarray(offset, offset + length), file.length);

describe('sniffContent: the type comes from the bytes', () => {
  it.each([
    ['PDF', samplePdf(), 'application/pdf', 'pdf'],
    ['PNG', samplePng(8, 8), 'image/png', 'image'],
    ['JPEG', sampleJpeg(8, 8), 'image/jpeg', 'image'],
    ['GIF', sampleGif(), 'image/gif', 'image'],
    ['WebP', sampleWebp(), 'image/webp', 'image'],
    [
      'Word (docx)',
      sampleDocx(),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'document',
    ],
    [
      'Excel (xlsx)',
      sampleXlsx(),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'document',
    ],
    [
      'PowerPoint (pptx)',
      samplePptx(),
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'document',
    ],
    ['OpenDocument text', sampleOdt(), 'application/vnd.oasis.opendocument.text', 'document'],
    ['Word 97 (doc)', sampleOle2('WordDocument'), 'application/msword', 'document'],
    ['Excel 97 (xls)', sampleOle2('Workbook'), 'application/vnd.ms-excel', 'document'],
    ['PowerPoint 97 (ppt)', sampleOle2('PowerPoint Document'), 'application/vnd.ms-powerpoint', 'document'],
  ])('recognises %s', async (_name, file, contentType, kind) => {
    expect(await sniff(file)).toEqual({ contentType, kind });
  });

  it('labels macro-enabled Office files as such', async () => {
    const docm = sampleDocx('macro', [{ name: 'word/vbaProject.bin', data: 'VBA' }]);
    expect((await sniff(docm))?.contentType).toBe('application/vnd.ms-word.document.macroEnabled.12');
  });

  it.each([
    ['a Windows executable', sampleExe()],
    ['a Linux executable', sampleElf()],
    ['a shell script', Buffer.from('#!/bin/sh\nrm -rf /\n')],
    ['an HTML page', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['an SVG image', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['plain text', Buffer.from('just some notes about fractions')],
    ['a plain zip', sampleZip([{ name: 'notes.txt', data: 'hello' }])],
    [
      'a zip with a word/ folder but no [Content_Types].xml',
      sampleZip([{ name: 'word/document.xml', data: '<x/>' }]),
    ],
    ['an installer (a compound file without a document stream)', sampleOle2('SummaryInformation')],
    ['a truncated zip', sampleDocx().subarray(0, 100)],
    ['a truncated compound file', sampleOle2('WordDocument').subarray(0, 600)],
    ['a PDF signature not at the start', Buffer.concat([Buffer.from('MZ'), samplePdf()])],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s', async (_name, file) => {
    expect(await sniff(file)).toBeNull();
  });

  it('knows from the first 16 bytes whether a file can be acceptable at all', () => {
    expect(familyOf(sampleExe().subarray(0, 16))).toBeNull();
    expect(familyOf(samplePdf().subarray(0, 16))).toBe('pdf');
    expect(familyOf(sampleDocx().subarray(0, 16))).toBe('zip');
    expect(familyOf(sampleOle2('WordDocument').subarray(0, 16))).toBe('ole2');
  });

  it('reads the entry names from the central directory, even after a comment', async () => {
    const zip = sampleZip([
      { name: 'a.txt', data: 'a' },
      { name: 'ภาษาไทย/b.txt', data: 'b' },
    ]);
    const commented = Buffer.concat([zip, Buffer.from('a comment')]);
    commented.writeUInt16LE(9, zip.length - 2);
    const names = await zipEntryNames(
      async (offset, length) => commented.subarray(offset, offset + length),
      commented.length,
    );
    expect([...names!]).toEqual(['a.txt', 'ภาษาไทย/b.txt']);
  });
});
