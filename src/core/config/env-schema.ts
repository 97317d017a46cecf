import { z } from 'zod';

/** The official WeCom API host; tests and sandbox point `WECOM_API_BASE` at the fake server instead. */
export const OFFICIAL_WECOM_API_BASE = 'https://qyapi.weixin.qq.com';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/**
 * Every variable the product reads, with what it expects. The `describe` text is what a
 * misconfigured start-up prints, so it must say what a valid value looks like.
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('a TCP port number (0-65535)'),
  DATABASE_URL: optionalText
    .pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//)
        .optional(),
    )
    .describe('a postgres:// connection URL, or empty for the embedded PGlite database'),
  DATA_DIR: z.string().trim().min(1).default('./data').describe('a writable folder path'),
  WECOM_CORP_ID: optionalText
    .pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/)
        .optional(),
    )
    .describe('the CorpID from the WeCom admin console (我的企业), e.g. ww0123456789abcdef'),
  WECOM_AGENT_ID: optionalText
    .pipe(
      z
        .string()
        .regex(/^\d{1,10}$/)
        .optional(),
    )
    .describe("the self-built app's numeric AgentId, e.g. 1000002"),
  WECOM_SECRET: optionalText
    .pipe(z.string().min(8).max(128).optional())
    .describe("the self-built app's Secret (8-128 characters)"),
  WECOM_TOKEN: optionalText
    .pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9]{1,32}$/)
        .optional(),
    )
    .describe('the callback Token: 1-32 letters or digits'),
  WECOM_ENCODING_AES_KEY: optionalText
    .pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9]{43}$/)
        .optional(),
    )
    .describe('the callback EncodingAESKey: exactly 43 letters or digits'),
  WECOM_API_BASE: z
    .url({ protocol: /^https?$/ })
    .default(OFFICIAL_WECOM_API_BASE)
    .describe('an http(s) URL of the WeCom API host'),
  WECOM_OAUTH_BASE: optionalText
    .pipe(z.url({ protocol: /^https?$/ }).optional())
    .describe(
      'an http(s) URL of the WeCom web-login host (default https://open.weixin.qq.com; the fake server in sandbox mode)',
    ),
  WORKBENCH_PUBLIC_URL: optionalText
    .pipe(z.url({ protocol: /^https?$/ }).optional())
    .describe(
      "the workbench's public http(s) root as WeCom reaches it (the app's trusted domain), e.g. https://assist.example.gov.cn",
    ),
  WORKBENCH_SESSION_SECRET: optionalText
    .pipe(z.string().min(32).max(512).optional())
    .describe(
      'at least 32 random characters signing workbench session cookies (openssl rand -base64 32), or empty to derive one from PII_ENCRYPTION_KEY',
    ),
  PII_ENCRYPTION_KEY: optionalText
    .pipe(
      z
        .string()
        .refine((v) => isBase64Key(v), 'must be base64 of exactly 32 bytes')
        .optional(),
    )
    .describe('base64 of exactly 32 random bytes (openssl rand -base64 32)'),
  PII_PREVIOUS_KEYS: optionalText
    .pipe(
      z
        .string()
        .refine(
          (v) => v.split(',').every((key) => isBase64Key(key.trim())),
          'must be keys of 32 bytes in base64, separated by commas',
        )
        .optional(),
    )
    .describe(
      'earlier PII_ENCRYPTION_KEY values (base64 of 32 bytes each), comma-separated, during a key rotation',
    ),
  LLM_BASE_URL: optionalText
    .pipe(z.url({ protocol: /^https?$/ }).optional())
    .describe(
      'an http(s) URL of an OpenAI-compatible API root (e.g. http://127.0.0.1:8000/v1), or empty to keep the passage selector off',
    ),
  LLM_API_KEY: optionalText.describe('the API key sent as a Bearer token to LLM_BASE_URL, or empty'),
  LLM_MODEL: optionalText.describe('the model name LLM_BASE_URL serves (required with LLM_BASE_URL)'),
  LLM_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(2000)
    .default(2000)
    .describe('milliseconds (100-2000) to wait for the passage selector before keeping the lexical answer'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('one of fatal, error, warn, info, debug, trace, silent'),
  CALLBACK_TIMESTAMP_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(300)
    .describe('seconds (1-86400) a callback timestamp may differ from our clock'),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(500)
    .max(120_000)
    .default(10_000)
    .describe(
      'milliseconds (500-120000) a connection has to send a whole request head, from when it opens (408 or closed after)',
    ),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(500)
    .max(300_000)
    .default(15_000)
    .describe('milliseconds (500-300000, at least HTTP_HEADERS_TIMEOUT_MS) for a whole request to arrive'),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(5_000)
    .describe('milliseconds (100-120000) an idle kept-alive connection stays open'),
  HTTP_MAX_CONNECTIONS: z.coerce
    .number()
    .int()
    .min(16)
    .max(100_000)
    .default(1_000)
    .describe('connections open at once (16-100000; more are closed as they arrive)'),
  OUTBOX_PER_RECIPIENT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(30)
    .default(25)
    .describe('messages a minute to one member (1-30; WeCom silently drops more than 30)'),
  OUTBOX_PER_RECIPIENT_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(950)
    .describe('messages an hour to one member (1-1000; WeCom silently drops more than 1000)'),
  OUTBOX_PER_APP_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(1200)
    .describe('messages a minute from the app in all (1-10000)'),
  OUTBOX_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(6)
    .describe('send attempts before a message is dead-lettered (1-100)'),
});

export type RawEnv = z.infer<typeof envSchema>;

function isBase64Key(value: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32;
}
