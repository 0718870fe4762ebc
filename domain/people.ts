/** Who acts on cases: the roles, and how a person or system is named in timelines and webhooks. */

export const ROLES = ['integrator', 'agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A person's or system's name: what `role:name` and the directory's agent ids allow. */
export const PERSON_NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$/;

/** How someone appears in timelines, webhooks and logs: `role:name`. */
export const actorOf = (p: { role: Role; name: string }) => `${p.role}:${p.name}`;

/** The person behind an actor `role:name`: one person with two keys is still one person. */
export const personOf = (actor: string): string => actor.slice(actor.indexOf(':') + 1);
