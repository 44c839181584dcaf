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

  it('treats empty variables as unset', () => {
    expect(loadConfig({ ...valid, PORT: '' }).PORT).toBe(3000);
  });
});
