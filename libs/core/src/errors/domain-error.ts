import { ErrorCode, errorDefinition } from './error-catalogue';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The error every domain throws. The HTTP status and the Thai/English texts come from the code's
 * definition; `detail` adds what is specific to this occurrence.
 */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extensions: { errors?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    const definition = errorDefinition(code);
    if (!definition) throw new Error(`Unknown error code ${code}: register it with defineErrors`);
    super(detail ?? definition.en);
    this.name = 'DomainError';
    this.status = definition.status;
  }
}
