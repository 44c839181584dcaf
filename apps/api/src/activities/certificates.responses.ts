import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const KINDS = ['forum', 'learning_talk', 'showcase', 'workshop', 'coaching'];

export class CertificateEventSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: KINDS }) kind!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
}

export class CertificateMineResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'LC-2569-000123' }) number!: string;
  @ApiProperty({
    description: 'The code printed on it, for the public verification page',
    example: 'K7MQ2XZP9A',
  })
  code!: string;
  @ApiProperty({ type: () => CertificateEventSummaryResponse }) event!: CertificateEventSummaryResponse;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty() revoked!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({
    description: 'Where the PDF is downloaded (signed-in)',
    example: '/api/v1/certificates/…/pdf',
  })
  downloadUrl!: string;
  @ApiProperty({ description: 'The public verification page the QR leads to' }) verifyUrl!: string;
}

export class CertificateOrganiserNameResponse {
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

export class CertificateVerifiedEventResponse {
  @ApiProperty() title!: string;
  @ApiProperty({ enum: KINDS }) kind!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ type: () => CertificateOrganiserNameResponse }) organiser!: CertificateOrganiserNameResponse;
}

export class CertificateVerificationResponse {
  @ApiProperty({ enum: ['valid', 'revoked', 'unknown'] }) status!: 'valid' | 'revoked' | 'unknown';
  @ApiPropertyOptional({ description: "The holder's name as printed (nothing else of them)" })
  holder?: string;
  @ApiPropertyOptional({ type: () => CertificateVerifiedEventResponse })
  event?: CertificateVerifiedEventResponse;
  @ApiPropertyOptional({ format: 'date-time' }) issuedAt?: string;
  @ApiPropertyOptional() number?: string;
  @ApiPropertyOptional({ format: 'date-time' }) revokedAt?: string;
}

export class CertificateProgressResponse {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: 'integer', description: 'Members who completed the event' }) completers!: number;
  @ApiProperty({ type: 'integer' }) issued!: number;
  @ApiProperty({ type: 'integer' }) revoked!: number;
  @ApiProperty({ type: 'integer', description: 'Completers still without a certificate' }) pending!: number;
  @ApiProperty({
    enum: ['waiting', 'issuing', 'done'],
    description: 'waiting: not due yet; issuing: due, some still pending; done: every completer has one',
  })
  status!: 'waiting' | 'issuing' | 'done';
  @ApiProperty({ format: 'date-time', description: 'When the certificates fall due' }) dueAt!: string;
  @ApiProperty({ description: "Whether the event's completions have been decided" })
  completionsComputed!: boolean;
}

export class CertificateRevokedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) revokedAt!: string;
}
