import { ApiProperty } from '@nestjs/swagger';

class ResearchColumnResponse {
  @ApiProperty() key!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
}

class ResearchDatasetResponse {
  @ApiProperty({ enum: ['innovations', 'feedback', 'adoptions', 'points'] }) dataset!: string;
  @ApiProperty() th!: string;
  @ApiProperty() en!: string;
  @ApiProperty({ type: [ResearchColumnResponse] }) columns!: ResearchColumnResponse[];
}

export class ResearchDictionaryResponse {
  @ApiProperty({ description: 'The smallest group of people a cell may describe' }) minGroup!: number;
  @ApiProperty({ type: [ResearchDatasetResponse] }) datasets!: ResearchDatasetResponse[];
}
