import { registerDecorator, ValidationOptions } from 'class-validator';

const COMPETENCY_CODE = /^[A-Z0-9]{2,8}-[A-Z0-9]{2,8}$/;

/**
 * `{ "<competency code>": 1–5 }`, at most 12 entries: checked as a whole, so a wrong shape (a string, an array, a
 * huge object) is one problem, never one per character or key.
 */
export function IsCompetencyJudgements(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isCompetencyJudgements',
      target: object.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be an object of at most 12 competency codes, each judged 1 to 5`,
        ...options,
      },
      validator: {
        validate(value: unknown): boolean {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return (
            entries.length <= 12 &&
            entries.every(
              ([code, judgement]) =>
                COMPETENCY_CODE.test(code) &&
                Number.isInteger(judgement) &&
                (judgement as number) >= 1 &&
                (judgement as number) <= 5,
            )
          );
        },
      },
    });
}
