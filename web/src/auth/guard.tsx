import { useSession } from './session';
import { Denied } from '../ui/feedback';

/** Renders the page only for roles with the permission; others get a plain refusal and no data. */
export function Guard({
  permission,
  children,
}: {
  readonly permission: string;
  readonly children: React.ReactNode;
}) {
  const session = useSession();
  return session.can(permission) ? <>{children}</> : <Denied />;
}
