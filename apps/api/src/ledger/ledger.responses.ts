import { ApiProperty } from '@nestjs/swagger';

/**
 * The answers of the points routes (wallet, statement, earning rules, adjustments) and of the ledger's tamper
 * evidence (signed head, inclusion proofs, verification), for the OpenAPI document the web app's client is
 * generated from. Shapes as WalletService, LedgerService and LedgerChainService build them.
 */

const TRANSFER_KINDS = ['award', 'reversal', 'adjustment', 'hold', 'post', 'void', 'expiry'];
const CHAIN_PROBLEMS = [
  'hash_mismatch',
  'transfer_missing',
  'transfer_not_in_chain',
  'block_membership',
  'block_range',
  'merkle_root_mismatch',
  'head_hash_mismatch',
  'bad_signature',
  'untrusted_key',
];

export class WalletResponse {
  @ApiProperty({ type: 'integer', description: 'Points on the account' }) balance!: number;
  @ApiProperty({ type: 'integer', description: 'Held for redemptions in progress' }) pending!: number;
  @ApiProperty({ type: 'integer', description: 'balance − pending' }) spendable!: number;
  @ApiProperty({ type: 'integer', description: 'Points earned in total' }) lifetimeEarned!: number;
}

export class WalletReasonResponse {
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: String }) th!: string;
  @ApiProperty({ type: String }) en!: string;
}

export class WalletStatementLineResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer', description: 'The transfer’s place in the ledger' }) seq!: number;
  @ApiProperty({ enum: TRANSFER_KINDS }) kind!: string;
  @ApiProperty({
    type: 'integer',
    description:
      'Positive when points arrived, negative when they left; 0 for a hold or its release (they move only the pending amount)',
  })
  amount!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Change of the held amount: + for a hold, − when it is posted or voided',
  })
  held!: number;
  @ApiProperty({ type: 'integer' }) balanceAfter!: number;
  @ApiProperty({ type: () => WalletReasonResponse }) reason!: WalletReasonResponse;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) innovationId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class WalletStatementPageResponse {
  @ApiProperty({ type: [WalletStatementLineResponse] }) items!: WalletStatementLineResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class EarningRuleResponse {
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: String, description: 'The event that earns the points' }) eventType!: string;
  @ApiProperty({ enum: ['actor', 'author'] }) beneficiary!: 'actor' | 'author';
  @ApiProperty({ type: 'integer' }) points!: number;
  @ApiProperty({ type: 'integer', nullable: true }) capDay!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) capWeek!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) capMonth!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) activeFrom!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) activeUntil!: string | null;
  @ApiProperty({ type: Boolean }) enabled!: boolean;
  @ApiProperty({ type: String }) nameTh!: string;
  @ApiProperty({ type: String }) nameEn!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The admin who changed it last' })
  updatedBy!: string | null;
}

export class EarningRuleListResponse {
  @ApiProperty({ type: [EarningRuleResponse] }) items!: EarningRuleResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: the list is not paged' })
  nextCursor!: string | null;
}

export class WalletAdjustmentResponse {
  @ApiProperty({ type: String, format: 'uuid' }) transferId!: string;
  @ApiProperty({ type: 'integer', description: 'As asked: positive credited, negative taken back' })
  amount!: number;
  @ApiProperty({ type: () => WalletResponse, description: 'The member’s wallet after the adjustment' })
  wallet!: WalletResponse;
}

export class LedgerHeadResponse {
  @ApiProperty({ type: 'integer', description: 'The last transfer sealed (the block’s last seq)' })
  seq!: number;
  @ApiProperty({ type: String, description: 'Its chain hash (hex): commits to every transfer up to seq' })
  hash!: string;
  @ApiProperty({ type: String, description: 'The block’s Merkle root (hex)' }) blockRoot!: string;
  @ApiProperty({ type: String, description: 'Ed25519 signature over signedMessage (hex)' })
  signature!: string;
  @ApiProperty({ type: String, description: 'Raw 32-byte Ed25519 public key (hex)' }) publicKey!: string;
  @ApiProperty({ type: String, description: 'The same key as SPKI PEM' }) publicKeyPem!: string;
  @ApiProperty({ type: 'integer' }) blockNo!: number;
  @ApiProperty({ type: 'integer' }) firstSeq!: number;
  @ApiProperty({ type: String, format: 'date-time' }) sealedAt!: string;
  @ApiProperty({ type: String, description: 'Exactly the bytes signed (UTF-8)' }) signedMessage!: string;
}

