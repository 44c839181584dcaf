import { Injectable, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { SafeHtml } from './html';
import type { PdfRenderOptions } from './pdf-renderer';

/** A document to print: its body's markup, with the options of its printing. */
export interface PdfSource extends PdfRenderOptions {
  html: string | SafeHtml;
}

/**
 * A template turns a job's input into a document: its markup (the worker prints it), or a finished PDF when the
 * template prints itself (with PdfRenderer, e.g. a batch through renderMany). It runs in the worker; it may throw
 * a DomainError (an unknown area), which the api answers as that problem.
 */
export type PdfTemplateFn<I = unknown> = (
  input: I,
) => Promise<PdfSource | SafeHtml | string | Buffer> | PdfSource | SafeHtml | string | Buffer;

const PDF_TEMPLATE = Symbol('PDF_TEMPLATE');

/** Kinds are dotted lower-case names owned by a domain: `cockpit.area-report`, `activities.certificate`. */
const KIND_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/**
 * Marks a provider method of a worker-side module as the template of `kind`:
 * `@PdfTemplate('cockpit.area-report') async areaReport(input: AreaReportInput): Promise<PdfSource>`.
 */
export function PdfTemplate(kind: string): MethodDecorator {
  if (!KIND_PATTERN.test(kind)) throw new Error(`A PDF kind is a dotted lower-case name: ${kind}`);
  return SetMetadata(PDF_TEMPLATE, kind);
}

/** The templates of this worker: found by @PdfTemplate at start, or registered by code; one per kind. */
@Injectable()
export class PdfTemplates implements OnModuleInit {
  private readonly templates = new Map<string, { fn: PdfTemplateFn; where: string }>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const methodName of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const method = instance[methodName];
        if (typeof method !== 'function') continue;
        const kind = this.reflector.get<string | undefined>(PDF_TEMPLATE, method);
        if (kind)
          this.register(
            kind,
            (method as PdfTemplateFn).bind(instance),
            `${instance.constructor.name}.${methodName}`,
          );
      }
    }
  }

  /** Registers a template by code; a kind has one template, so a second one fails at start. */
  register<I>(kind: string, fn: PdfTemplateFn<I>, where = 'register()'): void {
    if (!KIND_PATTERN.test(kind)) throw new Error(`A PDF kind is a dotted lower-case name: ${kind}`);
    const existing = this.templates.get(kind);
    if (existing) throw new Error(`Two PDF templates for ${kind}: ${existing.where} and ${where}`);
    this.templates.set(kind, { fn: fn as PdfTemplateFn, where });
  }

  get(kind: string): PdfTemplateFn | undefined {
    return this.templates.get(kind)?.fn;
  }

  kinds(): string[] {
    return [...this.templates.keys()].sort();
  }
}
