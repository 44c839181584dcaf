import { Optional } from '@lc/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { trim } from '../common/transforms';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';

export class RegisterDto {
  @ApiProperty({ example: 'kru.somchai@example.ac.th' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 128, description: 'Any characters; common passwords are refused' })
  @IsString()
  @Length(8, 128)
  password!: string;

  @ApiProperty({ example: 'ครูสมชาย ใจดี' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  displayName!: string;

  @ApiProperty({ description: 'A memberKinds code of the taxonomy', example: 'teacher' })
  @IsString()
  @MaxLength(40)
  memberKind!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  schoolId?: string;

  @ApiProperty({
    description: 'Acceptance of the terms of use and the privacy notice (PDPA consent)',
    example: true,
  })
  @IsBoolean()
  @Equals(true, { message: 'acceptTerms must be true' })
  acceptTerms!: boolean;
}

export class LoginDto {
  @ApiProperty() @IsString() @MaxLength(254) email!: string;
  @ApiProperty() @IsString() @MaxLength(1024) password!: string;
}

export class RefreshDto {
  @ApiPropertyOptional({
    description:
      'Required unless the request carries `X-Auth-Transport: cookie` (then the `lc_refresh` cookie is used)',
  })
  @Optional()
  @IsString()
  @Length(20, 200)
  refreshToken?: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'kru.somchai@example.ac.th' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token of the reset link (`/reset-password?token=…`) sent by e-mail' })
  @IsString()
  @Length(20, 200)
  token!: string;

  @ApiProperty({ minLength: 8, maxLength: 128, description: 'Any characters; common passwords are refused' })
  @IsString()
  @Length(8, 128)
  password!: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The token of the confirmation link (`/verify-email?token=…`) sent by e-mail' })
  @IsString()
  @Length(20, 200)
  token!: string;
}

export class UpdateProfileDto {
  @ApiPropertyOptional() @Optional() @Transform(trim) @IsString() @Length(1, 120) displayName?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(40) memberKind?: string;
  @ApiPropertyOptional({ nullable: true })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  schoolId?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(20)
  academicStanding?: string | null;
  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  learningAreas?: string[];
  @ApiPropertyOptional({ nullable: true })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  bio?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Private: shown only to the member' })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(30)
  phone?: string | null;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MaxLength(1024) currentPassword!: string;
  @ApiProperty() @IsString() @Length(8, 128) newPassword!: string;
}

export class ErasureDto {
  @ApiProperty({ description: 'The current password, to confirm' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class ReasonDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(3, 500) reason!: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional() @Optional() @Transform(trim) @IsString() @Length(3, 500) reason?: string;
}

export class GrantRoleDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId!: string;

  @ApiProperty({ enum: ['partner_staff', 'school_admin', 'area_admin', 'moderator', 'obec_admin'] })
  @IsIn(['partner_staff', 'school_admin', 'area_admin', 'moderator', 'obec_admin'])
  role!: 'partner_staff' | 'school_admin' | 'area_admin' | 'moderator' | 'obec_admin';

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The partner, school or area the role covers; none for national roles',
  })
  @Optional()
  @IsUUID()
  scopeId?: string;

  @ApiProperty() @Transform(trim) @IsString() @Length(3, 500) reason!: string;
}

export class AreasQuery {
  @ApiPropertyOptional({ enum: ['primary', 'secondary'] })
  @Optional()
  @IsIn(['primary', 'secondary'])
  level?: string;
  @ApiPropertyOptional({ description: 'Province code, Thai or English name' })
  @Optional()
  @IsString()
  @MaxLength(60)
  province?: string;
}

export class SchoolsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID() areaId?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(500) cursor?: string;
}

export class CursorQuery {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(500) cursor?: string;
}

export class ProfileChangesQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected', 'cancelled'], default: 'pending' })
  @Optional()
  @IsIn(['pending', 'approved', 'rejected', 'cancelled'])
  status?: 'pending' | 'approved' | 'rejected' | 'cancelled';
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(500) cursor?: string;
}

export class RoleGrantsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID() memberId?: string;
}

export class ImportQuery {
  @ApiPropertyOptional({ description: 'Import the valid rows and report the others' })
  @Optional()
  @IsIn(['true', 'false'])
  skipInvalid?: 'true' | 'false';
}
