import type { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * Who made a request, as the stores record it: a user's entity reference in
 * lower case (the form every stored reference takes), else the service's
 * subject.
 */
export function principalOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef.toLowerCase();
  }
  return principal.subject ?? principal.type;
}
