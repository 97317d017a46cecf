import type { AddressInfo } from 'node:net';
import { InboundWorker, type InboundWorkerOptions } from '../core/bot/inbound-worker';
import { IngestGate } from '../core/bot/ingest-gate';
import type { Clock } from '../core/clock/clock';
import type { WecomCredentials } from '../core/config/load-config';
import type { Township } from '../core/config/load-townships';
import { PiiCipher } from '../core/crypto/pii-cipher';
import type { Database } from '../core/db/database';
import { createApp } from '../core/http/create-app';
import { createLimitedServer, DEFAULT_HTTP_LIMITS, type HttpLimits } from '../core/http/server-limits';
import { InboundBatcher } from '../core/inbox/inbound-batcher';
import { inboundRowOf } from '../core/inbox/store-inbound';
import { KfPuller } from '../core/kf/kf-puller';
import type { Logger } from '../core/log/logger';
import { MediaFetcher, type MediaFetcherOptions } from '../core/media/media-fetcher';
import { OutboxDispatcher, type OutboxDispatcherOptions } from '../core/outbox/outbox-dispatcher';
import { startScheduler } from '../core/scheduling/scheduler';
import { WecomApiClient, type WecomApiClientOptions } from '../core/wecom/api/wecom-api-client';
import { isEvent } from '../core/wecom/callback/inbound-message-schema';
import type { WorkingDayCalendar } from '../domain/calendar';
import type { ParameterTable } from '../domain/parameters/parameter-file';
import { handoffDeliveryReceipts } from '../features/casework/handoff-answers';
import type { KnowledgeBase } from '../features/knowledge/knowledge-base';
import type { PassageSelector } from '../features/knowledge/llm-selector';
import { PageRenderer } from '../features/workbench/page-renderer';
import { mountWorkbench } from '../features/workbench/workbench-routes';
import { workbenchConfig } from '../features/workbench/workbench-settings';
import { createBotRouter } from './bot-routes';
import { type Composition, compose, shippedKnowledge } from './compose';
import { productJobs } from './scheduled-jobs';
import { startUpChecks } from './start-up-checks';

export interface ServiceOptions {
  port: number;
  host?: string;
  database: Database;
  wecom: WecomCredentials;
  callbackTimestampWindowSeconds: number;
  log: Logger;
  /** The service-wide clock: every timestamp written or compared comes from it. */
  now: Clock;
  worker?: Partial<InboundWorkerOptions>;
  /** WeCom API host: the official one, or the fake server in sandbox mode and tests. */
  apiBase: string;
  outbox?: Partial<OutboxDispatcherOptions>;
  /** Options for the API client (tests shorten timeouts and retry delays). */
  api?: Pick<WecomApiClientOptions, 'timeoutMs' | 'retry' | 'sleep'>;
  /** Connection timeouts and cap (HTTP_* variables); defaults in DEFAULT_HTTP_LIMITS. */
  http?: Partial<HttpLimits>;
  /** Longest a shutdown waits for in-flight requests before closing their connections. */
  shutdownGraceMs?: number;
  /** The policy knowledge base; loaded from knowledge/ when not given. */
  knowledge?: KnowledgeBase;
  /** Chooses among retrieved passages (LLM_BASE_URL); off when not given. */
  passageSelector?: PassageSelector;
  /** The working-day calendar; stored deadlines made with another version are recomputed at start. */
  calendar?: WorkingDayCalendar;
  /** Key sealing ID numbers and phones (32 bytes); `previousPiiKeys` still open older values. */
  piiKey: Buffer;
  previousPiiKeys?: Buffer[];
  /** The parts built by `compose` (main builds them before opening the database); else built here. */
  composition?: Composition;
  /** Local policy parameters (config/parameters.json when not given). */
  parameters?: ParameterTable;
  /** Townships (config/townships.json when not given), synced into the database at start. */
  townships?: Township[];
  /** Where residents' files are kept (`<dataDir>/files`). */
  dataDir: string;
  media?: Partial<MediaFetcherOptions>;
  /** The workbench's sign-in settings (WORKBENCH_*, WECOM_OAUTH_BASE) and, in sandbox mode, the demo staff. */
  workbench?: Omit<Parameters<typeof workbenchConfig>[0], 'corpId' | 'agentId' | 'apiBase' | 'piiKey'>;
  /** Run the scheduled jobs (deadline alerts, digest, reminders); default true. Tests drive jobs themselves. */
  scheduler?: boolean;
}

export interface RunningService {
  url: string;
  worker: InboundWorker;
  dispatcher: OutboxDispatcher;
  api: WecomApiClient;
  kfPuller: KfPuller;
  media: MediaFetcher;
  /** Runs the scheduled jobs due by now that have not run (the catch-up; none when jobs are off). */
  runDueJobs(): Promise<void>;
  /** Stop accepting, finish in-flight requests and turns, close the database. Idempotent. */
  close(): Promise<void>;
}

