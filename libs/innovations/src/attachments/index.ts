export * from './attachments-errors';
export * from './attachments.service';
export * from './attachment-intake';
export * from './content-sniffer';
export * from './file-name';
export * from './thumbnail';
export * from './thumbnail-workers';
export * from './image-dimensions';
