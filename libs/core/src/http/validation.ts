import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { CoreErrors } from '../errors/error-catalogue';
import { FieldProblem } from '../errors/domain-error';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelist, refuse unknown fields, transform: mass assignment is refused before any service sees the body. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new BadRequestException({
        code: CoreErrors.VALIDATION_FAILED,
        detail: problems.map((problem) => problem.message).join('; '),
        errors: problems,
      });
    },
  });
}
