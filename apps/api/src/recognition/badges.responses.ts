import { ApiProperty } from '@nestjs/swagger';

/** The answers of the badge routes, for the OpenAPI document (the web app's client is made from it). */

class BadgeTextResponse {
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

export class BadgeResponse {
  @ApiProperty() code!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
  @ApiProperty({ type: () => BadgeTextResponse }) description!: BadgeTextResponse;
  @ApiProperty({ type: () => BadgeTextResponse, description: 'How it is earned' })
  criteria!: BadgeTextResponse;
  @ApiProperty() criterion!: string;
  @ApiProperty({ type: 'integer' }) required!: number;
  @ApiProperty() colour!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'uri', description: 'The badge’s picture (SVG)' }) image!: string;
}

export class BadgeAwardResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: () => BadgeResponse }) badge!: BadgeResponse;
  @ApiProperty({ format: 'date-time' }) awardedAt!: string;
  @ApiProperty() revoked!: boolean;
  @ApiProperty({ type: String, nullable: true }) revokedReason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) credentialId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uri',
    nullable: true,
    description: 'The signed Open Badges 3.0 credential (JSON), public, for any wallet',
  })
  credentialUrl!: string | null;
}
