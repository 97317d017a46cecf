import type Router from '@koa/router';
import { stepCase } from '../../core/cases/case-steps';
import { maskText } from '../../core/privacy/mask';
import { readFullPii } from '../../core/privacy/pii-access';
import { actorOf } from '../../core/staff/staff-directory';
import { shanghaiDate } from '../../domain/calendar';
import { caseForStaff } from '../casework/staff-cases';
import { specFor } from '../casework/step-specs';
import { notFound, renderCaseFile } from './case-file-page';
import { readForm } from './http-helpers';
import { refuse } from './sign-in-routes';
import { caseHref, handleStepForm, pageStep } from './step-form-page';
import type { WorkbenchDeps } from './workbench-deps';
import { csrfHolds, signedIn } from './workbench-session';

/**
 * What a caseworker does from the case file, through the same services as the chat: a step that
 * asks no questions (受理, 材料已补齐, 开始公示, 公示结束…) via `stepCase` with the composition's
 * rules and effects, judged against the version the page showed; a step with questions through
 * its form (step-form-page.ts); and the audited reading of the
 * full ID number and phone (`readFullPii`, one `pii_reads` row per field). Both POSTs carry the
 * session's CSRF token; a case the user may not see is a 404.
 */
export function caseActionRoutes(router: Router, deps: WorkbenchDeps): void {
  // A step with questions: its form, opened from the case file.
  router.get('/workbench/cases/:id/steps/:event', async (ctx) => {
    const who = await signedIn(ctx, deps);
    if (!who) return ctx.redirect('/workbench');
    const row = await caseForStaff(deps.db, who.staff, ctx.params.id ?? '');
    if (!row) return notFound(ctx, deps);
    const step = pageStep(row, who, ctx.params.event ?? '');
    if (!step || step.questions.length === 0) {
      ctx.status = 303;
      return ctx.redirect(`${caseHref(row)}?refused=not_allowed_in_state`);
    }
    await handleStepForm(ctx, deps, who, row, step, undefined);
  });

  router.post('/workbench/cases/:id/steps/:event', async (ctx) => {
    const who = await signedIn(ctx, deps);
    const form = await readForm(ctx);
    if (!who) return refuse(ctx, deps, 'signed-out', 401, 'no_session');
    if (!csrfHolds(who, form)) return refuse(ctx, deps, 'csrf', 403, 'csrf');
    const row = await caseForStaff(deps.db, who.staff, ctx.params.id ?? '');
    if (!row) return notFound(ctx, deps);
    const event = ctx.params.event ?? '';
    const spec = specFor(event);
    const back = `/workbench/cases/${encodeURIComponent(row.id)}`;
    if (spec && spec.questions.length > 0) {
      const step = pageStep(row, who, event);
      if (!step) {
        ctx.status = 303;
        return ctx.redirect(`${back}?refused=not_allowed_in_state`);
      }
      return handleStepForm(ctx, deps, who, row, step, form);
    }
    ctx.status = 303;
    if (!spec) return ctx.redirect(`${back}?in_chat=1`);
    const version = Number(form?.get('version'));
    const now = deps.now();
    const result = await stepCase(
      deps.db,
      {
        caseId: row.id,
        actor: actorOf(who.staff),
        event: spec.build(
          {},
          { row, staff: who.staff, today: shanghaiDate(now), colleagues: [], checklist: [] },
        ),
        ...(Number.isInteger(version) ? { expectedVersion: version } : {}),
      },
      deps.steps.rules,
      deps.steps.effects,
      now,
    );
    if (!result.ok) {
      ctx.state.log?.info({ caseId: row.id, event, code: result.code }, 'workbench step refused');
      return ctx.redirect(
        result.code === 'stale_version' ? `${back}?stale=1` : `${back}?refused=${result.code}`,
      );
    }
    ctx.state.log?.info({ caseId: row.id, event, to: result.to }, 'workbench step taken');
    ctx.state.outcome = 'step_taken';
    deps.onOutbox();
    ctx.redirect(`${back}?done=${event}`);
  });

  router.post('/workbench/cases/:id/identifiers', async (ctx) => {
    const who = await signedIn(ctx, deps);
    const form = await readForm(ctx);
    if (!who) return refuse(ctx, deps, 'signed-out', 401, 'no_session');
    if (!csrfHolds(who, form)) return refuse(ctx, deps, 'csrf', 403, 'csrf');
    const row = await caseForStaff(deps.db, who.staff, ctx.params.id ?? '');
    if (!row) return notFound(ctx, deps);
    // Kept in clear in pii_reads: an ID number or phone typed into the purpose is masked.
    const purpose = maskText(form?.get('purpose') ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 60);
    const labels = deps.templates.phrases('workbench.labels');
    if (purpose.length < 2) {
      return renderCaseFile(ctx, deps, who, row, {
        flash: { kind: 'pii-refused', text: labels['flash.purpose-needed'] ?? '' },
      });
    }
    const read = await readFullPii(deps.db, deps.cipher, who.staff, row, purpose, deps.now());
    if (!read.ok) {
      ctx.state.log?.info({ caseId: row.id, refusal: read.refusal }, 'full identifiers refused');
      return renderCaseFile(ctx, deps, who, row, {
        flash: { kind: 'pii-refused', text: deps.templates.phrase('staff.pii-refusals', read.refusal) },
      });
    }
    ctx.state.log?.info({ caseId: row.id, phoneRead: read.phone !== undefined }, 'full identifiers read');
    await renderCaseFile(ctx, deps, who, row, {
      full: { idNumber: read.idNumber, phone: read.phone ?? '', purpose },
    });
  });
}
