import { resolve } from 'node:path';
import { ConfigValidationError, loadConfig } from './app-config';

const valid = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
  REDIS_URL: 'redis://localhost:6379',
  JWT_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
};

describe('loadConfig', () => {
  it('applies defaults to a minimal valid environment', () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.NODE_ENV).toBe('development');
    expect(config.CORS_ORIGINS).toEqual([]);
  });

  it('names every missing or bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://nope', JWT_SECRET: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const variables = (error as ConfigValidationError).problems.map((problem) => problem.variable).sort();
    expect(variables).toEqual(['DATABASE_URL', 'JWT_SECRET', 'PORT', 'REDIS_URL']);
    expect((error as Error).message).toContain('DATABASE_URL: is required');
  });

  it('parses lists and booleans from strings', () => {
    const config = loadConfig({
      ...valid,
      CORS_ORIGINS: 'https://a.test, https://b.test',
      SWAGGER_ENABLED: 'false',
    });
    expect(config.CORS_ORIGINS).toEqual(['https://a.test', 'https://b.test']);
    expect(config.SWAGGER_ENABLED).toBe(false);
  });

  it('turns the API docs off and e-mail confirmation on in production unless told otherwise', () => {
    expect(loadConfig({ ...valid, NODE_ENV: 'production' })).toMatchObject({
      SWAGGER_ENABLED: false,
      EMAIL_VERIFICATION_REQUIRED: true,
      LOG_FORMAT: 'json',
    });
    expect(loadConfig({ ...valid, NODE_ENV: 'development' })).toMatchObject({
      SWAGGER_ENABLED: true,
      EMAIL_VERIFICATION_REQUIRED: false,
      LOG_FORMAT: 'pretty',
    });
    expect(loadConfig({ ...valid, NODE_ENV: 'production', SWAGGER_ENABLED: 'true' }).SWAGGER_ENABLED).toBe(
      true,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ ...valid, PORT: '' }).PORT).toBe(3000);
  });

  it('keeps attachments on the local disk under the repository by default, 25 MiB at most', () => {
    const config = loadConfig(valid);
    expect(config.ATTACHMENT_MAX_BYTES).toBe(25 * 1024 * 1024);
    expect(config.STORAGE_DRIVER).toBe('local');
    expect(config.STORAGE_DIR).toBe(resolve(__dirname, '../../../..', '.data/uploads'));
    expect(loadConfig({ ...valid, STORAGE_DIR: '/srv/uploads' }).STORAGE_DIR).toBe('/srv/uploads');
  });

  it('requires the S3 settings only when the S3 driver is chosen', () => {
    let error: unknown;
    try {
      loadConfig({ ...valid, STORAGE_DRIVER: 's3', S3_BUCKET: 'lc' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems.map((problem) => problem.variable).sort()).toEqual([
      'S3_ACCESS_KEY_ID',
      'S3_ENDPOINT',
      'S3_REGION',
      'S3_SECRET_ACCESS_KEY',
    ]);
    const config = loadConfig({
      ...valid,
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_REGION: 'ap-southeast-1',
      S3_BUCKET: 'lc',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(config.S3_FORCE_PATH_STYLE).toBe(true);
  });
});
