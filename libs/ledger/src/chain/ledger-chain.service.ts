import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError } from '@lc/core';
import { Actor, isObecAdmin } from '@lc/identity';
import { TRANSFER_JSON_SQL } from './canonical';
import { blockMessage, merklePath, publicKeyPem, ZERO_HASH } from './chain-crypto';
import { LedgerChainErrors } from './ledger-chain-errors';
import { queryRows, withPgClient } from './pg-client';
import { LedgerProof, PROOF_FORMAT, REDACTED_PROOF_FORMAT, RedactedLedgerProof, SignedBlock } from './proof';
import { parseSigningKey } from './signing-key';
import { ChainVerification, verifyChain } from './verify-chain';

/** The latest signed block: what outsiders pin and check proofs against. Binary values are lower-case hex. */
export interface LedgerHead {
  /** The last transfer sealed (the block's last seq). */
  seq: number;
  /** Its chain hash: commits to every transfer up to seq. */
  hash: string;
  /** The block's Merkle root. */
  blockRoot: string;
  /** Ed25519 signature over `signedMessage`. */
  signature: string;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: string;
  publicKeyPem: string;
  blockNo: number;
  firstSeq: number;
  sealedAt: string;
  /** Exactly the bytes signed (UTF-8). */
  signedMessage: string;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const BLOCK_SQL = `SELECT block_no::text, first_seq::text, last_seq::text, encode(merkle_root, 'hex'), encode(head_hash, 'hex'),
  encode(signature, 'hex'), public_key, to_char(sealed_at AT TIME ZONE 'UTC', ${ISO}) FROM ledger_block b`;

const toBlock = (row: (string | null)[]): SignedBlock => ({
  blockNo: Number(row[0]),
  firstSeq: Number(row[1]),
  lastSeq: Number(row[2]),
  merkleRoot: row[3]!,
  headHash: row[4]!,
  signature: row[5]!,
  publicKey: row[6]!,
  sealedAt: row[7]!,
});

/**
 * The read side of tamper evidence (the API's): the signed head, inclusion proofs from stored hashes (no
 * transfer is hashed on the request path), and full verification on demand.
 */
@Injectable()
export class LedgerChainService {
  private readonly logger = new Logger(LedgerChainService.name);
  /** When the signing key is configured, verification insists every block carries its public key. */
  private readonly trustedPublicKeys: string[] | undefined;
  private verifying: Promise<ChainVerification> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.trustedPublicKeys = config.LEDGER_SIGNING_KEY
      ? [parseSigningKey(config.LEDGER_SIGNING_KEY).publicKey]
      : undefined;
  }

  async head(): Promise<LedgerHead> {
    const [row] = await withPgClient(this.dataSource, (client) =>
      queryRows(client, `${BLOCK_SQL} ORDER BY b.block_no DESC LIMIT 1`),
    );
    if (!row) throw new DomainError(LedgerChainErrors.LEDGER_NO_SIGNED_HEAD);
    const block = toBlock(row);
    return {
      seq: block.lastSeq,
      hash: block.headHash,
      blockRoot: block.merkleRoot,
      signature: block.signature,
      publicKey: block.publicKey,
      publicKeyPem: publicKeyPem(block.publicKey),
      blockNo: block.blockNo,
      firstSeq: block.firstSeq,
      sealedAt: block.sealedAt,
      signedMessage: blockMessage(block),
    };
  }

  /**
   * The inclusion proof of one transfer. The member whose wallet it touches and OBEC admins get the transfer
   * itself (canonical JSON); anyone else gets the redacted proof: the chain hash, its Merkle path and the signed
   * block, enough to check inclusion but nothing of who moved how many points.
   */
  async proof(transferId: string, actor?: Actor): Promise<LedgerProof | RedactedLedgerProof> {
    return withPgClient(this.dataSource, async (client) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const admin = !!actor && isObecAdmin(actor);
        // The content is read only for a caller allowed to see it.
        const [row] = await queryRows(
          client,
          `SELECT t.seq::text, c.block_no::text, encode(c.hash, 'hex'),
                  CASE WHEN $2::boolean OR EXISTS (SELECT 1 FROM ledger_account a
                         WHERE a.id IN (t.debit_account_id, t.credit_account_id) AND a.kind = 'member' AND a.owner_id = $3::uuid)
                       THEN ${TRANSFER_JSON_SQL} END
             FROM ledger_transfer t LEFT JOIN ledger_chain c ON c.seq = t.seq WHERE t.id = $1`,
          [transferId, admin, actor?.memberId ?? null],
        );
        if (!row) throw new DomainError(LedgerChainErrors.LEDGER_TRANSFER_NOT_FOUND);
        const [seqText, blockNo, hash, canonicalJson] = row;
        if (blockNo === null) throw new DomainError(LedgerChainErrors.LEDGER_TRANSFER_NOT_SEALED);
        const seq = Number(seqText);
        const [blockRow] = await queryRows(client, `${BLOCK_SQL} WHERE block_no = $1`, [blockNo]);
        if (!blockRow) throw new DomainError(LedgerChainErrors.LEDGER_TRANSFER_NOT_SEALED);
        const leaves = await queryRows(
          client,
          `SELECT c.seq::text, c.hash FROM ledger_chain c WHERE c.block_no = $1 ORDER BY c.seq`,
          [blockNo],
        );
        const leafIndex = leaves.findIndex(([leafSeq]) => Number(leafSeq) === seq);
        const path = merklePath(
          leaves.map(([, leaf]) => Buffer.from(leaf!.slice(2), 'hex')),
          leafIndex,
        );
        if (canonicalJson === null || canonicalJson === undefined) {
          return {
            format: REDACTED_PROOF_FORMAT,
            transfer: { id: transferId, seq },
            hash: hash!,
            leafIndex,
            merklePath: path,
            block: toBlock(blockRow),
          };
        }
        const [previous] = await queryRows(
          client,
          `SELECT encode(hash, 'hex') FROM ledger_chain WHERE seq < $1 ORDER BY seq DESC LIMIT 1`,
          [seq],
        );
        return {
          format: PROOF_FORMAT,
          transfer: { id: transferId, seq, canonicalJson },
          prevHash: previous?.[0] ?? ZERO_HASH.toString('hex'),
          hash: hash!,
          leafIndex,
          merklePath: path,
          block: toBlock(blockRow),
        };
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
      }
    });
  }

  /** Recomputes everything; concurrent calls share one run. */
  async verify(): Promise<ChainVerification> {
    this.verifying ??= verifyChain(this.dataSource, { trustedPublicKeys: this.trustedPublicKeys })
      .then((result) => {
        if (result.ok) this.logger.log(result, 'ledger chain verified');
        else this.logger.error(result, 'LEDGER TAMPERING: the chain no longer matches the transfers');
        return result;
      })
      .finally(() => (this.verifying = null));
    return this.verifying;
  }
}
