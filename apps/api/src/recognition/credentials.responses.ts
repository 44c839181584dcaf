import { ApiProperty } from '@nestjs/swagger';

/**
 * The answers of the verifiable badge routes. The credential and the status list are W3C documents (Verifiable
 * Credentials 2.0, Open Badges 3.0, Bitstring Status List v1.0) served exactly as signed, so they are documented
 * as objects that point at their specifications rather than field by field.
 */

const CHECKS = ['shape', 'proof', 'issuer', 'status', 'expiry'];

export class CredentialCheckResponse {
  @ApiProperty({
    enum: CHECKS,
    description:
      'shape: an OpenBadgeCredential as the platform issues them; proof: the Data Integrity signature over the ' +
      'whole credential; issuer: issued by this platform with its published key; status: not revoked in its ' +
      'status list; expiry: within validFrom and validUntil',
  })
  check!: string;
  @ApiProperty({ type: Boolean }) ok!: boolean;
  @ApiProperty({ type: String, description: 'What the check found, in Thai' }) th!: string;
  @ApiProperty({ type: String, description: 'What the check found, in English' }) en!: string;
}

export class CredentialVerificationResponse {
  @ApiProperty({ type: Boolean, description: 'True only when every check passed' }) verified!: boolean;
  @ApiProperty({ type: [CredentialCheckResponse] }) checks!: CredentialCheckResponse[];
}

export class VerificationMethodResponse {
  @ApiProperty({ type: String, description: '<issuer id>#key-1' }) id!: string;
  @ApiProperty({ enum: ['Multikey'] }) type!: string;
  @ApiProperty({ type: String, description: 'The issuer id' }) controller!: string;
  @ApiProperty({
    type: String,
    description:
      'The Ed25519 public key: multibase base58btc (z) of the multicodec prefix 0xed01 and the 32 bytes',
  })
  publicKeyMultibase!: string;
}

export class IssuerDocumentResponse {
  @ApiProperty({ name: '@context', type: [String] }) context!: string[];
  @ApiProperty({ type: String, description: 'The issuer id, this document’s URL' }) id!: string;
  @ApiProperty({ type: [String], example: ['Profile'] }) type!: string[];
  @ApiProperty({ type: String, description: 'Thai / English' }) name!: string;
  @ApiProperty({ type: String }) url!: string;
  @ApiProperty({ type: [VerificationMethodResponse] }) verificationMethod!: VerificationMethodResponse[];
  @ApiProperty({ type: [String], description: 'The keys that sign badges' }) assertionMethod!: string[];
}

/** An OpenBadgeCredential or a BitstringStatusListCredential, as signed. */
export const SIGNED_CREDENTIAL_SCHEMA = { type: 'object' as const, additionalProperties: true };
