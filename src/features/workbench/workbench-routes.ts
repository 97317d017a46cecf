import Router from '@koa/router';
import type Koa from 'koa';
import { caseActionRoutes } from './case-actions';
import { caseDocumentRoutes } from './case-documents-route';
import { caseFileMediaRoutes } from './case-file-media';
import { caseFileRoutes } from './case-file-page';
import { dashboardRoutes } from './dashboard-page';
import { meetingsRoutes } from './meetings-page';
import { reportDownloadRoutes } from './report-download';
import { signInRoutes } from './sign-in-routes';
import { todoRoutes } from './todo-page';
import type { WorkbenchDeps } from './workbench-deps';

/**
 * The workbench (issue 20): server-rendered pages inside WeCom under `/workbench`, signed in by
 * WeCom OAuth, with the same role and township rules and the same services as the chat.
 */
export function workbenchRouter(deps: WorkbenchDeps): Router {
  const router = new Router();
  signInRoutes(router, deps);
  todoRoutes(router, deps);
  caseFileRoutes(router, deps);
  caseActionRoutes(router, deps);
  caseFileMediaRoutes(router, deps);
  caseDocumentRoutes(router, deps);
  reportDownloadRoutes(router, deps);
  dashboardRoutes(router, deps);
  meetingsRoutes(router, deps);
  return router;
}

/** Mounts the workbench on the service's Koa app. */
export function mountWorkbench(app: Koa, deps: WorkbenchDeps): void {
  const router = workbenchRouter(deps);
  app.use(router.routes()).use(router.allowedMethods());
}
