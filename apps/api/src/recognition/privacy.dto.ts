import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export class UpdatePrivacyDto {
  @ApiPropertyOptional({ description: 'Shown on leaderboards (false: on none of them)' })
  @IsOptional()
  @IsBoolean()
  leaderboards?: boolean;
  @ApiPropertyOptional({
    enum: ['public', 'members', 'private'],
    description: 'Who may open my portfolio: everyone, signed-in members, or only me',
  })
  @IsOptional()
  @IsIn(['public', 'members', 'private'])
  portfolio?: 'public' | 'members' | 'private';
}

export class PrivacyResponse {
  @ApiProperty() leaderboards!: boolean;
  @ApiProperty({ enum: ['public', 'members', 'private'] }) portfolio!: string;
}
