/**
 * A conversation's first response and queue wait, both measured from its (latest) request for a person,
 * or its start when an agent opened it. The wait ends when an agent first took it or answered, whichever
 * came first: a transfer moves `assignedAt` later but does not lengthen the wait, so one conversation's
 * wait is never longer than its first response. An answer from before the latest request (the chat was
 * requeued after it) is not this request's first response, and is left out.
 */
export function responseTimes(at: {
  created: number;
  queued: number | null;
  assigned: number | null;
  answered: number | null;
}): { firstResponse: number | null; queueWait: number | null } {
  const requested = at.queued ?? at.assigned ?? at.created;
  const answered = at.answered !== null && at.answered >= requested ? at.answered : null;
  const assigned = at.assigned !== null && at.assigned >= requested ? at.assigned : null;
  const taken = [assigned, answered].filter((time): time is number => time !== null);
  return {
    firstResponse: answered === null ? null : answered - requested,
    queueWait: at.queued === null || taken.length === 0 ? null : Math.min(...taken) - at.queued,
  };
}
