/**
 * Recognises an uploaded file by its bytes, never by its name or the type the client claims: PDF, PNG, JPEG,
 * GIF, WebP, Office Open XML (.docx/.xlsx/.pptx and their macro-enabled forms), legacy Office (.doc/.xls/.ppt)
 * and OpenDocument (.odt/.ods/.odp). Everything else (executables, scripts, HTML, SVG, plain zips, installers
 * that are OLE2 files too, ...) is not recognised.
 */

export type ContentKind = 'pdf' | 'image' | 'document';

export interface SniffedContent {
  contentType: string;
  kind: ContentKind;
}

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadAt = (offset: number, length: number) => Promise<Buffer>;

/** The first bytes are enough to tell whether a file can be one of the accepted types at all. */
export const HEAD_BYTES = 16;

type Family = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'zip' | 'ole2';

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const IMAGE_TYPES: Partial<Record<Family, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

const OOXML: { folder: string; plain: string; macros: string }[] = [
  {
    folder: 'word/',
    plain: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    macros: 'application/vnd.ms-word.document.macroEnabled.12',
  },
  {
    folder: 'xl/',
    plain: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    macros: 'application/vnd.ms-excel.sheet.macroEnabled.12',
  },
  {
    folder: 'ppt/',
    plain: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    macros: 'application/vnd.ms-powerpoint.presentation.macroEnabled.12',
  },
];

const ODF_TYPES = new Set([
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
]);

/** Stream names of the compound files Word, Excel and PowerPoint write (MS-DOC, MS-XLS, MS-PPT). */
const OLE2_STREAMS: Record<string, string> = {
  WordDocument: 'application/msword',
  Workbook: 'application/vnd.ms-excel',
  Book: 'application/vnd.ms-excel',
  'PowerPoint Document': 'application/vnd.ms-powerpoint',
};

/** Which accepted family the first bytes announce, if any: lets an upload be refused before it is read whole. */
export function familyOf(head: Buffer): Family | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (
    head.length >= 16 &&
    head.subarray(0, 8).equals(PNG_MAGIC) &&
    head.toString('latin1', 12, 16) === 'IHDR'
  )
    return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  const six = head.subarray(0, 6).toString('latin1');
  if (six === 'GIF87a' || six === 'GIF89a') return 'gif';
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (head.subarray(0, 8).equals(OLE2_MAGIC)) return 'ole2';
  return null;
}

/** The content's real type, or null when it is not one the platform accepts. */
export async function sniffContent(read: ReadAt, size: number): Promise<SniffedContent | null> {
  const family = familyOf(await read(0, HEAD_BYTES));
  if (!family) return null;
  if (family === 'pdf') return { contentType: 'application/pdf', kind: 'pdf' };
  const image = IMAGE_TYPES[family];
  if (image) return { contentType: image, kind: 'image' };
  const contentType =
    family === 'zip' ? await zipDocumentType(read, size) : await ole2DocumentType(read, size);
  return contentType ? { contentType, kind: 'document' } : null;
}

// ---------------------------------------------------------------------------------------------------------
// Zip: OpenDocument names its type in a first, stored entry called "mimetype"; Office Open XML is known by
// the entries listed in the central directory at the end of the file.

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const MAX_CENTRAL_DIRECTORY = 8 * 1024 * 1024;
const MAX_ENTRIES = 20_000;

async function zipDocumentType(read: ReadAt, size: number): Promise<string | null> {
  const odf = await openDocumentType(read);
  if (odf) return odf;
  const names = await zipEntryNames(read, size);
  if (!names || !names.has('[Content_Types].xml')) return null;
  for (const { folder, plain, macros } of OOXML) {
    const inFolder = [...names].filter((name) => name.startsWith(folder));
    if (inFolder.length === 0) continue;
    return inFolder.includes(`${folder}vbaProject.bin`) ? macros : plain;
  }
  return null;
}

