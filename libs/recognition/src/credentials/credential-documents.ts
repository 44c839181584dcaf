import credentialsV2 from './contexts/credentials-v2.json';
import didV1 from './contexts/did-v1.json';
import multikeyV1 from './contexts/multikey-v1.json';
import openBadgesV3 from './contexts/ob-v3p0-3.0.3.json';

/** The JSON-LD contexts the badge credentials use (local copies: see contexts/README.md). */
export const CONTEXT = {
  credentialsV2: 'https://www.w3.org/ns/credentials/v2',
  openBadgesV3: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  didV1: 'https://www.w3.org/ns/did/v1',
  multikeyV1: 'https://w3id.org/security/multikey/v1',
} as const;

const LOCAL_CONTEXTS: ReadonlyMap<string, object> = new Map<string, object>([
  [CONTEXT.credentialsV2, credentialsV2],
  [CONTEXT.openBadgesV3, openBadgesV3],
  [CONTEXT.didV1, didV1],
  [CONTEXT.multikeyV1, multikeyV1],
]);

export interface LoadedDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
}

export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

/** What the JSON-LD processor asked for that is not a local copy: the proof check fails with this, nothing is fetched. */
export class DocumentNotLocalError extends Error {
  constructor(readonly url: string) {
    super(`${url} is not one of the platform's local JSON-LD documents; nothing is fetched at run time`);
    this.name = 'DocumentNotLocalError';
  }
}

/**
 * The only document loader the credentials use: the local contexts plus the given documents (the issuer's own
 * document and key). Anything else is refused, so a credential that names another context, key or issuer cannot
 * make the server fetch a URL, and a signature never depends on what a remote server answers today.
 */
export function localDocumentLoader(documents: ReadonlyMap<string, object> = new Map()): DocumentLoader {
  return async (url: string) => {
    const document = LOCAL_CONTEXTS.get(url) ?? documents.get(url);
    if (!document) throw new DocumentNotLocalError(url);
    return { contextUrl: null, documentUrl: url, document };
  };
}
