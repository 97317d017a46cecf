import type { BotRouter } from '../../core/bot/bot-router';
import type { HandlerDeps } from '../../core/bot/handler-deps';
import type { TurnContext } from '../../core/bot/turn-context';
import { typedAnswer, typedCommand } from '../../core/bot/typed-text';
import { isBureauStaff } from '../../core/staff/staff-directory';
import { parseDay, parseStatement } from '../../domain/application/answer-parsers';
import { shanghaiDate } from '../../domain/calendar';
import { isReportMonth, type ReportMonth } from './report-month';
import {
  closeSpotCheck,
  type ListedSpotCheck,
  listSpotChecks,
  recordSpotCheck,
  type SpotCheckChange,
  sampleSpotChecks,
} from './spot-checks';

/**
 * Input vocabulary (六(六) 监管抽查, as `npm run admin -- spot-check`):
 * `抽查` (open checks) or `抽查 全部`; `抽查抽样 10% [乡镇] [YYYY-MM]`;
 * `抽查结果 <序号> <发现> [整改至 YYYY-MM-DD]` (without a deadline: passed); `抽查结案 <序号>`.
 */
const LIST = /^抽查(?:\s+(全部))?$/;
const SAMPLE = /^抽查抽样(?:\s+(.*))?$/;
const RECORD = /^抽查结果(?:\s+(.*))?$/s;
const CLOSE = /^抽查结案(?:\s+(.*))?$/;
const RECTIFY_BY = /\s*整改(?:至|到|期限)?\s*(\d{4}-\d{1,2}-\d{1,2})\s*$/;
/** Lines listed in one reply; the workbench dashboard shows them all. */
const LISTED = 20;

const isSpotCheckCommand = (text: string) =>
  LIST.test(text) || SAMPLE.test(text) || RECORD.test(text) || CLOSE.test(text);

/** The bureau's spot checks in chat: draw a sample, record findings with a deadline, close, list. */
export function registerSpotCheckChat(router: BotRouter, deps: HandlerDeps): void {
  router.on(
    'bureau.spot-checks',
    (ctx) => ctx.staff !== undefined && isSpotCheckCommand(typedCommand(ctx)),
    async (ctx) => {
      if (!isBureauStaff(ctx.staff)) {
        ctx.reply('staff.bureau.not-bureau');
        return;
      }
      const text = typedCommand(ctx);
      const list = LIST.exec(text);
      if (list) return listChecks(ctx, deps, list[1] === undefined);
      const sample = SAMPLE.exec(text);
      if (sample) return drawSample(ctx, deps, sample[1] ?? '');
      // Findings are recorded as written: read from the answer text, punctuation kept.
      const record = RECORD.exec(typedAnswer(ctx));
      if (record) return recordFindings(ctx, deps, record[1] ?? '');
      return closeCheck(ctx, deps, CLOSE.exec(text)?.[1] ?? '');
    },
  );
}

async function listChecks(ctx: TurnContext, deps: HandlerDeps, open: boolean): Promise<void> {
  const checks = await listSpotChecks(ctx.db, { open }, ctx.now);
  ctx.reply('staff.bureau.spot-check-list', {
    open,
    count: checks.length,
    more: Math.max(0, checks.length - LISTED),
    checks: checks.slice(0, LISTED).map((c) => listed(deps, c)),
  });
}

function listed(deps: HandlerDeps, c: ListedSpotCheck) {
  return {
    id: c.id,
    caseId: c.caseId,
    township: deps.townships.find((t) => t.id === c.townshipId)?.name ?? c.townshipId,
    status: deps.templates.phrase('staff.spot-check-status', c.status),
    overdue: c.overdue,
    rectifyBy: c.rectifyBy ?? undefined,
    findings: c.findings ?? undefined,
  };
}

/** `10% 平安镇 2026-11` in any order; the seed is the day, so the same request the same day redraws the same cases. */
async function drawSample(ctx: TurnContext, deps: HandlerDeps, args: string): Promise<void> {
  let share: number | undefined;
  let month: ReportMonth | undefined;
  let townshipId: string | undefined;
  for (const word of args.split(/\s+/).filter(Boolean)) {
    const percent = /^(\d{1,3})%$/.exec(word);
    const township = deps.townships.find((t) => t.name === word || t.id === word);
    if (percent) share = Number(percent[1]) / 100;
    else if (isReportMonth(word)) month = word;
    else if (township) townshipId = township.id;
    else {
      usage(ctx, { word });
      return;
    }
  }
  if (share === undefined || !(share > 0 && share <= 1)) {
    usage(ctx, { shareMissing: true });
    return;
  }
  const seed = shanghaiDate(ctx.now);
  const result = await sampleSpotChecks(ctx.db, { share, seed, townshipId, month }, ctx.now);
  ctx.reply('staff.bureau.spot-check-sampled', {
    percent: Math.round(share * 100),
    month,
    township: deps.townships.find((t) => t.id === townshipId)?.name,
    seed,
    candidates: result.candidates,
    existing: result.existing,
    checks: result.checks.map((c) => ({
      id: c.id,
      caseId: c.caseId,
      township: deps.townships.find((t) => t.id === c.townshipId)?.name ?? c.townshipId,
    })),
  });
}

function usage(ctx: TurnContext, vars: { word?: string; why?: string; shareMissing?: boolean }): void {
  ctx.reply('staff.bureau.spot-check-usage', {
    word: vars.word,
    why: vars.why,
    shareMissing: vars.shareMissing ?? false,
  });
}

function checkNumber(word: string): number | undefined {
  const id = Number(word.replace(/^#/, ''));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

async function recordFindings(ctx: TurnContext, deps: HandlerDeps, args: string): Promise<void> {
  const [first = '', ...rest] = args.trim().split(/\s+/);
  const id = checkNumber(first);
  if (id === undefined) {
    usage(ctx, {});
    return;
  }
  let body = rest.join(' ');
  const deadline = RECTIFY_BY.exec(body);
  if (deadline) body = body.slice(0, deadline.index);
  const findings = parseStatement(body);
  if (!findings.ok) {
    usage(ctx, { why: deps.templates.phrase('chat.answer-problems', findings.problem) });
    return;
  }
  // Read as any typed day (2026-1-5 → 2026-01-05); an impossible one stays as typed and is refused.
  const day = deadline ? parseDay(deadline[1]!, shanghaiDate(ctx.now)) : undefined;
  const rectifyBy = deadline ? (day?.ok ? day.value : deadline[1]) : undefined;
  changed(ctx, deps, id, await recordSpotCheck(ctx.db, id, { findings: findings.value, rectifyBy }, ctx.now));
}

async function closeCheck(ctx: TurnContext, deps: HandlerDeps, arg: string): Promise<void> {
  const id = checkNumber(arg.trim());
  if (id === undefined) {
    usage(ctx, {});
    return;
  }
  changed(ctx, deps, id, await closeSpotCheck(ctx.db, id, ctx.now));
}

function changed(ctx: TurnContext, deps: HandlerDeps, id: number, change: SpotCheckChange): void {
  if (change.ok)
    ctx.reply('staff.bureau.spot-check-changed', {
      id,
      caseId: change.check.caseId,
      status: deps.templates.phrase('staff.spot-check-status', change.check.status),
      rectifyBy: change.check.rectifyBy ?? undefined,
    });
  else
    ctx.reply('staff.bureau.spot-check-refused', {
      id,
      why: deps.templates.phrase('staff.spot-check-refusals', change.problem),
    });
}
