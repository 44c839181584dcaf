export { StorageModule } from './storage.module';
export { FILE_STORAGE, StorageObjectNotFound } from './file-storage';
export type { FileStorage, PutOptions, StoredObject } from './file-storage';
export { createFileStorage } from './storage.provider';