async function openDocumentType(read: ReadAt): Promise<string | null> {
  const header = await read(0, 30 + 8 + 100);
  if (header.length < 38) return null;
  const method = header.readUInt16LE(8);
  const compressedSize = header.readUInt32LE(18);
  const nameLength = header.readUInt16LE(26);
  const extraLength = header.readUInt16LE(28);
  if (method !== 0 || nameLength !== 8 || header.toString('latin1', 30, 38) !== 'mimetype') return null;
  if (compressedSize === 0 || compressedSize > 100) return null;
  const start = 30 + nameLength + extraLength;
  const data = await read(start, compressedSize);
  const type = data.toString('latin1');
  return ODF_TYPES.has(type) ? type : null;
}

/** Entry names from the central directory; null when it cannot be found or read (or is ZIP64). */
export async function zipEntryNames(read: ReadAt, size: number): Promise<Set<string> | null> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await read(size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (entries === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) return null;
  if (directorySize > MAX_CENTRAL_DIRECTORY || directoryOffset + directorySize > size) return null;
  const directory = await read(directoryOffset, directorySize);
  const names = new Set<string>();
  let at = 0;
  while (at + 46 <= directory.length && names.size < MAX_ENTRIES) {
    if (directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) break;
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    if (at + 46 + nameLength > directory.length) break;
    names.add(directory.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

// ---------------------------------------------------------------------------------------------------------
// OLE2 compound files (MS-CFB): installers (.msi), Outlook messages and others share the container, so the
// directory is read to find the stream Word, Excel or PowerPoint keeps its document in.

const END_OF_CHAIN = 0xfffffffe;
const MAX_DIRECTORY_SECTORS = 4096;

async function ole2DocumentType(read: ReadAt, size: number): Promise<string | null> {
  const header = await read(0, 512);
  if (header.length < 512 || !header.subarray(0, 8).equals(OLE2_MAGIC)) return null;
  const sectorShift = header.readUInt16LE(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) return null;
  const sectorSize = 1 << sectorShift;
  const perSector = sectorSize / 4;
  const sectorCount = Math.ceil(size / sectorSize);
  const offsetOf = (sector: number) => (sector + 1) * sectorSize;
  const fatSectorCount = header.readUInt32LE(0x2c);
  if (fatSectorCount > sectorCount) return null;

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatSectorCount; i++) {
    fatSectors.push(header.readUInt32LE(0x4c + i * 4));
  }
  let difat = header.readUInt32LE(0x44);
  for (
    let hops = 0;
    fatSectors.length < fatSectorCount && difat < sectorCount && hops < sectorCount;
    hops++
  ) {
    const sector = await read(offsetOf(difat), sectorSize);
    if (sector.length < sectorSize) return null;
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatSectorCount; i++) {
      fatSectors.push(sector.readUInt32LE(i * 4));
    }
    difat = sector.readUInt32LE(sectorSize - 4);
  }
  const next = async (sector: number): Promise<number> => {
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined || fatSector >= sectorCount) return END_OF_CHAIN;
    const entry = await read(offsetOf(fatSector) + (sector % perSector) * 4, 4);
    return entry.length === 4 ? entry.readUInt32LE(0) : END_OF_CHAIN;
  };

  const seen = new Set<number>();
  for (let sector = header.readUInt32LE(0x30); sector < sectorCount && !seen.has(sector);) {
    if (seen.size >= MAX_DIRECTORY_SECTORS) return null;
    seen.add(sector);
    const entries = await read(offsetOf(sector), sectorSize);
    for (let at = 0; at + 128 <= entries.length; at += 128) {
      const nameLength = entries.readUInt16LE(at + 0x40);
      const type = entries[at + 0x42];
      if (type !== 2 || nameLength < 2 || nameLength > 64) continue;
      const name = entries.toString('utf16le', at, at + nameLength - 2);
      const contentType = OLE2_STREAMS[name];
      if (contentType) return contentType;
    }
    sector = await next(sector);
  }
  return null;
}
