import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { IsDefined, ValidateIf } from 'class-validator';
import { CoreErrors } from '../errors/error-catalogue';
import { FieldProblem } from '../errors/domain-error';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * A field that may be left out — but not sent as `null` (class-validator's IsOptional lets null through, and a
 * null then reached NOT NULL columns as a 500). Fields that may be cleared add `ValidateIf((_, v) => v !== null)`.
 */
export const Optional = (): PropertyDecorator => (target, key) =>
  ValidateIf((object: object, value: unknown) => value !== undefined || isRequired(object.constructor, key))(
    target,
    key,
  );

const REQUIRED = new WeakMap<object, Set<string | symbol>>();

function isRequired(type: unknown, key: string | symbol): boolean {
  for (let current = type; current && current !== Object; current = Object.getPrototypeOf(current)) {
    if (REQUIRED.get(current as object)?.has(key)) return true;
  }
  return false;
}

/**
 * A field a subclass requires although its parent lets it be left out (CreatePerkDto's title, where
 * UpdatePerkDto's is optional): class-validator runs a parent's conditional before any IsDefined, so the parent's
 * Optional() asks this list.
 */
export const Required = (): PropertyDecorator => (target, key) => {
  const fields = REQUIRED.get(target.constructor) ?? new Set<string | symbol>();
  fields.add(key);
  REQUIRED.set(target.constructor, fields);
  IsDefined()(target, key);
};

/** At most this many field problems are reported: a huge bad value never becomes a huge answer. */
export const MAX_REPORTED_PROBLEMS = 20;

/** Whitelist, refuse unknown fields, transform: mass assignment is refused before any service sees the body. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    // Shape before contents: one problem per field, the first found (a wrong type is reported once, not per item).
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors).slice(0, MAX_REPORTED_PROBLEMS);
      return new BadRequestException({
        code: CoreErrors.VALIDATION_FAILED,
        detail: problems.map((problem) => problem.message).join('; '),
        errors: problems,
      });
    },
  });
}
