// Generated from the API's OpenAPI document by scripts/generate-client.ts (npm run build): do not edit.
export interface paths {
  '/v1/cases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List cases, newest first or soonest deadline first
     * @description **Roles:** integrator, agent, supervisor, admin.
     */
    get: operations['listCases'];
    put?: never;
    /**
     * Open a case
     * @description **Roles:** integrator, agent, admin (admin may do everything).
     */
    post: operations['openCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a case
     * @description **Roles:** integrator, agent, supervisor, admin.
     */
    get: operations['getCase'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a case's timeline
     * @description Staff see every event, each marked `internal` or `public`; integrators see the public ones only.
     *
     *     **Roles:** integrator, agent, supervisor, admin.
     */
    get: operations['getCaseTimeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Accept a case (first response): new → investigating
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['acceptCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/assign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Assign a case to someone
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['assignCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reject an invalid or out-of-scope case: new | investigating → rejected
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['rejectCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/findings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record investigation findings
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['recordFindings'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/wait-for-customer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ask the customer and pause the resolve clock: investigating → pending_customer
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['waitForCustomer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/customer-reply': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record the customer's reply and resume the clock: pending_customer → investigating
     * @description **Roles:** integrator, agent, admin (admin may do everything).
     */
    post: operations['recordCustomerReply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/resolution': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Propose a resolution: → pending_approval (costly remedy or level 3) or → resolved
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['proposeResolution'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/approval': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve or reject a proposed resolution: pending_approval → resolved | investigating
     * @description **Roles:** supervisor, admin (admin may do everything).
     */
    post: operations['decideApproval'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/callback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record a callback to the customer
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['recordCallback'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/rating': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record the customer satisfaction rating: awaiting_rating → closed (a poor rating reopens once)
     * @description **Roles:** integrator, agent, admin (admin may do everything).
     */
    post: operations['rateCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/escalate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Escalate a case one level (max 3)
     * @description **Roles:** integrator, agent, supervisor, admin (admin may do everything).
     */
    post: operations['escalateCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Add a note
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['addNote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record that the customer withdrew: → withdrawn
     * @description **Roles:** integrator, supervisor, admin (admin may do everything).
     */
    post: operations['withdrawCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/extend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Extend a deadline, announced to the customer
     * @description **Roles:** supervisor, admin (admin may do everything).
     */
    post: operations['extendDeadline'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/priority': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change a case's priority; running clocks are re-targeted
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['changePriority'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/transfer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Transfer a case to a department (转办) for its preliminary findings: the team changes and the findings clock starts
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['transferCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/refuse-transfer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Refuse a transfer (a member of the department or a supervisor): the case goes back, the findings clock stops
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['refuseTransfer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/incidents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List incidents, newest first
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    get: operations['listIncidents'];
    put?: never;
    /**
     * Open an incident
     * @description Starts the incident workflow `incident:<id>` with SLA clocks by severity.
     *
     *     **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['openIncident'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/incidents/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get an incident
     * @description Integrators get its public part: title, status and public messages.
     *
     *     **Roles:** integrator, agent, supervisor, admin (admin may do everything).
     */
    get: operations['getIncident'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/incidents/{id}/updates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Post a public update to every linked case
     * @description Optionally moves the incident to `monitoring` (or back to `open`). Every linked case gets the message once, in its timeline (`case.incident_update`) and as a webhook; cases linked later get the latest at once.
     *
     *     **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['postIncidentUpdate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/incidents/{id}/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resolve an incident and every open linked case
     * @description Each linked case that is not yet resolved is resolved through its own workflow with this resolution; each then goes on alone to callback and rating. A remedy that needs approval on a case (replace, refund, compensation) needs it here too under the four-eyes rule (`APPROVAL_FOUR_EYES`, default on): the request then records a proposal (202, `proposal` in the incident) and another supervisor decides it with `POST /v1/incidents/{id}/approval`; nothing is resolved or told before.
     *
     *     **Roles:** supervisor, admin (admin may do everything).
     */
    post: operations['resolveIncident'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/incidents/{id}/approval': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve or reject an incident's proposed resolution
     * @description Four eyes: a supervisor other than the proposer approves (the incident and its open linked cases are resolved, the public message goes out) or rejects (the proposal is dropped; the incident stays open). 409 when no resolution is waiting or the approver proposed it.
     *
     *     **Roles:** supervisor, admin (admin may do everything).
     */
    post: operations['decideIncidentResolution'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/incidents/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel an incident: its cases are told and unlinked
     * @description **Roles:** supervisor, admin (admin may do everything).
     */
    post: operations['cancelIncident'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/incidents/{id}/cases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List an incident's linked cases
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    get: operations['listIncidentCases'];
    put?: never;
    /**
     * Link cases to an incident
     * @description Each case gets the latest public message at once. A case that is closed or linked to another incident is refused (per case).
     *
     *     **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['linkIncidentCases'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/incidents/{id}/cases/{caseId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Unlink a case from an incident
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    delete: operations['unlinkIncidentCase'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/incidents/{id}/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Report on one incident
     * @description Cases linked over time (per hour), linked cases by status, messages posted and timeline entries they made, time to first message and to resolution, and the linked cases’ ratings.
     *
     *     **Roles:** supervisor, admin (admin may do everything).
     */
    get: operations['getIncidentReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sla-policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List SLA policies
     * @description **Roles:** integrator, agent, supervisor, admin.
     */
    get: operations['listSlaPolicies'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sla-policies/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Create or replace an SLA policy
     * @description Open cases keep the policy they opened with; the change applies to new cases. Only `notify` (which notifications a case sends) applies to open cases too, from their next message.
     *
     *     **Roles:** admin.
     */
    put: operations['putSlaPolicy'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/business-calendars': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List business calendars
     * @description **Roles:** integrator, agent, supervisor, admin.
     */
    get: operations['listBusinessCalendars'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/business-calendars/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Create or replace a business calendar
     * @description **Roles:** admin.
     */
    put: operations['putBusinessCalendar'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/business-calendars/{name}/due': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Compute a deadline exactly as the service sets it
     * @description **Roles:** integrator, agent, supervisor, admin.
     */
    post: operations['computeDueTime'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search customers
     * @description By part of the name, email, phone, organisation or id; ordered by name. Pages like the case list: `limit` (default 50, max 200) and the opaque `nextCursor` (null on the last page).
     *
     *     **Roles:** integrator, agent, supervisor, admin.
     */
    get: operations['listCustomers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a customer record with its cases
     * @description **Roles:** integrator, agent, supervisor, admin.
     */
    get: operations['getCustomer'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/reports/service-quality': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Service-quality report for a period
     * @description Over cases created in [from, to): counts by status, type and priority; response time (accepted − created) and resolution time (resolved − created) in wall-clock seconds (count, mean, p50, p90); SLA compliance per clock (share of cases on which the clock ran with no breach of it); resolution rate (resolved ÷ all); first-contact resolution rate (resolved without a reopen ÷ resolved); reopen rate (reopened ÷ ever resolved); rating count, mean and distribution. Rates are 0..1, null when there is nothing to divide by. Also volume by channel, the complaint rate (complaints ÷ all) and repeat faults (fault reports of a customer and product reported again within `repeatWithinDays`, default 30). With groupBy, `groups` repeats the figures per type, priority, assignee, channel, team or incident (key null: unassigned, no incident), or per period for trends: day, week (from Monday) or month in `timeZone` (default UTC), the key being the period's first date. With `Accept: text/csv` (or format=csv) the answer is CSV: a header row, then one row per group, or one row for all cases when ungrouped.
     *
     *     **Roles:** supervisor, admin.
     */
    get: operations['getServiceQualityReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who the caller is: role, name and agent record
     * @description **Roles:** integrator, agent, supervisor, admin.
     */
    get: operations['getSession'];
    put?: never;
    /**
     * Sign in: exchange an API key for an HttpOnly session cookie
     * @description The cookie (`case_console`, HttpOnly, SameSite=Strict, Secure when PUBLIC_URL is https, 12 hours) then authenticates requests that carry no Authorization header. The server keeps the hash of the session's token and the key's id, never the key; revoking the key ends its sessions.
     *
     *     **Roles:** public (no API key).
     */
    post: operations['createSession'];
    /**
     * Sign out: end the session of the cookie sent
     * @description **Roles:** integrator, agent, supervisor, admin.
     */
    delete: operations['deleteSession'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/reassign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reassign several cases to one person, with a result per case
     * @description Each case is assigned as by `POST /v1/cases/{id}/assign`; one failing (unknown, closed, already assigned to that person) does not stop the others. The answer is 200 with each case's own status.
     *
     *     **Roles:** supervisor, admin (admin may do everything).
     */
    post: operations['reassignCases'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/case-changes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A stream of case changes (server-sent events)
     * @description Each committed change of a followed case is an event `case` with `{id, seq, status, breached}`: read the case for the rest. A scoped integrator follows its own cases by id (`all` is refused, another id is 404). An event `resync` comes once changes flow (first thing on a new stream) and whenever changes may have been missed (connection to the database restored): reload what you show. A comment line every 15 s keeps proxies open.
     *
     *     **Roles:** integrator, agent, supervisor, admin (admin may do everything).
     */
    get: operations['streamCaseChanges'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/teams': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List teams
     * @description **Roles:** agent, supervisor, admin.
     */
    get: operations['listTeams'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/teams/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Create or replace a team
     * @description A team handles the listed kinds of case at the levels between minLevel and maxLevel.
     *
     *     **Roles:** admin.
     */
    put: operations['putTeam'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/agents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List agents
     * @description **Roles:** agent, supervisor, admin.
     */
    get: operations['listAgents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/agents/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Create or replace an agent
     * @description **Roles:** admin.
     */
    put: operations['putAgent'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List API keys stored in the database (never the keys themselves)
     * @description **Roles:** admin.
     */
    get: operations['listApiKeys'];
    put?: never;
    /**
     * Create an API key; the key is shown in this answer only
     * @description **Roles:** admin.
     */
    post: operations['createApiKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke an API key
     * @description **Roles:** admin.
     */
    delete: operations['revokeApiKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the caller's notifications, newest first
     * @description What the caller (the person named by their key or session) has been told: warnings, breaches, escalations, transfers, hand-backs and approvals waiting. `unread=true` leaves out the ones read; `unread` in the answer (and the header `X-Unread-Count`) counts all the caller's unread ones; `nextCursor` pages on.
     *
     *     **Roles:** agent, supervisor, admin (admin may do everything).
     */
    get: operations['listNotifications'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/notifications/stream': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A stream of the caller's new notifications (server-sent events)
     * @description Each notification committed for the caller is an event `notification` with `{id, caseId}`: list them for the rest. An event `resync` comes once the stream flows and whenever notifications may have been missed: reload what you show. A comment line every 15 s keeps proxies open.
     *
     *     **Roles:** agent, supervisor, admin (admin may do everything).
     */
    get: operations['streamNotifications'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/notifications/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark one of the caller’s notifications read
     * @description Marking again keeps the first time. Another person’s notification is 404.
     *
     *     **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['markNotificationRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/escalation-rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List escalation rules
     * @description Which team takes a case raised to each level (per case type, or for any), and whom else to tell. Without a rule, a team whose level band and case types hold the level takes it.
     *
     *     **Roles:** agent, supervisor, admin.
     */
    get: operations['listEscalationRules'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/escalation-rules/{level}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Create or replace the escalation rule of a level (and case type)
     * @description **Roles:** admin.
     */
    put: operations['putEscalationRule'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit-log': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the audit log, newest first
     * @description Every change to API keys, teams, agents, policies, calendars, causes, webhooks and customers' records, every erasure, sign-in and payload decode: actor, action, target, time, address and request id; for settings the state before and after, secrets removed. Append-only: the database refuses to update it. Filters combine; `nextCursor` pages on.
     *
     *     **Roles:** admin.
     */
    get: operations['listAuditLog'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List webhook subscriptions (an integrator key: its own)
     * @description **Roles:** integrator, admin (admin may do everything).
     */
    get: operations['listWebhooks'];
    put?: never;
    /**
     * Subscribe a URL to events
     * @description Each event is POSTed as JSON, signed twice: Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`) and `X-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` with `X-Event-Id`. The secret is shown in this answer only. An integrator key subscribes for its own integration: only its cases' events (and those of incidents linked to them) are sent.
     *
     *     **Roles:** integrator, admin (admin may do everything).
     */
    post: operations['createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A webhook subscription
     * @description **Roles:** integrator, admin (admin may do everything).
     */
    get: operations['getWebhook'];
    put?: never;
    post?: never;
    /**
     * Unsubscribe: nothing more is sent, pending deliveries are cancelled (the log stays)
     * @description **Roles:** integrator, admin (admin may do everything).
     */
    delete: operations['deleteWebhook'];
    options?: never;
    head?: never;
    /**
     * Pause or resume a subscription
     * @description Paused: events are still queued for it, nothing is sent (an attempt in flight finishes). Resumed: what is queued goes out in order.
     *
     *     **Roles:** integrator, admin (admin may do everything).
     */
    patch: operations['updateWebhook'];
    trace?: never;
  };
  '/v1/webhooks/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate a subscription's secret
     * @description The new secret signs from now on; the previous one also signs (a second signature in `webhook-signature` and in X-Signature) for overlapSeconds (default 1 day), so receivers can switch over. The new secret is shown in this answer only.
     *
     *     **Roles:** integrator, admin (admin may do everything).
     */
    post: operations['rotateWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/ping': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a test event
     * @description Queues a `webhook.ping` event for this subscription only; it goes out like any event (signed the same way; held while the subscription is paused) and shows in the delivery log under the case id `ping:<subscription id>`.
     *
     *     **Roles:** integrator, admin (admin may do everything).
     */
    post: operations['pingWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/deliveries/{eventId}/redeliver': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a delivery again (one that failed, or any other)
     * @description The delivery becomes pending with a fresh retry window and goes out after any earlier pending event of its case.
     *
     *     **Roles:** integrator, admin (admin may do everything).
     */
    post: operations['redeliverWebhookDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A subscription's delivery log, newest first
     * @description **Roles:** integrator, admin (admin may do everything).
     */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/personal-data': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Erase a customer's personal data
     * @description Destroys the data keys of the customer's cases (their personal data in Temporal's history becomes unreadable) and scrubs the read model. Cases, events, times and ratings stay, so reports keep working.
     *
     *     **Roles:** admin.
     */
    delete: operations['eraseCustomerPersonalData'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/codec/decode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Decode Temporal payloads for the Web UI (payload codec server)
     * @description **Roles:** supervisor, admin.
     */
    post: operations['decodePayloads'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/codec/encode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Encode Temporal payloads for the Web UI (payload codec server)
     * @description **Roles:** supervisor, admin.
     */
    post: operations['encodePayloads'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/codec/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A page where a supervisor opens a codec session for the Temporal Web UI in this browser
     * @description **Roles:** public (no API key).
     */
    get: operations['getCodecLoginPage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/codec/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Open a Web UI codec session with a supervisor or admin key (sets an HttpOnly cookie)
     * @description **Roles:** public (no API key).
     */
    post: operations['openCodecSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/codec-access': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List payload decodes (who decoded which workflow or case, when)
     * @description **Roles:** admin.
     */
    get: operations['listCodecAccess'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/customer-link': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Issue a new signed link to the customer's case page
     * @description The link opens the page without an API key until it expires or the case revokes its links.
     *
     *     **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['issueCustomerLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/customer-link/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revoke every link to the customer's case page issued until now
     * @description **Roles:** agent, supervisor, admin (admin may do everything).
     */
    post: operations['revokeCustomerLinks'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness
     * @description **Roles:** public (no API key).
     */
    get: operations['getLiveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness: Temporal and the database answer
     * @description **Roles:** public (no API key).
     */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * This OpenAPI 3.1 document
     * @description **Roles:** public (no API key).
     */
    get: operations['getOpenApiDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface webhooks {
  caseEvent: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A case event, POSTed to each subscribed URL
     * @description Signed twice: Standard Webhooks (`webhook-id` repeats `id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of "webhook-id.webhook-timestamp.body">`, keyed with the base64-decoded part of the `whsec_` secret) and `X-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body" in hex>`; `X-Event-Id` repeats `id`. Answer 2xx; anything else (a redirect too) is retried with backoff.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: {
        content: {
          'application/json': components['schemas']['WebhookEvent'];
        };
      };
      responses: {
        /** @description received (any 2xx) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  webhookPing: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The test event `POST /v1/webhooks/{id}/ping` sends, signed like every event */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: {
        content: {
          'application/json': components['schemas']['WebhookPing'];
        };
      };
      responses: {
        /** @description received (any 2xx) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface components {
  schemas: {
    WebhookEvent: {
      /** @description `<caseId>:<sequence>`: de-duplicate on it */
      id: string;
      type: string;
      caseId: string;
      /** @description the event's number within its case, from 1 */
      sequence: number;
      /**
       * Format: date-time
       * @description when the event happened
       * @example 2026-11-23T09:00:00Z
       */
      occurredAt: string;
      /**
       * @deprecated
       * @description deprecated: use `sequence` (same value)
       */
      seq: number;
      /**
       * Format: date-time
       * @deprecated
       * @description deprecated: use `occurredAt` (same value)
       * @example 2026-11-23T09:00:00Z
       */
      at: string;
      actor: string;
      data: {
        [key: string]: unknown;
      };
      case: {
        id: string;
        number: string;
        type: string;
        status: string;
        priority: string;
        level: number;
        assignee: string | null;
      };
    };
    WebhookPing: {
      /** @description `ping:<uuid>`, also in `webhook-id` */
      id: string;
      /** @enum {string} */
      type: 'webhook.ping';
      subscriptionId: string;
      occurredAt: string;
      data: Record<string, never>;
    };
    /** @description RFC 9457 problem details */
    Problem: {
      type: string;
      title: string;
      status: number;
      detail: string;
      errors?: {
        path: string;
        message: string;
        /** @enum {string} */
        in?: 'body' | 'query' | 'path' | 'header';
      }[];
    };
    /** @description RFC 9457 problem details for a refusal by the case state */
    Conflict: components['schemas']['Problem'] & {
      currentStatus?: string;
      action?: string;
      /** @description escalating at the highest level */
      level?: number;
      /** @description assigning to the current assignee */
      assignee?: string;
      /** @description changing to the current priority */
      priority?: string;
    };
    Case: {
      id: string;
      /** @example CS-2026-000123 */
      number: string;
      /** @enum {string} */
      type: 'inquiry' | 'complaint' | 'fault_report' | 'service_request' | 'technical_support';
      /** @enum {string} */
      channel: 'phone' | 'email' | 'web' | 'chat' | 'social' | 'letter' | 'walk_in' | 'api';
      /** @enum {string} */
      status:
        | 'new'
        | 'investigating'
        | 'pending_customer'
        | 'pending_approval'
        | 'resolved'
        | 'awaiting_rating'
        | 'closed'
        | 'rejected'
        | 'withdrawn';
      /** @enum {string} */
      priority: 'urgent' | 'high' | 'normal' | 'low';
      level: 1 | 2 | 3;
      subject: string;
      description: string;
      customer: {
        id: string;
        name: string;
        /** @enum {string} */
        tier: 'standard' | 'premium';
        email?: string;
        phone?: string;
        organisation?: string;
        locale?: string;
      };
      product: string | null;
      externalRef: string | null;
      assignee: string | null;
      /** @description first person who took the case (first-contact responsibility) */
      owner: string | null;
      /** @description the team responsible now: the first assignee’s at opening, a department after a transfer, the escalated level’s team after an escalation (null: none; absent on cases not changed since teams owned work) */
      team?: string | null;
      /** @description while a department has the case for its findings (absent otherwise) */
      transfer?: {
        /** @description the department that has the case for its findings */
        team: string;
        /** @description the team the case goes back to */
        returnTo: string | null;
        /**
         * Format: date-time
         * @example 2026-11-23T09:00:00Z
         */
        since: string;
      } | null;
      slaPolicy: string;
      deadlines: {
        /**
         * Format: date-time
         * @example 2026-11-23T09:00:00Z
         */
        respondBy: string | null;
        /**
         * Format: date-time
         * @example 2026-11-23T09:00:00Z
         */
        resolveBy: string | null;
        /**
         * Format: date-time
         * @example 2026-11-23T09:00:00Z
         */
        callbackBy: string | null;
        /**
         * Format: date-time
         * @example 2026-11-23T09:00:00Z
         */
        rateBy: string | null;
        /**
         * Format: date-time
         * @description when the department that has the case owes its preliminary findings (the findings clock; null once they came or the transfer ended; absent on cases never transferred)
         * @example 2026-11-23T09:00:00Z
         */
        findingsBy?: string | null;
      };
      /** @description the calendar the deadlines are counted on and the thresholds still ahead, earliest first: the moments the case’s durable timer fires (absent on cases not changed since this field was added) */
      sla?: {
        calendar: string;
        /** @description the calendar's IANA time zone */
        timeZone: string;
        thresholds: {
          /** @enum {string} */
          clock: 'respond' | 'resolve' | 'callback' | 'rate' | 'findings';
          /** @enum {string} */
          kind: 'warning' | 'breach' | 'expiry';
          /**
           * Format: date-time
           * @example 2026-11-23T09:00:00Z
           */
          at: string;
        }[];
        /** @description running clocks in their warning phase: the warning has fired, the deadline not yet */
        warned?: ('respond' | 'resolve' | 'callback' | 'rate' | 'findings')[];
      };
      breaches: {
        /** @enum {string} */
        clock: 'respond' | 'resolve' | 'callback' | 'rate' | 'findings';
        /**
         * Format: date-time
         * @example 2026-11-23T09:00:00Z
         */
        at: string;
      }[];
      rating: {
        score: number;
        comment?: string;
      } | null;
      reopenCount: number;
      /**
       * Format: date-time
       * @example 2026-11-23T09:00:00Z
       */
      createdAt: string;
      /**
       * Format: date-time
       * @example 2026-11-23T09:00:00Z
       */
      updatedAt: string;
      /**
       * Format: date-time
       * @example 2026-11-23T09:00:00Z
       */
      closedAt: string | null;
      /** @description the workflow id to look up in the Temporal Web UI */
      workflowId: string;
      /** @description the incident this case is linked to */
      incident?: {
        id: string;
        number: string;
        title: string;
      } | null;
      /** @description while the case waits for the customer under a policy that reminds or closes: when the wait began, when the customer is reminded and when the case is withdrawn for no reply (on the case's calendar) */
      customerWait?: {
        /**
         * Format: date-time
         * @example 2026-11-23T09:00:00Z
         */
        since: string;
        /**
         * Format: date-time
         * @example 2026-11-23T09:00:00Z
         */
        remindAt: string | null;
        /**
         * Format: date-time
         * @example 2026-11-23T09:00:00Z
         */
        closeAt: string | null;
        reminded: boolean;
      };
      /** @description staff only, on GET of an open unlinked case: open incidents whose scope matches it */
      incidentSuggestions?: {
        id: string;
        number: string;
        title: string;
        severity: string;
        matched: string[];
      }[];
    };
    OpenCaseRequest: {
      /** @enum {string} */
      type: 'inquiry' | 'complaint' | 'fault_report' | 'service_request' | 'technical_support';
      /** @enum {string} */
      channel: 'phone' | 'email' | 'web' | 'chat' | 'social' | 'letter' | 'walk_in' | 'api';
      subject: string;
      description: string;
      customer: components['schemas']['CustomerInput'];
      /** @enum {string} */
      priority?: 'urgent' | 'high' | 'normal' | 'low';
      product?: string;
      externalRef?: string;
      slaPolicy?: string;
      /** @description link the new case to this open incident (409 if it is resolved or cancelled) */
      incidentId?: string;
    };
    CustomerInput: {
      id?: string;
      name: string;
      /** @enum {string} */
      tier?: 'standard' | 'premium';
      /** Format: email */
      email?: string;
      phone?: string;
      organisation?: string;
      /** @description the customer's language for messages and their case page (zh-CN or en) */
      locale?: string;
    };
    TimelineItem: {
      /** @description the event's number within its case, from 1 */
      sequence: number;
      /**
       * Format: date-time
       * @description when the event happened
       * @example 2026-11-23T09:00:00Z
       */
      occurredAt: string;
      /**
       * @deprecated
       * @description deprecated: use `sequence` (same value)
       */
      seq: number;
      /**
       * Format: date-time
       * @deprecated
       * @description deprecated: use `occurredAt` (same value)
       * @example 2026-11-23T09:00:00Z
       */
      at: string;
      type: string;
      actor: string;
      data: {
        [key: string]: unknown;
      };
      /**
       * @description internal events (internal notes) are shown to staff only, never to integrators
       * @enum {string}
       */
      visibility: 'internal' | 'public';
    };
    Incident: {
      id: string;
      /** @example INC-2026-00012 */
      number: string;
      title: string;
      /** @description staff only */
      description?: string;
      /** @enum {string} */
      kind: 'outage' | 'product_defect' | 'disaster' | 'other';
      /** @enum {string} */
      severity: 'critical' | 'major' | 'minor';
      /** @enum {string} */
      status: 'open' | 'monitoring' | 'resolved' | 'cancelled';
      messages: {
        id: string;
        seq: number;
        /** @example 2026-11-30T09:00:00Z */
        at: string;
        actor?: string;
        text: string;
        /** @enum {string} */
        status: 'open' | 'monitoring' | 'resolved' | 'cancelled';
      }[];
      resolution: {
        summary: string;
        /** @enum {string} */
        remedy: 'repair' | 'replace' | 'refund' | 'compensation' | 'guidance' | 'other';
        /** @example 2026-11-30T09:00:00Z */
        at: string;
        /** @description staff only: who resolved (or proposed) */
        resolvedBy?: string;
        /** @description staff only: the second supervisor, when the remedy needed approval */
        approvedBy?: string;
      } | null;
      /** @description staff only: a resolution whose remedy needs approval, waiting for a supervisor other than the proposer */
      proposal?: {
        summary: string;
        /** @enum {string} */
        remedy: 'repair' | 'replace' | 'refund' | 'compensation' | 'guidance' | 'other';
        proposedBy: string;
        /** @example 2026-11-30T09:00:00Z */
        at: string;
      } | null;
      linkedCases?: number;
      deadlines?: {
        /** @example 2026-11-30T09:00:00Z */
        firstMessageBy: string | null;
        /** @example 2026-11-30T09:00:00Z */
        resolveBy: string | null;
      };
      workflowId?: string;
    };
    OpenIncidentRequest: {
      /** @description public: shown to customers with every message */
      title: string;
      /** @description internal: staff only */
      description: string;
      /** @enum {string} */
      kind: 'outage' | 'product_defect' | 'disaster' | 'other';
      /**
       * @description sets the SLA targets (first public message, resolution)
       * @enum {string}
       */
      severity: 'critical' | 'major' | 'minor';
      /** @description open cases matching every given list (products, customers, case types) are suggested */
      scope?: {
        products?: string[];
        regions?: string[];
        customerIds?: string[];
        caseTypes?: ('inquiry' | 'complaint' | 'fault_report' | 'service_request' | 'technical_support')[];
      };
      /** @description business calendar; default 24x7 */
      calendar?: string;
    };
    IncidentUpdateRequest: {
      /** @description public: every linked case gets it in its timeline and webhooks */
      message: string;
      /** @enum {string} */
      status?: 'open' | 'monitoring';
    };
    ResolveIncidentRequest: {
      /** @description public: recorded as every open linked case's resolution */
      summary: string;
      /** @enum {string} */
      remedy: 'repair' | 'replace' | 'refund' | 'compensation' | 'guidance' | 'other';
      /** @description public message; default: the summary */
      message?: string;
    };
    IncidentApprovalRequest: {
      /** @enum {string} */
      decision: 'approve' | 'reject';
      /** @description internal: staff only */
      comment?: string;
    };
    CancelIncidentRequest: {
      /** @description internal: staff only */
      reason: string;
      /** @description public message to the linked cases */
      message?: string;
    };
    LinkOutcomes: {
      items: {
        caseId: string;
        /** @enum {string} */
        outcome: 'linked' | 'unlinked' | 'refused' | 'unknown';
        detail?: string;
      }[];
    };
    LinkCasesRequest: {
      caseIds: string[];
    };
    IncidentReport: {
      incidentId: string;
      linked: {
        current: number;
        ever: number;
      };
      linkedOverTime: {
        /** @example 2026-11-30T09:00:00Z */
        hour: string;
        linked: number;
      }[];
      byStatus: {
        new: number;
        investigating: number;
        pending_customer: number;
        pending_approval: number;
        resolved: number;
        awaiting_rating: number;
        closed: number;
        rejected: number;
        withdrawn: number;
      };
      messages: {
        posted: number;
        caseTimelineEntries: number;
      };
      secondsToFirstMessage: number | null;
      secondsToResolution: number | null;
      ratings: {
        count: number;
        mean: number | null;
        byScore: {
          [key: string]: number;
        };
      };
    };
    SlaPolicy: {
      name: string;
      calendar: string;
      /**
       * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
       * @example PT4H
       */
      respondWithin: string;
      /**
       * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
       * @example PT4H
       */
      resolveWithin: string;
      /**
       * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
       * @example PT4H
       */
      callbackWithin: string;
      /**
       * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
       * @example PT4H
       */
      rateWithin: string;
      /**
       * @description a department's preliminary findings after a transfer (the findings clock); absent: the transfer's findingsWithin, else P3D
       * @example PT4H
       */
      findingsWithin?: string;
      /** @description a calendar the respond clock counts on instead of the policy's ('24x7': round the clock) */
      respondOn?: string;
      /** @description a calendar the resolve clock counts on instead of the policy's ('24x7': round the clock) */
      resolveOn?: string;
      /** @description a calendar the callback clock counts on instead of the policy's ('24x7': round the clock) */
      callbackOn?: string;
      /** @description a calendar the rate clock counts on instead of the policy's ('24x7': round the clock) */
      rateOn?: string;
      /** @description a calendar the findings clock counts on instead of the policy's ('24x7': round the clock) */
      findingsOn?: string;
      /** @description how long before its deadline a clock warns: one ISO duration for every clock, or an object by clock ({respond: 'PT1H', resolve: 'P1D'}); days count as working days on the clock's calendar. A lead that reaches back to the clock's start moves to warnAtFraction */
      warnBefore?:
        | string
        | {
            /**
             * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
             * @example PT4H
             */
            respond?: string;
            /**
             * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
             * @example PT4H
             */
            resolve?: string;
            /**
             * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
             * @example PT4H
             */
            callback?: string;
            /**
             * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
             * @example PT4H
             */
            findings?: string;
          };
      /** @description the share of a clock's budget after which it warns, for clocks with no warnBefore, and for those whose warnBefore would reach back to the clock's start (then 0.5 when absent) */
      warnAtFraction?: number;
      byPriority?: {
        urgent?: {
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          respondWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          resolveWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          callbackWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          rateWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          findingsWithin?: string;
          /** @description a calendar the respond clock counts on instead of the policy's ('24x7': round the clock) */
          respondOn?: string;
          /** @description a calendar the resolve clock counts on instead of the policy's ('24x7': round the clock) */
          resolveOn?: string;
          /** @description a calendar the callback clock counts on instead of the policy's ('24x7': round the clock) */
          callbackOn?: string;
          /** @description a calendar the rate clock counts on instead of the policy's ('24x7': round the clock) */
          rateOn?: string;
          /** @description a calendar the findings clock counts on instead of the policy's ('24x7': round the clock) */
          findingsOn?: string;
        };
        high?: {
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          respondWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          resolveWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          callbackWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          rateWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          findingsWithin?: string;
          /** @description a calendar the respond clock counts on instead of the policy's ('24x7': round the clock) */
          respondOn?: string;
          /** @description a calendar the resolve clock counts on instead of the policy's ('24x7': round the clock) */
          resolveOn?: string;
          /** @description a calendar the callback clock counts on instead of the policy's ('24x7': round the clock) */
          callbackOn?: string;
          /** @description a calendar the rate clock counts on instead of the policy's ('24x7': round the clock) */
          rateOn?: string;
          /** @description a calendar the findings clock counts on instead of the policy's ('24x7': round the clock) */
          findingsOn?: string;
        };
        normal?: {
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          respondWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          resolveWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          callbackWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          rateWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          findingsWithin?: string;
          /** @description a calendar the respond clock counts on instead of the policy's ('24x7': round the clock) */
          respondOn?: string;
          /** @description a calendar the resolve clock counts on instead of the policy's ('24x7': round the clock) */
          resolveOn?: string;
          /** @description a calendar the callback clock counts on instead of the policy's ('24x7': round the clock) */
          callbackOn?: string;
          /** @description a calendar the rate clock counts on instead of the policy's ('24x7': round the clock) */
          rateOn?: string;
          /** @description a calendar the findings clock counts on instead of the policy's ('24x7': round the clock) */
          findingsOn?: string;
        };
        low?: {
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          respondWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          resolveWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          callbackWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          rateWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          findingsWithin?: string;
          /** @description a calendar the respond clock counts on instead of the policy's ('24x7': round the clock) */
          respondOn?: string;
          /** @description a calendar the resolve clock counts on instead of the policy's ('24x7': round the clock) */
          resolveOn?: string;
          /** @description a calendar the callback clock counts on instead of the policy's ('24x7': round the clock) */
          callbackOn?: string;
          /** @description a calendar the rate clock counts on instead of the policy's ('24x7': round the clock) */
          rateOn?: string;
          /** @description a calendar the findings clock counts on instead of the policy's ('24x7': round the clock) */
          findingsOn?: string;
        };
      };
      /**
       * @description working time in pending_customer before the customer is reminded by mail; null: never; absent: P2D
       * @example PT4H
       */
      remindCustomerAfter?: string | null;
      /**
       * @description working time in pending_customer after which the case is withdrawn ("no reply from the customer"); absent or null: never; must be longer than the reminder
       * @example PT4H
       */
      closeWithoutReplyAfter?: string | null;
      /** @description the notification kinds this policy's cases send; absent: the deployment's MAIL_EVENTS */
      notify?: (
        | 'received'
        | 'accepted'
        | 'rejected'
        | 'question'
        | 'reminder'
        | 'extended'
        | 'resolved'
        | 'callback_missed'
        | 'rate'
        | 'reopened'
        | 'update'
        | 'closed'
        | 'withdrawn'
        | 'incident'
      )[];
    };
    SlaPolicyInput: {
      /** @description optional; must equal the name in the path */
      name?: string;
      calendar: string;
      /**
       * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
       * @example PT4H
       */
      respondWithin: string;
      /**
       * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
       * @example PT4H
       */
      resolveWithin: string;
      /**
       * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
       * @example PT4H
       */
      callbackWithin: string;
      /**
       * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
       * @example PT4H
       */
      rateWithin: string;
      /**
       * @description a department's preliminary findings after a transfer (the findings clock); absent: the transfer's findingsWithin, else P3D
       * @example PT4H
       */
      findingsWithin?: string;
      /** @description a calendar the respond clock counts on instead of the policy's ('24x7': round the clock) */
      respondOn?: string;
      /** @description a calendar the resolve clock counts on instead of the policy's ('24x7': round the clock) */
      resolveOn?: string;
      /** @description a calendar the callback clock counts on instead of the policy's ('24x7': round the clock) */
      callbackOn?: string;
      /** @description a calendar the rate clock counts on instead of the policy's ('24x7': round the clock) */
      rateOn?: string;
      /** @description a calendar the findings clock counts on instead of the policy's ('24x7': round the clock) */
      findingsOn?: string;
      /** @description how long before its deadline a clock warns: one ISO duration for every clock, or an object by clock ({respond: 'PT1H', resolve: 'P1D'}); days count as working days on the clock's calendar. A lead that reaches back to the clock's start moves to warnAtFraction */
      warnBefore?:
        | string
        | {
            /**
             * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
             * @example PT4H
             */
            respond?: string;
            /**
             * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
             * @example PT4H
             */
            resolve?: string;
            /**
             * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
             * @example PT4H
             */
            callback?: string;
            /**
             * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
             * @example PT4H
             */
            findings?: string;
          };
      /** @description the share of a clock's budget after which it warns, for clocks with no warnBefore, and for those whose warnBefore would reach back to the clock's start (then 0.5 when absent) */
      warnAtFraction?: number;
      byPriority?: {
        urgent?: {
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          respondWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          resolveWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          callbackWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          rateWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          findingsWithin?: string;
          /** @description a calendar the respond clock counts on instead of the policy's ('24x7': round the clock) */
          respondOn?: string;
          /** @description a calendar the resolve clock counts on instead of the policy's ('24x7': round the clock) */
          resolveOn?: string;
          /** @description a calendar the callback clock counts on instead of the policy's ('24x7': round the clock) */
          callbackOn?: string;
          /** @description a calendar the rate clock counts on instead of the policy's ('24x7': round the clock) */
          rateOn?: string;
          /** @description a calendar the findings clock counts on instead of the policy's ('24x7': round the clock) */
          findingsOn?: string;
        };
        high?: {
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          respondWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          resolveWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          callbackWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          rateWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          findingsWithin?: string;
          /** @description a calendar the respond clock counts on instead of the policy's ('24x7': round the clock) */
          respondOn?: string;
          /** @description a calendar the resolve clock counts on instead of the policy's ('24x7': round the clock) */
          resolveOn?: string;
          /** @description a calendar the callback clock counts on instead of the policy's ('24x7': round the clock) */
          callbackOn?: string;
          /** @description a calendar the rate clock counts on instead of the policy's ('24x7': round the clock) */
          rateOn?: string;
          /** @description a calendar the findings clock counts on instead of the policy's ('24x7': round the clock) */
          findingsOn?: string;
        };
        normal?: {
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          respondWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          resolveWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          callbackWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          rateWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          findingsWithin?: string;
          /** @description a calendar the respond clock counts on instead of the policy's ('24x7': round the clock) */
          respondOn?: string;
          /** @description a calendar the resolve clock counts on instead of the policy's ('24x7': round the clock) */
          resolveOn?: string;
          /** @description a calendar the callback clock counts on instead of the policy's ('24x7': round the clock) */
          callbackOn?: string;
          /** @description a calendar the rate clock counts on instead of the policy's ('24x7': round the clock) */
          rateOn?: string;
          /** @description a calendar the findings clock counts on instead of the policy's ('24x7': round the clock) */
          findingsOn?: string;
        };
        low?: {
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          respondWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          resolveWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          callbackWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          rateWithin?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          findingsWithin?: string;
          /** @description a calendar the respond clock counts on instead of the policy's ('24x7': round the clock) */
          respondOn?: string;
          /** @description a calendar the resolve clock counts on instead of the policy's ('24x7': round the clock) */
          resolveOn?: string;
          /** @description a calendar the callback clock counts on instead of the policy's ('24x7': round the clock) */
          callbackOn?: string;
          /** @description a calendar the rate clock counts on instead of the policy's ('24x7': round the clock) */
          rateOn?: string;
          /** @description a calendar the findings clock counts on instead of the policy's ('24x7': round the clock) */
          findingsOn?: string;
        };
      };
      /**
       * @description working time in pending_customer before the customer is reminded by mail; null: never; absent: P2D
       * @example PT4H
       */
      remindCustomerAfter?: string | null;
      /**
       * @description working time in pending_customer after which the case is withdrawn ("no reply from the customer"); absent or null: never; must be longer than the reminder
       * @example PT4H
       */
      closeWithoutReplyAfter?: string | null;
      /** @description the notification kinds this policy's cases send; absent: the deployment's MAIL_EVENTS */
      notify?: (
        | 'received'
        | 'accepted'
        | 'rejected'
        | 'question'
        | 'reminder'
        | 'extended'
        | 'resolved'
        | 'callback_missed'
        | 'rate'
        | 'reopened'
        | 'update'
        | 'closed'
        | 'withdrawn'
        | 'incident'
      )[];
    };
    BusinessCalendar: {
      name: string;
      timeZone: string;
      week: {
        [key: string]: [string, string][];
      };
      holidays: string[];
      specialDays?: {
        [key: string]: [string, string][];
      };
    };
    BusinessCalendarInput: {
      /** @description optional; must equal the name in the path */
      name?: string;
      /**
       * @description an IANA time zone
       * @enum {string}
       */
      timeZone:
        | 'UTC'
        | 'Africa/Abidjan'
        | 'Africa/Accra'
        | 'Africa/Addis_Ababa'
        | 'Africa/Algiers'
        | 'Africa/Asmera'
        | 'Africa/Bamako'
        | 'Africa/Bangui'
        | 'Africa/Banjul'
        | 'Africa/Bissau'
        | 'Africa/Blantyre'
        | 'Africa/Brazzaville'
        | 'Africa/Bujumbura'
        | 'Africa/Cairo'
        | 'Africa/Casablanca'
        | 'Africa/Ceuta'
        | 'Africa/Conakry'
        | 'Africa/Dakar'
        | 'Africa/Dar_es_Salaam'
        | 'Africa/Djibouti'
        | 'Africa/Douala'
        | 'Africa/El_Aaiun'
        | 'Africa/Freetown'
        | 'Africa/Gaborone'
        | 'Africa/Harare'
        | 'Africa/Johannesburg'
        | 'Africa/Juba'
        | 'Africa/Kampala'
        | 'Africa/Khartoum'
        | 'Africa/Kigali'
        | 'Africa/Kinshasa'
        | 'Africa/Lagos'
        | 'Africa/Libreville'
        | 'Africa/Lome'
        | 'Africa/Luanda'
        | 'Africa/Lubumbashi'
        | 'Africa/Lusaka'
        | 'Africa/Malabo'
        | 'Africa/Maputo'
        | 'Africa/Maseru'
        | 'Africa/Mbabane'
        | 'Africa/Mogadishu'
        | 'Africa/Monrovia'
        | 'Africa/Nairobi'
        | 'Africa/Ndjamena'
        | 'Africa/Niamey'
        | 'Africa/Nouakchott'
        | 'Africa/Ouagadougou'
        | 'Africa/Porto-Novo'
        | 'Africa/Sao_Tome'
        | 'Africa/Tripoli'
        | 'Africa/Tunis'
        | 'Africa/Windhoek'
        | 'America/Adak'
        | 'America/Anchorage'
        | 'America/Anguilla'
        | 'America/Antigua'
        | 'America/Araguaina'
        | 'America/Argentina/La_Rioja'
        | 'America/Argentina/Rio_Gallegos'
        | 'America/Argentina/Salta'
        | 'America/Argentina/San_Juan'
        | 'America/Argentina/San_Luis'
        | 'America/Argentina/Tucuman'
        | 'America/Argentina/Ushuaia'
        | 'America/Aruba'
        | 'America/Asuncion'
        | 'America/Bahia'
        | 'America/Bahia_Banderas'
        | 'America/Barbados'
        | 'America/Belem'
        | 'America/Belize'
        | 'America/Blanc-Sablon'
        | 'America/Boa_Vista'
        | 'America/Bogota'
        | 'America/Boise'
        | 'America/Buenos_Aires'
        | 'America/Cambridge_Bay'
        | 'America/Campo_Grande'
        | 'America/Cancun'
        | 'America/Caracas'
        | 'America/Catamarca'
        | 'America/Cayenne'
        | 'America/Cayman'
        | 'America/Chicago'
        | 'America/Chihuahua'
        | 'America/Ciudad_Juarez'
        | 'America/Coral_Harbour'
        | 'America/Cordoba'
        | 'America/Costa_Rica'
        | 'America/Coyhaique'
        | 'America/Creston'
        | 'America/Cuiaba'
        | 'America/Curacao'
        | 'America/Danmarkshavn'
        | 'America/Dawson'
        | 'America/Dawson_Creek'
        | 'America/Denver'
        | 'America/Detroit'
        | 'America/Dominica'
        | 'America/Edmonton'
        | 'America/Eirunepe'
        | 'America/El_Salvador'
        | 'America/Fort_Nelson'
        | 'America/Fortaleza'
        | 'America/Glace_Bay'
        | 'America/Godthab'
        | 'America/Goose_Bay'
        | 'America/Grand_Turk'
        | 'America/Grenada'
        | 'America/Guadeloupe'
        | 'America/Guatemala'
        | 'America/Guayaquil'
        | 'America/Guyana'
        | 'America/Halifax'
        | 'America/Havana'
        | 'America/Hermosillo'
        | 'America/Indiana/Knox'
        | 'America/Indiana/Marengo'
        | 'America/Indiana/Petersburg'
        | 'America/Indiana/Tell_City'
        | 'America/Indiana/Vevay'
        | 'America/Indiana/Vincennes'
        | 'America/Indiana/Winamac'
        | 'America/Indianapolis'
        | 'America/Inuvik'
        | 'America/Iqaluit'
        | 'America/Jamaica'
        | 'America/Jujuy'
        | 'America/Juneau'
        | 'America/Kentucky/Monticello'
        | 'America/Kralendijk'
        | 'America/La_Paz'
        | 'America/Lima'
        | 'America/Los_Angeles'
        | 'America/Louisville'
        | 'America/Lower_Princes'
        | 'America/Maceio'
        | 'America/Managua'
        | 'America/Manaus'
        | 'America/Marigot'
        | 'America/Martinique'
        | 'America/Matamoros'
        | 'America/Mazatlan'
        | 'America/Mendoza'
        | 'America/Menominee'
        | 'America/Merida'
        | 'America/Metlakatla'
        | 'America/Mexico_City'
        | 'America/Miquelon'
        | 'America/Moncton'
        | 'America/Monterrey'
        | 'America/Montevideo'
        | 'America/Montserrat'
        | 'America/Nassau'
        | 'America/New_York'
        | 'America/Nome'
        | 'America/Noronha'
        | 'America/North_Dakota/Beulah'
        | 'America/North_Dakota/Center'
        | 'America/North_Dakota/New_Salem'
        | 'America/Ojinaga'
        | 'America/Panama'
        | 'America/Paramaribo'
        | 'America/Phoenix'
        | 'America/Port-au-Prince'
        | 'America/Port_of_Spain'
        | 'America/Porto_Velho'
        | 'America/Puerto_Rico'
        | 'America/Punta_Arenas'
        | 'America/Rankin_Inlet'
        | 'America/Recife'
        | 'America/Regina'
        | 'America/Resolute'
        | 'America/Rio_Branco'
        | 'America/Santarem'
        | 'America/Santiago'
        | 'America/Santo_Domingo'
        | 'America/Sao_Paulo'
        | 'America/Scoresbysund'
        | 'America/Sitka'
        | 'America/St_Barthelemy'
        | 'America/St_Johns'
        | 'America/St_Kitts'
        | 'America/St_Lucia'
        | 'America/St_Thomas'
        | 'America/St_Vincent'
        | 'America/Swift_Current'
        | 'America/Tegucigalpa'
        | 'America/Thule'
        | 'America/Tijuana'
        | 'America/Toronto'
        | 'America/Tortola'
        | 'America/Vancouver'
        | 'America/Whitehorse'
        | 'America/Winnipeg'
        | 'America/Yakutat'
        | 'Antarctica/Casey'
        | 'Antarctica/Davis'
        | 'Antarctica/DumontDUrville'
        | 'Antarctica/Macquarie'
        | 'Antarctica/Mawson'
        | 'Antarctica/McMurdo'
        | 'Antarctica/Palmer'
        | 'Antarctica/Rothera'
        | 'Antarctica/Syowa'
        | 'Antarctica/Troll'
        | 'Antarctica/Vostok'
        | 'Arctic/Longyearbyen'
        | 'Asia/Aden'
        | 'Asia/Almaty'
        | 'Asia/Amman'
        | 'Asia/Anadyr'
        | 'Asia/Aqtau'
        | 'Asia/Aqtobe'
        | 'Asia/Ashgabat'
        | 'Asia/Atyrau'
        | 'Asia/Baghdad'
        | 'Asia/Bahrain'
        | 'Asia/Baku'
        | 'Asia/Bangkok'
        | 'Asia/Barnaul'
        | 'Asia/Beirut'
        | 'Asia/Bishkek'
        | 'Asia/Brunei'
        | 'Asia/Calcutta'
        | 'Asia/Chita'
        | 'Asia/Colombo'
        | 'Asia/Damascus'
        | 'Asia/Dhaka'
        | 'Asia/Dili'
        | 'Asia/Dubai'
        | 'Asia/Dushanbe'
        | 'Asia/Famagusta'
        | 'Asia/Gaza'
        | 'Asia/Hebron'
        | 'Asia/Hong_Kong'
        | 'Asia/Hovd'
        | 'Asia/Irkutsk'
        | 'Asia/Jakarta'
        | 'Asia/Jayapura'
        | 'Asia/Jerusalem'
        | 'Asia/Kabul'
        | 'Asia/Kamchatka'
        | 'Asia/Karachi'
        | 'Asia/Katmandu'
        | 'Asia/Khandyga'
        | 'Asia/Krasnoyarsk'
        | 'Asia/Kuala_Lumpur'
        | 'Asia/Kuching'
        | 'Asia/Kuwait'
        | 'Asia/Macau'
        | 'Asia/Magadan'
        | 'Asia/Makassar'
        | 'Asia/Manila'
        | 'Asia/Muscat'
        | 'Asia/Nicosia'
        | 'Asia/Novokuznetsk'
        | 'Asia/Novosibirsk'
        | 'Asia/Omsk'
        | 'Asia/Oral'
        | 'Asia/Phnom_Penh'
        | 'Asia/Pontianak'
        | 'Asia/Pyongyang'
        | 'Asia/Qatar'
        | 'Asia/Qostanay'
        | 'Asia/Qyzylorda'
        | 'Asia/Rangoon'
        | 'Asia/Riyadh'
        | 'Asia/Saigon'
        | 'Asia/Sakhalin'
        | 'Asia/Samarkand'
        | 'Asia/Seoul'
        | 'Asia/Shanghai'
        | 'Asia/Singapore'
        | 'Asia/Srednekolymsk'
        | 'Asia/Taipei'
        | 'Asia/Tashkent'
        | 'Asia/Tbilisi'
        | 'Asia/Tehran'
        | 'Asia/Thimphu'
        | 'Asia/Tokyo'
        | 'Asia/Tomsk'
        | 'Asia/Ulaanbaatar'
        | 'Asia/Urumqi'
        | 'Asia/Ust-Nera'
        | 'Asia/Vientiane'
        | 'Asia/Vladivostok'
        | 'Asia/Yakutsk'
        | 'Asia/Yekaterinburg'
        | 'Asia/Yerevan'
        | 'Atlantic/Azores'
        | 'Atlantic/Bermuda'
        | 'Atlantic/Canary'
        | 'Atlantic/Cape_Verde'
        | 'Atlantic/Faeroe'
        | 'Atlantic/Madeira'
        | 'Atlantic/Reykjavik'
        | 'Atlantic/South_Georgia'
        | 'Atlantic/St_Helena'
        | 'Atlantic/Stanley'
        | 'Australia/Adelaide'
        | 'Australia/Brisbane'
        | 'Australia/Broken_Hill'
        | 'Australia/Darwin'
        | 'Australia/Eucla'
        | 'Australia/Hobart'
        | 'Australia/Lindeman'
        | 'Australia/Lord_Howe'
        | 'Australia/Melbourne'
        | 'Australia/Perth'
        | 'Australia/Sydney'
        | 'Europe/Amsterdam'
        | 'Europe/Andorra'
        | 'Europe/Astrakhan'
        | 'Europe/Athens'
        | 'Europe/Belgrade'
        | 'Europe/Berlin'
        | 'Europe/Bratislava'
        | 'Europe/Brussels'
        | 'Europe/Bucharest'
        | 'Europe/Budapest'
        | 'Europe/Busingen'
        | 'Europe/Chisinau'
        | 'Europe/Copenhagen'
        | 'Europe/Dublin'
        | 'Europe/Gibraltar'
        | 'Europe/Guernsey'
        | 'Europe/Helsinki'
        | 'Europe/Isle_of_Man'
        | 'Europe/Istanbul'
        | 'Europe/Jersey'
        | 'Europe/Kaliningrad'
        | 'Europe/Kiev'
        | 'Europe/Kirov'
        | 'Europe/Lisbon'
        | 'Europe/Ljubljana'
        | 'Europe/London'
        | 'Europe/Luxembourg'
        | 'Europe/Madrid'
        | 'Europe/Malta'
        | 'Europe/Mariehamn'
        | 'Europe/Minsk'
        | 'Europe/Monaco'
        | 'Europe/Moscow'
        | 'Europe/Oslo'
        | 'Europe/Paris'
        | 'Europe/Podgorica'
        | 'Europe/Prague'
        | 'Europe/Riga'
        | 'Europe/Rome'
        | 'Europe/Samara'
        | 'Europe/San_Marino'
        | 'Europe/Sarajevo'
        | 'Europe/Saratov'
        | 'Europe/Simferopol'
        | 'Europe/Skopje'
        | 'Europe/Sofia'
        | 'Europe/Stockholm'
        | 'Europe/Tallinn'
        | 'Europe/Tirane'
        | 'Europe/Ulyanovsk'
        | 'Europe/Vaduz'
        | 'Europe/Vatican'
        | 'Europe/Vienna'
        | 'Europe/Vilnius'
        | 'Europe/Volgograd'
        | 'Europe/Warsaw'
        | 'Europe/Zagreb'
        | 'Europe/Zurich'
        | 'Indian/Antananarivo'
        | 'Indian/Chagos'
        | 'Indian/Christmas'
        | 'Indian/Cocos'
        | 'Indian/Comoro'
        | 'Indian/Kerguelen'
        | 'Indian/Mahe'
        | 'Indian/Maldives'
        | 'Indian/Mauritius'
        | 'Indian/Mayotte'
        | 'Indian/Reunion'
        | 'Pacific/Apia'
        | 'Pacific/Auckland'
        | 'Pacific/Bougainville'
        | 'Pacific/Chatham'
        | 'Pacific/Easter'
        | 'Pacific/Efate'
        | 'Pacific/Enderbury'
        | 'Pacific/Fakaofo'
        | 'Pacific/Fiji'
        | 'Pacific/Funafuti'
        | 'Pacific/Galapagos'
        | 'Pacific/Gambier'
        | 'Pacific/Guadalcanal'
        | 'Pacific/Guam'
        | 'Pacific/Honolulu'
        | 'Pacific/Kiritimati'
        | 'Pacific/Kosrae'
        | 'Pacific/Kwajalein'
        | 'Pacific/Majuro'
        | 'Pacific/Marquesas'
        | 'Pacific/Midway'
        | 'Pacific/Nauru'
        | 'Pacific/Niue'
        | 'Pacific/Norfolk'
        | 'Pacific/Noumea'
        | 'Pacific/Pago_Pago'
        | 'Pacific/Palau'
        | 'Pacific/Pitcairn'
        | 'Pacific/Ponape'
        | 'Pacific/Port_Moresby'
        | 'Pacific/Rarotonga'
        | 'Pacific/Saipan'
        | 'Pacific/Tahiti'
        | 'Pacific/Tarawa'
        | 'Pacific/Tongatapu'
        | 'Pacific/Truk'
        | 'Pacific/Wake'
        | 'Pacific/Wallis';
      week: {
        mon: [string, string][];
        tue: [string, string][];
        wed: [string, string][];
        thu: [string, string][];
        fri: [string, string][];
        sat: [string, string][];
        sun: [string, string][];
      };
      /** @default [] */
      holidays: string[];
      specialDays?: {
        [key: string]: [string, string][];
      };
    };
    CustomerSummary: {
      id: string;
      name: string;
      /** @enum {string} */
      tier: 'standard' | 'premium';
      email: string | null;
      phone: string | null;
      organisation: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    Customer: components['schemas']['CustomerSummary'] & {
      /** @description newest first, at most 100 */
      cases: components['schemas']['CustomerCase'][];
      stats: {
        cases: number;
        /** @description cases not closed, rejected or withdrawn */
        openCases: number;
        complaints: number;
        ratings: {
          count: number;
          mean: number | null;
        };
      };
    };
    CustomerCase: {
      id: string;
      number: string;
      /** @enum {string} */
      type: 'inquiry' | 'complaint' | 'fault_report' | 'service_request' | 'technical_support';
      /** @enum {string} */
      status:
        | 'new'
        | 'investigating'
        | 'pending_customer'
        | 'pending_approval'
        | 'resolved'
        | 'awaiting_rating'
        | 'closed'
        | 'rejected'
        | 'withdrawn';
      /** @enum {string} */
      priority: 'urgent' | 'high' | 'normal' | 'low';
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      closedAt: string | null;
      /** @description the customer's rating score */
      rating: number | null;
    };
    ServiceQualityReport: {
      total: number;
      byStatus: {
        new: number;
        investigating: number;
        pending_customer: number;
        pending_approval: number;
        resolved: number;
        awaiting_rating: number;
        closed: number;
        rejected: number;
        withdrawn: number;
      };
      byType: {
        inquiry: number;
        complaint: number;
        fault_report: number;
        service_request: number;
        technical_support: number;
      };
      byPriority: {
        urgent: number;
        high: number;
        normal: number;
        low: number;
      };
      byChannel: {
        phone: number;
        email: number;
        web: number;
        chat: number;
        social: number;
        letter: number;
        walk_in: number;
        api: number;
      };
      /** @description complaints ÷ total */
      complaintRate: number | null;
      /** @description fault reports whose customer reported the same product within `repeatWithinDays` before (repeat faults) */
      repeatFaults: {
        count: number;
        /** @description fault reports naming a product */
        of: number;
        rate: number | null;
      };
      responseTime: components['schemas']['DurationStats'];
      resolutionTime: components['schemas']['DurationStats'] & unknown;
      responseBusinessTime: components['schemas']['DurationStats'] & unknown;
      resolutionBusinessTime: components['schemas']['DurationStats'] & unknown;
      slaCompliance: {
        respond: components['schemas']['ClockCompliance'];
        resolve: components['schemas']['ClockCompliance'];
        callback: components['schemas']['ClockCompliance'];
      };
      resolved: number;
      /** @description resolved ÷ total */
      resolutionRate: number | null;
      /** @description resolved without a reopen ÷ resolved */
      firstContactResolutionRate: number | null;
      /** @description reopened ÷ cases ever resolved */
      reopenRate: number | null;
      rating: {
        count: number;
        mean: number | null;
        distribution: {
          1: number;
          2: number;
          3: number;
          4: number;
          5: number;
        };
      };
      /**
       * Format: date-time
       * @example 2026-11-01T00:00:00Z
       */
      from: string;
      /**
       * Format: date-time
       * @example 2026-11-01T00:00:00Z
       */
      to: string;
      /** @enum {string|null} */
      groupBy:
        'type' | 'priority' | 'assignee' | 'channel' | 'team' | 'incident' | 'day' | 'week' | 'month' | null;
      groups?: {
        total: number;
        byStatus: {
          new: number;
          investigating: number;
          pending_customer: number;
          pending_approval: number;
          resolved: number;
          awaiting_rating: number;
          closed: number;
          rejected: number;
          withdrawn: number;
        };
        byType: {
          inquiry: number;
          complaint: number;
          fault_report: number;
          service_request: number;
          technical_support: number;
        };
        byPriority: {
          urgent: number;
          high: number;
          normal: number;
          low: number;
        };
        byChannel: {
          phone: number;
          email: number;
          web: number;
          chat: number;
          social: number;
          letter: number;
          walk_in: number;
          api: number;
        };
        /** @description complaints ÷ total */
        complaintRate: number | null;
        /** @description fault reports whose customer reported the same product within `repeatWithinDays` before (repeat faults) */
        repeatFaults: {
          count: number;
          /** @description fault reports naming a product */
          of: number;
          rate: number | null;
        };
        responseTime: components['schemas']['DurationStats'];
        resolutionTime: components['schemas']['DurationStats'] & unknown;
        responseBusinessTime: components['schemas']['DurationStats'] & unknown;
        resolutionBusinessTime: components['schemas']['DurationStats'] & unknown;
        slaCompliance: {
          respond: components['schemas']['ClockCompliance'];
          resolve: components['schemas']['ClockCompliance'];
          callback: components['schemas']['ClockCompliance'];
        };
        resolved: number;
        /** @description resolved ÷ total */
        resolutionRate: number | null;
        /** @description resolved without a reopen ÷ resolved */
        firstContactResolutionRate: number | null;
        /** @description reopened ÷ cases ever resolved */
        reopenRate: number | null;
        rating: {
          count: number;
          mean: number | null;
          distribution: {
            1: number;
            2: number;
            3: number;
            4: number;
            5: number;
          };
        };
        key: string | null;
      }[];
    };
    /** @description accepted − created */
    DurationStats: {
      count: number;
      mean: number | null;
      p50: number | null;
      p90: number | null;
    };
    ClockCompliance: {
      /** @description cases on which this clock ran */
      applicable: number;
      breached: number;
      /** @description share of applicable cases with no breach, 0..1 */
      compliance: number | null;
    };
    Session: {
      /** @enum {string} */
      role: 'integrator' | 'agent' | 'supervisor' | 'admin';
      name: string;
      /** @description how timelines name the caller */
      actor: string;
      agent: {
        id: string;
        name: string;
        team: string;
      } | null;
    };
    ReassignRequest: {
      caseIds: string[];
      assignee: string;
    };
    CaseChangeEvent: {
      /** @enum {string} */
      event: 'case' | 'resync';
      /** @description JSON: `{id, seq, status, breached}` for `case`, `{}` for `resync` */
      data: string;
      id?: string;
      retry?: number;
    };
    Team: {
      name: string;
      caseTypes: string[];
      minLevel: number;
      maxLevel: number;
      lead: string | null;
    };
    TeamInput: {
      /** @description the case types the team takes at first contact and on escalation; empty for a department that only takes transfers (e.g. quality) */
      caseTypes: ('inquiry' | 'complaint' | 'fault_report' | 'service_request' | 'technical_support')[];
      /** @default 1 */
      minLevel: number;
      /** @default 3 */
      maxLevel: number;
      /**
       * @description an agent's id: told of breaches, escalations and supervisor alerts on the team's cases (422 when no such agent)
       * @default null
       */
      lead: string | null;
    };
    Agent: {
      id: string;
      name: string;
      team: string;
      active: boolean;
      email: string | null;
    };
    AgentInput: {
      name: string;
      team: string;
      /** @default true */
      active: boolean;
      /**
       * Format: email
       * @description where copies of the agent’s notifications are mailed; null for none
       * @default null
       */
      email: string | null;
    };
    ApiKey: {
      id: string;
      name: string;
      /** @enum {string} */
      role: 'integrator' | 'agent' | 'supervisor' | 'admin';
      /** @description an integrator key limited to the cases its integration opened */
      scoped: boolean;
      createdAt: string;
      expiresAt: string | null;
      /** @description last authenticated use (to within 10 s) */
      lastUsedAt: string | null;
      revokedAt: string | null;
    };
    ApiKeyInput:
      | {
          /** @enum {string} */
          role: 'integrator' | 'agent' | 'supervisor' | 'admin';
          /** @description the person or system holding the key; for an agent key, its agent id */
          name: string;
          /** Format: date-time */
          expiresAt?: string;
          /** @description integrator keys only; default true: a scoped key reaches only the cases opened with keys of the same integration name, and their customers */
          scoped?: boolean;
        }
      | {
          /** @constant */
          role?: 'integrator';
        }
      | unknown;
    Notification: {
      id: string;
      caseId: string;
      caseNumber: string;
      /** @description the case event told of (its timeline entry) */
      seq: number;
      /**
       * @description the event type
       * @example sla.breached
       */
      type: string;
      /** @description the event's facts */
      data: {
        [key: string]: unknown;
      };
      /** @description the notice in each language */
      text: {
        'zh-CN': string;
        en: string;
      };
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      readAt: string | null;
    };
    NotificationAdded: {
      id: string;
      caseId: string;
    };
    EscalationRule: {
      level: number;
      /** @enum {string|null} */
      caseType: 'inquiry' | 'complaint' | 'fault_report' | 'service_request' | 'technical_support' | null;
      team: string;
      manager: string | null;
      notify: string[];
    };
    EscalationRuleInput: {
      /**
       * @description the kind of case this rule is for; absent or null: any kind without a rule of its own
       * @enum {string|null}
       */
      caseType?: 'inquiry' | 'complaint' | 'fault_report' | 'service_request' | 'technical_support' | null;
      /** @description the team that takes cases raised to this level */
      team: string;
      /** @description the manager involved (a person, as in an actor `role:name`), told with the team; level 3 */
      manager?: string | null;
      /** @description other people to tell */
      notify?: string[];
    };
    AuditEntry: {
      id: string;
      /** Format: date-time */
      at: string;
      /** @description `role:name`; `anonymous` for a refused sign-in */
      actor: string;
      /** @example team.put */
      action: string;
      /** @example team */
      targetType: string;
      targetId: string | null;
      /** @description the caller's address */
      address: string | null;
      requestId: string | null;
      /** @description a setting before the change (secrets removed) */
      before?: unknown;
      /** @description a setting after the change (secrets removed) */
      after?: unknown;
      details: {
        [key: string]: unknown;
      } | null;
    };
    WebhookSubscription: {
      id: string;
      url: string;
      events: string[];
      /** @description the integration it belongs to; null: admin's, every event */
      integration: string | null;
      active: boolean;
      paused: boolean;
      previousSecretValidUntil: string | null;
      createdAt: string;
    };
    WebhookSubscriptionInput: {
      /** Format: uri */
      url: string;
      /**
       * @default [
       *       "*"
       *     ]
       */
      events: (
        | '*'
        | (
            | 'case.opened'
            | 'case.classified'
            | 'case.assigned'
            | 'case.accepted'
            | 'case.findings_recorded'
            | 'case.note_added'
            | 'case.waiting_for_customer'
            | 'case.customer_replied'
            | 'case.customer_reminded'
            | 'case.resolution_proposed'
            | 'case.approval_requested'
            | 'case.approved'
            | 'case.approval_rejected'
            | 'case.resolved'
            | 'case.callback'
            | 'case.rated'
            | 'case.escalated'
            | 'case.priority_changed'
            | 'case.transferred'
            | 'case.transfer_refused'
            | 'case.handed_back'
            | 'case.team_changed'
            | 'case.reopened'
            | 'case.closed'
            | 'case.rejected'
            | 'case.withdrawn'
            | 'sla.warning'
            | 'sla.breached'
            | 'sla.extended'
            | 'sla.rating_expired'
            | 'supervisor.notified'
            | 'case.incident_linked'
            | 'case.incident_update'
            | 'case.incident_unlinked'
            | 'incident.opened'
            | 'incident.updated'
            | 'incident.resolved'
            | 'incident.cancelled'
          )
      )[];
      /** @description default: a new `whsec_<base64>` secret (Standard Webhooks). A secret of another form also signs; see docs/api.md for how receivers key it. */
      secret?: string;
      /** @description the integration (an integrator key's name) it belongs to: it receives only events of the cases that integration opened and of incidents linked to them. An integrator key's subscriptions always belong to its own integration; admin's without one receive every event. */
      integration?: string;
    };
    WebhookSubscriptionChange: {
      paused: boolean;
    };
    WebhookSecretRotation: {
      secret?: string;
      /** @default 86400 */
      overlapSeconds: number;
    };
    WebhookDelivery: {
      eventId: string;
      caseId: string;
      sequence: number;
      /** @enum {string} */
      status: 'pending' | 'delivered' | 'failed' | 'cancelled';
      attempts: number;
      nextAttemptAt: string | null;
      lastStatusCode: number | null;
      lastError: string | null;
      lastAttemptAt: string | null;
      deliveredAt: string | null;
    };
    /** @description Temporal payloads as JSON, bytes in base64 */
    CodecPayloads: {
      payloads: {
        metadata?: {
          [key: string]: string;
        };
        data?: string;
      }[];
    };
    CodecAccess: {
      at: string;
      /** @description who decoded, as role:name */
      actor: string;
      keyId: string;
      /**
       * @description Web UI session cookie or Bearer key
       * @enum {string}
       */
      via: 'session' | 'key';
      workflowIds: string[];
      /** @description cases whose personal data the payloads held */
      caseIds: string[];
      payloads: number;
    };
    /** @description a signed link to the customer's case page */
    CustomerLink: {
      url: string;
      expiresAt: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listCases: {
    parameters: {
      query?: {
        /** @description comma-separated: new, investigating, pending_customer, pending_approval, resolved, awaiting_rating, closed, rejected, withdrawn */
        status?: string;
        /** @description comma-separated: inquiry, complaint, fault_report, service_request, technical_support */
        type?: string;
        /** @description comma-separated: urgent, high, normal, low */
        priority?: string;
        customerId?: string;
        assignee?: string;
        breached?: 'true' | 'false';
        /** @description true: only cases nobody is assigned to */
        unassigned?: 'true' | 'false';
        /** @description true: only cases assigned to the caller (by name or as actor) */
        mine?: 'true' | 'false';
        /** @description only cases this team is responsible for (a department those transferred to it) or assigned to one of its agents */
        team?: string;
        /** @description support levels, comma-separated: 1,2 */
        level?: string;
        /** @description words (any script, Chinese included) that must all occur in the subject, description or customer name; case-insensitive */
        q?: string;
        /** @description only the cases opened with this externalRef (exact match) */
        externalRef?: string;
        /** @description only cases updated at or after this instant, listed by update time (oldest first, then id): page on to catch up on every change (a case changed again reappears later) */
        updatedSince?: string;
        /** @description createdAt: newest first; nextDeadline: soonest deadline first, none last; updatedAt: least recently updated first; priority: urgent first, then high, normal, low, each soonest deadline first (none last). Default: updatedAt with updatedSince (a sync), else createdAt */
        sort?: 'createdAt' | 'nextDeadline' | 'updatedAt' | 'priority';
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a page of cases */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Case'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description invalid filter, limit above 200 or bad cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  openCase: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OpenCaseRequest'];
      };
    };
    responses: {
      /** @description the case an earlier request with this Idempotency-Key opened */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description the new case */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the case */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCaseTimeline: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description every event, in order */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['TimelineItem'][];
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  acceptCase: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          assignee?: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  assignCase: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          assignee: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rejectCase: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  recordFindings: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          summary: string;
          rootCause?: string;
          onSite?: boolean;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  waitForCustomer: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          question: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  recordCustomerReply: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          message: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  proposeResolution: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          summary: string;
          /** @enum {string} */
          remedy: 'repair' | 'replace' | 'refund' | 'compensation' | 'guidance' | 'other';
          amount?: number;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  decideApproval: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          decision: 'approve' | 'reject';
          comment?: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  recordCallback: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reached: boolean;
          solved: boolean;
          notes?: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rateCase: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          score: number;
          comment?: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  escalateCase: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addNote: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          text: string;
          /** @enum {string} */
          visibility: 'internal' | 'public';
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  withdrawCase: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  extendDeadline: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          clock: 'respond' | 'resolve' | 'callback' | 'rate' | 'findings';
          /**
           * Format: date-time
           * @description the new deadline; at most 731 days from now
           * @example 2026-11-23T09:00:00Z
           */
          until?: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          by?: string;
          reason: string;
        } & (unknown | unknown);
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  changePriority: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          priority: 'urgent' | 'high' | 'normal' | 'low';
          reason?: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  transferCase: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description the department (a team) that takes the case */
          team: string;
          reason: string;
          /**
           * @description working time on the policy's calendar for the department's findings, when the policy sets no findingsWithin (default P3D)
           * @example PT4H
           */
          findingsWithin?: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description no team of that name, or Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  refuseTransfer: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description the case after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description neither a member of the department that has the case nor a supervisor */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not allowed in the case's current state (the body says its status and what refused it) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listIncidents: {
    parameters: {
      query?: {
        status?: 'open' | 'monitoring' | 'resolved' | 'cancelled';
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description incidents */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Incident'][];
          };
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  openIncident: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OpenIncidentRequest'];
      };
    };
    responses: {
      /** @description the new incident */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Incident'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown incident */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the incident is resolved or cancelled (the body says its status) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getIncident: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the incident */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Incident'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown incident */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postIncidentUpdate: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['IncidentUpdateRequest'];
      };
    };
    responses: {
      /** @description the incident with the new message */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Incident'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown incident */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the incident is resolved or cancelled (the body says its status) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  resolveIncident: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ResolveIncidentRequest'];
      };
    };
    responses: {
      /** @description the resolved incident */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Incident'];
        };
      };
      /** @description the resolution is proposed and waits for a second supervisor */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Incident'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown incident */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the incident is resolved or cancelled (the body says its status) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  decideIncidentResolution: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['IncidentApprovalRequest'];
      };
    };
    responses: {
      /** @description the incident after the decision */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Incident'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown incident */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the incident is resolved or cancelled (the body says its status) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelIncident: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CancelIncidentRequest'];
      };
    };
    responses: {
      /** @description the cancelled incident */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Incident'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown incident */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the incident is resolved or cancelled (the body says its status) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listIncidentCases: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description linked cases with their status and the last message each has */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              caseId: string;
              number: string;
              status: string;
              linkedAt: string;
              lastMessageSeq: number;
            }[];
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown incident */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  linkIncidentCases: {
    parameters: {
      query?: never;
      header?: {
        /** @description repeat a request safely: the same key answers the stored outcome */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LinkCasesRequest'];
      };
    };
    responses: {
      /** @description what happened to each case */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinkOutcomes'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown incident */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the incident is resolved or cancelled (the body says its status) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  unlinkIncidentCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        caseId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description unlinked */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinkOutcomes'];
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown incident */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the incident is resolved or cancelled (the body says its status) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Conflict'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getIncidentReport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IncidentReport'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown incident */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSlaPolicies: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description all policies */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['SlaPolicy'][];
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putSlaPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SlaPolicyInput'];
      };
    };
    responses: {
      /** @description the policy */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaPolicy'];
        };
      };
      /** @description invalid policy, unknown calendar (the policy's or one a `…On` field names), or a duration that ends beyond the ten-year horizon */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listBusinessCalendars: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description all calendars, 24x7 included */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['BusinessCalendar'][];
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putBusinessCalendar: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BusinessCalendarInput'];
      };
    };
    responses: {
      /** @description the calendar */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BusinessCalendar'];
        };
      };
      /** @description invalid calendar */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  computeDueTime: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: date-time
           * @description an ISO 8601 time in the years 2000 to 2099
           * @example 2026-11-23T09:00:00Z
           */
          from: string;
          /**
           * @description ISO 8601 duration in weeks, days, hours, minutes or seconds: days part at most P366D, time part at most PT8784H
           * @example PT4H
           */
          duration: string;
          pauses?: {
            /**
             * Format: date-time
             * @description an ISO 8601 time in the years 2000 to 2099
             * @example 2026-11-23T09:00:00Z
             */
            from: string;
            /**
             * Format: date-time
             * @description an ISO 8601 time in the years 2000 to 2099
             * @example 2026-11-23T09:00:00Z
             */
            to: string;
          }[];
        };
      };
    };
    responses: {
      /** @description the due moment */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            due: string;
          };
        };
      };
      /** @description invalid input, or a deadline more than about ten years (3660 days) ahead */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown calendar */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCustomers: {
    parameters: {
      query?: {
        /** @description part of the name, email, phone, organisation or id (case-insensitive) */
        query?: string;
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a page of customers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['CustomerSummary'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description limit above 200 or bad cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the customer, its newest cases and figures over all its cases */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Customer'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown customer */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getServiceQualityReport: {
    parameters: {
      query: {
        /** @description cases created at or after this time (years 2000 to 2099) */
        from: string;
        /** @description cases created before this time; must be after `from` */
        to: string;
        /** @description type, priority, assignee, channel, team (the team responsible; for cases from before teams owned work, the assignee's), or a period: day, week (from Monday), month — trends */
        groupBy?:
          'type' | 'priority' | 'assignee' | 'channel' | 'team' | 'incident' | 'day' | 'week' | 'month';
        /** @description where periods (groupBy day, week, month) begin */
        timeZone?: string;
        /** @description a fault report repeats when the same customer reported the same product this many days before */
        repeatWithinDays?: number;
        /** @description only this customer's cases */
        customerId?: string;
        /** @description only the cases linked to this incident */
        incidentId?: string;
        /** @description overrides the Accept header */
        format?: 'json' | 'csv';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the report (or text/csv when asked for) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ServiceQualityReport'];
          'text/csv': string;
        };
      };
      /** @description from/to missing or not ISO times, from not before to, or unknown groupBy */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the role may not read reports */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the database is unavailable; retry */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the caller */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Session'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          apiKey: string;
        };
      };
    };
    responses: {
      /** @description signed in */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Session'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown or revoked key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description signed out */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  reassignCases: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReassignRequest'];
      };
    };
    responses: {
      /** @description a result per case, in the order given */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            results: {
              id: string;
              /** @description the HTTP status this case alone would have got */
              status: number;
              case?: components['schemas']['Case'];
              problem?: {
                title: string;
                detail: string;
              };
            }[];
          };
        };
      };
      /** @description invalid input */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  streamCaseChanges: {
    parameters: {
      query: {
        /** @description `all`, or the ids of the cases to follow, comma-separated */
        cases: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description text/event-stream */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['CaseChangeEvent'];
        };
      };
      /** @description no `cases` given */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a scoped integrator asked for `all` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a case the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTeams: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description teams */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Team'][];
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putTeam: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TeamInput'];
      };
    };
    responses: {
      /** @description the team */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Team'];
        };
      };
      /** @description invalid team */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the lead is no agent of the directory */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAgents: {
    parameters: {
      query?: {
        team?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description agents */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Agent'][];
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putAgent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AgentInput'];
      };
    };
    responses: {
      /** @description the agent */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agent'];
        };
      };
      /** @description invalid agent or unknown team */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listApiKeys: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description keys */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ApiKey'][];
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApiKeyInput'];
      };
    };
    responses: {
      /** @description the new key */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'] & {
            key: string;
          };
        };
      };
      /** @description invalid, or an agent key for no active agent */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description revoked */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no such active key */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listNotifications: {
    parameters: {
      query?: {
        /** @description `true`: only the ones not read yet */
        unread?: 'true' | 'false';
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description notifications, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Notification'][];
            nextCursor: string | null;
            unread: number;
          };
        };
      };
      /** @description invalid filter or cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  streamNotifications: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description text/event-stream */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['NotificationAdded'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  markNotificationRead: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the notification, read */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Notification'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no such notification of the caller */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listEscalationRules: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the rules */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['EscalationRule'][];
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putEscalationRule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        level: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EscalationRuleInput'];
      };
    };
    responses: {
      /** @description the rule */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EscalationRule'];
        };
      };
      /** @description invalid rule or level */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no team of that name */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAuditLog: {
    parameters: {
      query?: {
        actor?: string;
        action?: string;
        targetType?: string;
        targetId?: string;
        /** @description entries at or after this instant */
        since?: string;
        /** @description entries before this instant */
        until?: string;
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description entries, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['AuditEntry'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description invalid filter or cursor */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhooks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description subscriptions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['WebhookSubscription'][];
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookSubscriptionInput'];
      };
    };
    responses: {
      /** @description the subscription and its secret */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookSubscription'] & {
            secret: string;
          };
        };
      };
      /** @description invalid, or a loopback, private, link-local or metadata address */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description an integrator key naming another integration than its own */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookSubscription'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown subscription */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description unsubscribed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown subscription */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookSubscriptionChange'];
      };
    };
    responses: {
      /** @description the subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookSubscription'];
        };
      };
      /** @description invalid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown subscription */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['WebhookSecretRotation'];
      };
    };
    responses: {
      /** @description the subscription and its new secret */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookSubscription'] & {
            secret: string;
          };
        };
      };
      /** @description invalid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown subscription */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  pingWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description queued */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDelivery'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown subscription */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  redeliverWebhookDelivery: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        eventId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description queued again */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDelivery'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown subscription or delivery */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        status?: 'pending' | 'delivered' | 'failed' | 'cancelled';
        caseId?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description deliveries */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['WebhookDelivery'][];
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown subscription */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  eraseCustomerPersonalData: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description erased */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            customerId: string;
            cases: number;
            erasedAt: string;
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown customer */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  decodePayloads: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CodecPayloads'];
      };
    };
    responses: {
      /** @description decoded payloads, personal data revealed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CodecPayloads'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  encodePayloads: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CodecPayloads'];
      };
    };
    responses: {
      /** @description encoded payloads */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CodecPayloads'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCodecLoginPage: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description an HTML form */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  openCodecSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          key: string;
        };
      };
    };
    responses: {
      /** @description session cookie set */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key is not a supervisor or admin key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCodecAccess: {
    parameters: {
      query?: {
        caseId?: string;
        actor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description decodes, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['CodecAccess'][];
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  issueCustomerLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the link */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerLink'];
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeCustomerLinks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description revoked */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            revokedBefore: string;
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description no or unknown API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description the key's role may not do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getLiveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the process is alive */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ok';
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ready */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            status: string;
            checks: {
              [key: string]: string;
            };
          };
        };
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency is down */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOpenApiDocument: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description malformed or invalid input; `errors` names each field, and where it is */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description rate limited; see Retry-After and RateLimit headers */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description a dependency (Temporal, the database) is unavailable; retry after Retry-After seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}
