import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { FEED_SCOPES, FeedScope } from '@lc/community';
import { trim } from '../common/transforms';

export class FeedQuery {
  @ApiPropertyOptional({ enum: FEED_SCOPES, default: 'global' })
  @IsOptional()
  @IsIn(FEED_SCOPES)
  scope?: FeedScope;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class FollowDto {
  @ApiProperty({ enum: ['member', 'learningArea'] }) @IsIn(['member', 'learningArea']) targetType!:
    'member' | 'learningArea';
  @ApiProperty({ description: 'A member id, or a learning area code of the taxonomy' })
  @IsString()
  @Length(1, 64)
  targetId!: string;
}

export class MarkReadDto {
  @ApiPropertyOptional({ type: [String] })
  @ValidateIf((o: MarkReadDto) => o.all === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];
  @ApiPropertyOptional({ enum: [true] })
  @IsOptional()
  @Equals(true)
  all?: true;
}

export class ChannelsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() inApp?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() email?: boolean;
}

export class PreferencesDto {
  @ApiPropertyOptional({
    description: 'Per notification type: {inApp, email}',
    additionalProperties: { $ref: '#/components/schemas/ChannelsDto' },
  })
  @IsOptional()
  @IsObject()
  channels?: Record<string, ChannelsDto>;
  @ApiPropertyOptional({ enum: ['off', 'daily'] }) @IsOptional() @IsIn(['off', 'daily']) digest?:
    'off' | 'daily';
}

export class AnnouncementDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 200) title!: string;
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 5000) body!: string;
  @ApiProperty({ enum: ['national', 'area'] }) @IsIn(['national', 'area']) scope!: 'national' | 'area';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() areaId?: string;
}