/**
 * Wires the receiver to storage and the worker, starts HTTP, and resumes any messages a previous
 * run stored but did not process. The database must already be migrated.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { database, log } = options;
  const now = options.now;
  let draining = false;
  // PGlite has one connection: without priority, callbacks would queue behind worker turns.
  const ingest = database.kind === 'pglite' ? new IngestGate() : undefined;
  const parts =
    options.composition ??
    compose({
      clock: now,
      ...(options.calendar ? { calendar: options.calendar } : {}),
      ...(options.parameters ? { parameters: options.parameters } : {}),
      ...(options.townships ? { townships: options.townships } : {}),
    });
  const { templates, calendar, townships } = parts;
  const cipher = new PiiCipher(options.piiKey, options.previousPiiKeys);
  const inbound = new InboundBatcher(database.db);
  const api = new WecomApiClient({
    baseUrl: options.apiBase,
    corpId: options.wecom.corpId,
    agentId: options.wecom.agentId,
    secret: options.wecom.secret,
    db: database.db,
    log,
    now,
    lockAcrossInstances: database.kind === 'postgres',
    ...options.api,
  });
  const dispatcher = new OutboxDispatcher(
    {
      db: database.db,
      api,
      templates,
      log,
      now,
      dataDir: options.dataDir,
      cipher,
      receipts: handoffDeliveryReceipts(database.db, templates),
    },
    options.outbox,
  );
  const media = new MediaFetcher({ db: database.db, api, dataDir: options.dataDir, log, now }, options.media);
  const kfPuller = new KfPuller({
    db: database.db,
    api,
    cipher,
    corpId: options.wecom.corpId,
    log,
    now,
    onStored: (key) => worker.notify(key),
    onReleased: () => dispatcher.notify(),
  });
  const worker = new InboundWorker(
    {
      db: database.db,
      router: createBotRouter({
        knowledge: options.knowledge ?? shippedKnowledge(),
        ...(options.passageSelector ? { selector: options.passageSelector } : {}),
        templates,
        cipher,
        townships,
        parameters: parts.parameters,
        dataDir: options.dataDir,
        calendar,
        steps: parts.steps,
      }),
      templates,
      cipher,
      log,
      now,
      yieldTo: ingest && (() => ingest.free()),
      onOutbox: () => dispatcher.notify(),
      // A turn on a photo or file may have recorded it for the resident's case: fetch it now.
      onMediaMessage: () => media.notify(),
    },
    // Turns on PGlite are serialised by its one connection anyway: one at a time keeps the gaps short.
    ingest ? { concurrency: 1, ...options.worker } : options.worker,
  );
  const app = createApp({
    log,
    database,
    isDraining: () => draining,
    receiver: {
      corpId: options.wecom.corpId,
      token: options.wecom.token,
      encodingAesKey: options.wecom.encodingAesKey,
      timestampWindowSeconds: options.callbackTimestampWindowSeconds,
      now,
      accept: async (message, state) => {
        const store = () => inbound.store(inboundRowOf(cipher, message, now()));
        const result = await (ingest ? ingest.around(store) : store());
        if (result.stored) {
          state.outcome = 'stored';
          worker.notify(result.conversationKey);
        } else {
          state.outcome = 'duplicate';
        }
        // 微信客服 callbacks carry no content: pull it (after answering; the pull is not awaited).
        if (isEvent(message) && message.Event === 'kf_msg_or_event' && message.OpenKfId) {
          void kfPuller.schedule(message.OpenKfId, message.Token);
        }
      },
    },
  });
  mountWorkbench(app, {
    db: database.db,
    cipher,
    templates,
    pages: new PageRenderer(),
    calendar,
    townships,
    steps: parts.steps,
    parameters: parts.parameters,
    now,
    dataDir: options.dataDir,
    identify: (code) => api.getUserInfo(code),
    onOutbox: () => dispatcher.notify(),
    config: workbenchConfig({
      ...options.wecom,
      apiBase: options.apiBase,
      piiKey: options.piiKey,
      ...options.workbench,
    }),
  });
  // Deadlines are brought up to date with the calendar before anything can act on a case.
  await startUpChecks({ database, cipher, calendar, townships, log, now: now() });
  const server = createLimitedServer(app.callback(), { ...DEFAULT_HTTP_LIMITS, ...options.http });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  await worker.start();
  dispatcher.start();
  kfPuller.start();
  media.start();
  // Jobs start after the worker: a catch-up at start may queue alerts straight away.
  const scheduler =
    options.scheduler === false
      ? undefined
      : startScheduler({
          db: database.db,
          log,
          now,
          jobs: productJobs({
            db: database.db,
            calendar,
            templates,
            townships,
            log,
            onQueued: () => dispatcher.notify(),
            dataDir: options.dataDir,
            api,
          }),
        });
  const address = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
      await closed;
      clearTimeout(grace);
      await kfPuller.stop();
      await scheduler?.stop();
      await worker.stop();
      await dispatcher.stop();
      await media.stop();
      await database.close();
      log.info('service stopped');
    })();
    return closing;
  };
  const runDueJobs = async () => {
    await scheduler?.runDue(now());
  };
  return { url, worker, dispatcher, api, kfPuller, media, runDueJobs, close };
}
