import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CredentialsService } from '@lc/recognition';
import { Public } from '../auth/access.decorators';
import { VerifyCredentialDto } from './credentials.dto';
import {
  CredentialVerificationResponse,
  IssuerDocumentResponse,
  SIGNED_CREDENTIAL_SCHEMA,
} from './credentials.responses';

/**
 * Verifiable badges, public: anyone (a wallet, an employer, another platform) fetches a badge, the issuer's key and
 * the revocation lists, or asks the platform to check a badge. The documents may be read from any web origin.
 */
@ApiTags('credentials')
@Controller()
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Public()
  @Get('credentials/issuer')
  @Header('access-control-allow-origin', '*')
  @ApiOperation({
    summary:
      'The badge issuer: its Open Badges Profile and the Ed25519 key (Multikey) that signs every badge',
    description:
      'The verificationMethod of every badge proof is this document’s URL with #key-1; the key is listed under ' +
      'assertionMethod. Stable: badges issued years ago are checked against it.',
  })
  @ApiOkResponse({ type: IssuerDocumentResponse })
  issuer() {
    return this.credentials.issuerDocument();
  }

  @Public()
  @Get('credentials/status/:listId')
  @Header('access-control-allow-origin', '*')
  @ApiOperation({
    summary: 'A revocation list: a signed BitstringStatusListCredential (W3C Bitstring Status List v1.0)',
    description:
      'credentialSubject.encodedList is the GZIP-compressed bitstring of 131,072 slots, base64url with the multibase ' +
      'prefix u; the bit at a badge’s statusListIndex (0 is the left-most) is 1 when the badge is revoked. ' +
      '404 CREDENTIAL_STATUS_LIST_NOT_FOUND for a list that does not exist.',
  })
  @ApiOkResponse({ schema: SIGNED_CREDENTIAL_SCHEMA, description: 'A BitstringStatusListCredential' })
  statusList(@Param('listId') listId: string) {
    return this.credentials.statusList(listId);
  }

  @Public()
  @Get('credentials/:id')
  @Header('access-control-allow-origin', '*')
  @ApiOperation({
    summary: 'One badge as a signed Open Badges 3.0 credential (OpenBadgeCredential, W3C VC 2.0)',
    description:
      'With an embedded DataIntegrityProof (cryptosuite eddsa-rdfc-2022). Revoked badges are served too: their ' +
      'credentialStatus entry points at the list that says so. 404 CREDENTIAL_NOT_FOUND.',
  })
  @ApiOkResponse({ schema: SIGNED_CREDENTIAL_SCHEMA, description: 'An OpenBadgeCredential' })
  credential(@Param('id', ParseUUIDPipe) id: string) {
    return this.credentials.get(id);
  }

  @Public()
  @Post('credentials/verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check a badge: its shape, signature, issuer, revocation status and validity period',
    description:
      'A changed or revoked badge answers 200 with verified false and the failing checks. 400 CREDENTIAL_MALFORMED ' +
      'when the credential is not a JSON object with an @context array and a type; 413 CREDENTIAL_TOO_LARGE past 64 KB.',
  })
  @ApiOkResponse({ type: CredentialVerificationResponse })
  verify(@Body() body: VerifyCredentialDto) {
    return this.credentials.verify(body.credential);
  }
}
