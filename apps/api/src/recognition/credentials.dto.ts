import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class VerifyCredentialDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The credential as received: a JSON object (an OpenBadgeCredential with its embedded proof), at most 64 KB. ' +
      'Its contents are judged by the checks, not refused by validation.',
  })
  @IsObject()
  credential!: Record<string, unknown>;
}
