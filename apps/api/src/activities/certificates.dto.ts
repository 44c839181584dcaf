import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { trim } from '../common/transforms';

export class CertificateRevokeDto {
  @ApiProperty({
    description: 'Why the certificate is revoked (kept in the audit log)',
    minLength: 1,
    maxLength: 1000,
  })
  @Transform(trim)
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
