import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertStorageKey,
  FileStorage,
  PutOptions,
  StorageObjectNotFound,
  StoredObject,
} from './file-storage';
import { EMPTY_SHA256, signV4, uriEncode } from './sigv4';

export interface S3Settings {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** true: `endpoint/bucket/key`; false: `bucket.endpoint/key`. */
  forcePathStyle: boolean;
  /** How long a request may go without any traffic before it is abandoned. */
  timeoutMs?: number;
}

/**
 * S3-compatible object storage (AWS S3, MinIO, Ceph, ...) through single PUT, GET, HEAD and DELETE requests
 * signed with SigV4. A PUT is all or nothing on the server's side, and its body is checked against the
 * SHA-256 the platform computed while receiving the upload.
 */
export class S3Storage implements FileStorage {
  private readonly base: URL;
  private readonly agent: HttpAgent | HttpsAgent;

  constructor(private readonly settings: S3Settings) {
    const endpoint = new URL(settings.endpoint);
    if (!settings.forcePathStyle) endpoint.hostname = `${settings.bucket}.${endpoint.hostname}`;
    this.base = endpoint;
    this.agent =
      endpoint.protocol === 'https:'
        ? new HttpsAgent({ keepAlive: true })
        : new HttpAgent({ keepAlive: true });
  }

  async put(key: string, body: Readable | Buffer, options: PutOptions): Promise<void> {
    const response = await this.send('PUT', key, options.sha256, body, {
      'content-type': options.contentType,
      'content-length': String(options.size),
    });
    await this.expect(response, [200], 'PUT', key);
  }

  async get(key: string): Promise<StoredObject> {
    const response = await this.send('GET', key);
    if (response.statusCode === 404) {
      response.resume();
      throw new StorageObjectNotFound(key);
    }
    if (response.statusCode !== 200) await this.expect(response, [200], 'GET', key);
    return { stream: response, size: Number(response.headers['content-length'] ?? 0) };
  }

  async delete(key: string): Promise<void> {
    await this.expect(await this.send('DELETE', key), [200, 204, 404], 'DELETE', key);
  }

  async exists(key: string): Promise<boolean> {
    const response = await this.send('HEAD', key);
    response.resume();
    if (response.statusCode === 404) return false;
    await this.expect(response, [200], 'HEAD', key);
    return true;
  }

  urlOf(key: string): URL {
    assertStorageKey(key);
    const url = new URL(this.base.href);
    const prefix = url.pathname.replace(/\/+$/, '');
    const bucket = this.settings.forcePathStyle ? `/${uriEncode(this.settings.bucket)}` : '';
    url.pathname = `${prefix}${bucket}/${key.split('/').map(uriEncode).join('/')}`;
    return url;
  }

  private send(
    method: string,
    key: string,
    payloadHash = EMPTY_SHA256,
    body?: Readable | Buffer,
    headers: Record<string, string> = {},
  ): Promise<IncomingMessage> {
    const url = this.urlOf(key);
    const signed = signV4(
      { method, url, headers, payloadHash },
      {
        accessKeyId: this.settings.accessKeyId,
        secretAccessKey: this.settings.secretAccessKey,
        region: this.settings.region,
        service: 's3',
      },
    );
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const request = send(url, { method, headers: signed, agent: this.agent }, resolve);
      request.setTimeout(this.settings.timeoutMs ?? 30_000, () =>
        request.destroy(new Error(`S3 ${method} ${key} timed out`)),
      );
      request.on('error', reject);
      if (!body) request.end();
      else if (Buffer.isBuffer(body)) request.end(body);
      else pipeline(body, request).catch((error: Error) => request.destroy(error));
    });
  }

  private async expect(response: IncomingMessage, statuses: number[], method: string, key: string) {
    const chunks: Buffer[] = [];
    for await (const chunk of response) if (chunks.length < 16) chunks.push(chunk as Buffer);
    if (!statuses.includes(response.statusCode ?? 0)) {
      const detail = Buffer.concat(chunks).toString('utf8').slice(0, 500);
      throw new Error(`S3 ${method} ${key} answered ${response.statusCode}: ${detail}`);
    }
  }
}
