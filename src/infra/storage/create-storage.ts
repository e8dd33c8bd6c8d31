import type { AppConfig } from '../../config/config';
import { LocalStorage } from './local.storage';
import { S3Storage } from './s3.storage';
import type { Storage } from './storage';

export function createStorage(config: AppConfig): Storage {
  switch (config.storage.driver) {
    case 'local':
      return new LocalStorage(config.storage.dir);
    case 's3':
      return new S3Storage(config.storage.s3);
  }
}
