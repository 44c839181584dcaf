// What other code imports from @lc/core; everything else in this folder is the library's own.

// Modules
export { APP_CONFIG, ConfigModule } from './config/config.module';
export {
  LoggingModule,
  Logger,
  ROOT_LOGGER,
  bindRequestLogger,
  createHttpLogger,
  requestIdFor,
} from './logging/logger.module';

// Configuration
export { ConfigValidationError, loadConfig } from './config/app-config';
export type { AppConfig } from './config/app-config';

// Errors (each library's *-errors.ts registers its codes with defineErrors and adds them to RegisteredErrorCodes)
export { CoreErrors, defineErrors, errorDefinition, isErrorCode } from './errors/error-catalogue';
export type { ErrorCode, RegisteredErrorCodes } from './errors/error-catalogue';
export { DomainError } from './errors/domain-error';
export { ProblemDetailsFilter } from './errors/problem-details.filter';

// HTTP input
export { Optional, Required, createValidationPipe } from './http/validation';
export { InputErrors, assertCleanValue, hasForbiddenCharacters, parseJsonBody } from './http/input-guard';

// Identifiers, pages, batching, metrics
export { randomPoolBytes, uuidOfBytes, uuidv7 } from './ids';
export { DEFAULT_PAGE_SIZE, decodeCursor, toPage } from './pagination';
export type { Page } from './pagination';
export { Batcher } from './batching';
export { httpRequestDuration, metricsRegistry } from './metrics/metrics';

// Reference data (provinces, service areas, taxonomy)
export {
  AreaRowError,
  loadAreas,
  loadProvinces,
  loadTaxonomy,
  taxonomyCodes,
  toAreaRow,
} from './reference/reference-data';
export { Clock } from './clock';
export {
  bahtAmount,
  englishDate,
  percentOf,
  THAI_MONTHS,
  THAI_MONTHS_SHORT,
  thaiDate,
  thaiDateRange,
  thaiDateTime,
  thaiMonthLabel,
  thaiNumber,
  thaiShortDate,
} from './format/thai-format';
