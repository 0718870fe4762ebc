/**
 * Which audience a caller belongs to, for what it may read (see domain/case/visibility.ts). The one
 * place that maps roles to audiences: every read that filters by visibility asks here.
 */
import type { Audience } from '../domain/case/visibility.js';
import type { Principal } from './auth.js';
import type { Role } from '../domain/people.js';

export const STAFF_ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];

export const isStaff = (p: Pick<Principal, 'role'>): boolean => STAFF_ROLES.includes(p.role);

export const audienceOf = (p: Pick<Principal, 'role'>): Audience => (isStaff(p) ? 'staff' : 'integrator');
