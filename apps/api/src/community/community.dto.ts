import { Optional } from '@lc/core';
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
  @Optional()
  @IsIn(FEED_SCOPES)
  scope?: FeedScope;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(500) cursor?: string;
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
  @Optional()
  @Equals(true)
  all?: true;
}

export class ChannelsDto {
  @ApiPropertyOptional() @Optional() @IsBoolean() inApp?: boolean;
  @ApiPropertyOptional() @Optional() @IsBoolean() email?: boolean;
}

export class PreferencesDto {
  @ApiPropertyOptional({
    description: 'Per notification type: {inApp, email}',
    additionalProperties: { $ref: '#/components/schemas/ChannelsDto' },
  })
  @Optional()
  @IsObject()
  channels?: Record<string, ChannelsDto>;
  @ApiPropertyOptional({ enum: ['off', 'daily'] }) @Optional() @IsIn(['off', 'daily']) digest?:
    'off' | 'daily';
}

export class AnnouncementDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 200) title!: string;
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 5000) body!: string;
  @ApiProperty({ enum: ['national', 'area'] }) @IsIn(['national', 'area']) scope!: 'national' | 'area';
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID() areaId?: string;
}