export class LedgerMerkleStepResponse {
  @ApiProperty({
    enum: ['left', 'right'],
    description:
      'Where the sibling sits: node(sibling, current) when left, node(current, sibling) when right',
  })
  position!: 'left' | 'right';
  @ApiProperty({ type: String, description: 'The sibling node (hex)' }) hash!: string;
}

export class LedgerSignedBlockResponse {
  @ApiProperty({ type: 'integer' }) blockNo!: number;
  @ApiProperty({ type: 'integer' }) firstSeq!: number;
  @ApiProperty({ type: 'integer' }) lastSeq!: number;
  @ApiProperty({ type: String, description: 'hex' }) merkleRoot!: string;
  @ApiProperty({ type: String, description: 'The chain hash of lastSeq (hex)' }) headHash!: string;
  @ApiProperty({ type: String, description: 'Ed25519 over the block message (hex)' }) signature!: string;
  @ApiProperty({ type: String, description: 'Raw 32-byte Ed25519 public key (hex)' }) publicKey!: string;
  @ApiProperty({ type: String, format: 'date-time' }) sealedAt!: string;
}

export class LedgerProofTransferResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty({ type: String, description: 'The transfer exactly as hashed' }) canonicalJson!: string;
}

export class LedgerRedactedProofTransferResponse {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
}

/** The full proof: for the member whose wallet the transfer touches and OBEC admins. */
export class LedgerProofResponse {
  @ApiProperty({ enum: ['lc-ledger-proof/1'] }) format!: 'lc-ledger-proof/1';
  @ApiProperty({ type: () => LedgerProofTransferResponse }) transfer!: LedgerProofTransferResponse;
  @ApiProperty({
    type: String,
    description: 'The chain hash of the previously chained transfer (32 zero bytes for the first), hex',
  })
  prevHash!: string;
  @ApiProperty({ type: String, description: 'SHA-256(prevHash ‖ canonicalJson), hex' }) hash!: string;
  @ApiProperty({ type: 'integer', description: 'The transfer’s position among the block’s leaves (0-based)' })
  leafIndex!: number;
  @ApiProperty({ type: [LedgerMerkleStepResponse] }) merklePath!: LedgerMerkleStepResponse[];
  @ApiProperty({ type: () => LedgerSignedBlockResponse }) block!: LedgerSignedBlockResponse;
}

/** The redacted proof: for anyone else (no transfer content, no previous hash). */
export class LedgerRedactedProofResponse {
  @ApiProperty({ enum: ['lc-ledger-proof-redacted/1'] }) format!: 'lc-ledger-proof-redacted/1';
  @ApiProperty({ type: () => LedgerRedactedProofTransferResponse })
  transfer!: LedgerRedactedProofTransferResponse;
  @ApiProperty({ type: String, description: 'The transfer’s chain hash: the Merkle leaf, hex' })
  hash!: string;
  @ApiProperty({ type: 'integer', description: 'The transfer’s position among the block’s leaves (0-based)' })
  leafIndex!: number;
  @ApiProperty({ type: [LedgerMerkleStepResponse] }) merklePath!: LedgerMerkleStepResponse[];
  @ApiProperty({ type: () => LedgerSignedBlockResponse }) block!: LedgerSignedBlockResponse;
}

export class LedgerVerificationResponse {
  @ApiProperty({ type: Boolean }) ok!: boolean;
  @ApiProperty({ type: 'integer', description: 'Chained transfers recomputed and found matching' })
  checked!: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The first seq that no longer matches (null when ok)',
  })
  firstBadSeq!: number | null;
  @ApiProperty({ enum: CHAIN_PROBLEMS, nullable: true, description: 'null when ok' }) problem!: string | null;
  @ApiProperty({ type: 'integer', description: 'Sealed blocks whose root and signature were checked' })
  blocks!: number;
  @ApiProperty({ type: 'integer', description: 'Committed transfers after the chain’s tip, not hashed yet' })
  unchained!: number;
  @ApiProperty({ type: 'integer' }) durationMs!: number;
}
