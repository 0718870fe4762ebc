/**
 * Least privilege for integrations: a scoped integrator key reaches only the cases its integration
 * (the key's name) opened and those cases' customers. Anything else is answered as if it did not
 * exist (404), so a scoped key cannot even learn which ids are taken. The rows' filters: db/scope.ts.
 */
import { type Principal } from './auth.js';
import { actorOf } from '../domain/people.js';

/** The actor recorded on the case.opened event (sequence 1) of cases this principal may reach. */
export const scopeOf = (p: Principal): string | undefined =>
  p.role === 'integrator' && p.scoped ? actorOf(p) : undefined;
