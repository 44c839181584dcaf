import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import {
  blockMessage,
  BlockHeader,
  merkleLeaf,
  merkleNode,
  merklePath,
  merkleRoot,
  publicKeyPem,
  rootFromPath,
  signBlock,
  verifyBlockSignature,
} from './chain-crypto';
import { ephemeralSigningKey, loadSigningKey, parseSigningKey, rawPublicKey } from './signing-key';

const leaves = (count: number) =>
  Array.from({ length: count }, (_, i) => createHash('sha256').update(`transfer ${i}`).digest());

describe('Merkle tree', () => {
  it('separates leaves from nodes and promotes an odd last node unchanged', () => {
    const [a, b, c] = leaves(3);
    expect(merkleRoot([a!])).toEqual(merkleLeaf(a!));
    expect(merkleLeaf(a!)).toEqual(
      createHash('sha256')
        .update(Buffer.from([0]))
        .update(a!)
        .digest(),
    );
    expect(merkleRoot([a!, b!, c!])).toEqual(
      merkleNode(merkleNode(merkleLeaf(a!), merkleLeaf(b!)), merkleLeaf(c!)),
    );
    // No duplication: [a, b, c] and [a, b, c, c] have different roots.
    expect(merkleRoot([a!, b!, c!])).not.toEqual(merkleRoot([a!, b!, c!, c!]));
  });

  it('gives every leaf a path that folds to the root, for every size up to 70', () => {
    for (let size = 1; size <= 70; size++) {
      const hashes = leaves(size);
      const root = merkleRoot(hashes);
      for (let index = 0; index < size; index++) {
        expect(rootFromPath(hashes[index]!, merklePath(hashes, index))).toEqual(root);
      }
    }
  });

  it('rejects a path used for another leaf or with a side swapped', () => {
    const hashes = leaves(9);
    const root = merkleRoot(hashes);
    const path = merklePath(hashes, 4);
    expect(rootFromPath(hashes[5]!, path)).not.toEqual(root);
    const swapped = path.map((step, i) =>
      i === 0
        ? { ...step, position: step.position === 'left' ? ('right' as const) : ('left' as const) }
        : step,
    );
    expect(rootFromPath(hashes[4]!, swapped)).not.toEqual(root);
  });
});

describe('block signatures', () => {
  const header: BlockHeader = {
    blockNo: 3,
    firstSeq: 1001,
    lastSeq: 1500,
    merkleRoot: 'ab'.repeat(32),
    headHash: 'cd'.repeat(32),
  };

  it('signs a fixed canonical message with Ed25519, checkable with plain node:crypto and the PEM key', () => {
    expect(blockMessage(header)).toBe(
      `{"blockNo":"3","firstSeq":"1001","headHash":"${'cd'.repeat(32)}","lastSeq":"1500","merkleRoot":"${'ab'.repeat(32)}","type":"lc-ledger-block/1"}`,
    );
    const key = ephemeralSigningKey();
    const signature = signBlock(key.privateKey, header);
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(verifyBlockSignature(header, signature, key.publicKey)).toBe(true);
    expect(
      verify(
        null,
        Buffer.from(blockMessage(header)),
        publicKeyPem(key.publicKey),
        Buffer.from(signature, 'hex'),
      ),
    ).toBe(true);
  });

  it('fails for any changed field, another key or a malformed signature', () => {
    const key = ephemeralSigningKey();
    const signature = signBlock(key.privateKey, header);
    expect(verifyBlockSignature({ ...header, lastSeq: 1499 }, signature, key.publicKey)).toBe(false);
    expect(verifyBlockSignature({ ...header, merkleRoot: 'ac'.repeat(32) }, signature, key.publicKey)).toBe(
      false,
    );
    expect(verifyBlockSignature(header, signature, ephemeralSigningKey().publicKey)).toBe(false);
    expect(verifyBlockSignature(header, signature.slice(2), key.publicKey)).toBe(false);
    expect(verifyBlockSignature(header, signature, 'not-a-key')).toBe(false);
  });
});

describe('signing key configuration', () => {
  it('accepts the base64 of a 32-byte seed, deterministically', () => {
    const seed = Buffer.alloc(32, 7).toString('base64');
    const a = parseSigningKey(seed);
    expect(a.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(parseSigningKey(seed).publicKey).toBe(a.publicKey);
    expect(a.ephemeral).toBe(false);
  });

  it('accepts a PKCS#8 PEM, also with \\n written for newlines', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(parseSigningKey(pem).publicKey).toBe(rawPublicKey(privateKey));
    expect(parseSigningKey(pem.replace(/\n/g, '\\n')).publicKey).toBe(rawPublicKey(privateKey));
  });

  it('refuses other keys and malformed values', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    expect(() => parseSigningKey(rsa)).toThrow(/Ed25519/);
    expect(() => parseSigningKey(Buffer.alloc(16).toString('base64'))).toThrow(/32-byte/);
    expect(() => parseSigningKey('not a key at all')).toThrow();
  });

  it('is required in production; elsewhere a missing key becomes an ephemeral one', () => {
    expect(() => loadSigningKey({ NODE_ENV: 'production' })).toThrow(/required/);
    const key = loadSigningKey({ NODE_ENV: 'development' });
    expect(key.ephemeral).toBe(true);
    const configured = loadSigningKey({
      NODE_ENV: 'production',
      LEDGER_SIGNING_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    expect(configured.ephemeral).toBe(false);
  });
});
