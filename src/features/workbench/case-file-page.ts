import type Router from '@koa/router';
import type { Context } from 'koa';
import { type CaseRow, factsOf } from '../../core/cases/case-records';
import { actorOf, mayHandleCaseFiles } from '../../core/staff/staff-directory';
import { availableSteps } from '../../domain/workflow/available-steps';
import type { CaseState } from '../../domain/workflow/case-states';
import { checklistOfCase } from '../casework/case-checklist';
import { filesOfCase } from '../casework/case-files';
import { caseForStaff } from '../casework/staff-cases';
import { specFor } from '../casework/step-specs';
import { availableDocuments } from '../documents/case-documents';
import { caseFileData, stamp } from './case-file-queries';
import { sendHtml } from './http-helpers';
import { frame, townshipName } from './page-frame';
import { refuse } from './sign-in-routes';
import type { WorkbenchDeps } from './workbench-deps';
import { type SignedIn, signedIn } from './workbench-session';

/** Extra things one rendering of the case file shows: a step's outcome, the full identifiers. */
export interface CaseFileExtras {
  flash?: { kind: 'done' | 'refused' | 'stale' | 'pii-refused'; text: string };
  full?: { idNumber: string; phone: string; purpose: string };
}

/**
 * The case file (`案件 <编号>` as a page): applicant and household with identifiers masked (the
 * full ones on an audited request), the timeline of steps with who, when and the clause, the
 * deadlines, the materials with photo thumbnails, the notices archived with the case, and the
 * steps possible now. Read through `caseForStaff`: another township's case is a 404, exactly like
 * a case that does not exist.
 */
export function caseFileRoutes(router: Router, deps: WorkbenchDeps): void {
  router.get('/workbench/cases/:id', async (ctx) => {
    const who = await signedIn(ctx, deps);
    if (!who) return ctx.redirect('/workbench');
    const row = await caseForStaff(deps.db, who.staff, ctx.params.id ?? '');
    if (!row) return notFound(ctx, deps);
    const labels = deps.templates.phrases('workbench.labels');
    const flash = flashOf(deps, ctx.query, labels);
    await renderCaseFile(ctx, deps, who, row, flash ? { flash } : {});
  });
}

export function notFound(ctx: Context, deps: WorkbenchDeps): void {
  refuse(ctx, deps, 'not-found', 404, 'case_not_found');
}

function flashOf(
  deps: WorkbenchDeps,
  query: Context['query'],
  labels: Readonly<Record<string, string>>,
): CaseFileExtras['flash'] {
  const events = deps.templates.phrases('staff.events');
  const refusals = deps.templates.phrases('staff.refusals');
  const done = typeof query.done === 'string' ? events[query.done] : undefined;
  if (done) return { kind: 'done', text: done };
  if (typeof query.refused === 'string') {
    return { kind: 'refused', text: refusals[query.refused] ?? labels['flash.refused'] ?? '' };
  }
  if (query.stale === '1') return { kind: 'stale', text: labels['flash.stale'] ?? '' };
  if (query.in_chat === '1') return { kind: 'refused', text: labels['flash.in-chat'] ?? '' };
  return undefined;
}

export async function renderCaseFile(
  ctx: Context,
  deps: WorkbenchDeps,
  who: SignedIn,
  row: CaseRow,
  extras: CaseFileExtras,
): Promise<void> {
  const { templates } = deps;
  const labels = templates.phrases('workbench.labels');
  const events = templates.phrases('staff.events');
  const verbs = templates.phrases('staff.event-verbs');
  const consequences = templates.phrases('staff.step-consequences');
  const alerts = templates.phrases('staff.alerts');
  const now = deps.now();
  const data = await caseFileData(deps, row, now);
  const steps = availableSteps(row.state as CaseState, factsOf(row), actorOf(who.staff)).filter((e) =>
    specFor(e),
  );
  const withFiles = mayHandleCaseFiles(who.staff);
  const checklist = withFiles ? await checklistOfCase(deps.db, deps.cipher, row) : [];
  const files = withFiles ? await filesOfCase(deps.db, row) : [];
  const caseCommand = `${labels['command.case'] ?? ''} ${row.id}`;
  sendHtml(
    ctx,
    deps.pages.render('case', {
      ...frame(deps, who, undefined, caseCommand),
      title: `${row.id} ${row.applicantName}`,
      flash: extras.flash,
      full: extras.full,
      c: {
        id: row.id,
        name: row.applicantName,
        program: templates.phrase('chat.programs', row.program),
        state: templates.phrase('staff.states', row.state),
        township: townshipName(deps, row.townshipId),
        residence: townshipName(deps, row.residenceTownshipId),
        submittedBy: templates.phrase('staff.submitted-by', row.submittedBy),
        householdSize: row.householdSize,
        createdAt: stamp(row.createdAt),
        acceptedOn: row.acceptedOn ?? '',
        version: row.version,
        idNumber: data.identifiers.idNumber,
        phone: data.identifiers.phone ?? '',
        nearRelative: row.nearRelativeDeclared || row.nearRelativeDetected,
      },
      members: data.members,
      timeline: data.timeline.map((e) => ({
        ...e,
        event: events[e.event] ?? e.event,
        actor:
          e.actorName ??
          (e.actorRole === 'resident'
            ? labels['actor.resident']
            : (labels[`role.${e.actorRole}`] ?? e.actorId)),
        role: labels[`role.${e.actorRole}`] ?? '',
      })),
      deadlines: data.deadlines.map((d) => ({
        ...d,
        label: alerts[`kind.${d.kind}`] ?? d.kind,
        overdue: d.daysLeft < 0,
        daysLate: -d.daysLeft,
      })),
      withFiles,
      files: files.map((f) => ({
        n: f.n,
        kind: labels[`file.${f.msgType}`] ?? f.msgType,
        image: f.msgType === 'image' && f.status === 'stored',
        stored: f.status === 'stored',
        status: f.status === 'stored' ? '' : (labels[`file.status.${f.status}`] ?? f.status),
        href: `/workbench/cases/${encodeURIComponent(row.id)}/files/${f.n}`,
        at: stamp(f.receivedAt),
        material: f.materialId ? (checklist.find((i) => i.id === f.materialId)?.name ?? f.materialId) : '',
        command: `${labels['command.materials'] ?? ''} ${row.id} ${f.n}`,
      })),
      notices: data.notices.map((n) => ({ ...n, label: labels[n.templateId] ?? n.templateId })),
      documents: withFiles
        ? [
            ...(
              await availableDocuments(
                { db: deps.db, cipher: deps.cipher, townships: deps.townships, dataDir: deps.dataDir },
                row,
              )
            ).map((d, i) => ({
              label: d.title,
              href: `/workbench/cases/${encodeURIComponent(row.id)}/documents/${i + 1}`,
            })),
            {
              label: labels['document.archive'] ?? '',
              href: `/workbench/cases/${encodeURIComponent(row.id)}/documents/archive`,
            },
          ]
        : [],
      steps: steps.map((event) => {
        const spec = specFor(event)!;
        return {
          event,
          label: events[event] ?? event,
          onPage: spec.questions.length === 0,
          consequence: consequences[event] ?? '',
          action: `/workbench/cases/${encodeURIComponent(row.id)}/steps/${event}`,
          command: `${verbs[event] ?? events[event] ?? event} ${row.id}`,
        };
      }),
      pii: {
        action: `/workbench/cases/${encodeURIComponent(row.id)}/identifiers`,
        command: `${labels['command.pii'] ?? ''} ${row.id}`,
      },
    }),
  );
}
