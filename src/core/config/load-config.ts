import path from 'node:path';
import type { HttpLimits } from '../http/server-limits';
import { envSchema, type RawEnv } from './env-schema';

/** WeCom credentials of the self-built app (real ones, or generated ones in sandbox mode). */
export interface WecomCredentials {
  corpId: string;
  agentId: string;
  secret: string;
  token: string;
  encodingAesKey: string;
}

/** Configuration as parsed from the environment, before sandbox credentials are filled in. */
export interface EnvConfig {
  mode: 'production' | 'sandbox';
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: RawEnv['LOG_LEVEL'];
  wecomApiBase: string;
  /** Present in production mode; in sandbox mode the sandbox supplies it. */
  wecom: WecomCredentials | undefined;
  piiKey: Buffer | undefined;
  /** Keys that only open values sealed before a rotation (PII_PREVIOUS_KEYS). */
  previousPiiKeys: Buffer[];
  callbackTimestampWindowSeconds: number;
  /** The optional passage selector behind an OpenAI-compatible endpoint; off when unset. */
  llm: { baseUrl: string; apiKey: string | undefined; model: string; timeoutMs: number } | undefined;
  http: HttpLimits;
  /** The workbench's web sign-in (docs/wecom.md §10); unset values fall back as the README says. */
  workbench: { oauthBase?: string; publicUrl?: string; sessionSecret?: string };
  outbox: {
    maxAttempts: number;
    limits: { perRecipientPerMinute: number; perRecipientPerHour: number; perAppPerMinute: number };
  };
}

/** A configuration problem, phrased as one line naming the variable and what it expects. */
export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'ConfigError';
  }
}

const PRODUCTION_REQUIRED = [
  'WECOM_AGENT_ID',
  'WECOM_SECRET',
  'WECOM_TOKEN',
  'WECOM_ENCODING_AES_KEY',
  'PII_ENCRYPTION_KEY',
] as const;

/**
 * Parses the environment once. With `WECOM_CORP_ID` set the product runs against WeCom and
 * every credential is required; without it, it runs in sandbox mode and any stray WeCom
 * credential is an error (a half-configured production is worse than a refusal to start).
 */
export function loadConfig(env: NodeJS.ProcessEnv): EnvConfig {
  // An empty value (`PORT=` in a .env file) means unset, for every variable alike.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      if (lines.has(name)) continue;
      const expects = envSchema.shape[name as keyof RawEnv]?.description ?? issue.message;
      lines.set(name, `Invalid configuration: ${name} must be ${expects} (${issue.message}).`);
    }
    throw new ConfigError([...lines.values()]);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const production = e.WECOM_CORP_ID !== undefined;
  if (production) {
    for (const name of PRODUCTION_REQUIRED) {
      if (e[name] === undefined) {
        problems.push(
          `Missing configuration: ${name} is required when WECOM_CORP_ID is set; expected ${envSchema.shape[name].description}.`,
        );
      }
    }
  } else {
    for (const name of ['WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'] as const) {
      if (e[name] !== undefined) {
        problems.push(
          `Missing configuration: WECOM_CORP_ID is required when ${name} is set (unset all WECOM_* credentials for sandbox mode).`,
        );
        break;
      }
    }
  }
  if ((e.LLM_BASE_URL === undefined) !== (e.LLM_MODEL === undefined)) {
    problems.push(
      'Missing configuration: LLM_BASE_URL and LLM_MODEL go together (set both to turn the passage selector on, neither to keep it off).',
    );
  }
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    problems.push(
      `Invalid configuration: HTTP_HEADERS_TIMEOUT_MS (${e.HTTP_HEADERS_TIMEOUT_MS}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${e.HTTP_REQUEST_TIMEOUT_MS}).`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode: production ? 'production' : 'sandbox',
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    wecomApiBase: e.WECOM_API_BASE.replace(/\/+$/, ''),
    wecom: production
      ? {
          corpId: e.WECOM_CORP_ID!,
          agentId: e.WECOM_AGENT_ID!,
          secret: e.WECOM_SECRET!,
          token: e.WECOM_TOKEN!,
          encodingAesKey: e.WECOM_ENCODING_AES_KEY!,
        }
      : undefined,
    llm:
      e.LLM_BASE_URL && e.LLM_MODEL
        ? { baseUrl: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY, model: e.LLM_MODEL, timeoutMs: e.LLM_TIMEOUT_MS }
        : undefined,
    piiKey: e.PII_ENCRYPTION_KEY === undefined ? undefined : Buffer.from(e.PII_ENCRYPTION_KEY, 'base64'),
    previousPiiKeys: (e.PII_PREVIOUS_KEYS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean)
      .map((key) => Buffer.from(key, 'base64')),
    callbackTimestampWindowSeconds: e.CALLBACK_TIMESTAMP_WINDOW_SECONDS,
    workbench: {
      ...(e.WECOM_OAUTH_BASE ? { oauthBase: e.WECOM_OAUTH_BASE.replace(/\/+$/, '') } : {}),
      ...(e.WORKBENCH_PUBLIC_URL ? { publicUrl: e.WORKBENCH_PUBLIC_URL.replace(/\/+$/, '') } : {}),
      ...(e.WORKBENCH_SESSION_SECRET ? { sessionSecret: e.WORKBENCH_SESSION_SECRET } : {}),
    },
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    outbox: {
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      limits: {
        perRecipientPerMinute: e.OUTBOX_PER_RECIPIENT_PER_MINUTE,
        perRecipientPerHour: e.OUTBOX_PER_RECIPIENT_PER_HOUR,
        perAppPerMinute: e.OUTBOX_PER_APP_PER_MINUTE,
      },
    },
  };
}
