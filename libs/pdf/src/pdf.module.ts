import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { StorageModule } from '@lc/storage';
import { PdfJobProcessor } from './pdf-job-processor';
import { PdfJobs } from './pdf-jobs';
import { PdfRenderer } from './pdf-renderer';
import { PdfTemplates } from './pdf-templates';

/**
 * The api's side: PdfJobs, to ask the worker for a PDF (`renderInWorker(kind, input)`). Import it from a domain's
 * http module. It runs no browser.
 */
@Module({ imports: [StorageModule], providers: [PdfJobs], exports: [PdfJobs] })
export class PdfModule {}

/**
 * The worker's side: the one Chromium of the process (PdfRenderer), the templates (PdfTemplates, filled from
 * every `@PdfTemplate(kind)` method of the application's providers) and the `pdf` queue's consumer. Imported by the
 * WorkerModule once; a domain's worker module that declares templates imports it too (Nest keeps one instance).
 */
@Module({
  imports: [DiscoveryModule, StorageModule],
  providers: [PdfRenderer, PdfTemplates, PdfJobProcessor],
  exports: [PdfRenderer, PdfTemplates],
})
export class PdfWorkerModule {}
