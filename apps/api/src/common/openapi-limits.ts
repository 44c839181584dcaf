import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

interface Metadata {
  propertyName: string;
  name?: string;
  constraints?: unknown[];
  each?: boolean;
}

type Schema = {
  properties?: Record<string, Record<string, unknown>>;
};

/**
 * The limits the validators enforce, written into the OpenAPI document: the DTOs' class-validator decorators are
 * the one source (maxLength, minLength, maximum, minimum, maxItems), so the document never drifts from what the API
 * really accepts.
 */
/** A DTO class, as the DTO modules export them. */
export type DtoClass = new (...args: never[]) => object;

export function documentValidationLimits(document: OpenAPIObject, dtoClasses: DtoClass[]): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const storage = getMetadataStorage();
  for (const dto of dtoClasses) {
    const schema = schemas[dto.name];
    if (!schema?.properties) continue;
    // Inherited decorators included (CreateInnovationDto's body is declared on InnovationFieldsDto).
    const metadatas = storage.getTargetValidationMetadatas(dto, '', true, false) as unknown as Metadata[];
    for (const metadata of metadatas) {
      const property = schema.properties[metadata.propertyName];
      if (!property) continue;
      const target = metadata.each && property.items ? (property.items as Record<string, unknown>) : property;
      const [first, second] = metadata.constraints ?? [];
      switch (metadata.name) {
        case 'maxLength':
          target.maxLength ??= first;
          break;
        case 'minLength':
          target.minLength ??= first;
          break;
        case 'isLength':
          target.minLength ??= first;
          if (second !== undefined) target.maxLength ??= second;
          break;
        case 'max':
          target.maximum ??= first;
          break;
        case 'min':
          target.minimum ??= first;
          break;
        case 'arrayMaxSize':
          property.maxItems ??= first;
          break;
      }
    }
  }
}
