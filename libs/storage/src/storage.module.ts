import { Module } from '@nestjs/common';
import { FILE_STORAGE } from './file-storage';
import { fileStorageProvider } from './storage.provider';

/**
 * The configured FileStorage (STORAGE_DRIVER: local disk or S3-compatible) under the FILE_STORAGE token. Nest
 * makes one instance however many contexts import the module.
 */
@Module({ providers: [fileStorageProvider], exports: [FILE_STORAGE] })
export class StorageModule {}
