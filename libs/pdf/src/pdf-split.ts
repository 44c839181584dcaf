import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFObject, PDFRef, PDFString } from 'pdf-lib';

/**
 * Splits one printed PDF into documents at named destinations: `names[i]` names the page where document `i`
 * starts, and it runs until the next one starts. Refuses (throws) rather than guess when a name is missing or the
 * starts are out of order: a certificate with another person's page is worse than no certificate.
 */
export async function splitAtDestinations(pdf: Uint8Array, names: string[]): Promise<Buffer[]> {
  const source = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageCount = source.getPageCount();
  const pageOfRef = new Map(source.getPages().map((page, index) => [page.ref.toString(), index]));
  const destinations = namedDestinations(source);

  const starts = names.map((name) => {
    const target = destinations.get(name);
    const page = target ? pageOfRef.get(target.toString()) : undefined;
    if (page === undefined) throw new Error(`The printed batch has no start page for ${name}`);
    return page;
  });
  starts.forEach((start, index) => {
    const previous = index === 0 ? -1 : starts[index - 1];
    if (index === 0 ? start !== 0 : start <= previous)
      throw new Error(`The printed batch's documents do not start in order: ${starts.join(', ')}`);
  });

  const documents: Buffer[] = [];
  for (let index = 0; index < starts.length; index += 1) {
    const end = index + 1 < starts.length ? starts[index + 1] : pageCount;
    const pages = Array.from({ length: end - starts[index] }, (_, offset) => starts[index] + offset);
    const document = await PDFDocument.create();
    for (const page of await document.copyPages(source, pages)) document.addPage(page);
    documents.push(Buffer.from(await document.save()));
  }
  return documents;
}

/** Name → the reference of the page it points at, from the catalog's /Dests and from the /Names /Dests tree. */
function namedDestinations(document: PDFDocument): Map<string, PDFRef> {
  const found = new Map<string, PDFRef>();
  const catalog = document.catalog;
  const dests = catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [name] of dests?.entries() ?? []) {
    const page = pageRefOf(dests!.lookup(name));
    if (page) found.set(name.decodeText(), page);
  }
  const tree = catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (tree) collectNameTree(tree, found, 0);
  return found;
}

function collectNameTree(node: PDFDict, found: Map<string, PDFRef>, depth: number): void {
  if (depth > 32) return;
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (names) {
    for (let index = 0; index + 1 < names.size(); index += 2) {
      const key = names.lookup(index);
      const page = pageRefOf(names.lookup(index + 1));
      if (page && (key instanceof PDFString || key instanceof PDFHexString))
        found.set(key.decodeText(), page);
    }
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (let index = 0; index < (kids?.size() ?? 0); index += 1) {
    const kid = kids!.lookup(index);
    if (kid instanceof PDFDict) collectNameTree(kid, found, depth + 1);
  }
}

/** A destination is `[page /XYZ …]`, or a dictionary whose /D is that array. */
function pageRefOf(destination: PDFObject | undefined): PDFRef | undefined {
  const array =
    destination instanceof PDFDict ? destination.lookupMaybe(PDFName.of('D'), PDFArray) : destination;
  if (!(array instanceof PDFArray) || array.size() === 0) return undefined;
  const page = array.get(0);
  return page instanceof PDFRef ? page : undefined;
}
