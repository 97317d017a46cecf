import { ConfigError, loadConfig } from '../../src/core/config/load-config';

const PRODUCTION = {
  WECOM_CORP_ID: 'ww0123456789abcdef',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'a-real-looking-secret',
  WECOM_TOKEN: 'Tok3n',
  WECOM_ENCODING_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  PII_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
};

function errorLines(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.lines;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('starts in sandbox mode with defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'sandbox',
      port: 3000,
      databaseUrl: undefined,
      logLevel: 'info',
      wecomApiBase: 'https://qyapi.weixin.qq.com',
      callbackTimestampWindowSeconds: 300,
      wecom: undefined,
      http: {
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 15_000,
        keepAliveTimeoutMs: 5_000,
        maxConnections: 1_000,
      },
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads a complete production configuration', () => {
    const config = loadConfig({ ...PRODUCTION, DATABASE_URL: 'postgres://u@db/x', PORT: '8080' });
    expect(config.mode).toBe('production');
    expect(config.wecom?.corpId).toBe('ww0123456789abcdef');
    expect(config.piiKey).toHaveLength(32);
    expect(config.port).toBe(8080);
  });

  it('reads the connection limits', () => {
    expect(
      loadConfig({
        HTTP_HEADERS_TIMEOUT_MS: '2000',
        HTTP_REQUEST_TIMEOUT_MS: '3000',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
        HTTP_MAX_CONNECTIONS: '64',
      }).http,
    ).toEqual({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 3000,
      keepAliveTimeoutMs: 1000,
      maxConnections: 64,
    });
  });

  it('treats empty values as unset (as .env files leave them)', () => {
    expect(loadConfig({ WECOM_CORP_ID: '', DATABASE_URL: '' }).mode).toBe('sandbox');
  });

  it.each([
    ['PORT', { PORT: 'eighty' }, /PORT must be a TCP port number/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:\/\/ connection URL/],
    [
      'WECOM_ENCODING_AES_KEY',
      { ...PRODUCTION, WECOM_ENCODING_AES_KEY: 'short' },
      /WECOM_ENCODING_AES_KEY must be the callback EncodingAESKey: exactly 43/,
    ],
    [
      'PII_ENCRYPTION_KEY',
      { ...PRODUCTION, PII_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') },
      /PII_ENCRYPTION_KEY must be base64 of exactly 32 random bytes/,
    ],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal/],
    ['WECOM_API_BASE', { WECOM_API_BASE: 'ftp://x' }, /WECOM_API_BASE must be an http\(s\) URL/],
    [
      'OUTBOX_PER_RECIPIENT_PER_MINUTE',
      { OUTBOX_PER_RECIPIENT_PER_MINUTE: '31' },
      /OUTBOX_PER_RECIPIENT_PER_MINUTE must be messages a minute to one member \(1-30; WeCom silently drops more than 30\)/,
    ],
    [
      'HTTP_MAX_CONNECTIONS',
      { HTTP_MAX_CONNECTIONS: '0' },
      /HTTP_MAX_CONNECTIONS must be connections open at once/,
    ],
    [
      'HTTP_HEADERS_TIMEOUT_MS',
      { HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '15000' },
      /HTTP_HEADERS_TIMEOUT_MS \(20000\) must not exceed HTTP_REQUEST_TIMEOUT_MS \(15000\)/,
    ],
  ])('names %s and what it expects when it is invalid', (_name, env, pattern) => {
    const lines = errorLines(env);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });

  it('requires every credential, including PII_ENCRYPTION_KEY, once WECOM_CORP_ID is set', () => {
    const { PII_ENCRYPTION_KEY: _omit, ...rest } = PRODUCTION;
    expect(errorLines(rest)).toEqual([
      'Missing configuration: PII_ENCRYPTION_KEY is required when WECOM_CORP_ID is set; expected base64 of exactly 32 random bytes (openssl rand -base64 32).',
    ]);
    expect(errorLines({ WECOM_CORP_ID: 'ww1' })).toHaveLength(5);
  });

  it('refuses stray credentials without WECOM_CORP_ID instead of silently running a sandbox', () => {
    expect(errorLines({ WECOM_SECRET: 'some-secret' })[0]).toMatch(
      /WECOM_CORP_ID is required when WECOM_SECRET is set/,
    );
  });
});

describe('the passage selector (LLM) configuration', () => {
  it('is off unless LLM_BASE_URL and LLM_MODEL are set', () => {
    expect(loadConfig({}).llm).toBeUndefined();
    expect(
      loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:8000/v1', LLM_MODEL: 'qwen', LLM_API_KEY: 'k' }).llm,
    ).toEqual({ baseUrl: 'http://127.0.0.1:8000/v1', apiKey: 'k', model: 'qwen', timeoutMs: 2000 });
  });

  it('refuses one without the other, and a wait over 2 s', () => {
    expect(errorLines({ LLM_BASE_URL: 'http://127.0.0.1:8000/v1' }).join('\n')).toMatch(
      /LLM_BASE_URL and LLM_MODEL/,
    );
    expect(
      errorLines({ LLM_BASE_URL: 'http://127.0.0.1:8000/v1', LLM_MODEL: 'm', LLM_TIMEOUT_MS: '5000' }).join(
        '\n',
      ),
    ).toMatch(/LLM_TIMEOUT_MS must be milliseconds \(100-2000\)/);
  });
});
