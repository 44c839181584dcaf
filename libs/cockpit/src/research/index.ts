export { ResearchModule } from './research.module';
export { ResearchService } from './research.service';
export type { ResearchExtract } from './research.service';
export { RESEARCH_DATASETS } from './research-datasets';
export type { ResearchDataset } from './research-datasets';
export { ResearchErrors } from './research-errors';
