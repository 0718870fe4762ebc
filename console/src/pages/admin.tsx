import type { Me } from '../api.js';
/** Placeholder until the admin pages land. */
export function AdminPage(_: { me: Me }) {
  return <section />;
}
