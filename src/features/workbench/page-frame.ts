import type { StaffMember } from '../../core/staff/staff-directory';
import type { WorkbenchDeps } from './workbench-deps';
import type { SignedIn } from './workbench-session';

export type NavKey = 'todo' | 'dashboard' | 'meetings' | 'help';

/** Which pages each role has (the bureau supervises all townships; groups see their meetings). */
export function navOf(staff: StaffMember): NavKey[] {
  if (staff.role === 'bureau_supervisor' || staff.role === 'admin')
    return ['dashboard', 'todo', 'meetings', 'help'];
  if (staff.role === 'coordination_member') return ['meetings', 'todo', 'help'];
  return ['todo', 'meetings', 'help'];
}

export function homeOf(staff: StaffMember): string {
  return `/workbench/${navOf(staff)[0]}`;
}

export function townshipName(deps: WorkbenchDeps, id: string | null | undefined): string {
  if (!id) return '';
  return deps.townships.find((t) => t.id === id)?.name ?? id;
}

/**
 * What every signed-in page shows around its content: who is signed in, the pages of their role,
 * the CSRF token for forms, and the chat command that does the same as the page.
 */
export function frame(
  deps: WorkbenchDeps,
  who: SignedIn,
  current: NavKey | undefined,
  chatCommand: string,
): Record<string, unknown> {
  const labels = deps.templates.phrases('workbench.labels');
  return {
    user: {
      name: who.staff.name,
      role: labels[`role.${who.staff.role}`] ?? who.staff.role,
      township: townshipName(deps, who.staff.townshipId),
    },
    nav: navOf(who.staff).map((key) => ({
      href: `/workbench/${key}`,
      label: labels[`nav.${key}`] ?? key,
      current: key === current,
    })),
    csrf: who.session.csrf,
    chat: {
      command: chatCommand,
      href: `/workbench/help#${encodeURIComponent(chatCommand.split(' ')[0] ?? '')}`,
    },
  };
}
