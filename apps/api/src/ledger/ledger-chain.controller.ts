import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Actor } from '@lc/identity';
import { LedgerChainService } from '@lc/ledger';
import { CurrentActor, Public, Roles } from '../auth/access.decorators';
import {
  LedgerHeadResponse,
  LedgerProofResponse,
  LedgerRedactedProofResponse,
  LedgerVerificationResponse,
} from './ledger.responses';

@ApiTags('ledger')
@ApiExtraModels(LedgerProofResponse, LedgerRedactedProofResponse)
@Controller()
export class LedgerChainController {
  constructor(private readonly chain: LedgerChainService) {}

  @Public()
  @Get('ledger/head')
  @ApiOkResponse({ type: LedgerHeadResponse })
  @ApiOperation({
    summary:
      'The latest signed block of the points ledger: head seq and hash, Merkle root, Ed25519 signature',
    description:
      'Binary values are lower-case hex; publicKey is the raw 32-byte Ed25519 key (publicKeyPem the same as SPKI PEM). ' +
      'The signature covers signedMessage exactly. 404 LEDGER_NO_SIGNED_HEAD until the first block is sealed.',
  })
  head() {
    return this.chain.head();
  }

  @Public()
  @Get('ledger/transfers/:id/proof')
  @ApiOkResponse({
    description: 'The full proof (lc-ledger-proof/1) or the redacted one (lc-ledger-proof-redacted/1)',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(LedgerProofResponse) },
        { $ref: getSchemaPath(LedgerRedactedProofResponse) },
      ],
      discriminator: {
        propertyName: 'format',
        mapping: {
          'lc-ledger-proof/1': getSchemaPath(LedgerProofResponse),
          'lc-ledger-proof-redacted/1': getSchemaPath(LedgerRedactedProofResponse),
        },
      },
    },
  })
  @ApiOperation({
    summary:
      'Inclusion proof of one transfer: canonical JSON, chain hashes, Merkle path and the signed block',
    description:
      'Check it with verifyProof (libs/ledger/src/chain/proof.ts) or by hand: SHA-256(prevHash ‖ canonicalJson) = hash, ' +
      'the Merkle path leads from hash to block.merkleRoot, block.signature verifies with the published key. ' +
      'Only the member whose wallet the transfer touches and OBEC admins get the transfer itself (format lc-ledger-proof/1); ' +
      'anyone else gets format lc-ledger-proof-redacted/1: the chain hash, its Merkle path and the signed block, ' +
      'without canonicalJson and prevHash. ' +
      '404 LEDGER_TRANSFER_NOT_SEALED while the transfer waits for its block (seconds).',
  })
  proof(@CurrentActor() actor: Actor | undefined, @Param('id', ParseUUIDPipe) id: string) {
    return this.chain.proof(id, actor);
  }

  @Roles('obec_admin')
  @Post('admin/ledger/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: LedgerVerificationResponse })
  @ApiOperation({
    summary: 'Recompute the whole hash chain and every block; names the first seq that no longer matches',
  })
  verify() {
    return this.chain.verify();
  }
}
