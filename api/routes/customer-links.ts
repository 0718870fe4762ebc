/** Staff hand customers their case page link, and revoke a case's links (a forwarded e-mail, say). */
import { z } from '../zod.js';
import type { Db } from '../../db/database.js';
import { revokeLinks } from '../../db/customer-links.js';
import type { CustomerLinks } from '../../platform/customer-links.js';
import type { CaseService } from '../case-service.js';
import { route, type RouteSpec } from '../http.js';

const CustomerLink = z
  .object({ url: z.string(), expiresAt: z.string() })
  .openapi('CustomerLink', { description: "a signed link to the customer's case page" });

export function customerLinkRoutes(db: Db, cases: CaseService, links: CustomerLinks): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/v1/cases/:id/customer-link',
      operationId: 'issueCustomerLink',
      summary: "Issue a new signed link to the customer's case page",
      description:
        'The link opens the page without an API key until it expires or the case revokes its links.',
      tags: ['customers'],
      roles: ['agent', 'supervisor'],
      responses: {
        200: { description: 'the link', schema: CustomerLink },
        404: { description: 'unknown case' },
      },
      handler: async ({ res, params, principal }) => {
        const view = await cases.get(params.id!, principal);
        const now = Date.now();
        const check = links.verify(links.token(view.id, now), now);
        res.json({
          url: links.url(view.id, now),
          expiresAt: new Date(check.ok ? check.expiresAt : now).toISOString(),
        });
      },
    }),
    route({
      method: 'post',
      path: '/v1/cases/:id/customer-link/revoke',
      operationId: 'revokeCustomerLinks',
      summary: "Revoke every link to the customer's case page issued until now",
      tags: ['customers'],
      roles: ['agent', 'supervisor'],
      audit: { action: 'customer_link.revoked', targetType: 'case' },
      responses: {
        200: { description: 'revoked', schema: z.object({ revokedBefore: z.string() }) },
        404: { description: 'unknown case' },
      },
      handler: async ({ res, params, principal }) => {
        const view = await cases.get(params.id!, principal);
        const now = new Date();
        await revokeLinks(db, view.id, now);
        res.json({ revokedBefore: now.toISOString() });
      },
    }),
  ];
}
