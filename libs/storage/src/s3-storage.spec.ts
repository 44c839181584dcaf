import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { StorageObjectNotFound } from './file-storage';
import { S3Storage } from './s3-storage';
import { signV4 } from './sigv4';

const credentials = { accessKeyId: 'test-key', secretAccessKey: 'test-secret', region: 'ap-southeast-1' };

/**
 * A stand-in for an S3-compatible server on the loopback: it checks each request's signature and payload
 * hash the way S3 does, and keeps objects in memory.
 */
function fakeS3(): Promise<{
  server: Server;
  endpoint: string;
  objects: Map<string, Buffer>;
  paths: string[];
}> {
  const objects = new Map<string, Buffer>();
  const paths: string[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(request.url!, `http://${request.headers.host}`);
    paths.push(url.pathname);
    const signedNames =
      /SignedHeaders=([^,]+)/.exec(request.headers.authorization ?? '')?.[1]?.split(';') ?? [];
    const extra = Object.fromEntries(
      signedNames
        .filter((name) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(name))
        .map((name) => [name, String(request.headers[name])]),
    );
    const amzDate = String(request.headers['x-amz-date']);
    const date = new Date(
      `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
    );
    const expected = signV4(
      {
        method: request.method!,
        url,
        headers: extra,
        payloadHash: String(request.headers['x-amz-content-sha256']),
        date,
      },
      { ...credentials, service: 's3' },
    );
    if (expected.authorization !== request.headers.authorization) {
      response.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
      return;
    }
    if (request.method === 'PUT') {
      const hash = createHash('sha256').update(body).digest('hex');
      if (hash !== request.headers['x-amz-content-sha256']) {
        response.writeHead(400).end('<Error><Code>XAmzContentSHA256Mismatch</Code></Error>');
        return;
      }
      objects.set(url.pathname, body);
      response.writeHead(200).end();
      return;
    }
    const object = objects.get(url.pathname);
    if (request.method === 'DELETE') {
      objects.delete(url.pathname);
      response.writeHead(204).end();
    } else if (!object) {
      response.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
    } else if (request.method === 'HEAD') {
      response.writeHead(200, { 'content-length': object.length }).end();
    } else {
      response.writeHead(200, { 'content-length': object.length }).end(object);
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        objects,
        paths,
      }),
    ),
  );
}

describe('S3Storage', () => {
  let fake: Awaited<ReturnType<typeof fakeS3>>;
  beforeAll(async () => (fake = await fakeS3()));
  afterAll(() => new Promise((resolve) => fake.server.close(resolve)));

  const storage = (overrides: Partial<ConstructorParameters<typeof S3Storage>[0]> = {}) =>
    new S3Storage({
      endpoint: fake.endpoint,
      bucket: 'lc-files',
      forcePathStyle: true,
      ...credentials,
      ...overrides,
    });

  it('stores a stream with a signed, hash-checked PUT and reads it back', async () => {
    const data = Buffer.from('%PDF-1.4 evidence of learning');
    const options = {
      contentType: 'application/pdf',
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
    const s3 = storage();
    await s3.put('attachments/2026/11/abc', Readable.from([data.subarray(0, 5), data.subarray(5)]), options);
    expect(fake.paths.at(-1)).toBe('/lc-files/attachments/2026/11/abc');
    expect(await s3.exists('attachments/2026/11/abc')).toBe(true);
    const stored = await s3.get('attachments/2026/11/abc');
    const chunks: Buffer[] = [];
    for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(data);
    expect(stored.size).toBe(data.length);
    await s3.delete('attachments/2026/11/abc');
    expect(await s3.exists('attachments/2026/11/abc')).toBe(false);
    await expect(s3.get('attachments/2026/11/abc')).rejects.toBeInstanceOf(StorageObjectNotFound);
  });

  it('fails when the server refuses (a wrong secret, a body that does not match its hash)', async () => {
    const data = Buffer.from('%PDF-1.4');
    const good = {
      contentType: 'application/pdf',
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
    await expect(storage({ secretAccessKey: 'wrong' }).put('attachments/x', data, good)).rejects.toThrow(
      /answered 403: .*SignatureDoesNotMatch/,
    );
    await expect(storage().put('attachments/x', data, { ...good, sha256: 'f'.repeat(64) })).rejects.toThrow(
      /answered 400/,
    );
    expect(fake.objects.has('/lc-files/attachments/x')).toBe(false);
  });

  it('addresses the bucket as a host name when path style is off, and refuses unsafe keys', () => {
    const s3 = new S3Storage({
      endpoint: 'https://s3.example.test',
      bucket: 'lc-files',
      forcePathStyle: false,
      ...credentials,
    });
    expect(s3.urlOf('attachments/2026/11/abc').href).toBe(
      'https://lc-files.s3.example.test/attachments/2026/11/abc',
    );
    expect(() => s3.urlOf('../../etc/passwd')).toThrow('Refused storage key');
  });
});
